/**
 * The admin screen in headless Chromium: an admin disables and enables a user, renames another and resets their
 * password (a common one refused in Chinese first); the sessions of both end at once. Needs `npm run build`
 * (dist/web) and /usr/bin/chromium.
 */
import { ADMIN_PASSWORD, uniq } from '../support/app';
import { browserSuite, DESKTOP, startWeb, type Web } from './harness';

browserSuite('admin screen in a real browser', () => {
  let web: Web;
  beforeAll(async () => {
    web = await startWeb();
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  it('an admin disables and enables a user, edits another and resets their password', async () => {
    const { t, base } = web;
    const delegate = await t.user('delegate', { group: uniq('代表团') }); // a server database is shared: a group of its own
    const drafter = await t.user('drafter');
    const page = await web.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/`);
    await web.login(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: '用户与分组' }).click();

    const row = page.getByRole('row').filter({ hasText: delegate.username });
    await row.getByRole('cell', { name: '正常' }).waitFor();
    const own = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'admin', exact: true }) });
    expect(await own.getByRole('button', { name: /^停用/ }).count()).toBe(0); // no disabling oneself
    await row.getByRole('button', { name: `停用 ${delegate.username}` }).click();
    await row.getByRole('cell', { name: '已停用' }).waitFor();
    await page.getByText(`已停用 ${delegate.username}，其登录已全部失效。`).waitFor();
    await t.http().get('/api/auth/me').set(delegate.auth).expect(401);
    await row.getByRole('button', { name: `启用 ${delegate.username}` }).click();
    await row.getByRole('cell', { name: '正常' }).waitFor();

    await page.getByRole('button', { name: `编辑 ${drafter.username}` }).click();
    const editor = page.getByRole('region', { name: `编辑用户 ${drafter.username}` });
    await editor.getByLabel('姓名').fill('起草组 新同事');
    await editor.getByRole('button', { name: '保存修改' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: drafter.username })
      .getByRole('cell', { name: '起草组 新同事' })
      .waitFor();
    await t.http().get('/api/auth/me').set(drafter.auth).expect(200); // a new name leaves the sessions alone
    expect(await editor.getByLabel('角色').inputValue()).toBe('drafter'); // the form still shows what was saved

    await editor.getByLabel('新密码').fill('qwertyuiop');
    await editor.getByRole('button', { name: '重置密码' }).click();
    await page.getByRole('alert').getByText('这个密码太常见，容易被猜中，请换一个').waitFor();
    await editor.getByLabel('新密码').fill('a fresh and long passphrase');
    await editor.getByRole('button', { name: '重置密码' }).click();
    await page.getByText(`已重置 ${drafter.username} 的密码，其登录已全部失效。`).waitFor();
    expect(await editor.getByLabel('角色').inputValue()).toBe('drafter');
    await web.shoot(page, 'admin-users');
    await t.http().get('/api/auth/me').set(drafter.auth).expect(401);
    expect(
      (
        await t
          .http()
          .get('/api/users')
          .set((await t.admin()).auth)
          .expect(200)
      ).body.find((u: { id: string }) => u.id === drafter.id).role,
    ).toBe('drafter');
    await t
      .http()
      .post('/api/auth/login')
      .send({ username: drafter.username, password: 'a fresh and long passphrase' })
      .expect(200);
    await page.close();
  });
});
