import { startTestApp, type TestApp } from '../support/app';
import { clausesOf, postComment, scenario, V1 } from './helpers';

/** The heat map reads counters kept by triggers; they must equal a direct count after every kind of write. */
describe('heat map counters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const direct = async (doc: string, n: number) =>
    Object.fromEntries(
      (
        await t.db.dataSource.query(
          `SELECT a.clause_key AS k, count(*)::int AS n FROM comment_anchor a JOIN versions v ON v.id = a.version_id
          WHERE v.document_id = $1 AND v.number = $2 AND NOT a.withdrawn GROUP BY 1`,
          [doc, n],
        )
      ).map((r: { k: string; n: number }) => [r.k, r.n]),
    );

  it('match a direct count after comments, a withdrawal, carrying into a new version and an alignment correction', async () => {
    const s = await scenario(t);
    const heat = async (n: number) =>
      Object.fromEntries(
        (
          await t.http().get(`/api/documents/${s.doc}/versions/${n}/comments/counts`).set(s.drafter.auth).expect(200)
        ).body.map((r: { clauseKey: string; count: number }) => [r.clauseKey, r.count]),
      );
    const a = s.key('便民利民');
    const b = s.key('公开服务事项');
    const ids: string[] = [];
    for (const [i, key] of [a, a, a, b].entries()) {
      ids.push(
        (
          await postComment(t, i % 2 ? s.a1 : s.a2, s.doc, 1, {
            clauseKey: key,
            kind: 'remark',
            body: `意见${i}`,
          }).expect(201)
        ).body.id,
      );
    }
    expect(await heat(1)).toEqual({ [a]: 3, [b]: 1 });
    await t.http().post(`/api/comments/${ids[1]}/withdraw`).set(s.a1.auth).expect(200);
    expect(await heat(1)).toEqual({ [a]: 2, [b]: 1 });

    // Version 2: article 2 renumbered (same key), article 3 rewritten beyond recognition (a new clause).
    const v2 = V1.replace('第二条', '第三条').replace(
      '第三条 街道办事处每季度向居民公开服务事项清单。',
      '第二条 建立居民议事会制度。',
    );
    await t.http().post(`/api/documents/${s.doc}/versions`).set(s.drafter.auth).send({ text: v2 }).expect(201);
    expect(await heat(2)).toEqual(await direct(s.doc, 2));
    expect((await heat(2))[a]).toBe(2);

    // The drafter says the new article continues the old one: keys are renamed, counters follow.
    const alignment = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/2/alignment`)
      .set(s.drafter.auth)
      .expect(200);
    const newArticle = (await clausesOf(t, s.drafter, s.doc, 2)).find((c) => c.text.includes('议事会'))!;
    expect(alignment.body.edges.some((e: { toKey: string }) => e.toKey === newArticle.key)).toBe(false);
    await t
      .http()
      .put(`/api/documents/${s.doc}/versions/2/alignment`)
      .set(s.drafter.auth)
      .send({ clauseKey: newArticle.key, previousKey: b })
      .expect(200);
    expect(await heat(2)).toEqual(await direct(s.doc, 2));
    expect(await heat(1)).toEqual(await direct(s.doc, 1));
  });
});
