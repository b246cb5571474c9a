import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { DataDirLockedError } from './database/data-dir-lock';

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await createApp(config);
  await running.app.listen(config.port, config.host);
  const where = config.databaseUrl
    ? 'PostgreSQL server from DATABASE_URL'
    : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  console.log(
    `draftline listening on http://localhost:${config.port} — web app at /, API docs at /api/docs — database: ${where}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then closing the database`);
    try {
      await running.close();
      process.exit(0);
    } catch (e) {
      console.error('Shutdown failed:', e);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    console.error(`draftline cannot start: ${e.message}`);
  } else {
    console.error('draftline failed to start:', e);
  }
  process.exit(1);
});
