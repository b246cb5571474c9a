import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: Record<string, unknown>;
}

export interface SseClient {
  status: number;
  events: SseEvent[];
  /** Resolves with the first event (already received or to come) that `pred` accepts; rejects after `ms`. */
  waitFor(pred: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens an event stream on the app's server (listening on a free port if it is not yet) and parses its events. */
export async function openSse(server: Server, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream', ...headers } },
      (res) => {
        const events: SseEvent[] = [];
        const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
        let buffer = '';
        let endedResolve: () => void = () => undefined;
        const ended = new Promise<void>((r) => (endedResolve = r));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const e: SseEvent = { event: 'message', data: {} };
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) e.id = line.slice(4);
              else if (line.startsWith('event: ')) e.event = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (!data) continue;
            e.data = JSON.parse(data);
            events.push(e);
            for (const w of [...waiters]) {
              if (!w.pred(e)) continue;
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(e);
            }
          }
        });
        res.on('end', endedResolve);
        res.on('close', endedResolve);
        resolve({
          status: res.statusCode!,
          events,
          ended,
          waitFor: (pred, ms = 10_000) =>
            new Promise((ok, fail) => {
              const hit = events.find(pred);
              if (hit) return ok(hit);
              const timer = setTimeout(
                () => fail(new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`)),
                ms,
              );
              waiters.push({ pred, resolve: (e) => (clearTimeout(timer), ok(e)) });
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
  });
}
