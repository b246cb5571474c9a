/**
 * The web app in headless Chromium (Debian's package, driven by playwright-core): a delegate comments on a clause and
 * on a passage; a drafter adds a version, compares, finds the comment carried over and decides it; the delegate sees
 * the decision; a delegate of another group sees nothing of it. Needs `npm run build` (dist/web) and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core';
import { DEMO_VERSIONS } from '../../src/demo/demo-texts';
import { ADMIN_PASSWORD, type TestApp, type TestUser, USER_PASSWORD } from '../support/app';
import { browserSuite, consultedDocument, DESKTOP, PHONE, startWeb, type Web, zhNumber } from './harness';

browserSuite('web app in a real browser', () => {
  let web: Web;
  let t: TestApp;
  let base: string;
  let drafter: TestUser;
  let delegate: TestUser;
  let outsider: TestUser;
  let docId: string;
  const V1 = DEMO_VERSIONS[0].text;
  const V2 = DEMO_VERSIONS[1].text;
  const open = (user: TestUser, size = DESKTOP) => web.open(user, size);
  const shoot = (page: Page, name: string) => web.shoot(page, name);

  beforeAll(async () => {
    web = await startWeb();
    ({ t, base } = web);
    drafter = await t.user('drafter');
    delegate = await t.user('delegate', { group: '第一代表团' });
    outsider = await t.user('delegate', { group: '第二代表团' });
    await t.user('delegate', { group: '第一代表团' }); // a colleague who never comments
    docId = await consultedDocument(t, drafter, delegate.groupId!, '关于推动制造业高质量发展的若干措施', [
      { text: V1, label: '讨论稿', stage: 'consultation', note: '发代表征求意见' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('serves the app at / without hiding the API', async () => {
    const page = await web.browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await shoot(page, 'login');
    const api = await page.request.get(`${base}/api/auth/me`);
    expect(api.status()).toBe(401);
    expect((await api.json()).error).toBeDefined();
    // A wrong password is explained in Chinese, not in the server's English.
    await page.getByLabel('用户名').fill('nobody');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码不正确').waitFor();
    const icon = await page.request.get(`${base}/favicon.svg`);
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    await page.close();
  });

  it('a delegate comments on a clause and then on a passage, and sees both', async () => {
    const page = await open(delegate);
    await page.getByRole('heading', { name: '发给我的征求意见稿' }).waitFor();
    await page.getByText(/截止/).first().waitFor();
    await shoot(page, 'delegate-drafts');
    // Other test files' consultations addressed to every delegate may be listed too (shared server database).
    await page.locator(`a[href*="${docId}"]`, { hasText: '阅读并提意见' }).click();
    await page.locator('.clause').first().waitFor();
    await page.getByText(/征求意见进行中/).waitFor();
    const cards = page
      .locator('.clause:not(.kind-title):not(.kind-division)')
      .filter({ has: page.getByRole('button', { name: '提意见', exact: true }) });
    const byKey = async (i: number) =>
      page.locator(`.clause[data-key="${await cards.nth(i).getAttribute('data-key')}"]`);
    const first = await byKey(2);
    const second = await byKey(3);
    await first.getByRole('button', { name: '提意见', exact: true }).click();
    // an over-long paste is neither cut nor posted: the counter warns and the server refuses with its limit
    await first.getByLabel('意见内容').fill('长'.repeat(6000));
    await first.getByText('已有 6000 字，超过 5000 字的上限，请删减后再提交。').waitFor();
    await first.getByRole('button', { name: '提交意见' }).click();
    await first.getByText(/意见最多 5000 个字/).waitFor();
    expect(await first.getByLabel('意见内容').inputValue()).toHaveLength(6000);
    expect(await first.getByRole('button', { name: /条意见/ }).count()).toBe(0);
    await first.getByLabel('意见内容').fill('建议明确奖励的具体标准。');
    await first.getByText('12/5000 字').waitFor();
    await first.getByLabel('建议修改为（可选）').fill('给予不超过五百万元的一次性奖励。');
    await first.getByRole('button', { name: '提交意见' }).click();
    await first.getByRole('button', { name: '1 条意见' }).waitFor();

    await second.locator('.body').evaluate((el) => {
      const text = el.firstChild!;
      const range = document.createRange();
      range.setStart(text, 2);
      range.setEnd(text, 8);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      el.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await second.getByRole('button', { name: '对所选文字提意见' }).click();
    await second.locator('.quote mark').waitFor();
    await second.getByLabel('意见类型').selectOption('amend');
    await second.getByLabel('意见内容').fill('这几个字表述不够准确。');
    await second.getByRole('button', { name: '提交意见' }).click();
    await second.getByRole('button', { name: '1 条意见' }).click();
    await second.locator('.comment blockquote').waitFor();
    await shoot(page, 'delegate-reader');

    await page.getByRole('link', { name: '我的意见' }).click();
    await page.locator('.comment').nth(1).waitFor();
    expect(await page.locator('.comment').count()).toBe(2);
    await expect(page.getByText('建议明确奖励的具体标准。').isVisible()).resolves.toBe(true);
    await expect(page.getByText('这几个字表述不够准确。').isVisible()).resolves.toBe(true);
    await shoot(page, 'delegate-my-comments');
    await page.close();
  });

  it('a delegate edits a comment in the reader and in My comments, sees the earlier wording, withdraws it, and the count drops', async () => {
    const page = await open(delegate);
    await page.goto(`${base}/#/documents/${docId}/v/1/read`);
    const cards = page
      .locator('.clause:not(.kind-title):not(.kind-division)')
      .filter({ has: page.getByRole('button', { name: '提意见', exact: true }) });
    await cards.nth(4).waitFor();
    const card = page.locator(`.clause[data-key="${await cards.nth(4).getAttribute('data-key')}"]`);
    await card.getByRole('button', { name: '提意见', exact: true }).click();
    await card.getByLabel('意见内容').fill('第一次表述：建议增加考核指标。');
    await card.getByRole('button', { name: '提交意见' }).click();
    await card.getByRole('button', { name: '1 条意见' }).click();
    const mine = card.locator('.comment').filter({ hasText: '次表述' });
    await mine.getByRole('button', { name: '修改', exact: true }).click();
    await mine.getByLabel('意见类型').selectOption('add');
    await mine.getByLabel('意见内容').fill('第二次表述：建议增加年度考核指标。');
    await mine.getByRole('button', { name: '保存修改' }).click();
    await mine.locator('p.body').getByText('第二次表述：建议增加年度考核指标。').waitFor();
    await mine.getByRole('button', { name: '查看修改记录' }).click();
    await mine.locator('.history').getByText('第一次表述：建议增加考核指标。').waitFor();

    await page.getByRole('link', { name: '我的意见' }).click();
    const item = page.locator('.card').filter({ hasText: '次表述' });
    await item.getByRole('button', { name: '修改', exact: true }).click();
    await item.getByLabel('意见内容').fill('第三次表述：建议按年度考核并公开结果。');
    await item.getByRole('button', { name: '保存修改' }).click();
    await item.getByText(/已保存修改/).waitFor();
    await item.getByRole('button', { name: '查看修改记录' }).click();
    await item.locator('.history li').nth(1).waitFor();
    expect(await item.locator('.history').innerText()).toMatch(/第一次表述[\s\S]*第二次表述/);
    await shoot(page, 'delegate-comment-history');

    await page.goBack();
    await card.getByRole('button', { name: '1 条意见' }).click();
    await mine.getByRole('button', { name: '撤回' }).click();
    await mine.getByRole('alertdialog').getByRole('button', { name: '确认撤回' }).click();
    await card.getByText('暂无可见意见。').waitFor();
    expect(await card.getByRole('button', { name: /条意见/ }).count()).toBe(0);
    const counts = await page.request.get(`${base}/api/documents/${docId}/versions/1/comments/counts`, {
      headers: delegate.auth,
    });
    const key = await card.getAttribute('data-key');
    expect((await counts.json()).find((c: { clauseKey: string }) => c.clauseKey === key)).toBeUndefined();
    await page.getByRole('link', { name: '我的意见' }).click();
    const gone = page.locator('.card').filter({ hasText: '第三次表述' });
    await gone.getByText('已撤回').first().waitFor();
    expect(await gone.getByRole('button', { name: '修改', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('a drafter adds a version, compares it, finds the comment carried over and decides it with a reason', async () => {
    const page = await open(drafter);
    await page.getByRole('link', { name: '关于推动制造业高质量发展的若干措施' }).click();
    await page.getByRole('heading', { name: '添加新稿' }).waitFor();
    await shoot(page, 'drafter-documents');
    await page.getByLabel('稿名（如 第十六稿）').fill('修改稿');
    await page.getByLabel('粘贴文本').fill(V2);
    await page.getByLabel('修改说明').fill('根据代表意见修改。');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    const notice = page.getByText(/已添加 修改稿：.*(未改|修改|新增|重新编号) \d+ 条/);
    await notice.waitFor({ timeout: 30_000 });
    // the upload notice and the compare summary give the same counts (one source on the server)
    const counted = (text: string, names: string[]) =>
      Object.fromEntries(names.map((n) => [n, Number(new RegExp(`${n}\\s*(\\d+)`).exec(text)?.[1] ?? 0)]));
    const NAMES = ['新增', '删除', '修改', '移动', '重新编号', '拆分', '合并', '未改'];
    const fromNotice = counted(await notice.innerText(), NAMES);
    await page.locator('.version[data-version="2"]').getByRole('link', { name: '与上一稿比较' }).click();
    await page.locator('.change').first().waitFor({ timeout: 30_000 });
    const badges = await page.getByRole('list', { name: '修改概况' }).innerText();
    expect(counted(badges, NAMES)).toEqual(fromNotice);
    // Items restart their numbering under each measure: each change says which measure it stands under.
    await page.locator('.change .labels', { hasText: '一、实施龙头企业引领工程 › （' }).first().waitFor();
    await page.getByRole('button', { name: /下一处修改/ }).click();
    await page.getByText(/第 1\/\d+ 处/).waitFor();
    await page.getByRole('button', { name: '行内标注' }).click();
    expect(await page.locator('.change ins, .change del').count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载修改前后对照表' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.docx$/);
    await page.getByRole('button', { name: '左右对照' }).click();
    await shoot(page, 'drafter-compare');

    await page.getByRole('link', { name: /返回/ }).click();
    await page.locator('.version[data-version="2"]').getByRole('link', { name: '意见' }).click();
    const item = page.locator('.board-comment').filter({ hasText: '建议明确奖励的具体标准。' });
    await item.waitFor({ timeout: 30_000 });
    await item.getByRole('checkbox').check();
    await page.getByLabel('处理结果').last().selectOption('partly_adopted');
    expect(await page.getByLabel('在第几版落实（可选）').inputValue()).toBe(''); // never pre-filled with the board's version
    await page.getByLabel('理由').fill('奖励标准将在实施细则中明确。');
    await page.getByRole('button', { name: '批量处理' }).click();
    await page.getByText('已处理 1 条意见。').waitFor();
    await item.getByText('部分采纳').waitFor();
    await item
      .locator('.badge.anchor')
      .getByText(/原位|已移位|近似定位|已转为整条/)
      .waitFor();
    const filters = page.locator('form.filters');
    await filters.getByLabel('定位情况').selectOption('orphaned');
    await item.waitFor({ state: 'detached' });
    await filters.getByLabel('定位情况').selectOption('');
    await filters.getByLabel('处理结果').selectOption('not_adopted');
    await page.getByText('没有符合条件的意见。').waitFor();
    await filters.getByLabel('处理结果').selectOption('partly_adopted');
    await item.getByRole('button', { name: '展开讨论' }).click();
    await item.getByText('还没有回复。').waitFor();
    await item.getByRole('button', { name: '回复', exact: true }).click();
    await item.getByRole('textbox', { name: '回复' }).fill('请补充具体数额建议。');
    await item.getByRole('button', { name: '发送' }).click();
    await item.locator('.thread').getByText('请补充具体数额建议。').waitFor();
    await filters.getByLabel('处理结果').selectOption('');
    await shoot(page, 'drafter-board');
    await page.getByRole('link', { name: /返回/ }).click();
    const report = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载意见采纳情况汇总表 (XLSX)' }).click();
    expect((await report).suggestedFilename()).toBe('意见采纳情况汇总表.xlsx');
    await page.locator('.consultation details summary').getByText('尚未提意见 (1)').waitFor();
    await shoot(page, 'drafter-timeline');
    await page.close();
  });

  it('the delegate sees the decision and its reason', async () => {
    const page = await open(delegate, PHONE);
    await page.getByRole('button', { name: '菜单' }).click(); // on a phone the navigation is in the header's menu
    await page.getByRole('link', { name: '我的意见' }).click();
    const decided = page.locator('.card').filter({ hasText: '建议明确奖励的具体标准。' });
    await decided.getByText('部分采纳').waitFor();
    await decided.getByText(/奖励标准将在实施细则中明确/).waitFor();
    await decided.getByText('请补充具体数额建议。').waitFor();
    await decided.getByText(/现在位置/).waitFor();
    // decided: frozen for its author, who is told a reply is still possible
    await decided.getByText('起草组已处理这条意见，不能再修改或撤回；如有补充，可以在下方回复。').waitFor();
    expect(await decided.getByRole('button', { name: '修改', exact: true }).count()).toBe(0);
    expect(await decided.getByRole('button', { name: '撤回', exact: true }).count()).toBe(0);
    await shoot(page, 'delegate-decision');
    await page.close();
  });

  it('a delegate of another group sees neither the draft nor the comments', async () => {
    const page = await open(outsider, PHONE);
    await page.getByRole('heading', { name: '发给我的征求意见稿' }).waitFor();
    await page.locator('ul.cards, p:text("目前没有发给你的征求意见稿。")').first().waitFor();
    expect(await page.locator(`a[href*="${docId}"]`).count()).toBe(0);
    await page.goto(`${base}/#/documents/${docId}/v/1/read`);
    const version = await page.request.get(`${base}/api/documents/${docId}/versions/1`, { headers: outsider.auth });
    expect(version.status()).toBe(404);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.clause').count()).toBe(0);
    await page.goto(`${base}/#/mine`);
    await page.getByText('你还没有提交意见。').waitFor();
    const api = await page.request.get(`${base}/api/documents/${docId}/versions/1/comments`, {
      headers: outsider.auth,
    });
    expect(api.status()).toBe(404);
    await page.close();
  });

  it('reads a 500-article draft and jumps from the outline to its last article', async () => {
    const doc = await t.http().post('/api/documents').set(drafter.auth).send({ title: '五百条' });
    const text = Array.from(
      { length: 500 },
      (_, i) => `第${zhNumber(i + 1)}条 本条规定第${i + 1}项事项，有关部门应当按照职责做好相应工作。`,
    ).join('\n');
    await t.http().post(`/api/documents/${doc.body.id}/versions`).set(drafter.auth).send({ text }).expect(201);
    const page = await open(drafter);
    const started = Date.now();
    await page.goto(`${base}/#/documents/${doc.body.id}/v/1/read`);
    await page.locator('.clause').first().waitFor();
    console.log(`500-article reader: first clauses shown after ${Date.now() - started} ms`);
    await page
      .locator('.outline')
      .getByRole('button', { name: /^第五百条/ })
      .click();
    await expect(page.locator('.clause[aria-label="第五百条"]').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('an admin manages users and groups', async () => {
    const admin = await t.admin();
    const page = await web.browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/`);
    await web.login(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: '用户与分组' }).click();
    await page.getByRole('cell', { name: drafter.username }).first().waitFor();
    await page
      .getByLabel(/第一行为表头/)
      .fill(
        `username,displayName,role,group,password\ncsvuser${Date.now()},代表 孙,delegate,第一代表团,${USER_PASSWORD}`,
      );
    await page.getByRole('button', { name: 'CSV 批量导入' }).click();
    await page.getByText('已导入 1 个用户。').waitFor();
    await shoot(page, 'admin');
    expect(admin.role).toBe('admin');
    await page.close();
  });
});
