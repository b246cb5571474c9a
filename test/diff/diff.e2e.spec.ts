import JSZip from 'jszip';
import { applyPatch } from 'diff';
import { ClausesRepository } from '../../src/documents/clauses.repository';
import { startTestApp, type TestApp, type TestUser } from '../support/app';

const doc = (...articles: string[]) =>
  ['关于推动制造业高质量发展的若干措施', '', ...articles.flatMap((a) => [a, ''])].join('\n');

const V1 = doc(
  '第一条 为了推动制造业高质量发展，制定本措施。',
  '第二条 对新引进的制造业企业给予一次性落户奖励，奖励标准按照企业实际投资额确定。对符合条件的技术改造项目给予最高五百万元补贴，补贴资金由区财政安排。',
  '第三条 鼓励企业上市融资，<script>alert(1)</script>按照有关规定给予支持。',
  '第四条 本措施由区工业和信息化局负责解释。',
  '第五条 本措施自发布之日起施行。',
);
// Article 2 split in two; article 1 edited; a new article 5; article 4 (interpretation) deleted; the rest renumbered.
const V2 = doc(
  '第一条 为了推动制造业高质量发展，结合本区实际，制定本措施。',
  '第二条 对新引进的制造业企业给予一次性落户奖励，奖励标准按照企业实际投资额确定。',
  '第三条 对符合条件的技术改造项目给予最高五百万元补贴，补贴资金由区财政安排。',
  '第四条 鼓励企业上市融资，<script>alert(1)</script>按照有关规定给予支持。',
  '第五条 设立制造业发展专项资金，每年安排不少于十亿元。',
  '第六条 本措施自发布之日起施行。',
);
// The split-off article edited; the funding article moved to the front of the financing one.
const V3 = doc(
  '第一条 为了推动制造业高质量发展，结合本区实际，制定本措施。',
  '第二条 对新引进的制造业企业给予一次性落户奖励，奖励标准按照企业实际投资额确定。',
  '第三条 对符合条件的技术改造项目给予最高一千万元补贴，补贴资金由区财政安排。',
  '第四条 设立制造业发展专项资金，每年安排不少于十亿元。',
  '第五条 鼓励企业上市融资，<script>alert(1)</script>按照有关规定给予支持。',
  '第六条 本措施自发布之日起施行。',
);

interface Change {
  type: string;
  from: { key: string; label: string; text: string } | null;
  to: { key: string; label: string; text: string } | null;
  toParts?: { label: string }[];
  inline: { op: string; text: string }[];
  fallback?: boolean;
}
const inserted = (c: Change) =>
  c.inline
    .filter((o) => o.op === 'insert')
    .map((o) => o.text)
    .join('|');

describe('GET /api/documents/:id/diff (HTTP, real database)', () => {
  let t: TestApp;
  let drafter: TestUser;
  let id: string;

  /**
   * Watches the clause loads of this file's document only: every instance warms the diff into each new version of any
   * document in the background (its live event), so on a database shared with other test files this instance also
   * loads their clauses meanwhile.
   */
  async function watchLoads() {
    const ours = new Set(
      (await t.db.dataSource.query<{ id: string }[]>(`SELECT id FROM versions WHERE document_id = $1`, [id])).map(
        (v) => v.id,
      ),
    );
    const spy = jest.spyOn(t.app.get(ClausesRepository), 'forVersion');
    return {
      count: () => spy.mock.calls.filter(([, versionId]) => ours.has(versionId)).length,
      restore: () => spy.mockRestore(),
    };
  }
  const get = (query: string) => t.http().get(`/api/documents/${id}/diff${query}`).set(drafter.auth);

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    id = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '制造业措施' }).expect(201)).body.id;
    for (const text of [V1, V2, V3])
      await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text }).expect(201);
  });
  afterAll(() => t?.close());

  it('reports renumbered, modified, added, deleted and split clauses between adjacent versions, in the order of B', async () => {
    const res = await get('?from=1&to=2').expect(200);
    expect(res.body.from).toEqual({ number: 1, label: '第1稿' });
    expect(res.body.to).toEqual({ number: 2, label: '第2稿' });
    expect(res.body.summary).toMatchObject({
      modified: 1,
      renumbered: 2,
      added: 1,
      deleted: 1,
      split: 1,
      moved: 0,
      merged: 0,
    });
    const changes: Change[] = res.body.changes;
    const byLabel = (l: string) => changes.find((c) => c.to?.label === l)!;
    expect(byLabel('第一条').type).toBe('modified');
    expect(inserted(byLabel('第一条'))).toBe('结合本区实际，');
    expect(byLabel('第四条')).toMatchObject({ type: 'renumbered', from: { label: '第三条' } });
    expect(byLabel('第六条')).toMatchObject({ type: 'renumbered', from: { label: '第五条' } });
    expect(byLabel('第五条').type).toBe('added');
    const split = changes.find((c) => c.type === 'split')!;
    expect(split.toParts!.map((p) => p.label)).toEqual(['第二条', '第三条']);
    // the deleted article 4 stands where it stood: after the old article 3 (now 4), before the new article 5
    const order = changes.map((c) => `${c.type}:${c.to?.label ?? c.from?.label}`);
    expect(order).toEqual([
      'modified:第一条',
      'split:第二条',
      'renumbered:第四条',
      'deleted:第四条',
      'added:第五条',
      'renumbered:第六条',
    ]);
    expect(changes.every((c) => !c.fallback)).toBe(true);
  });

  it('reports a moved clause as moved', async () => {
    const res = await get('?from=2&to=3').expect(200);
    const changes: Change[] = res.body.changes;
    expect(res.body.summary.moved).toBe(1);
    const moved = changes.find((c) => c.type === 'moved')!;
    expect(moved.to!.text).toMatch(/^(设立制造业|鼓励企业)/);
    expect(changes.find((c) => c.to?.label === '第三条')).toMatchObject({ type: 'modified' });
  });

  it('composes a split in the middle version with a later edit into one change from v1 to v3', async () => {
    const res = await get('?from=1&to=3').expect(200);
    const splits = (res.body.changes as Change[]).filter((c) => c.type === 'split');
    expect(splits).toHaveLength(1);
    expect(splits[0].from!.label).toBe('第二条');
    expect(splits[0].toParts!.map((p) => p.label)).toEqual(['第二条', '第三条']);
    expect(inserted(splits[0])).toContain('一千万');
    expect(res.body.summary).toMatchObject({ split: 1, added: 1, deleted: 1 });
  });

  it('returns no changes when from equals to', async () => {
    const res = await get('?from=2&to=2').expect(200);
    expect(res.body.changes).toEqual([]);
    expect(res.body.summary).toMatchObject({ unchanged: 7, modified: 0, added: 0, deleted: 0 });
  });

  it('answers 404 for an unknown document or version and 400 for bad parameters', async () => {
    expect((await get('?from=1&to=9').expect(404)).body.error).toBe('version_not_found');
    const other = (path: string) => t.http().get(path).set(drafter.auth);
    expect(
      (await other('/api/documents/6c0a3c9e-0000-4000-8000-000000000000/diff?from=1&to=2').expect(404)).body.error,
    ).toBe('document_not_found');
    expect((await other('/api/documents/nope/diff?from=1&to=2').expect(404)).body.error).toBe('document_not_found');
    const bad = await get('?from=1&to=2&format=pdf').expect(400);
    expect(bad.body.message).toContain('json, html, docx, patch');
    for (const q of ['?from=0&to=2', '?from=a&to=2', '?from=1.5&to=2', '?to=2']) {
      expect((await get(q).expect(400)).body.error).toBe('validation_failed');
    }
  });

  it('lets admins and drafters diff any versions, and not a delegate without a consultation', async () => {
    const delegate = await t.user('delegate');
    await t.http().get(`/api/documents/${id}/diff?from=1&to=2`).set(delegate.auth).expect(404);
    await t.http().get(`/api/documents/${id}/diff?from=1&to=2`).expect(401);
    await t
      .http()
      .get(`/api/documents/${id}/diff?from=1&to=2`)
      .set((await t.admin()).auth)
      .expect(200);
  });

  it('says under which heading a policy item stands, since items restart their numbering', async () => {
    const policy = (edit: string) =>
      [
        '一、支持企业发展',
        '',
        '（一）扩大有效投资。',
        '',
        `（二）${edit}`,
        '',
        '二、强化人才支撑',
        '',
        '（一）引进高层次人才。',
        '',
        '（二）培育技能人才。',
        '',
      ].join('\n');
    const pid = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '措施' }).expect(201)).body.id;
    for (const text of [policy('鼓励技术改造。'), policy('鼓励智能化技术改造。')]) {
      await t.http().post(`/api/documents/${pid}/versions`).set(drafter.auth).send({ text }).expect(201);
    }
    const res = await t.http().get(`/api/documents/${pid}/diff?from=1&to=2`).set(drafter.auth).expect(200);
    expect(res.body.changes).toHaveLength(1);
    expect(res.body.changes[0].to).toMatchObject({ label: '（二）', context: '一、支持企业发展' });
    const html = await t.http().get(`/api/documents/${pid}/diff?from=1&to=2&format=html`).set(drafter.auth).expect(200);
    expect(html.text).toContain('一、支持企业发展 › （二）');
  });

  it('renders a self-contained HTML redline that escapes clause text', async () => {
    const res = await get('?from=1&to=3&format=html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<!DOCTYPE html>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toMatch(/<ins>[^<]*一千万/);
    expect(res.text).toContain('href="#change-1"');
  });

  it('renders the comparison table as a valid .docx whose table holds one row per changed clause', async () => {
    const res = await get('?from=1&to=2&format=docx')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="diff-v1-v2\.docx"; filename\*=UTF-8''%E5%88%B6/,
    );
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    // header + modified + split + deleted + added, and one note row for the renumbered
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(6);
    expect(xml).toContain('以下条文序号作相应调整：第三条改为第四条；第五条改为第六条。');
    expect(xml).toContain('结合本区实际，');
    expect(xml).toContain('设立制造业发展专项资金');
  });

  it('renders a unified patch that applies to the old text to give the new one', async () => {
    const res = await get('?from=1&to=3&format=patch').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/x-diff/);
    expect(applyPatch(V1, res.text)).toBe(V3);
  });

  it('answers a repeated request from the cache and sees an alignment correction at once', async () => {
    const first = await get('?from=1&to=2').expect(200);
    const loads = await watchLoads();
    const again = await get('?from=1&to=2').expect(200);
    expect(loads.count()).toBe(0); // answered from the cache: no clause was loaded
    expect(again.body).toEqual(first.body);
    // The drafter says the new article 5 (funding) continues the deleted interpretation article 4.
    const deleted = (first.body.changes as Change[]).find((c) => c.type === 'deleted')!;
    const added = (first.body.changes as Change[]).find((c) => c.type === 'added')!;
    await t
      .http()
      .put(`/api/documents/${id}/versions/2/alignment`)
      .set(drafter.auth)
      .send({ clauseKey: added.to!.key, previousKey: deleted.from!.key })
      .expect(200);
    const after = await get('?from=1&to=2').expect(200);
    expect(loads.count()).toBeGreaterThan(0);
    loads.restore();
    expect(after.body.summary).toMatchObject({ added: 0, deleted: 0, modified: 2 });
  });

  it('computes a comparison once when several requests for the same pair arrive together', async () => {
    const loads = await watchLoads();
    const answers = await Promise.all(Array.from({ length: 5 }, () => get('?from=2&to=3').expect(200)));
    expect(loads.count()).toBe(2); // the clauses of version 2 and of version 3, once
    loads.restore();
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
  });

  it('renders the patch of a pair once and answers it again from the cache', async () => {
    const first = await get('?from=2&to=3&format=patch').expect(200);
    const loads = await watchLoads();
    const again = await get('?from=2&to=3&format=patch').expect(200);
    expect(loads.count()).toBe(0);
    loads.restore();
    expect(again.text).toBe(first.text);
  });
});
