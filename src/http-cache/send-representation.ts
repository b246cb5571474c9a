import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import type { Encoding, Representation } from './representation';

/**
 * How long a client may keep an answer. Only the client: every policy is `private` (answers depend on the bearer
 * token), and every answer varies on Authorization, so a browser shared by two users never hands one user's cached
 * answer to the other without asking the service.
 */
export const CACHE_POLICY = {
  /** Never changes at all: a version's text, the patch between two texts (versions are insert-only). */
  forever: 'private, max-age=31536000, immutable',
  /**
   * A released version's clause tree and a diff, as a delegate reads them: immutable except for the clause keys,
   * which a drafter's alignment correction renames (then the ETag changes). A delegate's copy is kept an hour.
   */
  released: 'private, max-age=3600, immutable',
  /** Asked again every time (the ETag makes an unchanged answer a 304): everything that changes. */
  revalidate: 'private, no-cache',
} as const;

/** What a route answers with cached bytes: the representation and how long the client may keep it. */
export interface CachedAnswer {
  representation: Representation;
  cacheControl: string;
}

export const VARY = 'Authorization, Accept-Encoding';

/** The headers of an answer sent by sendRepresentation, for the OpenAPI document (@ApiOkResponse({ headers })). */
export const CACHED_ANSWER_HEADERS = {
  ETag: {
    description: 'Strong validator of these bytes in this encoding; send it back in If-None-Match for a 304',
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: `${CACHE_POLICY.forever} (a text, a patch), ${CACHE_POLICY.released} (a delegate's tree or diff) or ${CACHE_POLICY.revalidate}`,
    schema: { type: 'string' },
  },
  'Content-Encoding': {
    description: 'br or gzip when the client accepts it and the body is 1 KB or more',
    schema: { type: 'string' },
  },
  Vary: { description: VARY, schema: { type: 'string' } },
};

const OFFERED: Encoding[] = ['br', 'gzip', 'identity'];

/** The encoding to send: brotli, then gzip, when the client accepts it and the body is worth compressing. */
export function negotiateEncoding(req: IncomingMessage, compressible: boolean): Encoding {
  if (!compressible || !req.headers['accept-encoding']) return 'identity';
  // negotiator 1.x takes the server's order for equal q-values ({preferred}); @types/negotiator predates it
  const negotiator = new Negotiator(req) as unknown as {
    encoding(a: readonly string[], o: { preferred: readonly string[] }): string | undefined;
  };
  return (negotiator.encoding(OFFERED, { preferred: OFFERED }) as Encoding | undefined) ?? 'identity';
}

/**
 * Writes a cached representation: 304 when If-None-Match names it, else its bytes in the negotiated encoding with a
 * strong ETag, Cache-Control and Vary. The caller has checked that the user may read it.
 */
export async function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: Representation,
  cacheControl: string,
): Promise<void> {
  const encoding = negotiateEncoding(req, rep.compressible);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', VARY);
  res.setHeader('ETag', rep.etag(encoding));
  if (rep.matches(req.headers['if-none-match'])) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const bytes = await rep.bytes(encoding);
  res.statusCode = 200;
  res.setHeader('Content-Type', rep.mediaType);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', bytes.length);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
