import { postComment, scenario, V1 } from '../comments/helpers';
import { startSecondInstance, startTestApp, type TestApp } from '../support/app';
import { usingServer } from '../support/database';

/**
 * Two instances of the service on one PostgreSQL database behave as one: versions numbered without gaps or
 * duplicates, idempotent comments across instances, and diffs that see a correction made on the other instance.
 * Needs a server: the embedded database belongs to one process.
 */
(usingServer() ? describe : describe.skip)('two instances on one database', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startSecondInstance>>;
  const httpB = () => b.http();

  beforeAll(async () => {
    a = await startTestApp();
    b = await startSecondInstance();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('numbers versions added through both instances at once consecutively', async () => {
    const drafter = await a.user('drafter');
    const id = (await a.http().post('/api/documents').set(drafter.auth).send({ title: '两个实例' }).expect(201)).body
      .id;
    const posts = Array.from({ length: 6 }, (_, i) =>
      (i % 2 ? httpB() : a.http())
        .post(`/api/documents/${id}/versions`)
        .set(drafter.auth)
        .send({ text: `${V1}\n第九条 第${i}次。\n` }),
    );
    const numbers = (await Promise.all(posts)).map((r) => r.body.number).sort((x, y) => x - y);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers a retried comment on the other instance with the first comment', async () => {
    const s = await scenario(a);
    const body = { clauseKey: s.key('便民利民'), kind: 'remark', body: '建议补充线上办理渠道。' };
    const first = await postComment(a, s.a1, s.doc, 1, body, 'retry-key').expect(201);
    const again = await httpB()
      .post(`/api/documents/${s.doc}/versions/1/comments`)
      .set(s.a1.auth)
      .set('Idempotency-Key', 'retry-key')
      .send(body);
    expect([200, 201]).toContain(again.status);
    expect(again.body.id).toBe(first.body.id);
    const list = await httpB().get(`/api/documents/${s.doc}/versions/1/comments`).set(s.drafter.auth).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });

  it('serves a diff on one instance that reflects an alignment correction made on the other', async () => {
    const drafter = await a.user('drafter');
    const id = (await a.http().post('/api/documents').set(drafter.auth).send({ title: '更正' }).expect(201)).body.id;
    await a.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
    await a
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: V1.replace('每季度', '每月') })
      .expect(201);
    const before = await httpB().get(`/api/documents/${id}/diff?from=1&to=2`).set(drafter.auth).expect(200);
    expect(before.body.summary).toMatchObject({ modified: 1, added: 0, deleted: 0 });
    const edited = before.body.changes.find((c: { type: string }) => c.type === 'modified');
    await a
      .http()
      .put(`/api/documents/${id}/versions/2/alignment`)
      .set(drafter.auth)
      .send({ clauseKey: edited.to.key, previousKey: null })
      .expect(200);
    const after = await httpB().get(`/api/documents/${id}/diff?from=1&to=2`).set(drafter.auth).expect(200);
    expect(after.body.summary).toMatchObject({ modified: 0, added: 1, deleted: 1 });
  });
});
