import type { AuthUser } from '../../src/auth/auth.decorators';
import { DiffService } from '../../src/diff/diff.service';
import { DocumentsService } from '../../src/documents/documents.service';
import type { ClauseChange } from '../../src/engine/compare';
import { normalizeForCompare, normalizeLabel } from '../../src/engine/normalize';
import { parseDocument } from '../../src/engine/parse';
import { startTestApp, type TestApp } from '../support/app';
import { describeCorpus, readCorpus } from '../support/corpus';

const read = readCorpus;
const inserted = (c: ClauseChange) => c.inline.filter((o) => o.op === 'insert').map((o) => o.text);
/** Compares wording only: no whitespace, no quotation marks (the amendment quotes each paragraph). */
const squash = (s: string) => s.replace(/[\s“”"]/g, '');

describeCorpus('DiffService on the real corpus (stored versions)', () => {
  let t: TestApp;
  let actor: AuthUser;
  let diffs: DiffService;

  /** Stores the files as consecutive versions of a new document and returns its id. */
  async function store(title: string, ...files: string[]): Promise<string> {
    const documents = t.app.get(DocumentsService);
    const { id } = await documents.createDocument(actor, title);
    for (const f of files) {
      await documents.addVersion(actor, id, {
        draft: { text: read(f), format: 'text', sourceFormat: 'text', sourceName: f },
      });
    }
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const u = await t.user('drafter');
    actor = { id: u.id, username: u.username, displayName: u.username, role: u.role, groupId: null };
    diffs = t.app.get(DiffService);
  });
  afterAll(() => t?.close());

  it('civil-procedure-law-cn 2021→2023: renumbered articles are renumbered, none of them modified', async () => {
    const id = await store('民事诉讼法', 'civil-procedure-law-cn/2021.txt', 'civil-procedure-law-cn/2023.txt');
    const { changes } = await diffs.json(id, 1, 2);
    // Independently of the aligner: articles of 2023 whose body stands, once, in 2021 under another number.
    const articles = (f: string) => parseDocument(read(f)).clauses.filter((c) => c.kind === 'article');
    const oldByBody = new Map<string, string[]>();
    for (const c of articles('civil-procedure-law-cn/2021.txt')) {
      const body = normalizeForCompare(c.text);
      oldByBody.set(body, [...(oldByBody.get(body) ?? []), c.label]);
    }
    const expected = articles('civil-procedure-law-cn/2023.txt')
      .filter((c) => {
        const was = oldByBody.get(normalizeForCompare(c.text));
        return was?.length === 1 && normalizeLabel(was[0]) !== normalizeLabel(c.label);
      })
      .map((c) => c.label);
    expect(expected.length).toBeGreaterThan(80);
    const typeOf = new Map(changes.filter((c) => c.to).map((c) => [c.to!.label, c.type]));
    expect(expected.filter((l) => typeOf.get(l) !== 'renumbered')).toEqual([]);
    for (const c of changes.filter((x) => x.type === 'renumbered'))
      expect(normalizeForCompare(c.from!.text)).toBe(normalizeForCompare(c.to!.text));
  });

  it('criminal-law-cn amend11→amend12: exactly the seven amended articles are modified, with the amendment wording', async () => {
    const id = await store('刑法', 'criminal-law-cn/2020-amend11.txt', 'criminal-law-cn/2023-amend12.txt');
    const { changes } = await diffs.json(id, 1, 2);
    const amended = [
      '第一百六十五条',
      '第一百六十六条',
      '第一百六十九条',
      '第三百八十七条',
      '第三百九十条',
      '第三百九十一条',
      '第三百九十三条',
    ];
    const modifiedArticles = changes.filter((c) => c.type === 'modified' && /条/.test(c.to!.label));
    // The footnote mark after 第四百五十二条 is the one other difference in an article (docs/design.md §5).
    expect(modifiedArticles.map((c) => c.to!.label).filter((l) => l !== '第四百五十二条')).toEqual(amended);
    expect(
      changes.filter(
        (c) => !['modified', 'unchanged'].includes(c.type) && /^第.+条/.test(c.to?.label ?? c.from!.label),
      ),
    ).toEqual([]);
    const instructions = squash(read('criminal-law-cn/ground-truth/amendment12-official-instructions.txt'));
    for (const c of modifiedArticles.filter((x) => x.to!.label !== '第四百五十二条')) {
      const ins = inserted(c);
      expect(ins.length).toBeGreaterThan(0);
      // every inserted word is the amendment's new wording
      for (const piece of ins) expect(instructions).toContain(squash(piece));
    }
    const byLabel = Object.fromEntries(modifiedArticles.map((c) => [c.to!.label, inserted(c).join('|')]));
    expect(byLabel['第一百六十五条']).toContain('其他公司、企业的董事、监事、高级管理人员违反法律、行政法规规定');
    expect(byLabel['第三百九十条']).toContain('有下列情形之一的，从重处罚');
    expect(byLabel['第三百九十条']).toContain('多次行贿或者向多人行贿的');
    expect(byLabel['第三百九十一条']).toContain('情节严重的，处三年以上七年以下有期徒刑');
    expect(byLabel['第三百九十三条']).toContain('情节特别严重的');
    expect(changes.every((c) => !c.fallback)).toBe(true);
  });
});
