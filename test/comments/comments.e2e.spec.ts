import { startTestApp, type TestApp } from '../support/app';
import { postComment, scenario } from './helpers';

describe('comments: create, idempotency, limits, windows, visibility (HTTP, real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('returns the first comment for a retried request and never creates a second', async () => {
    const s = await scenario(t);
    const body = {
      clauseKey: s.key('便民利民'),
      quote: { exact: '便民利民' },
      kind: 'amend',
      body: '建议改为“便民、利民、惠民”。',
      suggestion: '便民利民惠民',
    };
    const first = await postComment(t, s.a1, s.doc, 1, body, 'retry-1').expect(201);
    expect(first.body).toMatchObject({
      clauseKey: body.clauseKey,
      kind: 'amend',
      status: 'open',
      originalAnchor: { start: 6, end: 10 },
    });
    const again = await postComment(t, s.a1, s.doc, 1, body, 'retry-1').expect(200);
    expect(again.body.id).toBe(first.body.id);
    const concurrent = await Promise.all([0, 1, 2].map(() => postComment(t, s.a1, s.doc, 1, body, 'retry-2')));
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(concurrent.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const conflict = await postComment(t, s.a1, s.doc, 1, { ...body, body: '另一条意见' }, 'retry-1').expect(409);
    expect(conflict.body.error).toBe('idempotency_conflict');
    // the key is per author: another delegate may use the same one
    await postComment(t, s.a2, s.doc, 1, body, 'retry-1').expect(201);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE document_id = $1`, [
      s.doc,
    ]);
    expect(n).toBe(3);
  });

  it('is idempotent for a comment on a whole clause too (no quote), also under concurrent retries', async () => {
    const s = await scenario(t);
    const body = { clauseKey: s.key('便民利民'), kind: 'remark', body: '整条意见' };
    const first = await postComment(t, s.a1, s.doc, 1, body, 'whole-1').expect(201);
    expect(first.body).toMatchObject({
      originalAnchor: { start: 0, end: 0, quote: null },
      group: { id: s.a1.groupId },
    });
    expect((await postComment(t, s.a1, s.doc, 1, body, 'whole-1').expect(200)).body).toEqual(first.body);
    const concurrent = await Promise.all([0, 1, 2, 3].map(() => postComment(t, s.a1, s.doc, 1, body, 'whole-2')));
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(concurrent.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    await postComment(t, s.a1, s.doc, 1, { ...body, body: '别的' }, 'whole-1').expect(409);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE document_id = $1`, [
      s.doc,
    ]);
    const [{ a }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS a FROM comment_anchor a JOIN comments c ON c.id = a.comment_id WHERE c.document_id = $1`,
      [s.doc],
    );
    const [{ logged }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS logged FROM audit_log WHERE action = 'comment.create' AND entity_id IN (SELECT id::text FROM comments WHERE document_id = $1)`,
      [s.doc],
    );
    expect([n, a, logged]).toEqual([2, 2, 2]);
  });

  it('answers a new comment with the same fields and values as reading it back', async () => {
    const s = await scenario(t);
    const body = {
      clauseKey: s.key('每季度'),
      quote: { exact: '每季度', prefix: '街道办事处' },
      kind: 'amend',
      body: '建议每月公开。',
      suggestion: '每月',
    };
    const created = (await postComment(t, s.a1, s.doc, 1, body).expect(201)).body;
    const { history, replies, decisions, ...read } = (
      await t.http().get(`/api/comments/${created.id}`).set(s.a1.auth).expect(200)
    ).body;
    expect([history, replies, decisions]).toEqual([[], [], []]);
    expect(created).toEqual(read);
    expect(created).toMatchObject({
      author: { id: s.a1.id },
      group: { id: s.a1.groupId },
      decision: null,
      revision: 1,
      status: 'open',
    });
  });

  it('says which clause or quote is wrong (422) and refuses an over-long body (413)', async () => {
    const s = await scenario(t);
    const r1 = await postComment(t, s.a1, s.doc, 1, { clauseKey: 'no-such-clause', kind: 'remark', body: 'x' }).expect(
      422,
    );
    expect(r1.body).toMatchObject({ error: 'clause_not_found', clauseKey: 'no-such-clause' });
    const r2 = await postComment(t, s.a1, s.doc, 1, {
      clauseKey: s.key('便民利民'),
      quote: { exact: '不存在的话' },
      kind: 'amend',
      body: 'x',
    }).expect(422);
    expect(r2.body.error).toBe('quote_not_in_clause');
    const r3 = await postComment(t, s.a1, s.doc, 1, {
      clauseKey: s.key('便民利民'),
      kind: 'remark',
      body: '字'.repeat(5001),
    }).expect(413);
    expect(r3.body).toMatchObject({ error: 'comment_too_long', limit: 5000 });
    await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'nonsense', body: 'x' }).expect(400);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE document_id = $1`, [
      s.doc,
    ]);
    expect(n).toBe(0);
  });

  it('stores markup as text', async () => {
    const s = await scenario(t);
    const body = '<script>alert(1)</script> **粗体** =HYPERLINK("x")';
    const r = await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'remark', body }).expect(201);
    const got = await t.http().get(`/api/comments/${r.body.id}`).set(s.a1.auth).expect(200);
    expect(got.body.body).toBe(body);
    expect(got.headers['content-type']).toMatch(/application\/json/);
  });

  it('refuses comments outside the window with a message that states it', async () => {
    const future = {
      opensAt: new Date(Date.now() + 86400_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
    };
    const s = await scenario(t, { window: future });
    const r = await postComment(t, s.a1, s.doc, 1, {
      clauseKey: s.key('便民利民'),
      kind: 'remark',
      body: '早了',
    }).expect(403);
    expect(r.body.error).toBe('consultation_closed');
    expect(r.body.message).toContain(future.opensAt);
    expect(r.body.message).toContain(future.closesAt);

    const open = await scenario(t);
    const c = await postComment(t, open.a1, open.doc, 1, {
      clauseKey: open.key('便民利民'),
      kind: 'remark',
      body: '及时',
    }).expect(201);
    await t.http().patch(`/api/comments/${c.body.id}`).set(open.a1.auth).send({ body: '及时（修改）' }).expect(200);
    await t.http().post(`/api/consultations/${open.consultation.id}/close`).set(open.drafter.auth).expect(201);
    const late = await postComment(t, open.a1, open.doc, 1, {
      clauseKey: open.key('便民利民'),
      kind: 'remark',
      body: '晚了',
    }).expect(403);
    expect(late.body.error).toBe('consultation_closed');
    expect(
      (await t.http().patch(`/api/comments/${c.body.id}`).set(open.a1.auth).send({ body: '再改' }).expect(403)).body
        .error,
    ).toBe('consultation_closed');
    await t.http().post(`/api/comments/${c.body.id}/withdraw`).set(open.a1.auth).expect(403);
    const got = await t.http().get(`/api/comments/${c.body.id}`).set(open.a1.auth).expect(200);
    expect(got.body).toMatchObject({ body: '及时（修改）', revision: 2, history: [{ revision: 1, body: '及时' }] });
  });

  it('keeps edits in the history and withdrawn comments out of the counts', async () => {
    const s = await scenario(t);
    const key = s.key('便民利民');
    const c = await postComment(t, s.a1, s.doc, 1, {
      clauseKey: key,
      kind: 'amend',
      body: '一',
      suggestion: '甲',
    }).expect(201);
    await postComment(t, s.a2, s.doc, 1, { clauseKey: key, kind: 'remark', body: '二' }).expect(201);
    await t
      .http()
      .patch(`/api/comments/${c.body.id}`)
      .set(s.a1.auth)
      .send({ body: '一（改）', suggestion: null })
      .expect(200);
    const counts = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/1/comments/counts`)
      .set(s.drafter.auth)
      .expect(200);
    expect(counts.body).toEqual([{ clauseKey: key, count: 2 }]);
    const w = await t.http().post(`/api/comments/${c.body.id}/withdraw`).set(s.a1.auth).expect(200);
    expect(w.body.status).toBe('withdrawn');
    const after = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/1/comments/counts`)
      .set(s.drafter.auth)
      .expect(200);
    expect(after.body).toEqual([{ clauseKey: key, count: 1 }]);
    const got = await t.http().get(`/api/comments/${c.body.id}`).set(s.drafter.auth).expect(200);
    expect(got.body.history.map((h: { body: string; suggestion: string | null }) => [h.body, h.suggestion])).toEqual([
      ['一', '甲'],
      ['一（改）', null],
    ]);
    const withdrawn = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/1/comments?status=withdrawn`)
      .set(s.drafter.auth)
      .expect(200);
    expect(withdrawn.body.items.map((i: { id: string }) => i.id)).toEqual([c.body.id]);
  });

  it('shows a delegate only their own comments unless the consultation shows them to participants', async () => {
    for (const visibility of ['drafters', 'participants'] as const) {
      const s = await scenario(t, { visibility });
      const key = s.key('便民利民');
      await postComment(t, s.a1, s.doc, 1, { clauseKey: key, kind: 'remark', body: 'a1 的意见' }).expect(201);
      const mine = await postComment(t, s.a2, s.doc, 1, { clauseKey: key, kind: 'remark', body: 'a2 的意见' }).expect(
        201,
      );
      const list = await t
        .http()
        .get(`/api/documents/${s.doc}/versions/1/comments?clause=${key}`)
        .set(s.a2.auth)
        .expect(200);
      const counts = await t
        .http()
        .get(`/api/documents/${s.doc}/versions/1/comments/counts`)
        .set(s.a2.auth)
        .expect(200);
      const byDrafter = await t
        .http()
        .get(`/api/documents/${s.doc}/versions/1/comments`)
        .set(s.drafter.auth)
        .expect(200);
      expect(byDrafter.body.total).toBe(2);
      if (visibility === 'drafters') {
        expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine.body.id]);
        expect(counts.body).toEqual([{ clauseKey: key, count: 1 }]);
      } else {
        expect(list.body.total).toBe(2);
        expect(counts.body).toEqual([{ clauseKey: key, count: 2 }]);
      }
      // a delegate of a group the consultation is not addressed to sees nothing of it
      await t.http().get(`/api/documents/${s.doc}/versions/1/comments`).set(s.b1.auth).expect(404);
    }
  });

  it('lists with filters and pages, each item with its anchor in that version and the original anchor', async () => {
    const s = await scenario(t, { audience: 'all' });
    const k2 = s.key('便民利民');
    const k3 = s.key('清单');
    for (let i = 0; i < 5; i++)
      await postComment(t, s.a1, s.doc, 1, {
        clauseKey: k2,
        kind: i % 2 ? 'amend' : 'remark',
        body: `第${i}条意见`,
      }).expect(201);
    await postComment(t, s.b1, s.doc, 1, {
      clauseKey: k3,
      quote: { exact: '每季度' },
      kind: 'delete',
      body: 'b1',
    }).expect(201);
    const page = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/1/comments?clause=${k2}&pageSize=2&page=2`)
      .set(s.drafter.auth)
      .expect(200);
    expect(page.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.body.items.map((i: { body: string }) => i.body)).toEqual(['第2条意见', '第3条意见']);
    const kinds = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/1/comments?kind=amend`)
      .set(s.drafter.auth)
      .expect(200);
    expect(kinds.body.total).toBe(2);
    const byGroup = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/1/comments?group=${s.b1.groupId}`)
      .set(s.drafter.auth)
      .expect(200);
    expect(byGroup.body.items).toHaveLength(1);
    expect(byGroup.body.items[0]).toMatchObject({
      anchor: { status: 'exact', clauseKey: k3, start: 5, end: 8 },
      originalAnchor: { versionNumber: 1, clauseKey: k3, start: 5, end: 8, quote: { exact: '每季度' } },
      group: { id: s.b1.groupId },
    });
    const byAuthor = await t
      .http()
      .get(`/api/documents/${s.doc}/versions/1/comments?author=${s.a1.id}`)
      .set(s.drafter.auth)
      .expect(200);
    expect(byAuthor.body.total).toBe(5);
  });

  it('reports per group who has not commented yet', async () => {
    const s = await scenario(t);
    await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'remark', body: 'x' }).expect(201);
    const r = await t.http().get(`/api/consultations/${s.consultation.id}/pending`).set(s.drafter.auth).expect(200);
    expect(r.body).toEqual([
      {
        group: { id: s.a1.groupId, name: expect.any(String) },
        delegates: 2,
        commented: 1,
        pending: [expect.objectContaining({ id: s.a2.id })],
      },
    ]);
  });
});
