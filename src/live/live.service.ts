import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionRevocations } from '../accounts/session-revocations';
import { SessionsService } from '../accounts/sessions.service';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { DocumentsService } from '../documents/documents.service';
import { EventStream, HEARTBEAT_MS } from './event-stream';
import { LiveHub, type LiveSubscriber } from './live-hub.service';
import type { LiveEventRow } from './live-visibility';

/** Opens event streams: checks the reader may see the document, replays what a reconnecting client missed, then follows. */
@Injectable()
export class LiveService implements OnModuleInit {
  /** The session behind each open stream, to end it when the session ends. */
  private readonly sessions = new Map<LiveSubscriber, { tokenHash: string; userId: string }>();

  constructor(
    private readonly hub: LiveHub,
    private readonly documents: DocumentsService,
    private readonly sessionService: SessionsService,
    private readonly revocations: SessionRevocations,
  ) {}

  onModuleInit(): void {
    // A logout or a change of rights ends the streams of the sessions concerned at once, on every instance.
    this.revocations.subscribe((r) => {
      for (const [sub, s] of this.sessions) {
        if (!r || ('tokenHash' in r ? r.tokenHash === s.tokenHash : r.userId === s.userId))
          void this.recheck(sub, s.tokenHash);
      }
    });
  }

  async open(
    user: AuthUser,
    tokenHash: string,
    documentId: string,
    resume: string | undefined,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (resume !== undefined && !/^\d{1,18}$/.test(resume)) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'Last-Event-ID must be the decimal position of an event this stream sent.',
      );
    }
    await this.documents.getDocumentFor(user, documentId); // 404 for a document the user may not see
    const from = resume === undefined ? this.hub.position : Number(resume);
    const stream = new EventStream(res, from);
    const queued: LiveEventRow[] = [];
    let replaying = true;
    const sub: LiveSubscriber = {
      documentId,
      reader: user,
      deliver: (e) => (replaying ? queued.push(e) : stream.send(e, this.positionOf(e))),
      close: (reason) => stream.end(reason),
    };
    const unsubscribe = this.hub.subscribe(sub); // before the replay: nothing falls between the two
    this.sessions.set(sub, { tokenHash, userId: user.id });
    const heartbeat = setInterval(() => {
      stream.heartbeat();
      void this.recheck(sub, tokenHash);
    }, HEARTBEAT_MS);
    const done = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.sessions.delete(sub);
      stream.closed = true;
    };
    req.on('close', done);
    try {
      if (resume !== undefined) {
        const { events, reset } = await this.hub.replay(documentId, user, from);
        if (reset) stream.reset(this.hub.position);
        for (const e of events) stream.send(e, this.positionOf(e));
      }
    } finally {
      replaying = false;
      for (const e of queued) stream.send(e, this.positionOf(e));
    }
  }

  /**
   * The position an event goes out with (its SSE id, what the client resumes from): the hub's, but never past the
   * event itself. A client cut off in the middle of a replay, or of a batch, then resumes before the events it did
   * not get — it may receive one again (it drops ids it has seen), never miss one.
   */
  private positionOf(e: LiveEventRow): number {
    return Math.min(this.hub.position, Number(e.id));
  }

  private async recheck(sub: LiveSubscriber, tokenHash: string): Promise<void> {
    const user = await this.sessionService.userForTokenHash(tokenHash, true).catch(() => undefined);
    if (user === null || (user && (user.role !== sub.reader.role || user.groupId !== sub.reader.groupId)))
      sub.close('unauthenticated');
  }
}
