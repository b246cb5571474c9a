import type { DestinationStream } from 'pino';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AccountsService } from '../../src/accounts/accounts.service';
import type { Role } from '../../src/accounts/accounts.entities';
import { createApp, type RunningApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { openDatabase } from '../../src/database/data-source';
import { createOpenApiDocument } from '../../src/openapi/openapi-document';
import { ContractValidator, type OpenApiDocument, validatingAgent } from './contract';
import { openTestDatabase } from './database';

/** The bootstrap admin's password in tests (the password policy refuses one that contains the user name). */
export const ADMIN_PASSWORD = 'quiet-orchard-bootstrap';
/** The password of every user `user()` creates. */
export const USER_PASSWORD = 'amber-kettle-forty-two';

export interface TestApp extends RunningApp {
  http: () => TestAgent;
  /** Creates a user (and its group when given a name) and logs it in. */
  user(role: Role, opts?: { group?: string }): Promise<TestUser>;
  admin(): Promise<TestUser>;
}

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  groupId: string | null;
  token: string;
  auth: { Authorization: string };
}

export const uniq = (prefix = 'u') => `${prefix}${randomBytes(5).toString('hex')}`;

let contract: ContractValidator | null = null;
/** The validator of the document the service serves (the same for every app of a test file: made once). */
function contractOf(running: RunningApp): ContractValidator {
  contract ??= new ContractValidator(createOpenApiDocument(running.app) as unknown as OpenApiDocument);
  return contract;
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const db = await openTestDatabase(
    env.DATABASE_URL,
    env.DATABASE_CONNECT_TIMEOUT_MS ? Number(env.DATABASE_CONNECT_TIMEOUT_MS) : undefined,
  );
  const config = loadConfig({
    DEMO: 'never',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    DATA_DIR: db.dataDir || '/nonexistent',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...env,
  });
  const running = await createApp(config, { db, quiet: !opts.logStream, logStream: opts.logStream });
  const server = running.app.getHttpServer();
  const contract = contractOf(running);
  const http = () => validatingAgent(request(server), contract);
  const accounts = running.app.get(AccountsService);
  const groups = new Map<string, string>();
  const login = async (username: string, password: string) => {
    const res = await http().post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  const user: TestApp['user'] = async (role, opts = {}) => {
    let groupId: string | null = null;
    if (role === 'delegate' || opts.group) {
      const name = opts.group ?? uniq('group');
      if (!groups.has(name)) groups.set(name, (await accounts.createGroup(null, { name })).id);
      groupId = groups.get(name)!;
    }
    const username = uniq(role);
    const u = await accounts.createUser(null, { username, role, groupId, password: USER_PASSWORD });
    const token = await login(username, USER_PASSWORD);
    return { id: u.id, username, role, groupId, token, auth: { Authorization: `Bearer ${token}` } };
  };
  const admin: TestApp['admin'] = async () => {
    const token = await login('admin', ADMIN_PASSWORD);
    const me = await http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    return {
      id: me.body.id,
      username: 'admin',
      role: 'admin',
      groupId: null,
      token,
      auth: { Authorization: `Bearer ${token}` },
    };
  };
  return { ...running, http, user, admin };
}

/** A second instance of the service on the same PostgreSQL server (DATABASE_URL), as another process would be. */
export async function startSecondInstance(
  env: Record<string, string> = {},
): Promise<RunningApp & { http: () => TestAgent }> {
  const config = loadConfig({
    DATABASE_URL: process.env.DATABASE_URL!,
    DEMO: 'never',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const running = await createApp(config, {
    db: await openDatabase({ databaseUrl: config.databaseUrl, dataDir: '' }),
    quiet: true,
  });
  const server = running.app.getHttpServer();
  const contract = contractOf(running);
  return { ...running, http: () => validatingAgent(request(server), contract) };
}
