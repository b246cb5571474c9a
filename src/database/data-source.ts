import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { DataDirLock } from './data-dir-lock';

export interface DatabaseTarget {
  /** A PostgreSQL server URL, or null for the embedded PGlite database in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** Pool size for a server (DATABASE_POOL_SIZE; default 20). */
  poolSize?: number;
  /**
   * Longest wait for a server connection, new or free in the pool (DATABASE_CONNECT_TIMEOUT_MS; default 5000): a
   * database that does not answer then gives a 503 in seconds instead of requests that hang.
   */
  connectTimeoutMs?: number;
}

/**
 * A named (prepared) statement for `em.query(prepared(name, sql), params)`: node-postgres parses and plans it once
 * per pooled connection and then only binds and executes it. For the short statements of the hot paths (session
 * lookup, comment create) parsing and planning cost more than running them. TypeORM hands the object to the driver
 * as is (its type says string; the pg driver and PGlite's adapter take a query config). `name` must be unique per
 * SQL text: give a changed statement a new name.
 */
export function prepared(name: string, text: string): string {
  return { name, text } as unknown as string;
}

export interface OpenDatabase {
  dataSource: DataSource;
  embedded: boolean;
  /** True when the embedded database folder was created by this call. */
  created: boolean;
  /**
   * Embedded only: LISTEN inside the process (PGlite delivers a NOTIFY to its own listeners when the transaction that
   * sent it commits). Returns the function that stops listening. A server is listened to on a connection of its own
   * (PgListener).
   */
  listen?: (channel: string, fn: (payload: string) => void) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The options both kinds of database share: schema from migrations only, never synchronize. */
function baseOptions(): Omit<DataSourceOptions, 'type'> {
  return {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    uuidExtension: 'pgcrypto',
  } as Omit<DataSourceOptions, 'type'>;
}

/**
 * Opens the database. With a URL: a pg pool to that server. Without: PGlite in dataDir, through PGlite's own
 * node-postgres adapter (one connection, so every query of a transaction must use the transaction's manager),
 * guarded by a lock file so a second process on the same folder is refused instead of silently losing writes.
 */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.databaseUrl) {
    const dataSource = new DataSource({
      ...baseOptions(),
      type: 'postgres',
      url: target.databaseUrl,
      extra: { max: target.poolSize ?? 20, connectionTimeoutMillis: target.connectTimeoutMs ?? 5000 },
    } as DataSourceOptions);
    await dataSource.initialize();
    return {
      dataSource,
      embedded: false,
      created: false,
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const lock = DataDirLock.acquire(target.dataDir);
  try {
    const pgDir = path.join(target.dataDir, 'pg');
    const created = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    // PGlite ships ES modules; a dynamic import keeps this file CommonJS.
    const { PGlite } = await import('@electric-sql/pglite');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    const pglite = await PGlite.create(pgDir);
    const dataSource = new DataSource({
      ...baseOptions(),
      type: 'postgres',
      extra: { ...createPgConfig(pglite as never), connectionTimeoutMillis: 30000 },
    } as DataSourceOptions);
    await dataSource.initialize();
    return {
      dataSource,
      embedded: true,
      created,
      listen: (channel, fn) => pglite.listen(channel, fn),
      close: async () => {
        try {
          if (dataSource.isInitialized) await dataSource.destroy();
          await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
