import { ConfigError, loadConfig } from '../../src/config/app-config';
import { startTestApp, type TestApp, type TestUser, uniq } from '../support/app';

/** The password rules hold wherever a password is set: one user, a CSV import, an admin's reset, the bootstrap admin. */
describe('password policy (HTTP, real database)', () => {
  let t: TestApp;
  let admin: TestUser;
  let groupId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.admin();
    groupId = (
      await t
        .http()
        .post('/api/groups')
        .set(admin.auth)
        .send({ name: uniq('代表团') })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  const exists = async (username: string) =>
    (await t.db.dataSource.query(`SELECT 1 FROM users WHERE username = $1`, [username])).length > 0;
  const create = (username: string, password: string) =>
    t.http().post('/api/users').set(admin.auth).send({ username, role: 'delegate', groupId, password });

  it.each([
    ['eight digits', '12345678', /至少 10 个字符.*at least 10 characters/],
    ['the word password', 'password', /at least 10 characters/],
    ['eight spaces', '        ', /空格或不可见字符.*spaces or invisible/],
    ['eight zero-width spaces', '\u200b'.repeat(8), /spaces or invisible/],
    ['twelve zero-width spaces', '\u200b'.repeat(12), /spaces or invisible/],
    ['a common password', 'qwertyuiop', /太常见.*too common/],
    ['a common password, capitalised', 'Password123', /too common/],
  ])('refuses %s', async (_, password, message) => {
    const username = uniq('pw');
    const r = await create(username, password).expect(400);
    expect(r.body.error).toBe('weak_password');
    expect(r.body.message).toMatch(message);
    expect(await exists(username)).toBe(false);
  });

  it('refuses the user name, or a password that contains it', async () => {
    const username = uniq('wang');
    expect((await create(username, username).expect(400)).body.message).toMatch(/用户名.*user name/);
    expect((await create(username, `${username.toUpperCase()}-2026`).expect(400)).body.error).toBe('weak_password');
  });

  it('accepts a good password', async () => {
    const username = uniq('pw');
    await create(username, 'lantern over the river').expect(201);
    await t.http().post('/api/auth/login').send({ username, password: 'lantern over the river' }).expect(200);
  });

  it('applies the same rules to a CSV import, naming the row, and imports nobody', async () => {
    const good = uniq('csv'),
      weak = uniq('csv');
    const csv = `username,displayName,role,group,password\n${good},张三,drafter,,lantern over the river\n${weak},李四,drafter,,qwertyuiop\n`;
    const r = await t.http().post('/api/users/import').set(admin.auth).send({ csv }).expect(400);
    expect(r.body.error).toBe('weak_password');
    expect(r.body.message).toMatch(/^Row 3: .*too common/);
    expect(await exists(good)).toBe(false);
    const own = `username,displayName,role,group,password\n${good},张三,drafter,,${good}-secret\n`;
    expect(
      (await t.http().post('/api/users/import').set(admin.auth).send({ csv: own }).expect(400)).body.message,
    ).toMatch(/Row 2: .*user name/);
  });

  it('keeps the length bounded', async () => {
    await create(uniq('pw'), 'long '.repeat(60)).expect(400);
  });

  it('refuses a weak BOOTSTRAP_ADMIN_PASSWORD at start-up, naming the setting', () => {
    for (const weak of ['short', 'admin-password', 'qwertyuiop', '          ']) {
      expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: weak })).toThrow(ConfigError);
      expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: weak })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    }
    expect(loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: 'lantern over the river' }).bootstrapAdminPassword).toBe(
      'lantern over the river',
    );
  });
});
