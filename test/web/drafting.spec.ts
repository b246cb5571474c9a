/**
 * The drafting group's screens in headless Chromium: correcting an alignment, comparing the company-law pair from
 * the corpus without freezing the page, and the interface in English.
 */
import type { Page } from 'playwright-core';
import { DEMO_VERSIONS } from '../../src/demo/demo-texts';
import { ADMIN_PASSWORD, type TestApp, type TestUser } from '../support/app';
import { itCorpus, readCorpus } from '../support/corpus';
import { ALIGN_V1, ALIGN_V2 } from '../documents/alignment-fixture';
import { browserSuite, consultedDocument, startWeb, type Web } from './harness';

const COMPANY_LAW = ['company-law-cn/2018.txt', 'company-law-cn/2023.txt'];

/** What the stall probe keeps on `window`. */
interface StallProbe {
  __stall?: { maxGap: number; longTask: number; last: number };
}

/** Records the longest gap between ticks of a 16 ms timer and the longest 'longtask' entry: how long input would wait. */
function installStallProbe(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as StallProbe;
    if (!w.__stall) {
      const p = (w.__stall = { maxGap: 0, longTask: 0, last: performance.now() });
      setInterval(() => {
        const now = performance.now();
        p.maxGap = Math.max(p.maxGap, now - p.last);
        p.last = now;
      }, 16);
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => (p.longTask = Math.max(p.longTask, e.duration))),
      ).observe({ type: 'longtask' });
    }
    Object.assign(w.__stall, { maxGap: 0, longTask: 0, last: performance.now() });
  });
}
const readStall = (page: Page) =>
  page.evaluate(() => ({ ...(window as unknown as StallProbe).__stall }) as { maxGap: number; longTask: number });

browserSuite('drafting screens in a real browser', () => {
  let web: Web;
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;
  let docId: string;

  beforeAll(async () => {
    web = await startWeb();
    t = web.t;
    drafter = await t.user('drafter');
    delegate = await t.user('delegate', { group: '第三代表团' });
    docId = await consultedDocument(
      t,
      drafter,
      delegate.groupId!,
      '制造业若干措施（对齐）',
      DEMO_VERSIONS.slice(0, 2).map(({ text, label, stage }) => ({ text, label, stage })),
    );
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('a drafter corrects an alignment and sees the change, then puts it back', async () => {
    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${docId}/v/2/alignment`);
    const rows = page.locator('table.align tbody tr');
    const matched = rows.filter({ hasNot: page.locator('em') }).filter({ hasText: '延续' });
    await matched.nth(3).waitFor();
    const cells = matched.nth(3).locator('td');
    const [current, previous] = [await cells.nth(0).innerText(), await cells.nth(1).innerText()];
    const row = rows.filter({ has: page.locator('td:first-child', { hasText: current }) }).first();
    const before = (await t.http().get(`/api/documents/${docId}/versions/2/alignment`).set(drafter.auth)).body.edges
      .length;

    await row.getByRole('button', { name: '更正' }).click();
    await row.getByLabel('上一版条款').selectOption({ label: '（新增条款）' });
    await row.getByRole('button', { name: '保存' }).click();
    await page.getByText('已更正。').waitFor();
    await row.locator('td').nth(1).getByText('（新增条款）').waitFor();
    const after = (await t.http().get(`/api/documents/${docId}/versions/2/alignment`).set(drafter.auth)).body.edges
      .length;
    expect(after).toBe(before - 1);
    await web.shoot(page, 'drafter-alignment');

    await row.getByRole('button', { name: '更正' }).click();
    await row.getByLabel('上一版条款').selectOption({ label: previous });
    await row.getByRole('button', { name: '保存' }).click();
    await row.locator('td').nth(1).getByText(previous).waitFor();
    await row.locator('td').nth(2).getByText('延续 ✎').waitFor();
    const edges = (await t.http().get(`/api/documents/${docId}/versions/2/alignment`).set(drafter.auth)).body.edges;
    expect(edges).toHaveLength(before);
    expect(edges.filter((e: { source: string }) => e.source === 'drafter')).toHaveLength(1);
    await page.close();
  });

  itCorpus(
    'renders the company-law 2018→2023 comparison without freezing the page',
    async () => {
      const doc = await t.http().post('/api/documents').set(drafter.auth).send({ title: '中华人民共和国公司法' });
      for (const [i, file] of COMPANY_LAW.entries()) {
        await t
          .http()
          .post(`/api/documents/${doc.body.id}/versions`)
          .set(drafter.auth)
          .send({ text: readCorpus(file), label: i ? '2023年修订' : '2018年修正' })
          .expect(201);
      }
      const page = await web.open(drafter);
      await installStallProbe(page);
      const started = Date.now();
      await page.evaluate((to) => void (location.hash = to), `#/documents/${doc.body.id}/compare?from=1&to=2`);
      await page.locator('.change').first().waitFor({ timeout: 60_000 });
      const firstShown = Date.now() - started;
      await page.locator('.compare progress').waitFor({ state: 'detached', timeout: 60_000 });
      const allShown = Date.now() - started;
      const render = await readStall(page);
      const changes = await page.locator('.change').count();
      console.log(
        `company law 2018→2023: ${changes} changes; first shown after ${firstShown} ms, all after ${allShown} ms; ` +
          `longest main-thread stall ${Math.round(render.maxGap)} ms (timer gap), longest task ${Math.round(render.longTask)} ms`,
      );
      expect(render.maxGap).toBeLessThan(1000);

      await installStallProbe(page);
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: /下一处修改/ }).click();
      await page.getByText(`第 3/${changes} 处`).waitFor();
      await page.getByRole('button', { name: /上一处修改/ }).click();
      await page.getByText(`第 2/${changes} 处`).waitFor();
      await expect(page.locator('.change.current').getAttribute('id')).resolves.toBe('chg-1');
      const nav = await readStall(page);
      console.log(`company law: next/previous change, longest stall ${Math.round(nav.maxGap)} ms`);
      expect(nav.maxGap).toBeLessThan(1000);
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByRole('button', { name: '下载修改前后对照表' }).click();
      expect((await download).suggestedFilename()).toMatch(/\.docx$/);
      await web.shoot(page, 'drafter-compare-company-law');
      await page.close();
    },
    180_000,
  );

  it('shows every kind of lineage in the alignment view: a deleted clause in place, a move, a split and a merge', async () => {
    const id = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '对齐视图' }).expect(201)).body
      .id;
    for (const text of [ALIGN_V1, ALIGN_V2])
      await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text }).expect(201);
    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${id}/v/2/alignment`);
    const rows = page.locator('table.align tbody tr');
    await rows.nth(6).waitFor();
    const kinds = await rows.locator('td:nth-child(3)').allInnerTexts();
    expect(kinds).toEqual([
      '延续',
      '延续 · 移动',
      '延续 · 重新编号',
      '延续 · 拆分',
      '延续 · 合并',
      '删除',
      '延续 · 重新编号',
    ]);
    const deleted = rows.nth(5);
    expect(await deleted.locator('td').nth(0).innerText()).toBe('（已删除）');
    expect(await deleted.locator('td').nth(1).innerText()).toMatch(/^第六条 本规定由区工业和信息化局负责解释/);
    expect(await rows.nth(3).locator('td').nth(0).locator('div').count()).toBe(2); // both parts of the split
    expect(await rows.nth(4).locator('td').nth(1).locator('div').count()).toBe(2); // both articles merged
    await web.shoot(page, 'drafter-alignment-kinds');
    await page.close();
  });

  it("shows a clause's history from the compare screen: its drafts, the comments behind them, and who wrote which words", async () => {
    const id = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '本条沿革' }).expect(201)).body
      .id;
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V1, label: '第一稿' })
      .expect(201);
    const now = Date.now();
    const author = await t.user('delegate'); // a delegate of their own: the English test expects the suite's delegate to have no comment
    await t
      .http()
      .post(`/api/documents/${id}/consultations`)
      .set(drafter.auth)
      .send({
        versionNumber: 1,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 3_600_000).toISOString(),
        audience: [author.groupId],
        visibility: 'drafters',
      })
      .expect(201);
    const v1 = (await t.http().get(`/api/documents/${id}/versions/1`).set(drafter.auth)).body.clauses as {
      key: string;
      text: string;
    }[];
    const origin = v1.find((c) => c.text.includes('技术改造项目'))!.key;
    const comment = await t
      .http()
      .post(`/api/documents/${id}/versions/1/comments`)
      .set(author.auth)
      .set('Idempotency-Key', `hist-${now}`)
      .send({ clauseKey: origin, kind: 'amend', body: '补贴标准宜提高' })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V2, label: '第二稿' })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V2.replace('最高五百万元', '最高八百万元'), label: '第三稿' })
      .expect(201);
    await t
      .http()
      .put(`/api/comments/${comment.body.id}/decision`)
      .set(drafter.auth)
      .send({ outcome: 'adopted', reason: '提高至八百万元', implementedInVersion: 3 })
      .expect(200);

    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${id}/compare?from=2&to=3`);
    await page.locator('.change').filter({ hasText: '技术改造项目' }).getByRole('link', { name: '本条沿革' }).click();
    await page.getByRole('heading', { name: /^本条沿革：第四条/ }).waitFor();
    const steps = page.getByRole('list', { name: '历次修改' }).locator('li');
    expect(await steps.locator('h3 .badge').allInnerTexts()).toEqual(['新增', '拆分', '修改']);
    await steps.nth(0).getByText('补贴标准宜提高').waitFor();
    await page.locator('.blame-run', { hasText: '八百万' }).click();
    const behind = page.getByRole('region', { name: '第三稿采纳的意见' });
    await behind.getByText('采纳', { exact: true }).waitFor();
    await behind.getByText(/提高至八百万元/).waitFor();
    // from the reader too: every clause has its 本条沿革
    await page.goto(`${web.base}/#/documents/${id}/v/3/read`);
    await page.locator('.clause', { hasText: '技术改造项目' }).getByRole('link', { name: '本条沿革' }).click();
    await page.getByRole('heading', { name: /^本条沿革：第四条/ }).waitFor();
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await web.shoot(page, 'drafter-clause-history');
    await page.close();
  });

  it('opens the redline, whose own inline script runs under its hash-based policy (inline ↔ side by side)', async () => {
    const page = await web.browser.newPage({ extraHTTPHeaders: drafter.auth });
    const blocked: string[] = [];
    page.on(
      'console',
      (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && blocked.push(m.text()),
    );
    await page.goto(`${web.base}/api/documents/${docId}/diff?from=1&to=2&format=html`);
    await page.getByRole('button', { name: '左右对照' }).click();
    expect(await page.evaluate(() => document.body.classList.contains('side-by-side'))).toBe(true);
    expect(await page.locator('.side').first().isVisible()).toBe(true);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('shows English labels on the main screens after switching language', async () => {
    const page = await web.open(drafter);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.getByRole('link', { name: '制造业若干措施（对齐）' }).click();
    await page.getByRole('heading', { name: 'Versions' }).waitFor();
    await page.getByRole('heading', { name: 'Consultations' }).waitFor();
    await page.getByLabel('Label (e.g. 第十六稿)').fill('Third draft');
    await page.getByLabel('Format').selectOption({ label: 'Markdown' });
    await page.getByLabel('Format').selectOption({ label: 'Plain text' });
    await page.getByLabel('Paste text').fill(DEMO_VERSIONS[2].text);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText(/Added Third draft: .*\d+ (unchanged|edited|added|renumbered)/).waitFor({ timeout: 30_000 });
    await page.locator('.version[data-version="3"]').getByText('v3').first().waitFor();
    await web.shoot(page, 'english-document');
    await page.locator('.version[data-version="3"]').getByRole('link', { name: 'Compare with previous' }).click();
    await page.getByRole('heading', { name: 'Compare versions' }).waitFor();
    await page.getByRole('list', { name: 'Summary of changes' }).waitFor();
    await page.getByRole('button', { name: 'Side by side' }).waitFor();
    await page.goto(`${web.base}/#/documents/${docId}/v/2/board`);
    await page.getByRole('heading', { name: /^Comments on / }).waitFor();
    await page.getByLabel('Anchor status').waitFor();
    await page.goto(`${web.base}/#/documents/${docId}/v/3/alignment`);
    await page.getByRole('heading', { name: 'Alignment: v3 ← v2' }).waitFor();
    await page.close();

    const reader = await web.open(delegate);
    await reader.getByRole('button', { name: 'English' }).click();
    await reader.getByRole('heading', { name: 'Drafts released to me' }).waitFor();
    await reader.locator(`a[href*="${docId}"]`, { hasText: 'Read and comment' }).click();
    await reader.getByText(/Consultation open until/).waitFor();
    await reader.getByRole('button', { name: 'Comment', exact: true }).first().waitFor();
    await web.shoot(reader, 'english-reader');
    await reader.getByRole('link', { name: 'My comments' }).click();
    await reader.getByText('You have not commented yet.').waitFor();
    // plural rules of the language: "1 comment", not "1 comments"
    await reader.goBack();
    const key = await reader
      .locator('.clause')
      .filter({ has: reader.getByRole('button', { name: 'Comment', exact: true }) })
      .nth(1)
      .getAttribute('data-key');
    const card = reader.locator(`.clause[data-key="${key}"]`);
    await card.getByRole('button', { name: 'Comment', exact: true }).click();
    await card.getByRole('textbox', { name: 'Comment', exact: true }).fill('One remark, in English.');
    await card.getByRole('button', { name: 'Submit comment' }).click();
    await card.getByRole('button', { name: '1 comment', exact: true }).waitFor();
    await reader.close();

    const admin = await web.browser.newPage();
    await admin.goto(`${web.base}/`);
    await admin.getByRole('button', { name: 'English' }).click();
    await web.login(admin, 'admin', ADMIN_PASSWORD, 'Log in');
    await admin.getByRole('link', { name: 'Users & groups' }).click();
    await admin.getByRole('heading', { name: 'Delegations & departments' }).waitFor();
    await admin.getByLabel('Kind').selectOption({ label: 'Department' });
    await admin.getByLabel('Delegation or department name').fill('发展改革局');
    await admin.getByRole('button', { name: 'Add group' }).click();
    await admin.getByText('发展改革局 · Department').waitFor();
    await web.shoot(admin, 'english-admin');
    await admin.close();
  });

  it('shows the progress of carrying thousands of comments into a new version, and says when it is done', async () => {
    const id = await consultedDocument(t, drafter, delegate.groupId!, '意见很多的稿件', [
      { text: DEMO_VERSIONS[0].text, label: '讨论稿' },
    ]);
    // 2,600 open comments: more than are carried inside the request, so a background job carries them.
    await t.db.dataSource.query(
      `WITH v AS (SELECT v.id, c.id AS cid FROM versions v JOIN consultations c ON c.version_id = v.id WHERE v.document_id = $1),
            k AS (SELECT key FROM clauses WHERE version_id = (SELECT id FROM v) AND kind = 'item' ORDER BY ordinal LIMIT 1),
            ins AS (INSERT INTO comments (document_id, version_id, version_number, consultation_id, clause_key, start_offset, end_offset, kind, body, author_id, request_hash)
                    SELECT $1, v.id, 1, v.cid, k.key, 0, 0, 'remark', '意见 ' || i, $2, 'h' FROM v, k, generate_series(1, 2600) i RETURNING id, version_id, clause_key)
       INSERT INTO comment_anchor (comment_id, version_id, clause_key, start_offset, end_offset, status) SELECT id, version_id, clause_key, 0, 0, 'exact' FROM ins`,
      [id, delegate.id],
    );
    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${id}`);
    await page.getByLabel('粘贴文本').fill(DEMO_VERSIONS[1].text);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByText('已把 2600 条意见带入第 2 版。').waitFor({ timeout: 60_000 });
    await web.shoot(page, 'drafter-carry-done');
    await page.close();
  });
});
