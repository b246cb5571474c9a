import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { lockSecondsAfter } from '../../src/accounts/login-throttle.service';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { startSecondInstance, startTestApp, type TestApp, USER_PASSWORD, uniq } from '../support/app';
import { usingServer } from '../support/database';

/**
 * Login throttling kept in PostgreSQL: per user name (existing or not) and per client address, free attempts then a
 * lock that doubles up to a maximum; 429 with Retry-After, even for the right password. Short locks here (2 s, at
 * most 4 s) so the tests wait little. The client address comes from X-Forwarded-For (TRUST_PROXY=loopback), each
 * test with addresses of its own from the documentation range. The address limit (20) stays above the few failed
 * logins other test files make from 127.0.0.1 on a shared server database, which this instance also counts.
 */
const ADDRESS_LIMIT = 20;
const ENV = {
  LOGIN_FREE_ATTEMPTS: '3',
  LOGIN_ADDRESS_FREE_ATTEMPTS: String(ADDRESS_LIMIT),
  LOGIN_LOCK_SECONDS: '2',
  LOGIN_MAX_LOCK_SECONDS: '4',
  TRUST_PROXY: 'loopback',
};
const address = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('login throttling (HTTP, real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ENV);
  });
  afterAll(() => t?.close());

  const login = (http: () => TestAgent, username: string, password: string, from: string) =>
    http().post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });
  const fail = async (username: string, from: string, times: number, http = t.http) => {
    for (let i = 0; i < times; i++) expect((await login(http, username, 'not-the-password', from)).status).toBe(401);
  };
  const locks = (subject: string) =>
    t.db.dataSource.query(
      `SELECT actor_id, detail FROM audit_log WHERE action = 'login.lock' AND entity_id = $1 ORDER BY id`,
      [subject],
    );

  it('locks a user name after the free attempts, even for the right password, and says when to try again', async () => {
    const user = await t.user('drafter');
    const from = address();
    await fail(user.username, from, 3);
    const locked = await login(t.http, user.username, USER_PASSWORD, from).expect(429);
    expect(locked.body).toMatchObject({ error: 'too_many_attempts' });
    const retryAfter = Number(locked.headers['retry-after']);
    expect([1, 2]).toContain(retryAfter); // a 2 s lock, part of which may have passed
    expect(locked.body.retryAfter).toBe(retryAfter);
    expect(locked.body.message).toMatch(new RegExp(`try again in ${retryAfter} s`));
    await login(t.http, user.username, USER_PASSWORD, address()).expect(429); // the name is locked from anywhere
    await sleep(retryAfter * 1000 + 100);
    await login(t.http, user.username, USER_PASSWORD, from).expect(200);
  });

  it('doubles the lock with each further failure after the free ones', async () => {
    const user = await t.user('drafter');
    const from = address();
    await fail(user.username, from, 3);
    const first = Number((await login(t.http, user.username, USER_PASSWORD, from).expect(429)).headers['retry-after']);
    await sleep(first * 1000 + 100);
    await fail(user.username, from, 1);
    const second = Number((await login(t.http, user.username, USER_PASSWORD, from).expect(429)).headers['retry-after']);
    expect(second).toBeGreaterThan(2);
    expect(second).toBeLessThanOrEqual(4);
  });

  it('grows locks exponentially up to the maximum (the rule itself)', () => {
    const s = { lockSeconds: 30, maxLockSeconds: 3600 };
    expect([4, 5, 6, 7, 8, 11, 12, 100].map((n) => lockSecondsAfter(n, 5, s))).toEqual([
      0, 30, 60, 120, 240, 1920, 3600, 3600,
    ]);
  });

  it('forgets the failures of a user name when it logs in successfully before a lock', async () => {
    const user = await t.user('delegate');
    const from = address(); // stays under the address's own limit of 6
    await fail(user.username, from, 2);
    await login(t.http, user.username, USER_PASSWORD, from).expect(200);
    await fail(user.username, from, 2);
    await login(t.http, user.username, USER_PASSWORD, from).expect(200);
    const elsewhere = address();
    await fail(user.username, elsewhere, 3);
    await login(t.http, user.username, USER_PASSWORD, elsewhere).expect(429);
  });

  it('throttles a user name that does not exist exactly like one that does', async () => {
    const ghost = uniq('nobody');
    const from = address();
    for (let i = 0; i < 3; i++)
      expect((await login(t.http, ghost, 'not-the-password', from).expect(401)).body.error).toBe('invalid_credentials');
    expect((await login(t.http, ghost, 'not-the-password', from).expect(429)).body.error).toBe('too_many_attempts');
  });

  it('throttles one client address across different user names, not other addresses', async () => {
    const user = await t.user('drafter');
    const spray = address();
    for (let i = 0; i < ADDRESS_LIMIT; i++) await fail(uniq('spray'), spray, 1);
    const r = await login(t.http, user.username, USER_PASSWORD, spray).expect(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await login(t.http, user.username, USER_PASSWORD, address()).expect(200);
  });

  it('writes an audit entry for each lock, without the password', async () => {
    const ghost = uniq('audited');
    const from = address();
    await fail(ghost, from, 3);
    await login(t.http, ghost, 'not-the-password', from).expect(429); // refused while locked: no new lock
    const rows = await locks(ghost.toLowerCase());
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBeNull();
    expect(rows[0].detail).toMatchObject({ scope: 'user', failures: 3, lockSeconds: 2, address: from });
    expect(JSON.stringify(rows)).not.toContain('not-the-password');
    const spray = address();
    for (let i = 0; i < ADDRESS_LIMIT; i++) await fail(uniq('spray'), spray, 1);
    expect(await locks(spray)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ scope: 'address', failures: ADDRESS_LIMIT }) }),
    ]);
  });

  (usingServer() ? it : it.skip)('shares the counts between instances on one database', async () => {
    const b = await startSecondInstance(ENV);
    try {
      const user = await t.user('drafter');
      const from = address();
      await fail(user.username, from, 2);
      await fail(user.username, from, 1, b.http);
      await login(t.http, user.username, USER_PASSWORD, from).expect(429);
      await login(b.http, user.username, USER_PASSWORD, from).expect(429);
    } finally {
      await b.close();
    }
  });
});

describe('login throttling settings', () => {
  it('has defaults, and refuses bad values naming each setting', () => {
    expect(loadConfig({})).toMatchObject({
      loginThrottle: {
        freeAttempts: 5,
        addressFreeAttempts: 50,
        lockSeconds: 30,
        maxLockSeconds: 3600,
        forgetSeconds: 86400,
      },
      trustProxy: false,
    });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    const bad = {
      LOGIN_FREE_ATTEMPTS: '0',
      LOGIN_LOCK_SECONDS: '600',
      LOGIN_MAX_LOCK_SECONDS: '60',
      TRUST_PROXY: 'everyone',
    };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    try {
      loadConfig(bad);
    } catch (e) {
      for (const name of ['LOGIN_FREE_ATTEMPTS', 'LOGIN_MAX_LOCK_SECONDS', 'TRUST_PROXY'])
        expect((e as Error).message).toMatch(name);
    }
  });
});
