import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openDatabase } from '../../src/database/data-source';
import { CONTRACT_DIR } from '../support/contract';
import { TEMPLATE_DIR, TEST_OUTPUT } from '../support/database';

/**
 * Prepares the database once for the whole run: on a server (DATABASE_URL) the public schema is dropped and
 * migrated afresh; embedded, a migrated PGlite template is made (and kept while the migrations stay the same).
 */
export default async function globalSetup(): Promise<void> {
  fs.mkdirSync(TEST_OUTPUT, { recursive: true });
  // what this run validates against the OpenAPI document (test/support/contract.ts, checked in global-teardown.ts)
  fs.rmSync(CONTRACT_DIR, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' });
    try {
      await db.dataSource.query('DROP SCHEMA IF EXISTS public CASCADE');
      await db.dataSource.query('CREATE SCHEMA public');
      await db.dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await db.close();
    }
    return;
  }
  const migrationsDir = path.resolve(__dirname, '../../migrations');
  const hash = crypto.createHash('sha256');
  for (const f of fs.readdirSync(migrationsDir).sort())
    hash.update(f).update(fs.readFileSync(path.join(migrationsDir, f)));
  const stamp = path.join(TEMPLATE_DIR, 'migrations.sha256');
  const digest = hash.digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) return;
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  const db = await openDatabase({ databaseUrl: null, dataDir: TEMPLATE_DIR });
  try {
    await db.dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await db.close();
  }
  fs.writeFileSync(stamp, digest);
}
