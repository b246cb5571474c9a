import * as path from 'node:path';

/** Every setting the service reads, read once at start-up and validated. Documented in the README. */
export interface AppConfig {
  port: number;
  host: string;
  /** A PostgreSQL server; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  bootstrapAdminPassword: string | null;
  /** auto: load the demo on first start of an empty embedded database; always: also on an external one; never. */
  demo: 'auto' | 'always' | 'never';
  /** Largest draft text accepted, in bytes (UTF-8). */
  maxTextBytes: number;
  /** Largest comment body, in characters. */
  maxCommentChars: number;
  sessionTtlHours: number;
  logLevel: string;
  /** Run migrations at start-up (default true). */
  migrate: boolean;
  /** Connections in the pool to a PostgreSQL server (DATABASE_POOL_SIZE, default 20; the embedded database has one). */
  databasePoolSize: number;
  /** Longest wait for a connection to the PostgreSQL server (a new one, or a free one from the pool); then 503. */
  databaseConnectTimeoutMs: number;
}

export class ConfigError extends Error {}

function intSetting(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (e) {
      problems.push((e as Error).message);
      return fallback;
    }
  };
  const port = attempt(() => intSetting(env, 'PORT', 3000, 0, 65535), 3000);
  const maxTextBytes = attempt(() => intSetting(env, 'MAX_TEXT_BYTES', 2 * 1024 * 1024, 1024, 50 * 1024 * 1024), 0);
  const maxCommentChars = attempt(() => intSetting(env, 'MAX_COMMENT_CHARS', 5000, 100, 100000), 0);
  const sessionTtlHours = attempt(() => intSetting(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90), 12);
  const databasePoolSize = attempt(() => intSetting(env, 'DATABASE_POOL_SIZE', 20, 1, 500), 20);
  const databaseConnectTimeoutMs = attempt(() => intSetting(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000), 5000);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://; got "${databaseUrl.slice(0, 30)}…"`);
  }
  const demoRaw = (env.DEMO ?? 'auto').toLowerCase();
  if (!['auto', 'always', 'never'].includes(demoRaw)) problems.push(`DEMO must be auto, always or never; got "${demoRaw}"`);
  const password = env.BOOTSTRAP_ADMIN_PASSWORD ?? null;
  if (password !== null && password.length > 0 && password.length < 8) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must have at least 8 characters');
  }
  const migrateRaw = (env.MIGRATE ?? 'true').toLowerCase();
  if (!['true', 'false'].includes(migrateRaw)) problems.push(`MIGRATE must be true or false; got "${migrateRaw}"`);
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    bootstrapAdminPassword: password || null,
    demo: demoRaw as AppConfig['demo'],
    maxTextBytes,
    maxCommentChars,
    sessionTtlHours,
    logLevel: env.LOG_LEVEL || 'info',
    migrate: migrateRaw === 'true',
    databasePoolSize,
    databaseConnectTimeoutMs,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
