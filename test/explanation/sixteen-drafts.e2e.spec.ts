/**
 * Sixteen drafts built from a real law (charity-law-cn 2016, first thirty articles, read from ../shared/corpus): an
 * article inserted (renumbering), edits in several drafts, a split, a move, a deletion, a merge of a split part with
 * the article after it, comments in five consultations and decisions carried out in several drafts — then what the
 * drafting group asks: the history of the clause that was split, edited and merged; who wrote its words; and the
 * 修改说明 第一稿 → 第十六稿 with its reverse check, as JSON and as a Word document that LibreOffice can print.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { postComment, windowNow } from '../comments/helpers';
import { documentXml, tableRows } from '../diff/fixtures';
import { chineseNumber } from '../engine/perturb';
import { startTestApp, type TestApp, type TestUser } from '../support/app';
import { clausesOf } from '../support/clauses';
import { describeCorpus, readCorpus } from '../support/corpus';
import { TEST_OUTPUT } from '../support/database';
import { sofficePresent } from '../support/soffice';

const OUT = path.join(TEST_OUTPUT, 'explanation');

interface Article {
  id: string;
  text: string;
}
interface Entry {
  versionNumber: number;
  clause: { key: string; text: string } | null;
  change: { type: string } | null;
  lineage: { kind: string; fromKey: string; toKey: string }[];
  comments: { id: string }[];
}

// Words written for this test, added to the law's own articles.
const NEW_ARTICLE = '县级以上人民政府应当为慈善活动提供便利，并定期评估慈善政策的实施效果。';
const NEW_FIRST = '国家支持慈善组织运用信息技术提高透明度和服务效率。';
const edit = (text: string, phrase: string) =>
  text.endsWith('。') ? `${text.slice(0, -1)}，${phrase}。` : `${text}${phrase}。`;

describeCorpus('sixteen drafts of a corpus law: history, blame and the 修改说明', () => {
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;
  let doc: string;
  const comments: Record<string, string> = {};
  let x: Article;
  let y: Article;
  let x2Text: string;

  const render = (arts: Article[]) =>
    ['中华人民共和国慈善法（草案）', '', ...arts.flatMap((a, i) => [`第${chineseNumber(i + 1)}条 ${a.text}`, ''])].join(
      '\n',
    );
  const keyOf = async (n: number, text: string) =>
    (await clausesOf(t, drafter, doc, n)).find((c) => c.text === text)!.key;
  const comment = async (n: number, text: string, body: string) => {
    await t
      .http()
      .post(`/api/documents/${doc}/consultations`)
      .set(drafter.auth)
      .send({ versionNumber: n, ...windowNow(), audience: [delegate.groupId], visibility: 'drafters' })
      .catch(() => undefined);
    return (
      await postComment(t, delegate, doc, n, { clauseKey: await keyOf(n, text), kind: 'amend', body }).expect(201)
    ).body.id as string;
  };
  const decide = (id: string, reason: string, implementedInVersion: number) =>
    t
      .http()
      .put(`/api/comments/${id}/decision`)
      .set(drafter.auth)
      .send({ outcome: 'adopted', reason, implementedInVersion })
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    delegate = await t.user('delegate', { group: '第一代表团（十六稿）' });
    doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '慈善法（十六稿）' }).expect(201)).body
      .id;
    const law = readCorpus('charity-law-cn/2016.txt')
      .split('\n')
      .map((l) => l.match(/^第[一二三四五六七八九十百]+条\s*(.+)$/u)?.[1])
      .filter((b): b is string => !!b);
    const arts: Article[] = law.slice(0, 30).map((text, i) => ({ id: `a${i}`, text }));
    const at = (id: string) => arts.find((a) => a.id === id)!;
    // the article to split: two sentences or more, early in the law; the one after it is merged with its second part
    const xi = arts.findIndex(
      (a, i) =>
        i >= 3 &&
        a.text.split('。').filter(Boolean).length >= 2 &&
        a.text.endsWith('。') &&
        arts[i + 1].text.endsWith('。'),
    );
    x = arts[xi];
    y = arts[xi + 1];
    const cut = x.text.indexOf('。') + 1;
    const targets = arts.filter((_, i) => i > xi + 1 && i !== 20 && i !== 25).map((a) => a.id);
    const [A, B, C, E, F, G] = targets;
    const add = async (label: string, note = '') =>
      t
        .http()
        .post(`/api/documents/${doc}/versions`)
        .set(drafter.auth)
        .send({ text: render(arts), label, note })
        .expect(201);

    await add('第一稿');
    arts.splice(2, 0, { id: 'new1', text: NEW_ARTICLE });
    await add('第二稿');
    comments.a = await comment(2, at(A).text, '建议明确向社会公开的要求');
    at(A).text = edit(at(A).text, '并及时向社会公开');
    await add('第三稿');
    await decide(comments.a, '已增加公开要求', 3);
    comments.x = await comment(3, x.text, '本条内容较多，宜拆分为两条');
    const x1: Article = { id: x.id, text: x.text.slice(0, cut) };
    const x2: Article = { id: 'x2', text: x.text.slice(cut) };
    arts.splice(arts.indexOf(x), 1, x1, x2);
    await add('第四稿');
    await decide(comments.x, '已拆分', 4);
    arts.splice(
      1,
      0,
      ...arts.splice(
        arts.findIndex((a) => a.id === 'a20'),
        1,
      ),
    );
    await add('第五稿');
    comments.x2 = await comment(5, x2.text, '建议授权有关部门制定具体办法');
    x2.text = edit(x2.text, '具体办法由民政部门会同有关部门制定');
    await add('第六稿');
    await decide(comments.x2, '已增加授权规定', 6);
    arts.splice(
      arts.findIndex((a) => a.id === 'a25'),
      1,
    );
    await add('第七稿');
    at(B).text = edit(at(B).text, '情节严重的依法追究责任');
    await add('第八稿');
    comments.untouched = await comment(8, at(E).text, '建议细化本条的适用范围');
    at(C).text = edit(at(C).text, '并加强事中事后监管');
    await add('第九稿');
    await decide(comments.untouched, '在修改时一并考虑', 9);
    comments.y = await comment(9, y.text, '本条宜与前条合并');
    x2.text = `${x2.text}${y.text}`;
    arts.splice(arts.indexOf(y), 1);
    x2Text = x2.text;
    await add('第十稿');
    await decide(comments.y, '已合并', 10);
    at(A).text = at(A).text.replace('及时', '每年');
    await add('第十一稿');
    x2.text = edit(x2.text, '接受社会监督');
    await add('第十二稿');
    arts.unshift({ id: 'new2', text: NEW_FIRST });
    await add('第十三稿');
    at(B).text = edit(at(B).text, '并记入信用记录');
    await add('第十四稿');
    at(F).text = edit(at(F).text, '有关部门应当加强指导');
    await add('第十五稿');
    at(G).text = edit(at(G).text, '具体标准由国务院规定');
    await add('第十六稿', '根据各方面意见作文字修改。');
    expect(x2Text.length).toBeGreaterThan(0);
  }, 300_000);
  afterAll(() => t?.close());

  it('names every step of a clause that was split, then edited, then merged', async () => {
    const part = await keyOf(4, x.text.slice(x.text.indexOf('。') + 1));
    const entries: Entry[] = (
      await t.http().get(`/api/documents/${doc}/clauses/${part}/history`).set(drafter.auth).expect(200)
    ).body;
    expect(entries).toHaveLength(16);
    expect(entries.slice(0, 10).map((e) => e.change?.type)).toEqual([
      'added',
      'renumbered',
      'unchanged',
      'split',
      'renumbered',
      'modified',
      'unchanged',
      'unchanged',
      'unchanged',
      'merged',
    ]);
    const origin = entries[0].clause!.key;
    expect(entries[3].lineage).toEqual([expect.objectContaining({ kind: 'split', fromKey: origin, toKey: part })]);
    expect(entries[9].lineage.map((l) => l.kind)).toContain('merge');
    // the comments that shaped it, where they were made: on the whole article, then on the part
    expect(entries[2].comments.map((c) => c.id)).toEqual([comments.x]);
    expect(entries[4].comments.map((c) => c.id)).toEqual([comments.x2]);
  });

  it('attributes each run of the merged clause to the draft that wrote it', async () => {
    const merged = (await clausesOf(t, drafter, doc, 16)).find(
      (c) => c.text.includes(y.text.slice(0, -1)) && c.text.includes('接受社会监督'),
    )!;
    const blame = (
      await t.http().get(`/api/documents/${doc}/versions/16/clauses/${merged.key}/blame`).set(drafter.auth).expect(200)
    ).body;
    const spans: { text: string; versionNumber: number; comments: { id: string }[] }[] = blame.spans;
    expect(spans.map((s) => s.text).join('')).toBe(merged.text);
    const versionsOf = (words: string) => [
      ...new Set(spans.filter((s) => s.text.includes(words)).map((s) => s.versionNumber)),
    ];
    expect(versionsOf('民政部门会同有关部门')).toEqual([6]);
    expect(versionsOf('接受社会监督')).toEqual([12]);
    // the article merged in at 第十稿 kept the words of 第一稿
    expect(versionsOf(y.text.slice(0, 12))).toEqual([1]);
    expect(versionsOf(x.text.slice(x.text.indexOf('。') + 1).slice(0, 12))).toEqual([1]);
    expect(spans.filter((s) => s.versionNumber === 6).flatMap((s) => s.comments.map((c) => c.id))).toContain(
      comments.x2,
    );
  });

  it('lists each adopted comment under the change it caused and flags the one whose clause did not change', async () => {
    const e = (await t.http().get(`/api/documents/${doc}/explanation?from=1&to=16`).set(drafter.auth).expect(200)).body;
    type Side = { text: string };
    type Change = { type: string; to: Side | null; toParts?: Side[]; comments: { id: string }[] };
    const under = (id: string) => e.changes.find((c: Change) => c.comments.some((x) => x.id === id)) as Change;
    const newText = (c: Change) => (c.toParts ?? [c.to!]).map((p) => p.text).join('\n');
    expect(newText(under(comments.a))).toContain('每年向社会公开');
    // 第一稿 → 第十六稿 sees one change for the article split at 第四稿 and its part merged with the next at 第十稿:
    // the three comments behind those steps stand under it
    const split = under(comments.x);
    expect(split.type).toBe('split');
    expect(under(comments.x2)).toBe(split);
    expect(under(comments.y)).toBe(split);
    expect(newText(split)).toContain('民政部门会同有关部门');
    expect(newText(split)).toContain('接受社会监督');
    expect(e.check.adoptedNotCarriedOut).toEqual([
      expect.objectContaining({ comment: expect.objectContaining({ id: comments.untouched }), reason: 'unchanged' }),
    ]);
    const unexplained = e.check.unexplained.map((u: { type: string }) => u.type);
    expect(unexplained).toContain('moved');
    expect(unexplained).toContain('deleted');
    expect(e.sentence).toMatch(/^共修改\d+条，新增2条，删除1条，条文顺序和引用条文序号作相应调整。$/);
  });

  it('writes the 修改说明 as a Word document with a row per change, which LibreOffice renders to PDF', async () => {
    const e = (await t.http().get(`/api/documents/${doc}/explanation?from=1&to=16`).set(drafter.auth).expect(200)).body;
    const res = await t
      .http()
      .get(`/api/documents/${doc}/explanation?from=1&to=16&format=docx`)
      .set(drafter.auth)
      .buffer(true)
      .parse((r, cb) => {
        const b: Buffer[] = [];
        r.on('data', (c: Buffer) => b.push(c));
        r.on('end', () => cb(null, Buffer.concat(b)));
      })
      .expect(200);
    const xml = await documentXml(res.body as Buffer);
    const rows = e.changes.filter((c: { type: string }) => !['renumbered', 'references'].includes(c.type)).length;
    const notes = (e.renumberedNote ? 1 : 0) + (e.referencesNote ? 1 : 0);
    expect(tableRows(xml)).toBe(1 + rows + notes + 1 + e.check.adoptedNotCarriedOut.length);
    for (const words of [
      '修改情况的说明',
      e.sentence,
      '已拆分',
      '已合并',
      '第一代表团（十六稿）',
      '该条在所称落实的稿中未作修改',
    ])
      expect(xml).toContain(words);
    expect(xml).toContain('w:w="11906"'); // A4
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d*\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers.join('')).toMatch(/PAGE/); // page numbers
    if (!sofficePresent) {
      console.log('LibreOffice (soffice) absent: the 修改说明 .docx was not rendered to PDF');
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-explain-'));
    try {
      fs.writeFileSync(path.join(dir, 'explanation.docx'), res.body as Buffer);
      await promisify(execFile)(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          path.join(dir, 'explanation.docx'),
        ],
        { timeout: 240_000 },
      );
      const pdf = fs.readFileSync(path.join(dir, 'explanation.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      // kept for a look: test-output/explanation/
      fs.mkdirSync(OUT, { recursive: true });
      fs.copyFileSync(path.join(dir, 'explanation.pdf'), path.join(OUT, 'sixteen-drafts.pdf'));
      fs.writeFileSync(path.join(OUT, 'sixteen-drafts.docx'), res.body as Buffer);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
