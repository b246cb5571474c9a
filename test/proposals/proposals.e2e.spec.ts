import { postComment, scenario, V1 } from '../comments/helpers';
import { startTestApp, type TestApp, type TestUser } from '../support/app';

/**
 * POST /api/documents/:id/proposals: adopted suggestions applied to a base version (anchors carried forward from the
 * version they were made on), then saved as the next version with `implements`, which the decisions and the clause
 * history record.
 */
describe('proposals: from adopted suggestions to the next draft', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const quote = (exact: string) => ({ exact });

  it('applies all four kinds, lists an overlap as a conflict and skips a withdrawn one; implements records the new version', async () => {
    const s = await scenario(t);
    const { drafter, a1, a2, doc } = s;
    const decide = (id: string, outcome = 'adopted') =>
      t.http().put(`/api/comments/${id}/decision`).set(drafter.auth).send({ outcome, reason: '符合实际' }).expect(200);
    const comment = async (user: TestUser, body: Record<string, unknown>) =>
      (await postComment(t, user, doc, 1, body).expect(201)).body.id as string;

    // On version 1: two overlapping amendments of 第二条, an addition after 第三条, a deletion in 第一条, a remark with
    // wording on 第四条, a withdrawn amendment and one not adopted.
    const amendA = await comment(a1, {
      clauseKey: s.key('便民利民'),
      quote: quote('便民利民'),
      kind: 'amend',
      body: '更具体',
      suggestion: '便民惠民',
    });
    const amendB = await comment(a2, {
      clauseKey: s.key('便民利民'),
      quote: quote('利民，做到公开透明'),
      kind: 'amend',
      body: '简洁',
      suggestion: '利民，公开透明',
    });
    const add = await comment(a1, {
      clauseKey: s.key('每季度'),
      kind: 'add',
      body: '增加一条',
      suggestion: '第三条之一 社区服务中心应当设立意见箱。',
    });
    const del = await comment(a2, {
      clauseKey: s.key('为了改进'),
      quote: quote('，方便居民办事'),
      kind: 'delete',
      body: '多余',
    });
    const remark = await comment(a1, {
      clauseKey: s.key('发布之日'),
      kind: 'remark',
      body: '施行日期宜明确',
      suggestion: '本规定自2027年1月1日起施行。',
    });
    const withdrawn = await comment(a2, {
      clauseKey: s.key('每季度'),
      quote: quote('每季度'),
      kind: 'amend',
      body: '频率',
      suggestion: '每月',
    });
    const refused = await comment(a1, {
      clauseKey: s.key('每季度'),
      kind: 'amend',
      body: '重写',
      suggestion: '街道办事处公开服务事项。',
    });
    await t.http().post(`/api/comments/${withdrawn}/withdraw`).set(a2.auth).expect(200);
    for (const id of [amendA, amendB, add, del, remark]) await decide(id, id === amendB ? 'partly_adopted' : 'adopted');
    await decide(refused, 'not_adopted');

    // Version 2 edits 第二条 before the quoted words: the anchors carried into it have shifted.
    const v2 = V1.replace('社区服务应当便民利民', '本社区的各项服务应当便民利民');
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: v2, label: '第二稿' })
      .expect(201);

    const ids = [amendA, amendB, add, del, remark, withdrawn, refused];
    const res = await t
      .http()
      .post(`/api/documents/${doc}/proposals`)
      .set(drafter.auth)
      .send({ baseVersion: 2, commentIds: ids })
      .expect(200);
    const p = res.body;
    expect(p.baseVersion).toEqual({ number: 2, label: '第二稿' });
    expect(p.text).toBe(
      [
        '关于改进社区服务的若干规定',
        '',
        '第一条 为了改进社区服务，制定本规定。',
        '',
        '第二条 本社区的各项服务应当便民利民，做到公开透明。',
        '',
        '第三条 街道办事处每季度向居民公开服务事项清单。',
        '',
        '第三条之一 社区服务中心应当设立意见箱。',
        '',
        '第四条 本规定自2027年1月1日起施行。',
        '',
      ].join('\n'),
    );
    expect(p.applied.map((a: { commentId: string }) => a.commentId).sort()).toEqual([add, del, remark].sort());
    expect(p.conflicts).toHaveLength(1);
    expect(p.conflicts[0].quote).toBe('便民利民，做到公开透明');
    expect(p.conflicts[0].clausePath).toBe('第二条');
    expect(
      p.conflicts[0].suggestions.map((x: { commentId: string; wording: string }) => [x.commentId, x.wording]),
    ).toEqual([
      [amendA, '便民惠民'],
      [amendB, '利民，公开透明'],
    ]);
    // the conflict stands where the words are in version 2, not where they were in version 1
    const clause2 = '本社区的各项服务应当便民利民，做到公开透明。';
    expect(p.conflicts[0].start).toBe(clause2.indexOf('便民利民'));
    expect(p.skipped).toEqual([
      { commentId: withdrawn, reason: 'withdrawn', message: expect.any(String) },
      { commentId: refused, reason: 'not_adopted', message: expect.stringContaining('不予采纳') },
    ]);
    for (const a of p.applied) if (a.commentId !== del) expect(p.text.slice(a.at.start, a.at.end)).not.toBe('');
    expect(p.diff.summary).toMatchObject({ added: 1, modified: 2 });

    // The drafter settles the conflict by hand (amendA's wording) and saves; implements names what the draft carries out.
    const text = p.text.replace('便民利民', '便民惠民');
    const saved = await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text, label: '第三稿', implements: [amendA, add, del, remark] })
      .expect(201);
    expect(saved.body.number).toBe(3);
    for (const id of [amendA, add, del, remark]) {
      const c = (await t.http().get(`/api/comments/${id}`).set(drafter.auth).expect(200)).body;
      expect(c.decision).toMatchObject({ implementedInVersion: 3, reason: '符合实际' });
      expect(c.decisions.at(-1)).toMatchObject({ implementedInVersion: 3 });
    }
    const untouched = (await t.http().get(`/api/comments/${amendB}`).set(drafter.auth).expect(200)).body;
    expect(untouched.decision).toMatchObject({ outcome: 'partly_adopted', implementedInVersion: null });

    // 本条沿革 of 第二条 shows amendA carried out in 第三稿.
    const history = (
      await t
        .http()
        .get(`/api/documents/${doc}/clauses/${s.key('便民利民')}/history`)
        .set(drafter.auth)
        .expect(200)
    ).body;
    const step = history.find((e: { versionNumber: number }) => e.versionNumber === 3);
    expect(step.change.type).toBe('modified');
    expect(step.implemented.map((c: { id: string }) => c.id)).toEqual([amendA]);
  });

  it('refuses implements that names a comment not adopted, and stores nothing', async () => {
    const s = await scenario(t);
    const { drafter, a1, doc } = s;
    const id = (
      await postComment(t, a1, doc, 1, {
        clauseKey: s.key('每季度'),
        kind: 'amend',
        body: '改',
        suggestion: '每月公开。',
      }).expect(201)
    ).body.id;
    await t
      .http()
      .put(`/api/comments/${id}/decision`)
      .set(drafter.auth)
      .send({ outcome: 'under_study', reason: '再议' })
      .expect(200);
    const res = await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: V1.replace('每季度', '每月'), implements: [id] })
      .expect(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('留待研究') });
    const versions = (await t.http().get(`/api/documents/${doc}/versions`).set(drafter.auth).expect(200)).body;
    expect(versions).toHaveLength(1);
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: V1, implements: ['not-a-uuid'] })
      .expect(400);
  });

  it('answers bad requests with 4xx: unknown comment, comment of another document, missing version, delegates', async () => {
    const s = await scenario(t);
    const other = await scenario(t);
    const id = (
      await postComment(t, other.a1, other.doc, 1, {
        clauseKey: other.key('每季度'),
        kind: 'delete',
        body: '删',
      }).expect(201)
    ).body.id;
    const post = (body: unknown, who = s.drafter) =>
      t
        .http()
        .post(`/api/documents/${s.doc}/proposals`)
        .set(who.auth)
        .send(body as object);
    expect(
      (await post({ baseVersion: 1, commentIds: ['7b0c8a52-7f1e-4a53-9d3e-1d1f2b3c4d5e'] }).expect(404)).body.error,
    ).toBe('comment_not_found');
    expect((await post({ baseVersion: 1, commentIds: [id] }).expect(400)).body.error).toBe('validation_failed');
    expect((await post({ baseVersion: 9, commentIds: [id] }).expect(404)).body.error).toBe('version_not_found');
    expect((await post({ baseVersion: 1, commentIds: [] }).expect(400)).body.error).toBe('validation_failed');
    expect((await post({ baseVersion: 'x', commentIds: [id] }).expect(400)).body.error).toBe('validation_failed');
    await post({ baseVersion: 1, commentIds: [id] }, s.a1).expect(403);
  });
});
