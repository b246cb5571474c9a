import { CarryPlanner, type Edge } from '../../src/engine/carry-forward';
import { alignClauses } from '../../src/engine/align';
import { parseDocument } from '../../src/engine/parse';
import { reanchorInto } from '../../src/engine/reanchor';
import type { AlignClause, ParsedClause } from '../../src/engine/types';
import { describeCorpus, readCorpus } from '../support/corpus';

/** Issue 10 §1: no split or merge edge without the part's text, in order, in what the other side gained or lost. */

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const article = (n: number, text: string): AlignClause => ({
  kind: 'article',
  level: 1,
  label: `第${NUMERALS[n]}条`,
  text,
});
const articles = (...texts: string[]) => texts.map((t, i) => article(i, t));

// Written for these tests: a short article whose words all recur in the longer article after it.
const FIRST = '调解组织应当在受理申请之日起十日内通知各方当事人，并告知其权利义务。';
const SHORT = '当事人可以自行协商解决。';
const NEXT = '当事人协商不成的，可以自行申请调解解决，也可以依法向人民法院提起诉讼，当事人可以委托代理人。';
const LAST = '本办法自公布之日起施行。';

describe('alignClauses: no lineage without evidence', () => {
  it('gives an article rewritten beyond recognition no merge edge into the unchanged article next to it', () => {
    const { edges } = alignClauses(articles(FIRST, SHORT, NEXT, LAST), articles(FIRST, '监督检查及解。', NEXT, LAST));
    expect(edges.filter((e) => e.kind !== 'continue')).toEqual([]);
    expect(edges.some((e) => e.oldIndex === 1)).toBe(false);
  });

  it('gives a deleted article no merge edge into an unchanged neighbour', () => {
    const { edges } = alignClauses(articles(FIRST, SHORT, NEXT, LAST), articles(FIRST, NEXT, LAST));
    expect(edges.filter((e) => e.kind !== 'continue')).toEqual([]);
    expect(edges.map((e) => [e.oldIndex, e.newIndex])).toEqual([
      [0, 0],
      [2, 1],
      [3, 2],
    ]);
  });

  it('gives an added article no split edge from an unchanged neighbour that holds its words', () => {
    const { edges } = alignClauses(articles(FIRST, NEXT, LAST), articles(FIRST, SHORT, NEXT, LAST));
    expect(edges.filter((e) => e.kind !== 'continue')).toEqual([]);
  });

  it('still records a merge when the continuing article grew by the merged text, and a split when it lost it', () => {
    const merged = alignClauses(articles(FIRST, SHORT, NEXT, LAST), articles(FIRST, `${SHORT}${NEXT}`, LAST)).edges;
    const pairs = merged.map((e) => `${e.oldIndex}:${e.newIndex}`).sort();
    expect(pairs).toEqual(['0:0', '1:1', '2:1', '3:2']);
    expect(merged.filter((e) => e.kind === 'merge')).toHaveLength(1);
    const split = alignClauses(articles(FIRST, `${SHORT}${NEXT}`, LAST), articles(FIRST, SHORT, NEXT, LAST)).edges;
    expect(split.map((e) => `${e.oldIndex}:${e.newIndex}`).sort()).toEqual(['0:0', '1:1', '1:2', '2:3']);
    expect(split.filter((e) => e.kind === 'split')).toHaveLength(1);
  });
});

// Two articles that begin alike, merged into one (written for these tests).
const OPENING = '重点单位应当加强对';
const STAFF = `${OPENING}工作人员的安全教育和管理，定期开展监督检查。`;
const PLACES = `${OPENING}涉密场所和载体的日常管理，采取封闭管理措施。`;

describe('re-anchoring into a merged clause', () => {
  const merged = `${STAFF}\n\n${PLACES}`;
  const planner = new CarryPlanner(
    new Map([
      ['staff', STAFF],
      ['places', PLACES],
    ]),
    new Map([['staff', merged]]),
    [{ fromKey: 'places', toKey: 'staff', kind: 'merge' } satisfies Edge],
  );
  const place = (key: string, start: number, end: number) =>
    planner.place({ commentId: `${key}${start}`, clauseKey: key, start, end, status: 'exact', withdrawn: false });

  it("keeps a quote on the second article's common opening on the second article's words", () => {
    const r = place('places', 0, OPENING.length);
    expect(r).toMatchObject({ clauseKey: 'staff', status: 'shifted' });
    expect(r.start).toBe(STAFF.length + 2);
    expect(merged.slice(r.start, r.end)).toBe(OPENING);
  });

  it("keeps the first article's quotes on its own words, and the second's further in", () => {
    expect(place('staff', 0, OPENING.length)).toMatchObject({ status: 'shifted', start: 0, end: OPENING.length });
    const at = PLACES.indexOf('涉密场所');
    const r = place('places', at, at + 4);
    expect(r.start).toBe(STAFF.length + 2 + at);
  });

  it('puts the second article first when the merge put it first', () => {
    const first = `${PLACES}${STAFF}`;
    const r = reanchorInto({ start: 0, end: OPENING.length }, STAFF, first, [PLACES]);
    expect(r.start).toBe(PLACES.length);
    expect(first.slice(r.start, r.end)).toBe(OPENING);
  });
});

describeCorpus('lineage on the real corpus (issue 10 §1)', () => {
  const parse = (file: string): ParsedClause[] => parseDocument(readCorpus(file)).clauses;

  it('civil procedure law: 第五十三条 rewritten beyond recognition gets no lineage edge', () => {
    const old = parse('civil-procedure-law-cn/2023.txt');
    const at = old.findIndex((c) => c.label === '第五十三条');
    const neu = old.map((c, i) => (i === at ? { ...c, text: '监督及解。' } : c));
    const { edges } = alignClauses(old, neu);
    expect(edges.filter((e) => e.oldIndex === at)).toEqual([]);
    expect(edges.filter((e) => e.kind !== 'continue')).toEqual([]);
  });

  it('counter-espionage law: deleting any one article leaves no split or merge edge', () => {
    const old = parse('counter-espionage-law-cn/2023.txt');
    const found: string[] = [];
    old.forEach((c, at) => {
      if (c.kind !== 'article') return;
      const { edges } = alignClauses(
        old,
        old.filter((_, i) => i !== at),
      );
      for (const e of edges) if (e.kind !== 'continue') found.push(`${c.label}: ${e.kind} ${old[e.oldIndex].label}`);
    });
    expect(found).toEqual([]);
  });

  it('counter-espionage law: 第十八条 and 第十九条 merged keep each quote on its own words', () => {
    const old = parse('counter-espionage-law-cn/2023.txt');
    const a = old.findIndex((c) => c.label === '第十八条');
    const [x, y] = [old[a], old[a + 1]];
    const common = '反间谍安全防范重点单位应当加强对';
    expect(x.text.startsWith(common) && y.text.startsWith(common)).toBe(true);
    const neu = [...old.slice(0, a), { ...x, text: `${x.text}\n\n${y.text}` }, ...old.slice(a + 2)];
    const { edges } = alignClauses(old, neu);
    const key = (side: 'o' | 'n', i: number) => `${side}${i}`;
    const newKey = neu.map((_, j) => key('n', j));
    for (const e of edges) if (e.kind === 'continue') newKey[e.newIndex] = key('o', e.oldIndex);
    expect(edges.filter((e) => e.kind !== 'continue').map((e) => [e.kind, e.oldIndex, e.newIndex])).toEqual([
      ['merge', edges.some((e) => e.kind === 'continue' && e.oldIndex === a) ? a + 1 : a, a],
    ]);
    const planner = new CarryPlanner(
      new Map(old.map((c, i) => [key('o', i), c.text])),
      new Map(neu.map((c, j) => [newKey[j], c.text])),
      edges.map((e) => ({ fromKey: key('o', e.oldIndex), toKey: newKey[e.newIndex], kind: e.kind })),
    );
    const mergedText = neu[a].text;
    for (const [i, offset] of [
      [a, 0],
      [a + 1, x.text.length + 2],
    ] as const) {
      for (const [s, e] of [
        [0, common.length],
        [0, common.length + 4],
        [common.length, common.length + 6],
      ]) {
        const r = planner.place({
          commentId: `${i}:${s}`,
          clauseKey: key('o', i),
          start: s,
          end: e,
          status: 'exact',
          withdrawn: false,
        });
        expect({ i, s, start: r.start, words: mergedText.slice(r.start, r.end) }).toEqual({
          i,
          s,
          start: offset + s,
          words: old[i].text.slice(s, e),
        });
      }
    }
  });
});
