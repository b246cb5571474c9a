import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type OpenDatabase, openDatabase } from '../../src/database/data-source';

/** Where the suite keeps its embedded template database and artefacts (screenshots, reports). */
export const TEST_OUTPUT = path.resolve(__dirname, '../../test-output');
export const TEMPLATE_DIR = path.join(TEST_OUTPUT, 'pglite-template');

export const usingServer = () => Boolean(process.env.DATABASE_URL);

/**
 * A database for one test file. On a server (DATABASE_URL, or another URL to the same database, e.g. through a
 * proxy) every file shares the database the global setup migrated; tests make their own rows. Embedded: a copy of the migrated template, so no file sees another's rows
 * and no file pays the ~8 s of creating a PGlite database.
 */
export async function openTestDatabase(
  databaseUrl = process.env.DATABASE_URL,
  connectTimeoutMs?: number,
): Promise<OpenDatabase & { dataDir: string }> {
  if (databaseUrl) {
    const db = await openDatabase({ databaseUrl, dataDir: '', poolSize: 20, connectTimeoutMs });
    return { ...db, dataDir: '' };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-test-'));
  fs.cpSync(TEMPLATE_DIR, dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'draftline.lock'), { force: true });
  const db = await openDatabase({ databaseUrl: null, dataDir });
  return {
    ...db,
    dataDir,
    close: async () => {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
