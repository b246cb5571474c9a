import { compareVersions, type ClauseChange } from '../../src/engine/compare';
import { normalizeForCompare } from '../../src/engine/normalize';
import { parseDocument } from '../../src/engine/parse';
import { staleReferences } from '../../src/engine/reference-warnings';
import { assignKeys } from '../../src/engine/clause-rows';
import { corpusFiles, describeCorpus, readCorpus } from '../support/corpus';

/** Both versions with keys as the service assigns them (aligner included). */
function versions(before: string, after: string) {
  const v1 = assignKeys(parseDocument(readCorpus(before)).clauses, []).rows;
  const v2 = assignKeys(parseDocument(readCorpus(after)).clauses, v1).rows;
  return { v1, v2 };
}

/** Each document of the corpus with its versions, oldest first (file names sort by date). */
function corpusRevisions(): Array<[string, string[]]> {
  const byDoc = new Map<string, string[]>();
  for (const [name] of corpusFiles()) {
    const [doc, file] = name.split('/');
    byDoc.set(doc, [...(byDoc.get(doc) ?? []), file]);
  }
  return [...byDoc].map(([doc, files]) => [doc, files.sort()]);
}

const ARTICLE_REF = /第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?/gu;

/**
 * Independently of references.ts: clauses kept whose old text, with every 第X条 replaced by the label that article
 * has in the new version, reads exactly as the new text (and did not already).
 */
function referenceOnly(v1: { key: string; kind: string; label: string; text: string }[], v2: typeof v1): string[] {
  const keyOfOld = new Map(v1.filter((c) => c.kind === 'article').map((c) => [c.label, c.key]));
  const newLabel = new Map(v2.filter((c) => c.kind === 'article').map((c) => [c.key, c.label]));
  const old = new Map(v1.map((c) => [c.key, c.text]));
  return v2
    .filter((c) => old.has(c.key) && normalizeForCompare(old.get(c.key)!) !== normalizeForCompare(c.text))
    .filter((c) => {
      const followed = old.get(c.key)!.replace(ARTICLE_REF, (l) => newLabel.get(keyOfOld.get(l) ?? '') ?? l);
      return normalizeForCompare(followed) === normalizeForCompare(c.text);
    })
    .map((c) => c.label);
}

const typeOf = (changes: ClauseChange[]) => new Map(changes.filter((c) => c.to).map((c) => [c.to!.label, c.type]));

describeCorpus('references that followed a renumbering, on the real corpus', () => {
  it.each([
    ['civil-procedure-law-cn/2021.txt', 'civil-procedure-law-cn/2023.txt', 5],
    ['legislation-law-cn/2015.txt', 'legislation-law-cn/2023.txt', 4],
    ['company-law-cn/2018.txt', 'company-law-cn/2023.txt', 0],
  ])('%s → %s: articles changed only in references are references, none modified', (before, after, count) => {
    const { v1, v2 } = versions(before, after);
    const { summary, changes } = compareVersions(v1, v2, []);
    const expected = referenceOnly(v1, v2);
    expect(expected).toHaveLength(count);
    const types = typeOf(changes);
    expect(expected.filter((l) => types.get(l) !== 'references' && types.get(l) !== 'moved')).toEqual([]);
    expect(summary.references).toBe(expected.filter((l) => types.get(l) === 'references').length);
    // and each of them shows its reference changes, marked
    for (const c of changes.filter((x) => x.type === 'references')) {
      expect(c.inline.filter((o) => o.op !== 'equal').every((o) => o.ref)).toBe(true);
      expect(c.inline.some((o) => o.op === 'insert' && /第.+条/u.test(o.text))).toBe(true);
    }
    // The same references are no edit of their own in the modified clauses either: every op marked ref is a reference.
    for (const c of changes.filter((x) => x.type === 'modified')) {
      for (const o of c.inline.filter((x) => x.ref)) expect(o.text).toMatch(/第.+条/u);
    }
    // These revisions adjusted their references: nothing is left stale.
    expect(staleReferences(v1, v2)).toEqual([]);
  });
});

/** Every reference written out, Chinese and Western, independently of references.ts (masked for comparison). */
const N = '[零〇一二三四五六七八九十百千两0-9]+';
const ANY_REF = new RegExp(
  `第${N}[条章编](?:之${N})?(?:第${N}[款项目])*|前${N}?款|(?:§§?|Art\\.?|Artikel|Article|Section)\\s?\\d+[a-z]?(?:\\(\\d+\\))?(?:\\s?(?:bis|und|,|–|-)\\s?\\d+[a-z]?)*`,
  'gu',
);

describeCorpus('articles changed only in their references, over every revision in the corpus', () => {
  it('are references — all but one whose 款 number changed because the article it names was split', () => {
    const found: string[] = [];
    for (const [doc, files] of corpusRevisions()) {
      for (let k = 0; k + 1 < files.length; k++) {
        const { v1, v2 } = versions(`${doc}/${files[k]}`, `${doc}/${files[k + 1]}`);
        const old = new Map(v1.map((c) => [c.key, c.text]));
        const types = typeOf(compareVersions(v1, v2, []).changes);
        const masked = (t: string) => normalizeForCompare(t.replace(ANY_REF, '#'));
        for (const c of v2) {
          const before = old.get(c.key);
          if (before === undefined || normalizeForCompare(before) === normalizeForCompare(c.text)) continue;
          if (masked(before) === masked(c.text)) found.push(`${doc} ${c.label} ${types.get(c.label)}`);
        }
      }
    }
    expect(found.filter((f) => !f.endsWith(' references'))).toEqual([
      // 本法第七十二条第二款 → 本法第八十一条第一款: old 72 (1) became article 80, (2) became 81 (1). The article number
      // follows the renumbering; the 款 number follows a split the comparison does not map paragraph by paragraph.
      'legislation-law-cn 第八十二条 modified',
    ]);
    expect(found).toHaveLength(11);
    expect(found.filter((f) => f.startsWith('civil-procedure-law-cn'))).toHaveLength(5);
    expect(found.filter((f) => f.startsWith('gwb-de'))).toEqual(['gwb-de § 177 references']);
  });
});
