import { startTestApp, type TestApp, type TestUser } from '../support/app';
import { ALIGN_V1, ALIGN_V2 } from './alignment-fixture';

interface Ref {
  key: string;
  label: string;
  path: string;
}
interface Row {
  type: string;
  from: Ref | null;
  to: Ref | null;
  fromParts?: Ref[];
  toParts?: Ref[];
}

/** The alignment view's data: every clause of both versions as the comparison sees it, deleted ones in place. */
describe('GET …/versions/:n/alignment lists every kind of lineage', () => {
  let t: TestApp;
  let drafter: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
  });
  afterAll(() => t?.close());

  it('shows a deleted, a moved, a split and a merged clause, each named by path, deleted ones where they stood', async () => {
    const id = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '对齐视图' }).expect(201)).body
      .id;
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: ALIGN_V1 }).expect(201);
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: ALIGN_V2 }).expect(201);
    const res = await t.http().get(`/api/documents/${id}/versions/2/alignment`).set(drafter.auth).expect(200);
    const rows: Row[] = res.body.rows;
    const summary = (r: Row) =>
      `${r.type}: ${(r.fromParts ?? (r.from ? [r.from] : [])).map((x) => x.label).join('+') || '—'} → ${(r.toParts ?? (r.to ? [r.to] : [])).map((x) => x.label).join('+') || '—'}`;
    expect(rows.map(summary)).toEqual([
      'unchanged: — → —', // the title line
      'moved: 第五条 → 第一条',
      'renumbered: 第一条 → 第二条',
      'split: 第二条 → 第三条+第四条',
      'merged: 第三条+第四条 → 第五条',
      'deleted: 第六条 → —',
      'renumbered: 第七条 → 第六条',
    ]);
    expect(rows[0].type).toBe('unchanged');
    expect(rows.find((r) => r.type === 'deleted')!.from!.path).toBe('第六条');
    expect(res.body.edges.some((e: { kind: string }) => e.kind === 'merge')).toBe(true);
  });
});
