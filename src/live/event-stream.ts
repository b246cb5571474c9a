import type { ServerResponse } from 'node:http';
import type { LiveEventRow } from './live-visibility';

/** How often a comment line keeps proxies from closing an idle stream (and the session is checked again). */
export const HEARTBEAT_MS = 15_000;

/**
 * One client's Server-Sent Events stream. Each event's `id:` is a position to resume from (Last-Event-ID): every event
 * up to it has reached this client. An event may be sent again after a reconnect; its `data.id` tells it apart.
 */
export class EventStream {
  private readonly sent = new Set<string>();
  private position: number;
  closed = false;

  constructor(
    private readonly res: ServerResponse,
    resumeFrom: number,
  ) {
    this.position = resumeFrom;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // nginx: pass each event on as it comes
    });
    // retry: how soon a browser's EventSource reconnects on its own
    res.write(`retry: 2000\n\n`);
  }

  send(e: LiveEventRow, position: number): void {
    if (this.closed || this.sent.has(e.id)) return;
    this.sent.add(e.id);
    if (this.sent.size > 10_000) this.sent.delete(this.sent.values().next().value!);
    this.position = Math.max(this.position, position);
    // authorId: the author is shown with the comment to whoever may receive its events (or it is the reader)
    // the envelope last: no payload field can stand in for the event's own id, kind or document
    const data = {
      ...e.payload,
      ...(e.authorId ? { authorId: e.authorId } : {}),
      id: e.id,
      kind: e.kind,
      documentId: e.documentId,
    };
    this.res.write(`id: ${this.position}\nevent: ${e.kind}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Tells the client to read everything again: events it missed are no longer kept. */
  reset(position: number): void {
    this.position = Math.max(this.position, position);
    this.control('reset', position);
  }

  heartbeat(): void {
    if (!this.closed) this.res.write(`: keep-alive\n\n`);
  }

  /** A last event saying why, then the end of the stream. */
  end(reason: 'shutdown' | 'unauthenticated'): void {
    if (this.closed) return;
    this.control(reason, this.position);
    this.closed = true;
    this.res.end();
  }

  private control(kind: string, position: number): void {
    if (!this.closed) this.res.write(`id: ${position}\nevent: ${kind}\ndata: ${JSON.stringify({ kind })}\n\n`);
  }
}
