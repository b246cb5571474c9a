/**
 * Live updates in headless Chromium (issue 14): the drafting group's board shows a delegate's new comment without a
 * reload, the timeline a new version, and a delegate reading the draft sees a badge on "My comments" when the group
 * decides on their comment.
 */
import { postComment, V1 } from '../comments/helpers';
import type { TestApp, TestUser } from '../support/app';
import { clausesOf } from '../support/clauses';
import { browserSuite, consultedDocument, startWeb, type Web } from './harness';

browserSuite('live updates in a real browser', () => {
  let web: Web;
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;
  let docId: string;
  let key: string;

  beforeAll(async () => {
    web = await startWeb();
    t = web.t;
    drafter = await t.user('drafter');
    delegate = await t.user('delegate', { group: '第五代表团' });
    docId = await consultedDocument(t, drafter, delegate.groupId!, '社区服务规定（实时）', [
      { text: V1, label: '第一稿' },
    ]);
    key = (await clausesOf(t, drafter, docId, 1)).find((c) => c.text.includes('便民利民'))!.key;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('the board shows a new comment and the timeline a new version without a reload', async () => {
    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${docId}/v/1/board`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(500); // the event stream connects
    const marker = await page.evaluate(
      () => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true),
    );
    await postComment(t, delegate, docId, 1, { clauseKey: key, kind: 'remark', body: '建议写明办理时限。' }).expect(
      201,
    );
    await page.locator('.board-comment').filter({ hasText: '建议写明办理时限。' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(marker); // no reload happened

    await page.goto(`${web.base}/#/documents/${docId}`);
    await page.locator('.version[data-version="1"]').waitFor();
    await page.waitForTimeout(500);
    await t
      .http()
      .post(`/api/documents/${docId}/versions`)
      .set(drafter.auth)
      .send({ text: V1.replace('每季度', '每月'), label: '第二稿' })
      .expect(201);
    await page.locator('.version[data-version="2"]').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.close();
  });

  it('a delegate reading the draft sees a badge on My comments when the group decides on their comment', async () => {
    const mine = (
      await postComment(t, delegate, docId, 1, { clauseKey: key, kind: 'amend', body: '建议改为每月公开。' }).expect(
        201,
      )
    ).body;
    const page = await web.open(delegate);
    await page.goto(`${web.base}/#/documents/${docId}/v/1/read`);
    await page.getByText('便民利民').first().waitFor();
    await page.waitForTimeout(500);
    const nav = page.getByRole('navigation', { name: /主导航|导航/ });
    expect(await nav.locator('.badge.news').count()).toBe(0);
    await t
      .http()
      .put(`/api/comments/${mine.id}/decision`)
      .set(drafter.auth)
      .send({ outcome: 'adopted', reason: '已在第二稿中修改。' })
      .expect(200);
    await nav.locator('.badge.news', { hasText: '1' }).waitFor({ timeout: 10_000 });
    await web.shoot(page, 'delegate-live-badge');
    await nav.getByRole('link', { name: /我的意见/ }).click();
    await page.getByText('已在第二稿中修改。').waitFor();
    await page.locator('.badge.news').waitFor({ state: 'detached' });
    await page.close();
  });
});
