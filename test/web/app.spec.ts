/**
 * The web app in headless Chromium (Debian's package, driven by playwright-core): a delegate comments on a clause and
 * on a passage; a drafter adds a version, compares, finds the comment carried over and decides it; the delegate sees
 * the decision; a delegate of another group sees nothing of it. Needs `npm run build` (dist/web) and /usr/bin/chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEMO_VERSIONS } from '../../src/demo/demo-texts';
import { startTestApp, type TestApp, type TestUser } from '../support/app';

const CHROMIUM = '/usr/bin/chromium';
const WEB = join(__dirname, '../../dist/web/index.html');
const SHOTS = join(__dirname, '../../test-output/screenshots');
const missing = [!existsSync(CHROMIUM) && `${CHROMIUM} (apt-get install -y chromium)`, !existsSync(WEB) && 'dist/web (npm run build)'].filter(Boolean);
if (missing.length) console.warn(`test/web skipped: missing ${missing.join(' and ')}`);
const suite = missing.length ? describe.skip : describe;

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1440, height: 900 };

suite('web app in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let drafter: TestUser;
  let delegate: TestUser;
  let outsider: TestUser;
  let docId: string;
  const V1 = DEMO_VERSIONS[0].text;
  const V2 = DEMO_VERSIONS[1].text;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    drafter = await t.user('drafter');
    delegate = await t.user('delegate', { group: '第一代表团' });
    outsider = await t.user('delegate', { group: '第二代表团' });
    await t.user('delegate', { group: '第一代表团' }); // a colleague who never comments
    const doc = await t.http().post('/api/documents').set(drafter.auth).send({ title: '关于推动制造业高质量发展的若干措施' });
    docId = doc.body.id;
    await t.http().post(`/api/documents/${docId}/versions`).set(drafter.auth).send({ text: V1, label: '讨论稿', stage: 'consultation', note: '发代表征求意见' }).expect(201);
    const now = Date.now();
    await t.http().post(`/api/documents/${docId}/consultations`).set(drafter.auth)
      .send({ versionNumber: 1, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(), audience: [delegate.groupId], visibility: 'drafters' })
      .expect(201);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(user: TestUser, size = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport: size, locale: 'zh-CN' });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill('password-123');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    return page;
  }

  async function shoot(page: Page, name: string) {
    for (const [w, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`), fullPage: false });
    }
  }

  it('serves the app at / without hiding the API', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await shoot(page, 'login');
    const api = await page.request.get(`${base}/api/auth/me`);
    expect(api.status()).toBe(401);
    expect((await api.json()).error).toBeDefined();
    await page.close();
  });

  it('a delegate comments on a clause and then on a passage, and sees both', async () => {
    const page = await open(delegate);
    await page.getByRole('heading', { name: '发给我的征求意见稿' }).waitFor();
    await page.getByText(/截止/).first().waitFor();
    await shoot(page, 'delegate-drafts');
    await page.getByRole('link', { name: '阅读并提意见' }).click();
    await page.locator('.clause').first().waitFor();
    await page.getByText(/征求意见进行中/).waitFor();
    const cards = page.locator('.clause:not(.kind-title):not(.kind-division)').filter({ has: page.getByRole('button', { name: '提意见' }) });
    const byKey = async (i: number) => page.locator(`.clause[data-key="${await cards.nth(i).getAttribute('data-key')}"]`);
    const first = await byKey(2);
    const second = await byKey(3);
    await first.getByRole('button', { name: '提意见' }).click();
    await first.getByLabel('意见内容').fill('建议明确奖励的具体标准。');
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

  it('a drafter adds a version, compares it, finds the comment carried over and decides it with a reason', async () => {
    const page = await open(drafter);
    await page.getByRole('link', { name: '关于推动制造业高质量发展的若干措施' }).click();
    await page.getByRole('heading', { name: '添加新稿' }).waitFor();
    await shoot(page, 'drafter-documents');
    await page.getByLabel('稿名（如 第十六稿）').fill('修改稿');
    await page.getByLabel('粘贴文本').fill(V2);
    await page.getByLabel('修改说明').fill('根据代表意见修改。');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByText(/已添加 修改稿/).waitFor({ timeout: 30_000 });
    await page.locator('.version[data-version="2"]').getByRole('link', { name: '与上一稿比较' }).click();
    await page.locator('.change').first().waitFor({ timeout: 30_000 });
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
    await page.getByLabel('理由').fill('奖励标准将在实施细则中明确。');
    await page.getByRole('button', { name: '批量处理' }).click();
    await page.getByText('已处理 1 条意见。').waitFor();
    await item.getByText('部分采纳').waitFor();
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
    await page.getByRole('link', { name: '我的意见' }).click();
    const decided = page.locator('.card').filter({ hasText: '建议明确奖励的具体标准。' });
    await decided.getByText('部分采纳').waitFor();
    await decided.getByText(/奖励标准将在实施细则中明确/).waitFor();
    await decided.getByText(/现在位置/).waitFor();
    await shoot(page, 'delegate-decision');
    await page.close();
  });

  it('a delegate of another group sees neither the draft nor the comments', async () => {
    const page = await open(outsider, PHONE);
    await page.getByText('目前没有发给你的征求意见稿。').waitFor();
    await page.goto(`${base}/#/documents/${docId}/v/1/read`);
    const version = await page.request.get(`${base}/api/documents/${docId}/versions/1`, { headers: outsider.auth });
    expect(version.status()).toBe(403);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.clause').count()).toBe(0);
    await page.goto(`${base}/#/mine`);
    await page.getByText('你还没有提交意见。').waitFor();
    const api = await page.request.get(`${base}/api/documents/${docId}/versions/1/comments`, { headers: outsider.auth });
    expect(api.status()).toBe(403);
    await page.close();
  });

  it('reads a 500-article draft and jumps from the outline to its last article', async () => {
    const doc = await t.http().post('/api/documents').set(drafter.auth).send({ title: '五百条' });
    const text = Array.from({ length: 500 }, (_, i) => `第${zhNumber(i + 1)}条 本条规定第${i + 1}项事项，有关部门应当按照职责做好相应工作。`).join('\n');
    await t.http().post(`/api/documents/${doc.body.id}/versions`).set(drafter.auth).send({ text }).expect(201);
    const page = await open(drafter);
    const started = Date.now();
    await page.goto(`${base}/#/documents/${doc.body.id}/v/1/read`);
    await page.locator('.clause').first().waitFor();
    console.log(`500-article reader: first clauses shown after ${Date.now() - started} ms`);
    await page.locator('.outline').getByRole('button', { name: /^第五百条/ }).click();
    await expect(page.locator('.clause[aria-label="第五百条"]').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('an admin manages users and groups', async () => {
    const admin = await t.admin();
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('admin-test-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '用户与分组' }).click();
    await page.getByRole('cell', { name: drafter.username }).first().waitFor();
    await page.getByLabel(/第一行为表头/).fill(`username,displayName,role,group,password\ncsvuser${Date.now()},代表 孙,delegate,第一代表团,password-123`);
    await page.getByRole('button', { name: 'CSV 批量导入' }).click();
    await page.getByText('已导入 1 个用户。').waitFor();
    await shoot(page, 'admin');
    expect(admin.role).toBe('admin');
    await page.close();
  });
});

/** 1..999 as a Chinese numeral (一, 十二, 一百零五, 五百). */
function zhNumber(n: number): string {
  const d = '零一二三四五六七八九';
  const h = Math.floor(n / 100), tens = Math.floor((n % 100) / 10), u = n % 10;
  let s = h ? d[h] + '百' : '';
  if (tens) s += (h && tens === 1 ? '一' : tens === 1 && !h ? '' : d[tens]) + '十';
  else if (h && u) s += '零';
  if (u) s += d[u];
  return s;
}
