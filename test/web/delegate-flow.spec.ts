/**
 * The delegate's flow in headless Chromium (issue 11): commenting with the keyboard alone on a whole clause and on a
 * passage (focus into the form and back, a skip link past the outline), the confirmation in a live region with the
 * clause still in view, and the compact phone reader (a one-row header, a clause's actions on tap).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_VERSIONS } from '../../src/demo/demo-texts';
import { type TestApp, type TestUser, USER_PASSWORD } from '../support/app';
import { browserSuite, consultedDocument, PHONE, SHOTS, startWeb, type Web } from './harness';

interface Node {
  key: string;
  kind: string;
  label: string;
  text: string;
  path: string;
  children: Node[];
}
interface Focused {
  tag: string;
  text: string;
  type: string;
  field: string;
  key: string | null;
}

/** What has the focus (once the page has rendered and run its effects): its tag, text, field label and clause. */
const focused = (page: Page): Promise<Focused> =>
  page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName ?? '',
      text: (el?.textContent ?? '').trim(),
      type: el?.type ?? '',
      field: el?.labels?.[0]?.textContent?.trim() ?? '',
      key: (el?.closest('.clause') as HTMLElement | null)?.dataset.key ?? null,
    };
  });

/** Presses Tab (only Tab) until the focus is where `ok` says; fails with where it ended. */
async function tabUntil(page: Page, ok: (f: Focused) => boolean, max = 250): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (ok(await focused(page))) return i;
  }
  throw new Error(`not reached with Tab; focus is on ${JSON.stringify(await focused(page))}`);
}

/** Sentences as the test reads them: after 。；！？ or at a line break. */
const sentencesOf = (text: string) =>
  text
    .split(/(?<=[。；！？])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Whether the element lies wholly inside the viewport and above the confirmation bar. */
async function inView(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    const bar = document.querySelector('[role="status"]')?.closest('.sent-bar')?.getBoundingClientRect();
    const bottom = Math.min(innerHeight, bar && bar.height ? bar.top : innerHeight);
    return { top: r.top, bottom: r.bottom, limit: bottom, inside: r.top >= 0 && r.bottom <= bottom };
  }, selector);
}

browserSuite('the delegate’s flow: keyboard, confirmation, phone', () => {
  let web: Web;
  let t: TestApp;
  let delegate: TestUser;
  let docId: string;
  let clauses: Node[];
  const read = () => `${web.base}/#/documents/${docId}/v/1/read`;
  /** The delegate's reader on a fresh page (Tab starts at its top), once the clause `key` is shown. */
  const openReader = async (key: string) => {
    const page = await web.open(delegate);
    await page.goto(read());
    await page.reload();
    await page.getByText(/征求意见进行中/).waitFor();
    await page.locator(`.clause[data-key="${key}"]`).waitFor();
    return page;
  };
  /** Clauses a delegate comments on (not headings) whose text has at least two sentences. */
  const commentable = () =>
    clauses.filter((n) => n.kind !== 'title' && n.kind !== 'division' && sentencesOf(n.text).length >= 2);

  beforeAll(async () => {
    web = await startWeb();
    t = web.t;
    const drafter = await t.user('drafter');
    delegate = await t.user('delegate', { group: '第四代表团' });
    docId = await consultedDocument(t, drafter, delegate.groupId!, '制造业若干措施（键盘）', [
      { text: DEMO_VERSIONS[0].text, label: '讨论稿', stage: 'consultation' },
    ]);
    const v = await t.http().get(`/api/documents/${docId}/versions/1`).set(delegate.auth).expect(200);
    const flat: Node[] = [];
    const walk = (ns: Node[]) => ns.forEach((n) => (flat.push(n), walk(n.children)));
    walk(v.body.clauses);
    clauses = flat;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  const commentsOn = async (key: string) =>
    (
      await t
        .http()
        .get(`/api/documents/${docId}/versions/1/comments`)
        .query({ clause: key })
        .set(delegate.auth)
        .expect(200)
    ).body.items as {
      body: string;
      clauseKey: string;
      originalAnchor?: { quote: { exact: string; prefix?: string; suffix?: string } | null };
    }[];

  it('a skip link takes the keyboard past the header and the outline to the first clause', async () => {
    const page = await openReader(clauses[0].key);
    const presses = await tabUntil(page, (f) => f.text === '跳过目录，到条款', 12);
    expect(presses).toBeLessThanOrEqual(8);
    await page.keyboard.press('Enter');
    const f = await focused(page);
    expect(f.key).toBe(clauses[0].key);
    // the next Tab lands on a clause's button, not in the outline
    await page.keyboard.press('Tab');
    const next = await focused(page);
    expect(next.key).not.toBeNull();
    expect(next.tag).toBe('BUTTON');
    await page.close();
  });

  it('keyboard only: a comment on a whole clause — focus into the form and back, confirmed in a live region, the clause in view', async () => {
    const target = commentable()[8];
    const page = await openReader(target.key);
    await tabUntil(page, (f) => f.key === target.key && f.text === '提意见');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'SELECT', field: '意见类型', key: target.key });
    // cancel: back on the button that opened the form
    await tabUntil(page, (f) => f.text === '取消', 10);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: '提意见', key: target.key });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'SELECT', key: target.key });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'TEXTAREA', field: '意见内容', key: target.key });
    await page.keyboard.type('建议写明奖励的申请程序。');
    await tabUntil(page, (f) => f.text === '提交意见', 5);
    await page.keyboard.press('Enter');

    const status = page.getByRole('status').filter({ hasText: '意见已提交' });
    await status.waitFor();
    expect(await status.innerText()).toBe(`意见已提交：${target.path}`);
    expect(target.path).toContain(' › ');
    await page.locator(`.clause[data-key="${target.key}"]`).getByRole('button', { name: '1 条意见' }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: '提意见', key: target.key });
    const where = await inView(page, `.clause[data-key="${target.key}"] [data-act="comment"]`);
    expect(where).toMatchObject({ inside: true });
    const clauseBox = await inView(page, `.clause[data-key="${target.key}"] .clause-text`);
    expect(clauseBox.top).toBeGreaterThanOrEqual(0);

    const [c] = await commentsOn(target.key);
    expect(c).toMatchObject({ body: '建议写明奖励的申请程序。', clauseKey: target.key });
    expect(c.originalAnchor?.quote ?? null).toBeNull();
    await web.shoot(page, 'delegate-flow-confirmed');
    await page.close();
  });

  it('keyboard only: a comment on a passage chosen sentence by sentence, quoted exactly as a selection would be', async () => {
    const target = commentable()[10];
    const parts = sentencesOf(target.text);
    const page = await openReader(target.key);
    await tabUntil(page, (f) => f.key === target.key && f.text === '对部分文字提意见');
    await page.keyboard.press('Space');
    // the form's first field: the first sentence's checkbox
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', type: 'checkbox', field: parts[0], key: target.key });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ type: 'checkbox', field: parts[1] });
    await page.keyboard.press('Space');
    const form = page.getByRole('form', { name: '对部分文字提意见' });
    await form.locator('.quote mark').getByText(parts[1], { exact: true }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'delegate-flow-passage-desktop.png') });
    await tabUntil(page, (f) => f.field === '意见内容', 12);
    await page.keyboard.type('这一句的表述需要再斟酌。');
    await tabUntil(page, (f) => f.text === '提交意见', 5);
    await page.keyboard.press('Enter');

    await page
      .getByRole('status')
      .filter({ hasText: `意见已提交：${target.path}` })
      .waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: '对部分文字提意见', key: target.key });
    expect((await inView(page, `.clause[data-key="${target.key}"] [data-act="part"]`)).inside).toBe(true);

    const start = target.text.indexOf(parts[1]);
    const end = start + parts[1].length;
    const [c] = await commentsOn(target.key);
    expect(c.body).toBe('这一句的表述需要再斟酌。');
    expect(c.originalAnchor?.quote).toEqual({
      exact: parts[1],
      prefix: target.text.slice(Math.max(0, start - 32), start),
      suffix: target.text.slice(end, end + 32),
    });
    await page.close();
  });

  it('on a 360 px phone: a one-row header with a menu, and a tap on a clause opens its actions', async () => {
    const target = commentable()[3];
    const page = await web.browser.newPage({ viewport: PHONE, locale: 'zh-CN', hasTouch: true, isMobile: true });
    page.setDefaultTimeout(15_000);
    await page.goto(`${web.base}/`);
    await web.login(page, delegate.username, USER_PASSWORD);
    const menu = page.getByRole('button', { name: '菜单' });
    await menu.waitFor();
    const header = await page.getByRole('banner').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: '我的意见' }).count()).toBe(0);
    await menu.tap();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('link', { name: '我的意见' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'delegate-flow-phone-menu-phone.png') });
    expect((await page.getByRole('button', { name: '退出登录' }).boundingBox())!.height).toBeGreaterThanOrEqual(24);
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: expect.stringContaining('菜单') });

    await page.goto(read());
    await page.reload(); // a fresh page: Tab starts at its top
    await page.getByText(/征求意见进行中/).waitFor();
    const card = page.locator(`.clause[data-key="${target.key}"]`);
    await card.waitFor();
    expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThanOrEqual(64);
    await page.screenshot({ path: join(SHOTS, 'delegate-flow-phone-reader-phone.png') });
    // no button on every card: the clause itself is the control
    expect(await page.getByRole('button', { name: '提意见', exact: true }).count()).toBe(0);
    const clause = card.getByRole('button', { name: new RegExp(target.text.slice(0, 8)) });
    expect(await clause.getAttribute('aria-expanded')).toBe('false');
    await clause.tap();
    expect(await clause.getAttribute('aria-expanded')).toBe('true');
    const comment = card.getByRole('button', { name: '提意见', exact: true });
    await comment.waitFor();
    expect(await page.getByRole('button', { name: '提意见', exact: true }).count()).toBe(1);
    expect((await comment.boundingBox())!.height).toBeGreaterThanOrEqual(24);
    await web.shoot(page, 'delegate-flow-phone-actions');
    await page.setViewportSize(PHONE);
    await card.getByRole('button', { name: '提意见', exact: true }).tap();
    expect(await focused(page)).toMatchObject({ tag: 'SELECT', key: target.key });
    await card.getByLabel('意见内容').fill('手机上提的意见。');
    await card.getByRole('button', { name: '提交意见' }).tap();
    await page
      .getByRole('status')
      .filter({ hasText: `意见已提交：${target.path}` })
      .waitFor();
    expect(await focused(page)).toMatchObject({ key: target.key });
    expect(await clause.getAttribute('aria-expanded')).toBe('false');
    expect((await inView(page, `.clause[data-key="${target.key}"] .clause-tap`)).inside).toBe(true);
    await card.getByRole('button', { name: /1 条意见/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'delegate-flow-phone-confirmed-phone.png') });
    expect((await commentsOn(target.key)).map((c) => c.body)).toEqual(['手机上提的意见。']);
    await page.close();
  });
});
