import { ConfigError, loadConfig } from '../config/app-config';
import { DataDirLockedError } from './data-dir-lock';
import { openDatabase } from './data-source';

/** `npm run migrate`: runs pending migrations on DATABASE_URL (or the embedded database) and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const done = await db.dataSource.runMigrations({ transaction: 'each' });
    console.log(done.length ? `Applied ${done.map((m) => m.name).join(', ')}` : 'No pending migrations.');
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof DataDirLockedError ? `migrate: ${e.message}` : e);
  process.exit(1);
});
