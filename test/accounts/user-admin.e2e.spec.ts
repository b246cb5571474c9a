import { SessionRevocations } from '../../src/accounts/session-revocations';
import { startSecondInstance, startTestApp, type TestApp, type TestUser, USER_PASSWORD, uniq } from '../support/app';
import { usingServer } from '../support/database';

/**
 * PATCH /api/users/:id: an admin edits, disables, re-roles and resets users. A change to what a user may do (disabled,
 * role, group, password) ends their sessions at once, on every instance, and every change is in the audit log.
 */
describe('user administration (HTTP, real database)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.admin();
  });
  afterAll(() => t?.close());

  const patch = (id: string, body: Record<string, unknown>, as = admin) =>
    t.http().patch(`/api/users/${id}`).set(as.auth).send(body);
  const group = async () =>
    (
      await t
        .http()
        .post('/api/groups')
        .set(admin.auth)
        .send({ name: uniq('代表团') })
        .expect(201)
    ).body.id as string;
  const audits = (id: string) =>
    t.db.dataSource.query(
      `SELECT actor_id AS "actorId", detail FROM audit_log WHERE action = 'user.update' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  it('changes a display name without ending the session, and lists it', async () => {
    const user = await t.user('drafter');
    const r = await patch(user.id, { displayName: '起草组 新名字' }).expect(200);
    expect(r.body).toMatchObject({ id: user.id, displayName: '起草组 新名字', disabled: false });
    expect((await t.http().get('/api/auth/me').set(user.auth).expect(200)).body.displayName).toBe('起草组 新名字');
    const [entry] = await audits(user.id);
    expect(entry).toMatchObject({ actorId: admin.id, detail: { changes: { displayName: { to: '起草组 新名字' } } } });
  });

  it('disables a user: their token answers 401 on the next request, login is refused, and the list says disabled', async () => {
    const user = await t.user('drafter');
    await t.http().get('/api/documents').set(user.auth).expect(200); // cached now
    expect((await patch(user.id, { disabled: true }).expect(200)).body.disabled).toBe(true);
    await t.http().get('/api/documents').set(user.auth).expect(401);
    await t.http().post('/api/documents').set(user.auth).send({ title: '停用之后' }).expect(401);
    await t.http().post('/api/auth/login').send({ username: user.username, password: USER_PASSWORD }).expect(401);
    const listed = (await t.http().get('/api/users').set(admin.auth).expect(200)).body.find(
      (u: { id: string }) => u.id === user.id,
    );
    expect(listed).toMatchObject({ disabled: true });
    await patch(user.id, { disabled: false }).expect(200);
    await t.http().post('/api/auth/login').send({ username: user.username, password: USER_PASSWORD }).expect(200);
    expect((await audits(user.id)).map((a: { detail: { changes: unknown } }) => a.detail.changes)).toEqual([
      { disabled: { from: false, to: true } },
      { disabled: { from: true, to: false } },
    ]);
  });

  it('changes a role: it takes effect at once, and the old token is ended', async () => {
    const user = await t.user('delegate');
    await t.http().post('/api/documents').set(user.auth).send({ title: '代表不能建' }).expect(403);
    await patch(user.id, { role: 'drafter' }).expect(200);
    await t.http().get('/api/auth/me').set(user.auth).expect(401);
    const token = (
      await t.http().post('/api/auth/login').send({ username: user.username, password: USER_PASSWORD }).expect(200)
    ).body.token;
    await t
      .http()
      .post('/api/documents')
      .set({ Authorization: `Bearer ${token}` })
      .send({ title: '起草组可以' })
      .expect(201);
  });

  it('moves a delegate to another group, and refuses a delegate without one', async () => {
    const user = await t.user('delegate');
    const other = await group();
    expect((await patch(user.id, { groupId: other }).expect(200)).body.groupId).toBe(other);
    await t.http().get('/api/auth/me').set(user.auth).expect(401);
    expect((await patch(user.id, { groupId: null }).expect(400)).body.message).toMatch(/delegate needs a group/i);
    const drafter = await t.user('drafter');
    expect((await patch(drafter.id, { role: 'delegate' }).expect(400)).body.message).toMatch(/group/);
    await patch(drafter.id, { role: 'delegate', groupId: other }).expect(200);
    await patch(drafter.id, { groupId: '00000000-0000-4000-8000-000000000000' }).expect(400);
  });

  it('resets a password under the password policy; the old sessions and password stop working', async () => {
    const user = await t.user('delegate');
    expect((await patch(user.id, { password: 'qwertyuiop' }).expect(400)).body.error).toBe('weak_password');
    await t.http().get('/api/auth/me').set(user.auth).expect(200);
    await patch(user.id, { password: 'a new and long passphrase' }).expect(200);
    await t.http().get('/api/auth/me').set(user.auth).expect(401);
    await t.http().post('/api/auth/login').send({ username: user.username, password: USER_PASSWORD }).expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ username: user.username, password: 'a new and long passphrase' })
      .expect(200);
    const [entry] = await audits(user.id);
    expect(entry.detail.changes).toEqual({ password: 'reset' });
    expect(JSON.stringify(entry)).not.toContain('passphrase');
  });

  it('will not let an admin disable or demote themselves', async () => {
    const me = await patch(admin.id, { disabled: true }).expect(409);
    expect(me.body).toMatchObject({ error: 'own_account' });
    expect(me.body.message).toMatch(/your own/);
    await patch(admin.id, { role: 'drafter' }).expect(409);
    await t.http().get('/api/auth/me').set(admin.auth).expect(200);
    await patch(admin.id, { displayName: '系统管理员' }).expect(200);
  });

  it('answers 404 for an unknown user, 400 for bad fields, 403 to non-admins', async () => {
    await patch('00000000-0000-4000-8000-000000000000', { displayName: 'x' }).expect(404);
    await patch('not-an-id', { displayName: 'x' }).expect(404);
    const user = await t.user('drafter');
    await patch(user.id, { role: 'king' }).expect(400);
    await patch(user.id, { disabled: 'yes' }).expect(400);
    await patch(user.id, { username: 'renamed' }).expect(400);
    await patch(user.id, {}).expect(400);
    await patch(user.id, { displayName: 'x' }, user).expect(403);
  });

  it('ends a session on logout for good', async () => {
    const user = await t.user('drafter');
    await t.http().get('/api/documents').set(user.auth).expect(200);
    await t.http().post('/api/auth/logout').set(user.auth).expect(204);
    await t.http().get('/api/documents').set(user.auth).expect(401);
  });

  (usingServer() ? describe : describe.skip)('with a second instance on the same database', () => {
    let b: Awaited<ReturnType<typeof startSecondInstance>>;
    beforeAll(async () => {
      b = await startSecondInstance();
      await waitFor(() => b.app.get(SessionRevocations).listening);
    });
    afterAll(() => b?.close());

    /**
     * b's answer to a read with `auth` once it is 401. The notification travels on its own connection: it may reach b a
     * moment after the answer of the change reached us (on a loaded machine, tens of milliseconds), so b is asked
     * again for up to two seconds; a write is always checked in the database and refused at once.
     */
    async function refusedOnB(auth: Record<string, string>): Promise<void> {
      const deadline = Date.now() + 2000;
      while ((await b.http().get('/api/documents').set(auth)).status !== 401 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await b.http().get('/api/documents').set(auth).expect(401);
    }

    it("refuses a disabled user's token on the other instance as soon as the notification arrives, reading or writing", async () => {
      const reader = await t.user('drafter');
      const writer = await t.user('drafter');
      for (const u of [reader, writer]) await b.http().get('/api/documents').set(u.auth).expect(200); // cached on b
      await patch(reader.id, { disabled: true }).expect(200);
      await patch(writer.id, { disabled: true }).expect(200);
      await refusedOnB(reader.auth);
      await b.http().post('/api/documents').set(writer.auth).send({ title: '另一实例' }).expect(401);
    });

    it("refuses a changed role's and a logged-out token on the other instance as soon as the notification arrives", async () => {
      const user = await t.user('drafter');
      const other = await t.user('drafter');
      for (const u of [user, other]) await b.http().get('/api/documents').set(u.auth).expect(200);
      await patch(user.id, { role: 'admin' }).expect(200);
      await refusedOnB(user.auth);
      await t.http().post('/api/auth/logout').set(other.auth).expect(204);
      await refusedOnB(other.auth);
    });

    it('stops trusting its cache while its LISTEN connection is down, and trusts it again once back', async () => {
      const revocations = b.app.get(SessionRevocations);
      const user = await t.user('drafter');
      await b.http().get('/api/documents').set(user.auth).expect(200); // cached on b
      await t.db.dataSource.query(`SELECT pg_terminate_backend($1)`, [revocations.backendPid]);
      await waitFor(() => !revocations.listening);
      // Deleted behind the service's back: no notification; b must ask the database.
      await t.db.dataSource.query(`DELETE FROM sessions WHERE user_id = $1`, [user.id]);
      await b.http().get('/api/documents').set(user.auth).expect(401);
      await waitFor(() => revocations.listening, 15_000);
      const again = await t.user('drafter');
      await b.http().get('/api/documents').set(again.auth).expect(200);
      await patch(again.id, { disabled: true }).expect(200);
      await refusedOnB(again.auth);
    });
  });
});

async function waitFor(ok: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
