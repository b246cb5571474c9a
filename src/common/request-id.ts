import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request id a client or proxy may hand in (X-Request-Id): short, and only characters safe in a log line. */
const GIVEN_ID = /^[\w.:-]{1,100}$/;

/**
 * The id of a request, made once and kept on `req.id` (where pino-http looks for it) and in the answer's
 * X-Request-Id header, so that a person who reports an error names the log line that explains it. A well-formed
 * X-Request-Id from the client (or a proxy in front) is kept, so one id can follow a request across services.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string' && req.id) return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
  req.id = id;
  if (!res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}
