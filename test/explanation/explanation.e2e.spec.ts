import { postComment, windowNow } from '../comments/helpers';
import { ALIGN_V1, ALIGN_V2 } from '../documents/alignment-fixture';
import { flat } from '../support/clauses';
import { startTestApp, type TestApp, type TestUser } from '../support/app';

interface Change {
  index: number;
  type: string;
  title: string;
  note: string;
  comments: { id: string; group: { name: string } | null; decision: { reason: string; outcomeLabel: string } }[];
  notes: { label: string }[];
  explained: boolean;
}
interface Explanation {
  sentence: string;
  summary: Record<string, number>;
  changes: Change[];
  check: {
    adoptedNotCarriedOut: { comment: { id: string }; reason: string }[];
    unexplained: { index: number; type: string }[];
  };
}

/** GET /api/documents/:id/explanation: the 修改说明 with the comments behind each change, and the reverse check. */
describe('修改说明 (explanation)', () => {
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;
  let doc: string;
  let ids: Record<string, string>;
  const keyIn = async (n: number, needle: string) =>
    flat((await t.http().get(`/api/documents/${doc}/versions/${n}`).set(drafter.auth).expect(200)).body.clauses).find(
      (c) => c.text.includes(needle),
    )!.key;
  const explain = (q: Record<string, unknown>, who = drafter) =>
    t.http().get(`/api/documents/${doc}/explanation`).query(q).set(who.auth);

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    delegate = await t.user('delegate', { group: '第一代表团（说明）' });
    doc = (
      await t.http().post('/api/documents').set(drafter.auth).send({ title: '促进制造业发展的若干规定' }).expect(201)
    ).body.id;
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V1, label: '第一稿' })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${doc}/consultations`)
      .set(drafter.auth)
      .send({ versionNumber: 1, ...windowNow(), audience: [delegate.groupId], visibility: 'drafters' })
      .expect(201);
    const said = async (needle: string, kind: string, body: string) =>
      (await postComment(t, delegate, doc, 1, { clauseKey: await keyIn(1, needle), kind, body }).expect(201)).body
        .id as string;
    ids = {
      split: await said('技术改造项目', 'amend', '落户奖励和技改补贴宜分成两条'),
      untouched: await said('增强产业竞争力', 'amend', '立法目的宜写明绿色发展'),
      rejected: await said('专项资金由区', 'amend', '建议由财政部门单独管理'),
    };
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V2, label: '第二稿', note: '删除第六条解释条款，由实施细则规定。' })
      .expect(201);
    const decide = (id: string, outcome: string, reason: string, implementedInVersion?: number) =>
      t
        .http()
        .put(`/api/comments/${id}/decision`)
        .set(drafter.auth)
        .send({ outcome, reason, ...(implementedInVersion ? { implementedInVersion } : {}) })
        .expect(200);
    await decide(ids.split, 'adopted', '已将奖励和补贴分列两条', 2);
    await decide(ids.untouched, 'partly_adopted', '在总则中体现', 2);
    await decide(ids.rejected, 'not_adopted', '与现行管理体制不符');
  });
  afterAll(() => t?.close());

  it('lists each adopted comment under the change it caused, with its group and the reason', async () => {
    const e: Explanation = (await explain({ from: 1, to: 2 }).expect(200)).body;
    const split = e.changes.find((c) => c.type === 'split')!;
    expect(split.comments).toEqual([
      expect.objectContaining({
        id: ids.split,
        group: expect.objectContaining({ name: '第一代表团（说明）' }),
        decision: expect.objectContaining({ reason: '已将奖励和补贴分列两条', outcomeLabel: '采纳' }),
      }),
    ]);
    expect(split.explained).toBe(true);
    // a comment not adopted is never a reason for a change
    expect(e.changes.flatMap((c) => c.comments.map((x) => x.id))).not.toContain(ids.rejected);
    // the deletion is named by the version's note
    const deleted = e.changes.find((c) => c.type === 'deleted')!;
    expect(deleted.notes.map((n) => n.label)).toEqual(['第二稿']);
    expect(deleted.explained).toBe(true);
  });

  it("says the comparison's counts in the standard sentence", async () => {
    const e: Explanation = (await explain({ from: 1, to: 2 }).expect(200)).body;
    const { modified, split, merged, added, deleted, renumbered, references, moved } = e.summary;
    expect(split + merged).toBe(2);
    const edited =
      modified + split + merged + e.changes.filter((c) => c.type === 'moved' && c.note.includes('修改')).length;
    expect(e.sentence).toBe(
      `共修改${edited}条，${added ? `新增${added}条，` : ''}删除${deleted}条${renumbered + references + moved ? '，条文顺序和引用条文序号作相应调整' : ''}。`,
    );
  });

  it('flags an adopted comment whose clause did not change, and changes nothing explains', async () => {
    const e: Explanation = (await explain({ from: 1, to: 2 }).expect(200)).body;
    expect(e.check.adoptedNotCarriedOut).toEqual([
      expect.objectContaining({ comment: expect.objectContaining({ id: ids.untouched }), reason: 'renumbered' }),
    ]);
    const unexplained = e.check.unexplained.map((u) => u.type).sort();
    expect(unexplained).toEqual(['merged', 'moved']);
  });

  it('renders the 说明 as a Word document and a printable page', async () => {
    const docx = await explain({ from: 1, to: 2, format: 'docx' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const html = await explain({ from: 1, to: 2, format: 'html' }).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text).toContain('修改情况的说明');
    expect(html.text).toContain('已将奖励和补贴分列两条');
  });

  it('is for the drafting group; bad ranges and unknown versions are 4xx', async () => {
    expect((await explain({ from: 1, to: 2 }, delegate).expect(403)).body.error).toBe('forbidden');
    expect((await explain({ from: 2, to: 1 }).expect(400)).body.error).toBe('validation_failed');
    expect((await explain({ from: 2, to: 2 }).expect(200)).body).toMatchObject({
      sentence: '未作修改。',
      changes: [],
      check: { adoptedNotCarriedOut: [], unexplained: [] },
    });
    expect((await explain({ from: 'x', to: 2 }).expect(400)).body.error).toBe('validation_failed');
    expect((await explain({ from: 1, to: 9 }).expect(404)).body.error).toBe('version_not_found');
    expect((await explain({ from: 1, to: 2, format: 'pdf' }).expect(400)).body.error).toBe('validation_failed');
    expect(
      (
        await t
          .http()
          .get('/api/documents/00000000-0000-4000-8000-000000000000/explanation?from=1&to=2')
          .set(drafter.auth)
          .expect(404)
      ).body.error,
    ).toBe('document_not_found');
  });
});
