import { Injectable, type OnModuleInit } from '@nestjs/common';
import { VersionAccess } from '../consultations/version-access';
import { LiveHub } from './live-hub.service';

/** The live events after which what a delegate may read can have changed. */
const ACCESS_EVENTS = ['consultation.opened', 'consultation.changed'] as const;

/**
 * Tells the delegates' access cache (VersionAccess) of every change of a document's consultations, whichever
 * instance (or whatever SQL) made it: the consultations table's trigger writes a live event that every instance reads
 * within moments of the commit. While this instance's LISTEN connection is down the cache is not used.
 */
@Injectable()
export class AccessInvalidation implements OnModuleInit {
  constructor(
    private readonly hub: LiveHub,
    private readonly access: VersionAccess,
  ) {}

  onModuleInit(): void {
    for (const kind of ACCESS_EVENTS) this.hub.on(kind, (e) => this.access.forgetDocument(e.documentId));
    this.access.attachInvalidation({ trusted: () => this.hub.isListening });
  }
}
