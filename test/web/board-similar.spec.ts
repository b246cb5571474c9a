/**
 * The comment board groups near-identical comments as the server does (bigram similarity of normalised bodies,
 * GET …/comments/similar), not only bodies that are equal once spaces and punctuation are dropped. Needs
 * `npm run build` (dist/web) and /usr/bin/chromium.
 */
import { postComment } from '../comments/helpers';
import { clausesOf } from '../support/clauses';
import type { TestApp, TestUser } from '../support/app';
import { browserSuite, consultedDocument, startWeb, type Web } from './harness';

const TEXT = [
  '关于改进社区服务的若干规定',
  '',
  '第一条 为了改进社区服务，方便居民办事，制定本规定。',
  '',
  '第二条 街道办事处每季度向居民公开服务事项清单，并在服务大厅张贴。',
  '',
].join('\n');
// A campaign's text sent twice with one word changed: near-identical, not identical; and an unrelated comment.
const CAMPAIGN = '建议将服务事项清单改为每月公开一次，并同时在社区网站和服务大厅张贴，方便老年居民查阅。';
const VARIANT = '建议把服务事项清单改为每月公开一次，并同时在社区网站和服务大厅张贴，方便老年居民查阅。';
const OTHER = '张贴的位置应当写明。';

browserSuite('the comment board in a real browser', () => {
  let web: Web;
  let t: TestApp;
  let drafter: TestUser;
  let docId: string;

  beforeAll(async () => {
    web = await startWeb();
    t = web.t;
    drafter = await t.user('drafter');
    const group = `board-${Math.random().toString(36).slice(2, 8)}`;
    const [d1, d2, d3] = [
      await t.user('delegate', { group }),
      await t.user('delegate', { group }),
      await t.user('delegate', { group }),
    ];
    docId = await consultedDocument(t, drafter, d1.groupId!, '社区服务规定', [{ text: TEXT, label: '征求意见稿' }]);
    const key = (await clausesOf(t, drafter, docId, 1)).find((c) => c.text.includes('服务事项清单'))!.key;
    for (const [user, body] of [
      [d1, CAMPAIGN],
      [d2, VARIANT],
      [d3, OTHER],
    ] as const) {
      await postComment(t, user, docId, 1, { clauseKey: key, kind: 'amend', body }).expect(201);
    }
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('shows near-identical comments as one group, as the server groups them, and leaves the others apart', async () => {
    const page = await web.open(drafter);
    await page.goto(`${web.base}/#/documents/${docId}/v/1/board`);
    await page.locator('.board-comment').nth(2).waitFor({ timeout: 30_000 });
    const group = page.locator('.similar');
    expect(await group.count()).toBe(1);
    await group.getByText('2 条相近意见').waitFor();
    expect(await group.locator('.board-comment').count()).toBe(2);
    await group.locator('.board-comment', { hasText: CAMPAIGN }).waitFor();
    await group.locator('.board-comment', { hasText: VARIANT }).waitFor();
    expect(await group.locator('.board-comment', { hasText: OTHER }).count()).toBe(0);
    await page.close();
  });
});
