import { postComment, windowNow } from '../comments/helpers';
import { ALIGN_V1, ALIGN_V2 } from '../documents/alignment-fixture';
import { startTestApp, type TestApp, type TestUser } from '../support/app';

interface Node {
  key: string;
  text: string;
  children: Node[];
}
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
interface Entry {
  versionNumber: number;
  clause: { key: string; label: string; path: string; text: string } | null;
  change: { type: string; inline: { op: string; text: string }[] } | null;
  lineage: { kind: string; fromKey: string; toKey: string; fromVersion: number }[];
  comments: {
    id: string;
    kind: string;
    author: { displayName: string };
    group: { name: string } | null;
    decision: { outcome: string } | null;
  }[];
}

/** GET /api/documents/:id/clauses/:key/history: a clause through every version, with what changed and why. */
describe('clause history', () => {
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;
  let doc: string;
  const keyIn = async (n: number, needle: string) =>
    flat((await t.http().get(`/api/documents/${doc}/versions/${n}`).set(drafter.auth).expect(200)).body.clauses).find(
      (c) => c.text.includes(needle),
    )!.key;
  const history = (key: string, who = drafter) =>
    t.http().get(`/api/documents/${doc}/clauses/${key}/history`).set(who.auth);

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    delegate = await t.user('delegate');
    doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '沿革' }).expect(201)).body.id;
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
  });
  afterAll(() => t?.close());

  it('follows a clause split out of another back to its origin, with the comments behind the change', async () => {
    const origin = await keyIn(1, '技术改造项目');
    const comment = (
      await postComment(t, delegate, doc, 1, { clauseKey: origin, kind: 'amend', body: '奖励和补贴宜分成两条' }).expect(
        201,
      )
    ).body.id;
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V2, label: '第二稿' })
      .expect(201);
    await t
      .http()
      .put(`/api/comments/${comment}/decision`)
      .set(drafter.auth)
      .send({ outcome: 'adopted', reason: '已拆分', implementedInVersion: 2 })
      .expect(200);
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: ALIGN_V2.replace('单个项目最高五百万元', '单个项目最高八百万元'), label: '第三稿' })
      .expect(201);

    const part = await keyIn(2, '技术改造项目');
    expect(part).not.toBe(origin);
    const res = await history(part).expect(200);
    const entries: Entry[] = res.body;
    expect(entries.map((e) => [e.versionNumber, e.clause?.label, e.change?.type])).toEqual([
      [1, '第二条', 'added'],
      [2, '第四条', 'split'],
      [3, '第四条', 'modified'],
    ]);
    expect(entries[0].clause!.key).toBe(origin);
    expect(entries[0].comments).toEqual([
      expect.objectContaining({
        id: comment,
        kind: 'amend',
        decision: expect.objectContaining({ outcome: 'adopted' }),
      }),
    ]);
    expect(entries[1].lineage).toEqual([
      expect.objectContaining({ kind: 'split', fromKey: origin, toKey: part, fromVersion: 1 }),
    ]);
    expect(
      entries[2]
        .change!.inline.filter((o) => o.op === 'insert')
        .map((o) => o.text)
        .join(''),
    ).toContain('八');
    expect(entries[2].clause!.path).toBe('第四条');
  });

  it('ends the history of a deleted clause with its deletion, and shows a delegate only what was released to them', async () => {
    const deleted = await keyIn(1, '负责解释');
    const entries: Entry[] = (await history(deleted).expect(200)).body;
    expect(entries.map((e) => [e.versionNumber, e.clause?.label ?? null, e.change?.type ?? null])).toEqual([
      [1, '第六条', 'added'],
      [2, null, 'deleted'],
      [3, null, null],
    ]);
    const seen: Entry[] = (await history(deleted, delegate).expect(200)).body;
    expect(seen.map((e) => e.versionNumber)).toEqual([1]);
    // a clause that only exists in an unreleased version does not exist for the delegate
    const onlyLater = await keyIn(2, '技术改造项目');
    await history(onlyLater, delegate).expect(404);
    await history('no-such-key').expect(404);
    const outsider = await t.user('delegate');
    await history(deleted, outsider).expect(404);
  });

  it('blames each run of a clause on the version that wrote it, with the adopted comments carried out there', async () => {
    const part = await keyIn(3, '技术改造项目');
    const origin = await keyIn(1, '技术改造项目');
    const v3 = ALIGN_V2.replace('单个项目最高五百万元', '单个项目最高八百万元');
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: v3.replace('八百万元。', '八百万元，并给予贷款贴息。'), label: '第四稿' })
      .expect(201);
    const [comment] = (
      await t.http().get(`/api/documents/${doc}/versions/1/comments?clause=${origin}`).set(drafter.auth).expect(200)
    ).body.items;
    await t
      .http()
      .put(`/api/comments/${comment.id}/decision`)
      .set(drafter.auth)
      .send({ outcome: 'partly_adopted', reason: '增加贴息', implementedInVersion: 4 })
      .expect(200);

    const res = await t
      .http()
      .get(`/api/documents/${doc}/versions/4/clauses/${part}/blame`)
      .set(drafter.auth)
      .expect(200);
    const spans: { text: string; versionNumber: number; comments: { id: string }[] }[] = res.body.spans;
    expect(spans.map((s) => s.text).join('')).toBe(res.body.clause.text);
    const by = (v: number) =>
      spans
        .filter((s) => s.versionNumber === v)
        .map((s) => s.text)
        .join('|');
    expect(by(3)).toBe('八百万'); // a number is one word
    expect(by(4)).toBe('，并给予贷款贴息');
    expect(by(1)).toBe('对企业实施的技术改造项目，按照设备投资额的百分之十给予补贴，单个项目最高|元|。'); // before the split, around later words
    expect(spans.find((s) => s.versionNumber === 4)!.comments.map((c) => c.id)).toEqual([comment.id]);
    expect(spans.find((s) => s.versionNumber === 3)!.comments).toEqual([]);
    // a delegate sees only version 1; version 4 does not exist for them
    await t.http().get(`/api/documents/${doc}/versions/4/clauses/${part}/blame`).set(delegate.auth).expect(404);
    const own = await t
      .http()
      .get(`/api/documents/${doc}/versions/1/clauses/${origin}/blame`)
      .set(delegate.auth)
      .expect(200);
    expect(own.body.spans.map((s: { versionNumber: number }) => s.versionNumber)).toEqual([1]);
  });
});
