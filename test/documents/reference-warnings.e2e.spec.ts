import { startTestApp, type TestApp, type TestUser } from '../support/app';

const doc = (...articles: string[]) => ['起草工作办法', '', ...articles.flatMap((a) => [a, ''])].join('\n');

const V1 = doc(
  '第一条 为了规范起草工作，制定本办法。',
  '第二条 起草组应当广泛征求意见。',
  '第三条 意见应当书面提出。',
  '第四条 依照本办法第二条征求的意见，应当在十五日内答复。',
  '第五条 对依照本办法第二条征求的意见，应当说明采纳情况。',
  '第六条 本办法自发布之日起施行。',
);
// A new article 2 renumbers the rest. 第五条 (was 第四条) follows: its reference now reads 第三条. 第六条 (was 第五条)
// still cites 第二条, which is now 第三条: a reference left stale.
const V2 = doc(
  '第一条 为了规范起草工作，制定本办法。',
  '第二条 起草组由各有关部门组成。',
  '第三条 起草组应当广泛征求意见。',
  '第四条 意见应当书面提出。',
  '第五条 依照本办法第三条征求的意见，应当在十五日内答复。',
  '第六条 对依照本办法第二条征求的意见，应当说明采纳情况。',
  '第七条 本办法自发布之日起施行。',
);
// A third version that drops the last article but one and keeps citing it.
const V3 = doc(
  '第一条 为了规范起草工作，制定本办法。',
  '第二条 起草组由各有关部门组成。',
  '第三条 起草组应当广泛征求意见。',
  '第四条 本办法自发布之日起施行，第五条另行规定。',
);

describe('GET /api/documents/:id/versions/:n/warnings (HTTP, real database)', () => {
  let t: TestApp;
  let drafter: TestUser;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    id = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '起草工作办法' }).expect(201)).body.id;
    for (const text of [V1])
      await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text }).expect(201);
  });
  afterAll(() => t?.close());

  it('counts clauses whose references alone followed the renumbering apart from the edited ones', async () => {
    const added = await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    expect(added.body.changes).toMatchObject({ added: 1, references: 1, renumbered: 4, modified: 0 });
    const diff = await t.http().get(`/api/documents/${id}/diff?from=1&to=2`).set(drafter.auth).expect(200);
    const byLabel = (l: string) => diff.body.changes.find((c: { to: { label: string } | null }) => c.to?.label === l);
    expect(byLabel('第五条')).toMatchObject({ type: 'references', from: { label: '第四条' } });
    expect(byLabel('第五条').inline.filter((o: { op: string }) => o.op !== 'equal')).toEqual([
      { op: 'delete', text: '第二条', ref: true },
      { op: 'insert', text: '第三条', ref: true },
    ]);
    expect(diff.body.summary.references).toBe(1);
  });

  it('warns of a reference the new version left on the old number, naming the clause by its path', async () => {
    const res = await t.http().get(`/api/documents/${id}/versions/2/warnings`).set(drafter.auth).expect(200);
    expect(res.body).toEqual([
      {
        clauseKey: expect.any(String),
        path: expect.stringContaining('第六条'),
        reference: '第二条',
        message: '第六条引用的第二条已改为第三条',
      },
    ]);
    const v2 = await t.http().get(`/api/documents/${id}/versions/2`).set(drafter.auth).expect(200);
    const sixth = (v2.body.clauses as { key: string; label: string }[]).find((c) => c.label === '第六条')!;
    expect(res.body[0].clauseKey).toBe(sixth.key);
  });

  it('warns of a reference to an article the new version no longer has', async () => {
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V3 }).expect(201);
    const res = await t.http().get(`/api/documents/${id}/versions/3/warnings`).set(drafter.auth).expect(200);
    expect(res.body.map((w: { message: string }) => w.message)).toEqual(['第四条引用的第五条已不存在']);
  });

  it('has none for a first version, and is for the drafting group only', async () => {
    await t.http().get(`/api/documents/${id}/versions/1/warnings`).set(drafter.auth).expect(200, []);
    const delegate = await t.user('delegate');
    await t.http().get(`/api/documents/${id}/versions/2/warnings`).set(delegate.auth).expect(403);
    await t.http().get(`/api/documents/${id}/versions/9/warnings`).set(drafter.auth).expect(404);
  });
});
