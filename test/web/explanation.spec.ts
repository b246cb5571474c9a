import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ALIGN_V1, ALIGN_V2 } from '../documents/alignment-fixture';
import type { TestUser } from '../support/app';
import { browserSuite, consultedDocument, DESKTOP, PHONE, SHOTS, startWeb, type Web } from './harness';

/** The 修改说明 screen, and the clause history's timeline and blame, at phone and desktop widths. */
browserSuite('修改说明 and 本条沿革 in the browser', () => {
  let web: Web;
  let drafter: TestUser;
  let id: string;

  /** Screenshots of one part of the screen at both widths, with no sideways scrolling on the phone. */
  const shootAt = async (page: Page, part: Locator, name: string) => {
    for (const [w, size] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      if (w === 'phone')
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await part.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`) });
    }
  };

  beforeAll(async () => {
    web = await startWeb();
    const t = web.t;
    drafter = await t.user('drafter');
    const author = await t.user('delegate', { group: '第二代表团（浏览器）' });
    id = await consultedDocument(t, drafter, author.groupId!, '促进制造业发展的若干规定', [
      { text: ALIGN_V1, label: '第一稿' },
    ]);
    const now = Date.now();
    const v1 = (await t.http().get(`/api/documents/${id}/versions/1`).set(drafter.auth)).body.clauses as {
      key: string;
      text: string;
    }[];
    const say = async (needle: string, body: string) =>
      (
        await t
          .http()
          .post(`/api/documents/${id}/versions/1/comments`)
          .set(author.auth)
          .set('Idempotency-Key', `expl-${body.length}-${now}`)
          .send({ clauseKey: v1.find((c) => c.text.includes(needle))!.key, kind: 'amend', body })
          .expect(201)
      ).body.id as string;
    const split = await say('技术改造项目', '奖励和补贴宜分成两条');
    const untouched = await say('增强产业竞争力', '立法目的宜写明绿色发展');
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V2, label: '第二稿', note: '删除第六条解释条款。' })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V2.replace('最高五百万元', '最高八百万元'), label: '第三稿' })
      .expect(201);
    const decide = (c: string, reason: string, v: number) =>
      t
        .http()
        .put(`/api/comments/${c}/decision`)
        .set(drafter.auth)
        .send({ outcome: 'adopted', reason, implementedInVersion: v })
        .expect(200);
    await decide(split, '已将奖励和补贴分列两条', 2);
    await decide(untouched, '在总则中体现', 2);
  }, 120_000);
  afterAll(() => web?.close());

  it('explains the changes between two drafts with the comments behind each, and lists what the reverse check finds', async () => {
    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${id}`);
    await page.locator('.version[data-version="2"]').getByRole('link', { name: '修改说明' }).click();
    await page.getByRole('heading', { name: '修改说明', level: 1 }).waitFor();
    await page.getByText(/^与第一稿相比，第二稿共修改/).waitFor();
    const split = page.locator('.explanation-changes > li').filter({ has: page.locator('.badge.type-split') });
    await split.getByText('奖励和补贴宜分成两条').waitFor();
    await split.getByText(/已将奖励和补贴分列两条/).waitFor();
    const check = page.getByRole('region', { name: '核对' });
    await check.getByText('立法目的宜写明绿色发展').waitFor();
    await check.getByText('该条在所称落实的稿中仅序号变化').waitFor();
    expect(await check.getByRole('link').count()).toBe(2); // the move and the merge: no comment, no note
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载修改说明（Word）' }).click();
    expect((await download).suggestedFilename()).toMatch(/修改说明.*\.docx$/);
    await shootAt(page, page.getByRole('heading', { name: '修改说明', level: 1 }), 'drafter-explanation');
    await shootAt(page, split, 'drafter-explanation-change');
    // from the compare screen too
    await page.goto(`${web.base}/#/documents/${id}/compare?from=1&to=3`);
    await page.getByRole('link', { name: '修改说明' }).click();
    await page.getByText(/^与第一稿相比，第三稿/).waitFor();
    await page.close();
  });

  it('shows the history panel and the blame view at phone and desktop widths', async () => {
    const page = await web.open(drafter);
    const v3 = (await web.t.http().get(`/api/documents/${id}/versions/3`).set(drafter.auth)).body.clauses as {
      key: string;
      text: string;
    }[];
    await page.goto(
      `${web.base}/#/documents/${id}/clauses/${v3.find((c) => c.text.includes('技术改造项目'))!.key}/history`,
    );
    const timeline = page.getByRole('list', { name: '历次修改' });
    await timeline.getByText('奖励和补贴宜分成两条').first().waitFor(); // the comment, and again among those its draft carried out
    await shootAt(page, timeline, 'drafter-history-panel');
    await page.locator('.blame-run', { hasText: '八百万' }).click();
    await page.locator('.blame-run', { hasText: '技术改造' }).first().click();
    const behind = page.getByRole('region', { name: /采纳的意见$/ });
    await behind.waitFor();
    await shootAt(page, page.getByRole('region', { name: '现行表述出自哪一稿' }), 'drafter-blame');
    await page.close();
  });
});
