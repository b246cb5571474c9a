/**
 * From adopted comments to the next draft in headless Chromium: select comments on the board, generate the candidate,
 * see its comparison with the base and the conflict between two suggestions, settle it in the text, save the draft.
 */
import { postComment, V1 } from '../comments/helpers';
import type { TestApp, TestUser } from '../support/app';
import { browserSuite, consultedDocument, startWeb, type Web } from './harness';

browserSuite('proposals in a real browser', () => {
  let web: Web;
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;

  beforeAll(async () => {
    web = await startWeb();
    t = web.t;
    drafter = await t.user('drafter');
    delegate = await t.user('delegate');
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  it('selects adopted comments, generates the draft, shows the diff and a conflict, and saves it as 第2稿 with implements', async () => {
    const doc = await consultedDocument(t, drafter, delegate.groupId!, '社区服务规定（修改稿）', [
      { text: V1, label: '第一稿' },
    ]);
    const clauses = (await t.http().get(`/api/documents/${doc}/versions/1`).set(drafter.auth).expect(200)).body
      .clauses as { key: string; text: string }[];
    const key = (s: string) => clauses.find((c) => c.text.includes(s))!.key;
    const comment = async (body: Record<string, unknown>) =>
      (await postComment(t, delegate, doc, 1, body).expect(201)).body.id as string;
    const amendA = await comment({
      clauseKey: key('便民利民'),
      quote: { exact: '便民利民' },
      kind: 'amend',
      body: '建议写明惠民',
      suggestion: '便民惠民',
    });
    const amendB = await comment({
      clauseKey: key('便民利民'),
      quote: { exact: '利民，做到公开透明' },
      kind: 'amend',
      body: '建议更简洁',
      suggestion: '利民，公开透明',
    });
    const add = await comment({
      clauseKey: key('每季度'),
      kind: 'add',
      body: '建议增加意见箱',
      suggestion: '第三条之一 社区服务中心应当设立意见箱。',
    });
    await t
      .http()
      .post('/api/comments/decisions')
      .set(drafter.auth)
      .send({ commentIds: [amendA, amendB, add], outcome: 'adopted', reason: '符合实际' })
      .expect(200);

    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${doc}/v/1/board`);
    const generate = page.getByRole('button', { name: '生成修改稿' });
    expect(await generate.isDisabled()).toBe(true);
    for (const body of ['建议写明惠民', '建议更简洁', '建议增加意见箱'])
      await page.getByLabel(body, { exact: true }).check();
    await generate.click();

    await page.getByRole('heading', { name: '修改稿：据第一稿采纳的意见' }).waitFor();
    // the conflict: both wordings, neither applied
    const conflicts = page.getByRole('region', { name: /冲突/ });
    await conflicts.getByText('第二条：“便民利民，做到公开透明”').waitFor();
    await conflicts.getByText('修改：便民惠民').waitFor();
    await conflicts.getByText('修改：利民，公开透明').waitFor();
    // the diff against the base, in the compare screen's rendering: the added article
    const added = page.locator('.change.type-added');
    await added.getByText('社区服务中心应当设立意见箱。').waitFor();
    await added.getByText(/→ 第三条之一/).waitFor();
    expect(await page.locator('.change').count()).toBe(1);
    await web.shoot(page, 'drafter-proposal');

    // settle the conflict in the text (A's wording), record A as carried out too, save
    const textarea = page.getByLabel('修改稿全文（可直接修改）');
    const text = await textarea.inputValue();
    expect(text).toContain('第三条之一 社区服务中心应当设立意见箱。');
    await textarea.fill(text.replace('便民利民', '便民惠民'));
    await conflicts.getByLabel('修改：便民惠民').check();
    await page.getByRole('button', { name: '保存为第 2 稿' }).click();
    await page.getByText('已保存为第2稿，2 条意见记为在本稿落实。').waitFor();
    await page.close();

    const v2 = (await t.http().get(`/api/documents/${doc}/versions/2?format=text`).set(drafter.auth).expect(200)).text;
    expect(v2).toContain('社区服务应当便民惠民，做到公开透明。');
    expect(v2).toContain('第三条之一 社区服务中心应当设立意见箱。');
    const decision = async (id: string) =>
      (await t.http().get(`/api/comments/${id}`).set(drafter.auth).expect(200)).body.decision;
    expect(await decision(amendA)).toMatchObject({ outcome: 'adopted', implementedInVersion: 2 });
    expect(await decision(add)).toMatchObject({ outcome: 'adopted', implementedInVersion: 2 });
    expect(await decision(amendB)).toMatchObject({ outcome: 'adopted', implementedInVersion: null });
  });
});
