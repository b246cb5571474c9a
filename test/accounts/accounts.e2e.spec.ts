import { ADMIN_PASSWORD, startTestApp, type TestApp, uniq } from '../support/app';

describe('accounts (HTTP, real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('logs in with the bootstrap admin and refuses a wrong password', async () => {
    const ok = await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    expect(ok.body.token).toMatch(/^[\w-]{40,}$/);
    expect(ok.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    const bad = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'wrong-password' })
      .expect(401);
    expect(bad.body.error).toBe('invalid_credentials');
    await t.http().post('/api/auth/login').send({ username: 'admin' }).expect(400);
  });

  it('stores only a slow hash of each password', async () => {
    const [row] = await t.db.dataSource.query(`SELECT password_hash FROM users WHERE username = 'admin'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('lets an admin create groups and users, and import users from CSV all or nothing', async () => {
    const admin = await t.admin();
    const g = await t
      .http()
      .post('/api/groups')
      .set(admin.auth)
      .send({ name: uniq('代表团') })
      .expect(201);
    const name = uniq('d');
    const u = await t
      .http()
      .post('/api/users')
      .set(admin.auth)
      .send({ username: name, role: 'delegate', groupId: g.body.id, password: 'long-enough-phrase' })
      .expect(201);
    expect(u.body).toMatchObject({ username: name, role: 'delegate', groupId: g.body.id });
    await t
      .http()
      .post('/api/users')
      .set(admin.auth)
      .send({ username: name, role: 'delegate', groupId: g.body.id, password: 'long-enough-phrase' })
      .expect(409);
    await t
      .http()
      .post('/api/users')
      .set(admin.auth)
      .send({ username: uniq(), role: 'delegate', password: 'long-enough-phrase' })
      .expect(400);

    const group = uniq('第三代表团');
    const a = uniq('csv'),
      b = uniq('csv');
    const csv = `username,displayName,role,group,password\n${a},张三,delegate,${group},csv-first-secret\n${b},李四,drafter,,csv-second-secret\n`;
    const imp = await t.http().post('/api/users/import').set(admin.auth).send({ csv }).expect(201);
    expect(imp.body).toEqual({ created: 2, groupsCreated: 1 });
    await t.http().post('/api/auth/login').send({ username: a, password: 'csv-first-secret' }).expect(200);

    const c = uniq('csv');
    const bad = `username,displayName,role,group,password\n${c},王五,delegate,${group},csv-third-secret\n${uniq()},赵六,king,,csv-fourth-secret\n`;
    const r = await t.http().post('/api/users/import').set(admin.auth).send({ csv: bad }).expect(400);
    expect(r.body.message).toMatch(/Row 3: role/);
    await t.http().post('/api/auth/login').send({ username: c, password: 'csv-third-secret' }).expect(401);
  });

  it('keeps user administration to admins', async () => {
    const drafter = await t.user('drafter');
    const delegate = await t.user('delegate');
    await t.http().get('/api/users').set(drafter.auth).expect(403);
    await t.http().post('/api/users').set(delegate.auth).send({}).expect(403);
    await t.http().get('/api/users').expect(401);
    await t.http().get('/api/users').set({ Authorization: 'Bearer nonsense' }).expect(401);
    const me = await t.http().get('/api/auth/me').set(delegate.auth).expect(200);
    expect(me.body).toMatchObject({ username: delegate.username, role: 'delegate' });
    await t.http().post('/api/auth/logout').set(delegate.auth).expect(204);
    await t.http().get('/api/auth/me').set(delegate.auth).expect(401);
  });
});
