import { startTestApp, type TestApp } from '../support/app';
import { clausesOf, postComment, scenario, V1 } from './helpers';

/** A drafter's alignment correction places again the comments that stood on the clauses it concerns. */
describe('comments after an alignment correction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('takes a comment orphaned by a wrong alignment to the clause the drafter says continues it', async () => {
    const s = await scenario(t);
    const old = s.key('公开服务事项清单');
    const id = (
      await postComment(t, s.a1, s.doc, 1, {
        clauseKey: old,
        quote: { exact: '服务事项清单' },
        kind: 'amend',
        body: '清单应当包括收费标准。',
      }).expect(201)
    ).body.id;
    // Version 2 rewrites article 3 and moves it to the end, so the aligner sees it as deleted and a new one as added.
    const v2 =
      V1.replace('第三条 街道办事处每季度向居民公开服务事项清单。\n\n', '').replace(
        '第四条 本规定自发布之日起施行。',
        '第三条 本规定自发布之日起施行。',
      ) + '\n第四条 社区居委会应当定期向居民公布服务事项清单，并听取居民的意见建议。\n';
    await t.http().post(`/api/documents/${s.doc}/versions`).set(s.drafter.auth).send({ text: v2 }).expect(201);
    const anchorIn2 = async () =>
      (
        await t.http().get(`/api/documents/${s.doc}/versions/2/comments`).set(s.drafter.auth).expect(200)
      ).body.items.find((c: { id: string }) => c.id === id).anchor;
    const clauses2 = await clausesOf(t, s.drafter, s.doc, 2);
    const rewritten = clauses2.find((c) => c.text.includes('居委会'))!;
    if (rewritten.key === old) {
      throw new Error('the aligner matched the rewritten article; this test needs one it does not match');
    }
    expect(await anchorIn2()).toMatchObject({ status: 'orphaned' });

    await t
      .http()
      .put(`/api/documents/${s.doc}/versions/2/alignment`)
      .set(s.drafter.auth)
      .send({ clauseKey: rewritten.key, previousKey: old })
      .expect(200);
    const placed = await anchorIn2();
    expect(placed.clauseKey).toBe(old);
    expect(['fuzzy', 'shifted', 'clause']).toContain(placed.status);
    if (placed.status !== 'clause') expect(rewritten.text.slice(placed.start, placed.end)).toBe('服务事项清单');
    const heat = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/2/comments/counts`)
      .set(s.drafter.auth)
      .expect(200);
    expect(heat.body).toEqual(expect.arrayContaining([{ clauseKey: old, count: 1 }]));
  });
});
