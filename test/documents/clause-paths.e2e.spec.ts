import { postComment, windowNow } from '../comments/helpers';
import { startTestApp, type TestApp, type TestUser } from '../support/app';

/** Policy items restart their numbering under each measure: two （二） stand in this draft. */
const POLICY = [
  '关于支持小微企业发展的若干措施',
  '',
  '一、降低经营成本',
  '',
  '（一）减免部分行政事业性收费。',
  '',
  '（二）降低用电用气成本，落实阶梯价格政策。',
  '',
  '二、加大金融支持',
  '',
  '（一）扩大普惠贷款投放。',
  '',
  '（二）设立小微企业应急转贷资金。',
  '',
].join('\n');

interface Node {
  key: string;
  label: string;
  text: string;
  path: string;
  children: Node[];
}
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);

/**
 * Every response that names a clause names it by its full path, computed once on the server: the version tree,
 * the diff, a new comment, a version's comment list, a comment, my comments and the disposition report.
 */
describe('clauses are named by their full path everywhere', () => {
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;
  let doc: string;
  let nodes: Node[];
  const keyOf = (needle: string) => nodes.find((n) => n.text.includes(needle))!.key;

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    delegate = await t.user('delegate');
    doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '小微企业措施' }).expect(201)).body.id;
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: POLICY }).expect(201);
    nodes = flat((await t.http().get(`/api/documents/${doc}/versions/1`).set(drafter.auth).expect(200)).body.clauses);
  });
  afterAll(() => t?.close());

  it('gives every node of the version tree its path, and no two clauses the same one', () => {
    expect(nodes.find((n) => n.text.includes('转贷'))!.path).toBe('二、加大金融支持 › （二）');
    expect(nodes.find((n) => n.text.includes('用电'))!.path).toBe('一、降低经营成本 › （二）');
    expect(nodes.find((n) => n.text === '加大金融支持')!.path).toBe('二、加大金融支持');
    expect(new Set(nodes.map((n) => n.path)).size).toBe(nodes.length);
  });

  it('names both sides of every change of a diff by path', async () => {
    // measure 二's （二） moves before its （一）: both are renumbered
    const v2 = POLICY.replace(
      '（一）扩大普惠贷款投放。\n\n（二）设立小微企业应急转贷资金。',
      '（一）设立小微企业应急转贷资金。\n\n（二）扩大普惠贷款投放，提高首贷比例。',
    );
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: v2 }).expect(201);
    const diff = await t.http().get(`/api/documents/${doc}/diff?from=1&to=2`).set(drafter.auth).expect(200);
    const loan = diff.body.changes.find((c: { to: { text: string } | null }) => c.to?.text.startsWith('扩大普惠贷款'));
    expect(loan.from.path).toBe('二、加大金融支持 › （一）');
    expect(loan.to.path).toBe('二、加大金融支持 › （二）');
  });

  it('names the clause of a comment by path when it is made, listed, read, in my comments and in the report', async () => {
    const c = await t
      .http()
      .post(`/api/documents/${doc}/consultations`)
      .set(drafter.auth)
      .send({ versionNumber: 1, ...windowNow(), audience: [delegate.groupId], visibility: 'drafters' })
      .expect(201);
    const made = await postComment(t, delegate, doc, 1, {
      clauseKey: keyOf('转贷'),
      kind: 'amend',
      body: '应急转贷资金规模应写明',
    }).expect(201);
    expect(made.body.originalAnchor.clausePath).toBe('二、加大金融支持 › （二）');
    const quoted = await postComment(t, delegate, doc, 1, {
      clauseKey: keyOf('用电'),
      kind: 'remark',
      body: '阶梯价格',
      quote: { exact: '阶梯价格', prefix: '落实', suffix: '政策' },
    }).expect(201);
    expect(quoted.body.originalAnchor.clausePath).toBe('一、降低经营成本 › （二）');

    const list = await t.http().get(`/api/documents/${doc}/versions/1/comments`).set(drafter.auth).expect(200);
    const listed = list.body.items.find((i: { id: string }) => i.id === made.body.id);
    expect(listed.anchor.clausePath).toBe('二、加大金融支持 › （二）');
    expect(listed.originalAnchor.clausePath).toBe('二、加大金融支持 › （二）');
    const one = await t.http().get(`/api/comments/${made.body.id}`).set(delegate.auth).expect(200);
    expect(one.body.originalAnchor.clausePath).toBe('二、加大金融支持 › （二）');

    const mine = await t.http().get('/api/me/comments').set(delegate.auth).expect(200);
    const m = mine.body.find((x: { id: string }) => x.id === made.body.id);
    expect(m.latest.clausePath).toBe('二、加大金融支持 › （二）');

    const report = await t.http().get(`/api/consultations/${c.body.id}/report`).set(drafter.auth).expect(200);
    expect(report.body.rows.map((r: { clauseLabel: string }) => r.clauseLabel).sort()).toEqual([
      '一、降低经营成本 › （二）',
      '二、加大金融支持 › （二）',
    ]);
  });
});

describe('the 修改前后对照表 lists every change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('gives a moved measure its row ("由第三项移至第一项") and groups the renumbered in one note row', async () => {
    const drafter = await t.user('drafter');
    const measures = [
      '一、降低经营成本，减免部分行政事业性收费。',
      '二、加大金融支持，扩大普惠贷款投放。',
      '三、优化营商环境，推行惠企政策免申即享。',
      '四、强化人才支撑，落实技能提升补贴。',
    ];
    const text = (order: number[]) =>
      ['关于支持小微企业发展的若干措施', '', ...order.flatMap((i) => [measures[i], ''])].join('\n').replace(
        /^[一二三四]、/gm,
        (() => {
          let n = 0;
          return () => `${'一二三四'[n++]}、`;
        })(),
      );
    const doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '对照表' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: text([0, 1, 2, 3]) })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: text([2, 0, 1, 3]) })
      .expect(201);
    const diff = await t.http().get(`/api/documents/${doc}/diff?from=1&to=2`).set(drafter.auth).expect(200);
    expect(diff.body.summary).toMatchObject({ moved: 1, renumbered: 2, modified: 0 });
    const res = await t
      .http()
      .get(`/api/documents/${doc}/diff?from=1&to=2&format=docx`)
      .set(drafter.auth)
      .buffer(true)
      .parse((r, cb) => {
        const b: Buffer[] = [];
        r.on('data', (c: Buffer) => b.push(c));
        r.on('end', () => cb(null, Buffer.concat(b)));
      })
      .expect(200);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('由第三项移至第一项');
    expect(xml).toContain('以下条文序号作相应调整：第一项改为第二项；第二项改为第三项。');
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(1 + 1 + 1);
  });
});
