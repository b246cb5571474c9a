import { Injectable, type OnModuleInit } from '@nestjs/common';
import { VersionAccess } from '../consultations/version-access';
import { LiveHub } from './live-hub.service';

/**
 * The live events after which what a delegate may read can have shrunk: a changed consultation (its audience or its
 * opening moved by SQL — no route changes them — or its closing). A new consultation only adds readers, and only
 * positive answers are kept, so 'consultation.opened' needs no forgetting.
 */
const ACCESS_EVENTS = ['consultation.changed'] as const;

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
