import { DocumentsService } from '../../src/documents/documents.service';
import type { ClauseRow } from '../../src/documents/clauses.repository';
import { describeCorpus, readCorpus } from '../support/corpus';
import { startTestApp, type TestApp, type TestUser } from '../support/app';

/** Clause identity through the service: versions stored on the database, keys read back. */
describeCorpus('clause identity on real documents (stored through the service)', () => {
  let t: TestApp;
  let drafter: TestUser;
  let documents: DocumentsService;

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    documents = t.app.get(DocumentsService);
  });
  afterAll(() => t?.close());

  async function store(title: string, a: string, b: string): Promise<[ClauseRow[], ClauseRow[]]> {
    const actor = { id: drafter.id, username: drafter.username, displayName: '', role: drafter.role, groupId: null };
    const draft = (text: string) => ({
      text,
      format: 'text' as const,
      sourceFormat: 'text' as const,
      sourceName: null,
    });
    const doc = await documents.createDocument(actor, title);
    await documents.addVersion(actor, doc.id, { draft: draft(readCorpus(a)) });
    await documents.addVersion(actor, doc.id, { draft: draft(readCorpus(b)) });
    const v1 = await documents.getVersionClauses(doc.id, 1);
    const v2 = await documents.getVersionClauses(doc.id, 2);
    expect(await documents.getVersionText(doc.id, 2)).toBe(readCorpus(b));
    return [v1.clauses, v2.clauses];
  }

  it('civil procedure law 2021 → 2023: every unchanged article keeps its key, though many are renumbered', async () => {
    const [a, b] = await store('民事诉讼法', 'civil-procedure-law-cn/2021.txt', 'civil-procedure-law-cn/2023.txt');
    const oldByHash = new Map<string, ClauseRow[]>();
    for (const c of a.filter((c) => c.kind === 'article'))
      oldByHash.set(c.normHash, [...(oldByHash.get(c.normHash) ?? []), c]);
    let unchanged = 0;
    let renumbered = 0;
    for (const c of b.filter((c) => c.kind === 'article')) {
      const same = oldByHash.get(c.normHash);
      if (!same || same.length !== 1) continue; // edited, new, or a repeated body such as （删去）
      unchanged++;
      expect({ label: c.label, key: c.key }).toEqual({ label: c.label, key: same[0].key });
      if (same[0].label !== c.label) renumbered++;
    }
    expect(unchanged).toBeGreaterThan(200);
    expect(renumbered).toBeGreaterThan(50);
  });

  it('criminal law amendment XI → XII: exactly the amended articles differ; every article keeps its key', async () => {
    const [a, b] = await store('刑法', 'criminal-law-cn/2020-amend11.txt', 'criminal-law-cn/2023-amend12.txt');
    const oldArticles = new Map(a.filter((c) => c.kind === 'article').map((c) => [c.label, c]));
    const newArticles = b.filter((c) => c.kind === 'article');
    expect(newArticles).toHaveLength(oldArticles.size);
    const changed: string[] = [];
    for (const c of newArticles) {
      const old = oldArticles.get(c.label)!;
      expect({ label: c.label, key: c.key }).toEqual({ label: c.label, key: old.key });
      if (old.normHash !== c.normHash) changed.push(c.label);
    }
    expect(changed).toEqual([
      '第一百六十五条',
      '第一百六十六条',
      '第一百六十九条',
      '第三百八十七条',
      '第三百九十条',
      '第三百九十一条',
      '第三百九十三条',
    ]);
    // Besides those: one new line of the enactment history and the footnote mark after 第四百五十二条.
    const oldKeys = new Set(a.map((c) => c.key));
    const added = b.filter((c) => !oldKeys.has(c.key));
    expect(added.map((c) => c.kind).sort()).toEqual(['note', 'preamble']);
    expect(added.find((c) => c.kind === 'preamble')!.text).toMatch(/刑法修正案（十二）/);
    const note = added.find((c) => c.kind === 'note')!;
    expect(b[note.ordinal - 1].label).toBe('第四百五十二条');
    expect(b.filter((c) => c.kind !== 'article' && !added.includes(c)).every((c) => oldKeys.has(c.key))).toBe(true);
  });
});
