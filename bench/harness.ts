import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AccountsService } from '../src/accounts/accounts.service';
import { createApp, type RunningApp } from '../src/app.factory';
import type { AuthUser } from '../src/auth/auth.decorators';
import { loadConfig } from '../src/config/app-config';

/** shared/corpus beside the project (from dist/bench or bench/), or null when absent. */
export function corpusFile(rel: string): string | null {
  for (const base of [
    path.resolve(__dirname, '../../../shared/corpus'),
    path.resolve(__dirname, '../../shared/corpus'),
  ]) {
    const f = path.join(base, rel);
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
  }
  return null;
}

/** The parts of an autocannon result the benchmarks report (autocannon ships no types). */
export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface BenchApp extends RunningApp {
  databaseKind: string;
  /** A fresh drafter to act as. */
  drafter(): Promise<AuthUser>;
}

/**
 * The service in this process, on DATABASE_URL when set (the figures the issues ask for are on PostgreSQL),
 * otherwise on a throw-away embedded database.
 */
export async function benchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-bench-'));
  const config = loadConfig({
    ...process.env,
    DEMO: 'never',
    BOOTSTRAP_ADMIN_PASSWORD: 'bench-bootstrap-secret',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  const running = await createApp(config, { quiet: true });
  const accounts = running.app.get(AccountsService);
  return {
    ...running,
    databaseKind: config.databaseUrl
      ? `PostgreSQL server (${config.databaseUrl.replace(/\/\/[^@]*@/, '//')})`
      : 'embedded PGlite',
    drafter: async () => {
      const u = await accounts.createUser(null, {
        username: `bench${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        role: 'drafter',
        password: 'bench-password',
      });
      return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, groupId: null };
    },
    close: async () => {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
