import * as path from 'node:path';

/** What reading one .docx may cost (see src/documents/docx-reader.ts). */
export interface DocxLimits {
  /** Files in the archive (DOCX_MAX_ENTRIES). */
  maxEntries: number;
  /** The XML parts that are read, inflated, in total: declared sizes first, then the bytes actually inflated. */
  maxUncompressedBytes: number;
  /** Inflated size over compressed size of one part (above 1 MiB). */
  maxRatio: number;
  /** Heap of the worker thread that turns the XML into text (DOCX_EXTRACT_MEMORY_MB). */
  memoryMb: number;
  /** Time that worker may take before it is stopped (DOCX_EXTRACT_TIMEOUT_MS). */
  timeoutMs: number;
}

const MiB = 1024 * 1024;

/** The defaults, also used by the command-line tool (which reads no environment). */
export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxEntries: 1000,
  maxUncompressedBytes: 32 * MiB,
  maxRatio: 200,
  memoryMb: 512,
  timeoutMs: 30_000,
};

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
  /** Largest uploaded file, in bytes, before anything is read from it (a .docx's text is checked again after). */
  maxUploadBytes: number;
  docx: DocxLimits;
  /** Largest comment body, in characters. */
  maxCommentChars: number;
  sessionTtlHours: number;
  logLevel: string;
  /** Run migrations at start-up (default true). */
  migrate: boolean;
  /** Connections in the pool to a PostgreSQL server (DATABASE_POOL_SIZE, default 20; the embedded database has one). */
  databasePoolSize: number;
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
  const maxTextBytes = attempt(() => intSetting(env, 'MAX_TEXT_BYTES', 2 * MiB, 1024, 50 * MiB), 0);
  const maxUploadBytes = attempt(() => intSetting(env, 'MAX_UPLOAD_BYTES', 32 * MiB, 1024, 1024 * MiB), 0);
  const d = DEFAULT_DOCX_LIMITS;
  const docx: DocxLimits = {
    maxEntries: attempt(() => intSetting(env, 'DOCX_MAX_ENTRIES', d.maxEntries, 10, 100_000), 0),
    maxUncompressedBytes: attempt(() => intSetting(env, 'DOCX_MAX_UNCOMPRESSED_BYTES', d.maxUncompressedBytes, 64 * 1024, 1024 * MiB), 0),
    maxRatio: attempt(() => intSetting(env, 'DOCX_MAX_RATIO', d.maxRatio, 10, 10_000), 0),
    memoryMb: attempt(() => intSetting(env, 'DOCX_EXTRACT_MEMORY_MB', d.memoryMb, 32, 16_384), 0),
    timeoutMs: attempt(() => intSetting(env, 'DOCX_EXTRACT_TIMEOUT_MS', d.timeoutMs, 500, 600_000), 0),
  };
  const maxCommentChars = attempt(() => intSetting(env, 'MAX_COMMENT_CHARS', 5000, 100, 100000), 0);
  const sessionTtlHours = attempt(() => intSetting(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90), 12);
  const databasePoolSize = attempt(() => intSetting(env, 'DATABASE_POOL_SIZE', 20, 1, 500), 20);
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
    maxUploadBytes,
    docx,
    maxCommentChars,
    sessionTtlHours,
    logLevel: env.LOG_LEVEL || 'info',
    migrate: migrateRaw === 'true',
    databasePoolSize,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
