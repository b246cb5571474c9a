import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { ClauseChange } from '../../src/engine/compare';
import { startTestApp, type TestApp, type TestUser } from '../support/app';
import { describeCorpus, readCorpus } from '../support/corpus';
import { sofficePresent } from '../support/soffice';
import { binaryBody, docxPart, documentText, elementsNamed } from '../support/tracked-changes';

/**
 * GET …/diff?format=docx-revisions on real revisions: version B as a .docx whose tracked changes, all accepted, give
 * B's text and, all rejected, A's; moves as moves and renumbering as changed numbers; LibreOffice opens it.
 */
describeCorpus('docx-revisions on the corpus', () => {
  let t: TestApp;
  let drafter: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
  });
  afterAll(() => t?.close());

  async function revisions(title: string, a: string, b: string) {
    const doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title }).expect(201)).body.id as string;
    for (const [label, file] of [
      ['A', a],
      ['B', b],
    ]) {
      await t
        .http()
        .post(`/api/documents/${doc}/versions`)
        .set(drafter.auth)
        .send({ text: readCorpus(file), label })
        .expect(201);
    }
    const text = async (n: number) =>
      (await t.http().get(`/api/documents/${doc}/versions/${n}?format=text`).set(drafter.auth).expect(200)).text;
    const res = await t
      .http()
      .get(`/api/documents/${doc}/diff?from=1&to=2&format=docx-revisions`)
      .set(drafter.auth)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="v2-tracked-changes-from-v1\.docx"/u);
    const json = (await t.http().get(`/api/documents/${doc}/diff?from=1&to=2`).set(drafter.auth).expect(200)).body;
    const docx = res.body as Buffer;
    return {
      docx,
      xml: await docxPart(docx, 'word/document.xml'),
      a: await text(1),
      b: await text(2),
      changes: json.changes as ClauseChange[],
      summary: json.summary,
    };
  }

  /** Every part of the package is well-formed XML, and the parts a word processor needs are there. */
  async function expectValidPackage(docx: Buffer) {
    const zip = await JSZip.loadAsync(docx);
    for (const name of [
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
      'word/_rels/document.xml.rels',
      'word/styles.xml',
      'word/settings.xml',
    ]) {
      expect(zip.file(name)).not.toBeNull();
    }
    const { DOMParser } = await import('@xmldom/xmldom');
    for (const file of Object.values(zip.files)) {
      if (file.dir) continue;
      const errors: string[] = [];
      new DOMParser({
        errorHandler: { error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) },
      }).parseFromString(await file.async('string'), 'text/xml');
      expect({ part: file.name, errors }).toEqual({ part: file.name, errors: [] });
    }
  }

  /** LibreOffice converts it to PDF and to text; its text shows every change (both sides) exactly where we put it. */
  async function expectLibreOfficeReads(docx: Buffer, xml: string) {
    if (!sofficePresent) {
      console.log(
        'LibreOffice (soffice) absent: the PDF and text conversion of the docx-revisions file is not checked',
      );
      return;
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-revisions-'));
    try {
      const file = path.join(work, 'revisions.docx');
      fs.writeFileSync(file, docx);
      const run = (target: string) =>
        promisify(execFile)(
          'soffice',
          [
            `-env:UserInstallation=file://${path.join(work, 'profile')}`,
            '--headless',
            '--convert-to',
            target,
            '--outdir',
            work,
            file,
          ],
          { timeout: 240_000 },
        );
      await run('pdf');
      await run('txt:Text (encoded):UTF8');
      expect(fs.readFileSync(path.join(work, 'revisions.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      const text = fs
        .readFileSync(path.join(work, 'revisions.txt'), 'utf8')
        .replace(/^\ufeff/u, '')
        .replace(/\r\n/gu, '\n');
      expect(text).toBe(documentText(xml, 'all'));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }

  it('criminal law amend11 → amend12: accept all gives amend12, reject all gives amend11; only the amended articles carry changes', async () => {
    const r = await revisions('刑法', 'criminal-law-cn/2020-amend11.txt', 'criminal-law-cn/2023-amend12.txt');
    expect(documentText(r.xml, 'accept')).toBe(r.b);
    expect(documentText(r.xml, 'reject')).toBe(r.a);
    await expectValidPackage(r.docx);
    // every deleted passage lies in a clause the comparison found changed (the seven articles, the header, the footnote)
    const changed = r.changes.filter((c) => c.type !== 'unchanged').map((c) => c.from?.text ?? '');
    const deleted = elementsNamed(r.xml, 'w:del').map((e) => e.text);
    expect(deleted.length).toBeGreaterThan(0);
    for (const d of deleted) expect(changed.some((text) => text.includes(d.trim()))).toBe(true);
    await expectLibreOfficeReads(r.docx, r.xml);
  }, 600_000);

  it('company law 2018 → 2023: exact both ways, moves as w:moveFrom/w:moveTo, renumbered articles as changed numbers', async () => {
    const r = await revisions('公司法', 'company-law-cn/2018.txt', 'company-law-cn/2023.txt');
    expect(documentText(r.xml, 'accept')).toBe(r.b);
    expect(documentText(r.xml, 'reject')).toBe(r.a);
    await expectValidPackage(r.docx);
    expect(r.summary.moved).toBeGreaterThan(0);
    expect((r.xml.match(/<w:moveFromRangeStart /gu) ?? []).length).toBe(r.summary.moved);
    expect((r.xml.match(/<w:moveToRangeStart /gu) ?? []).length).toBe(r.summary.moved);
    // (articles: a heading's few words, such as 一般规定, also stand inside longer deleted passages)
    const renumbered = r.changes.filter((c) => c.type === 'renumbered' && c.from!.text.length >= 15);
    expect(renumbered.length).toBeGreaterThan(0);
    const removed = [...elementsNamed(r.xml, 'w:del'), ...elementsNamed(r.xml, 'w:moveFrom')].map((e) => e.text);
    for (const c of renumbered) {
      // the wording stays, the number changes: no deletion holds the clause's text
      expect({
        clause: c.from!.label,
        deletedIn: removed.filter((d) => d.includes(c.from!.text)).map((d) => d.slice(0, 60)),
      }).toEqual({ clause: c.from!.label, deletedIn: [] });
      expect(removed).toContain(numberChange(c.from!.label, c.to!.label));
    }
    await expectLibreOfficeReads(r.docx, r.xml);
  }, 600_000);
});

/** What a renumbering deletes from a label: the differing middle ("第十五条" → "第十六条": "五"). */
function numberChange(a: string, b: string): string {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return a.slice(p, a.length - s);
}
