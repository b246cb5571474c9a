import * as path from 'node:path';
import { passwordMessage, passwordProblem } from '../accounts/password-policy';

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
  /** Longest wait for a connection to the PostgreSQL server (a new one, or a free one from the pool); then 503. */
  databaseConnectTimeoutMs: number;
  /** Streaming replicas for reads of immutable data (DATABASE_READ_*); see database/read-replicas.ts. */
  readReplicas: ReadReplicaSettings;
  loginThrottle: LoginThrottleSettings;
  /** Express's `trust proxy` (TRUST_PROXY): false, true, a hop count, or addresses/subnets of the proxies. */
  trustProxy: boolean | number | string;
}

/** Login throttling (LOGIN_*), per user name and per client address; see accounts/login-throttle.service.ts. */
export interface LoginThrottleSettings {
  /** Failed logins for one user name before the first lock. */
  freeAttempts: number;
  /** Failed logins from one client address (any user names) before the first lock. */
  addressFreeAttempts: number;
  /** The first lock; each further failure doubles it. */
  lockSeconds: number;
  maxLockSeconds: number;
  /** Failures are forgotten after this long without one. */
  forgetSeconds: number;
}

/** Read replicas (DATABASE_READ_*): none unless DATABASE_READ_URLS names some. */
export interface ReadReplicaSettings {
  /** PostgreSQL streaming replicas of DATABASE_URL's server (DATABASE_READ_URLS, comma-separated). */
  urls: string[];
  /** A replica further behind the primary than this is skipped (DATABASE_READ_MAX_LAG_MS). */
  maxLagMs: number;
  /** How often each replica's state and lag are checked (DATABASE_READ_CHECK_INTERVAL_MS). */
  checkIntervalMs: number;
  /** Connections to each replica (DATABASE_READ_POOL_SIZE; default DATABASE_POOL_SIZE). */
  poolSize: number;
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
    maxUncompressedBytes: attempt(
      () => intSetting(env, 'DOCX_MAX_UNCOMPRESSED_BYTES', d.maxUncompressedBytes, 64 * 1024, 1024 * MiB),
      0,
    ),
    maxRatio: attempt(() => intSetting(env, 'DOCX_MAX_RATIO', d.maxRatio, 10, 10_000), 0),
    memoryMb: attempt(() => intSetting(env, 'DOCX_EXTRACT_MEMORY_MB', d.memoryMb, 32, 16_384), 0),
    timeoutMs: attempt(() => intSetting(env, 'DOCX_EXTRACT_TIMEOUT_MS', d.timeoutMs, 500, 600_000), 0),
  };
  const maxCommentChars = attempt(() => intSetting(env, 'MAX_COMMENT_CHARS', 5000, 100, 100000), 0);
  const sessionTtlHours = attempt(() => intSetting(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90), 12);
  const databasePoolSize = attempt(() => intSetting(env, 'DATABASE_POOL_SIZE', 20, 1, 500), 20);
  const databaseConnectTimeoutMs = attempt(
    () => intSetting(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
    5000,
  );
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://; got "${databaseUrl.slice(0, 30)}…"`);
  }
  const readUrls = (env.DATABASE_READ_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of readUrls) {
    if (!/^postgres(ql)?:\/\//.test(u))
      problems.push(
        `DATABASE_READ_URLS: each URL must start with postgres:// or postgresql://; got "${u.slice(0, 30)}…"`,
      );
  }
  if (readUrls.length && !databaseUrl) {
    problems.push(
      'DATABASE_READ_URLS needs DATABASE_URL: the embedded database (PGlite) has no replicas; unset DATABASE_READ_URLS or set DATABASE_URL to their primary',
    );
  }
  const readReplicas: ReadReplicaSettings = {
    urls: readUrls,
    maxLagMs: attempt(() => intSetting(env, 'DATABASE_READ_MAX_LAG_MS', 5000, 100, 3_600_000), 5000),
    checkIntervalMs: attempt(() => intSetting(env, 'DATABASE_READ_CHECK_INTERVAL_MS', 1000, 100, 60_000), 1000),
    poolSize: attempt(() => intSetting(env, 'DATABASE_READ_POOL_SIZE', databasePoolSize, 1, 500), databasePoolSize),
  };
  const demoRaw = (env.DEMO ?? 'auto').toLowerCase();
  if (!['auto', 'always', 'never'].includes(demoRaw))
    problems.push(`DEMO must be auto, always or never; got "${demoRaw}"`);
  const password = env.BOOTSTRAP_ADMIN_PASSWORD ?? null;
  const passwordWrong = password ? passwordProblem(password, 'admin') : null;
  if (passwordWrong) problems.push(`BOOTSTRAP_ADMIN_PASSWORD (for user admin): ${passwordMessage(passwordWrong)}`);
  const loginThrottle: LoginThrottleSettings = {
    freeAttempts: attempt(() => intSetting(env, 'LOGIN_FREE_ATTEMPTS', 5, 1, 1000), 5),
    addressFreeAttempts: attempt(() => intSetting(env, 'LOGIN_ADDRESS_FREE_ATTEMPTS', 50, 1, 1_000_000), 50),
    lockSeconds: attempt(() => intSetting(env, 'LOGIN_LOCK_SECONDS', 30, 1, 86_400), 30),
    maxLockSeconds: attempt(() => intSetting(env, 'LOGIN_MAX_LOCK_SECONDS', 3600, 1, 30 * 86_400), 3600),
    forgetSeconds: attempt(() => intSetting(env, 'LOGIN_FORGET_SECONDS', 86_400, 60, 365 * 86_400), 86_400),
  };
  if (loginThrottle.maxLockSeconds < loginThrottle.lockSeconds) {
    problems.push(
      `LOGIN_MAX_LOCK_SECONDS (${loginThrottle.maxLockSeconds}) must be at least LOGIN_LOCK_SECONDS (${loginThrottle.lockSeconds})`,
    );
  }
  const trustProxy = attempt(() => trustProxySetting(env.TRUST_PROXY), false);
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
    loginThrottle,
    trustProxy,
    databaseConnectTimeoutMs,
    readReplicas,
  };
}

/**
 * TRUST_PROXY: which reverse proxies may tell the client's address in X-Forwarded-For (Express's `trust proxy`).
 * Off by default: the address is the socket's. Set it only behind a proxy that overwrites the header, or a client
 * could pick its own address and escape the per-address login throttle.
 */
function trustProxySetting(raw: string | undefined): boolean | number | string {
  const value = (raw ?? '').trim();
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const parts = value.split(',').map((p) => p.trim());
  if (parts.every((p) => /^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i.test(p))) return parts.join(',');
  throw new ConfigError(
    `TRUST_PROXY must be false, true, a number of proxies, or proxy addresses/subnets (e.g. loopback, 10.0.0.0/8); got "${value}"`,
  );
}

export const APP_CONFIG = Symbol('APP_CONFIG');
