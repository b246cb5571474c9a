/**
 * Errors that mean "the database cannot be reached right now", as node-postgres, pg-pool and TypeORM raise them
 * (TypeORM's QueryFailedError copies the driver error's fields and keeps it as `driverError`). Ordinary query
 * errors (constraint violations, syntax, serialisation failures) are not among them.
 */

/** Socket-level failures: refused, reset, unreachable, name not resolved. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
 * (starting up or in recovery), 53300 too_many_connections.
 */
const isUnavailableSqlState = (code: string) =>
  /^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);

/** The messages pg and pg-pool use for a lost or never-made connection; they carry no code. */
const MESSAGES = [
  /^Connection terminated/, // unexpectedly / due to connection timeout
  /^timeout exceeded when trying to connect$/, // pool: no connection within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Query read timeout$/,
];

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 3) return false;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof err.code === 'string' && (SOCKET_CODES.has(err.code) || isUnavailableSqlState(err.code))) return true;
  if (typeof err.message === 'string' && MESSAGES.some((re) => re.test(err.message as string))) return true;
  // an AggregateError (one refusal per address of "localhost"), a wrapped driver error, an error's cause
  const inner = [err.driverError, err.cause, ...(Array.isArray(err.errors) ? (err.errors as unknown[]) : [])];
  return inner.some((x) => x !== e && isDatabaseUnavailable(x, depth + 1));
}

/** Text PostgreSQL refused to store: 22021 character_not_in_repertoire (e.g. 0x00), 22P05 untranslatable_character. */
export function isUnstorableText(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}
