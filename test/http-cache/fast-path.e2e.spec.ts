import type { Server } from 'node:http';
import { VersionFastPath } from '../../src/documents/version-fast-path';
import { LiveHub } from '../../src/live/live-hub.service';
import { releaseToGroupA, scenario, V1 } from '../comments/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { usingServer } from '../support/database';
import { rawGet, type RawResponse } from '../support/raw-http';

/**
 * Issue 14: a delegate's read of a released version is answered from memory before Express and Nest when every cache
 * of the instance can answer it — and then exactly as the full route answers, never to someone the full route would
 * refuse.
 */
describe('the fast path of version reads', () => {
  let t: TestApp;
  let server: Server;
  let fast: VersionFastPath;
  beforeAll(async () => {
    t = await startTestApp();
    server = t.app.getHttpServer();
    fast = t.app.get(VersionFastPath);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The request, and whether the fast path answered it. */
  async function get(path: string, headers: Record<string, string>): Promise<RawResponse & { fast: boolean }> {
    const before = fast.served;
    const r = await rawGet(server, path, headers);
    return { ...r, fast: fast.served > before };
  }

  /** Waits up to `ms` for `check` to hold (what a live event makes true arrives a moment after the commit). */
  async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
      if (await check()) return true;
    return check();
  }

  /** Reads until the fast path answers (the caches fill on the first read; a live event may empty them once). */
  async function fastly(path: string, headers: Record<string, string>): Promise<RawResponse & { fast: boolean }> {
    let r = await get(path, headers);
    for (let i = 0; i < 40 && !r.fast; i++) r = await get(path, headers);
    expect(r.fast).toBe(true);
    return r;
  }

  const withoutPerRequest = (h: RawResponse['headers']) => {
    const { date: _d, 'x-request-id': _id, ...rest } = h;
    return rest;
  };

  it('answers a repeated read from memory with the full route’s status, headers and bytes, in every encoding', async () => {
    const s = await scenario(t);
    const url = `/api/documents/${s.doc}/versions/1`;
    for (const enc of ['br', 'gzip', 'identity']) {
      const headers = { Authorization: s.a1.auth.Authorization, 'Accept-Encoding': enc };
      const full = await get(url, headers);
      expect(full.status).toBe(200);
      const quick = await fastly(url, headers);
      expect(quick.status).toBe(full.status);
      expect(quick.body.equals(full.body)).toBe(true);
      expect(withoutPerRequest(quick.headers)).toEqual(withoutPerRequest(full.headers));
      expect(quick.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(quick.headers['content-security-policy']).toBe(full.headers['content-security-policy']);
      // and a 304 for a client that has the bytes
      const again = await get(url, { ...headers, 'If-None-Match': full.headers.etag as string });
      expect([again.status, again.fast]).toEqual([304, true]);
    }
    // another delegate of the same group: the access answer is the group's, the session their own
    expect((await get(url, { Authorization: s.a2.auth.Authorization })).status).toBe(200);
    await fastly(url, { Authorization: s.a2.auth.Authorization });
  });

  it('leaves every other request to the full route: the drafting group, a delegate of another group, queries, odd numbers, no token', async () => {
    const s = await scenario(t);
    const url = `/api/documents/${s.doc}/versions/1`;
    await get(url, { Authorization: s.a1.auth.Authorization });
    await get(url, { Authorization: s.drafter.auth.Authorization });
    const drafter = await get(url, { Authorization: s.drafter.auth.Authorization });
    expect([drafter.status, drafter.fast, drafter.headers['cache-control']]).toEqual([200, false, 'private, no-cache']);
    const other = await get(url, { Authorization: s.b1.auth.Authorization });
    expect([other.status, other.fast]).toEqual([404, false]);
    for (const path of [`${url}?format=text`, `${url}?x=1`, `/api/documents/${s.doc}/versions/01`]) {
      expect((await get(path, { Authorization: s.a1.auth.Authorization })).fast).toBe(false);
    }
    const anonymous = await get(url, {});
    expect([anonymous.status, anonymous.fast]).toEqual([401, false]);
    const badToken = await get(url, { Authorization: 'Bearer not-a-session' });
    expect([badToken.status, badToken.fast]).toEqual([401, false]);
  });

  it('refuses a session as soon as it is logged out', async () => {
    const s = await scenario(t);
    const url = `/api/documents/${s.doc}/versions/1`;
    await fastly(url, { Authorization: s.a1.auth.Authorization });
    await t.http().post('/api/auth/logout').set(s.a1.auth).expect(204);
    const after = await get(url, { Authorization: s.a1.auth.Authorization });
    expect([after.status, after.fast]).toEqual([401, false]);
  });

  it('shows a delegate the new keys at once after an alignment correction on this instance', async () => {
    const s = await scenario(t);
    const text = V1.replace('每季度', '每月');
    await t.http().post(`/api/documents/${s.doc}/versions`).set(s.drafter.auth).send({ text }).expect(201);
    await releaseToGroupA(t, s, 2);
    const url = `/api/documents/${s.doc}/versions/2`;
    const auth = { Authorization: s.a1.auth.Authorization };
    const before = await fastly(url, auth);
    const diff = await t.http().get(`/api/documents/${s.doc}/diff?from=1&to=2`).set(s.drafter.auth).expect(200);
    const edited = diff.body.changes.find((c: { type: string }) => c.type === 'modified');
    await t
      .http()
      .put(`/api/documents/${s.doc}/versions/2/alignment`)
      .set(s.drafter.auth)
      .send({ clauseKey: edited.to.key, previousKey: null })
      .expect(200);
    const after = await get(url, auth);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('stops serving a group the moment the live event of a changed audience arrives, however the change was made', async () => {
    const s = await scenario(t);
    const url = `/api/documents/${s.doc}/versions/1`;
    const auth = { Authorization: s.a1.auth.Authorization };
    await fastly(url, auth);
    await t.db.dataSource.query(`UPDATE consultations SET audience_groups = ARRAY[$2::uuid] WHERE id = $1`, [
      s.consultation.id,
      s.b1.groupId,
    ]);
    // the trigger's event reaches the instance within moments of the commit (measured: milliseconds)
    expect(await eventually(async () => (await get(url, auth)).status === 404, 2000)).toBe(true);
    const denied = await get(url, auth);
    expect([denied.status, denied.fast]).toEqual([404, false]);
    expect((await get(url, { Authorization: s.b1.auth.Authorization })).status).toBe(200);
  });

  (usingServer() ? it : it.skip)('uses no cached access answer while its LISTEN connection is down', async () => {
    const s = await scenario(t);
    const url = `/api/documents/${s.doc}/versions/1`;
    const auth = { Authorization: s.a1.auth.Authorization };
    await fastly(url, auth);
    const hub = t.app.get(LiveHub);
    await t.db.dataSource.query(`SELECT pg_terminate_backend($1)`, [hub.backendPid]);
    expect(await eventually(() => Promise.resolve(!hub.isListening), 2000)).toBe(true);
    const meanwhile = await get(url, auth);
    expect([meanwhile.status, meanwhile.fast]).toEqual([200, false]);
    // it comes back by itself, and with it the fast path
    expect(await eventually(() => Promise.resolve(hub.isListening), 5000)).toBe(true);
    await fastly(url, auth);
  });
});
