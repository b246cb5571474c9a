/**
 * A perturbation harness for the aligner and comment carrying: takes the articles of a real law, applies drafting
 * operations with a known answer (edit, rewrite beyond recognition, insert, delete, move, split, merge) with seeded
 * randomness, and scores what alignClauses and the carry planner make of it. Every character of the new version
 * knows which old clause and offset it came from (or none), so "where did the commented words go" has an answer.
 * Used by test/engine/perturb.spec.ts (few cases) and bench/lineage.bench.ts (many).
 */
import { CarryPlanner, type Edge } from '../../src/engine/carry-forward';
import { alignClauses, dice, gramsOf, orderedCoverage } from '../../src/engine/align';
import { normalizeForCompare } from '../../src/engine/normalize';
import type { AlignClause, LineageEdge } from '../../src/engine/types';

/** mulberry32: small, seeded, good enough to pick operations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clause being rewritten: its text and, per character, the old clause and offset it came from (-1: new). */
interface Work {
  text: string;
  src: number[];
  off: number[];
  kind: AlignClause['kind'];
  level: number;
  label: string;
  /** Old clause this one stands for (continues), or -1. */
  from: number;
  /** The split or merge event (index in `groups`) this clause came out of. */
  group?: number;
  /** For a merged clause: the old clauses merged into it. */
  merged?: number[];
}

export type Operation = 'edit' | 'rewrite' | 'insert' | 'delete' | 'move' | 'split' | 'merge';

export interface Case {
  old: AlignClause[];
  neu: AlignClause[];
  /** Old index → new index for clauses that continue 1:1 (unchanged, edited, moved). */
  continues: Map<number, number>;
  /** Split and merge events: every (old, new) pair of lineage they should produce. */
  groups: Array<{ op: 'split' | 'merge'; pairs: Array<[number, number]> }>;
  /** Per new clause, per character: [old clause, offset] or null. */
  provenance: Array<Array<[number, number] | null>>;
  ops: Operation[];
}

const NUMERALS = '零一二三四五六七八九';
export function chineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n];
  if (n < 20) return `十${n % 10 ? NUMERALS[n % 10] : ''}`;
  if (n < 100) return `${NUMERALS[Math.floor(n / 10)]}十${n % 10 ? NUMERALS[n % 10] : ''}`;
  const rest = n % 100;
  const tail =
    rest === 0 ? '' : rest < 10 ? `零${NUMERALS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
  return `${NUMERALS[Math.floor(n / 100)]}百${tail}`;
}

/** Similarity (gram Dice) above which another law's article is not "beyond recognition" for this law. */
const RELATED = 0.35;

/**
 * The texts of `other` (another law's articles, paragraphs or items) fit to stand for a rewrite beyond recognition
 * or an unrelated insertion in `law`: none reads like one of its clauses. Laws share provisions (a supervision law's
 * "移送监察机关，由监察机关依法调查处置" stands in the administrative reconsideration law too); such a text taking an
 * article's place is an edit, whatever the harness calls it; a text that holds one of its headings word for word
 * ("GitHub Privacy Statement") gives that heading a place to go, and the other way round.
 */
export function foreignTexts(law: AlignClause[], other: AlignClause[]): string[] {
  const units = (cs: AlignClause[]) =>
    cs.filter((c) => c.kind !== 'title' && c.kind !== 'division' && c.text.length >= 20);
  const gramSet = (t: string) => new Set(gramsOf(normalizeForCompare(t)));
  const mine = units(law).map((c) => gramSet(c.text));
  // A short text (a heading, a one-line article) can stand word for word inside a long one with little Dice.
  const bodies = units(law).map((c) => normalizeForCompare(c.text));
  const short = bodies.filter((b) => b.length < 60);
  return units(other)
    .map((c) => c.text)
    .filter((t) => {
      const g = gramSet(t);
      if (!mine.every((m) => dice(g, m) < RELATED)) return false;
      const body = normalizeForCompare(t);
      if (body.length < 60 && bodies.some((b) => orderedCoverage(body, b).coverage >= 0.5)) return false;
      return short.every((s) => orderedCoverage(s, body).coverage < 0.5);
    });
}

/** Article `n` in the style of `label`: 第N条, § N, Art N; other labels are kept. */
function relabel(label: string, n: number): string {
  if (/^第.+条/u.test(label)) return `第${chineseNumber(n)}条`;
  const western = /^(§|Art\.?|Article)\s*\d/u.exec(label);
  return western ? `${western[1]} ${n}` : label;
}

/**
 * Apply `count` operations to the articles of `clauses`; `foreign` supplies unrelated article texts (another law)
 * for insertions and rewrites beyond recognition.
 */
export function perturb(clauses: AlignClause[], foreign: string[], seed: number, count = 8): Case {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const work: Work[] = clauses.map((c, i) => ({
    ...c,
    src: Array.from({ length: c.text.length }, () => i),
    off: Array.from({ length: c.text.length }, (_, k) => k),
    from: i,
  }));
  const touched = new Set<number>(); // old clauses already operated on: one operation each keeps the truth simple
  const groups: Case['groups'] = [];
  const rewritten = new Set<number>();
  const ops: Operation[] = [];
  // The units operated on: articles, or (in a text without articles, such as terms of service) its paragraphs and items.
  const has = (...kinds: Array<AlignClause['kind']>) => clauses.some((c) => kinds.includes(c.kind));
  const unitKinds = new Set<AlignClause['kind']>(
    has('article') ? ['article'] : has('paragraph', 'item') ? ['paragraph', 'item'] : ['preamble'],
  );
  const isUnit = (w: { kind: AlignClause['kind']; text: string }) => unitKinds.has(w.kind) && w.text.length >= 20;
  const articleAt = () => {
    const candidates = work.flatMap((w, k) =>
      isUnit(w) && w.from >= 0 && !touched.has(w.from) && !rewritten.has(w.from) ? [k] : [],
    );
    return candidates.length ? pick(candidates) : -1;
  };
  const none = (n: number) => Array.from({ length: n }, () => -1);
  const fresh = (text: string, like: Work): Work => ({
    text,
    src: none(text.length),
    off: none(text.length),
    kind: like.kind,
    level: like.level,
    label: like.label,
    from: -1,
  });
  const pad = (w: Work) => {
    w.src = w.src.slice(0, w.text.length);
    while (w.src.length < w.text.length) w.src.push(-1);
    w.off = w.off.slice(0, w.text.length);
    while (w.off.length < w.text.length) w.off.push(-1);
  };
  const splice = (w: Work, at: number, remove: number, insert: string) => {
    w.text = w.text.slice(0, at) + insert + w.text.slice(at + remove);
    w.src.splice(at, remove, ...Array.from({ length: insert.length }, () => -1));
    w.off.splice(at, remove, ...Array.from({ length: insert.length }, () => -1));
  };
  const phrase = (min: number, max: number) => {
    const t = pick(foreign);
    const len = Math.min(t.length, min + Math.floor(random() * (max - min + 1)));
    const at = Math.floor(random() * Math.max(1, t.length - len));
    return t.slice(at, at + len);
  };
  for (let n = 0; n < count; n++) {
    const op = pick(['edit', 'edit', 'rewrite', 'insert', 'delete', 'move', 'split', 'merge'] as const);
    const k = articleAt();
    if (k < 0) break;
    const w = work[k];
    if (op === 'edit') {
      // One to three phrase edits, at most a fifth of the text in all.
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const budget = Math.max(2, Math.floor(w.text.length / 5 / edits));
        const len = 1 + Math.floor(random() * budget);
        const at = Math.floor(random() * Math.max(1, w.text.length - len));
        const kind = random();
        if (kind < 0.4) splice(w, at, len, phrase(1, budget));
        else if (kind < 0.7) splice(w, at, 0, phrase(1, budget));
        else if (w.text.length > len + 6) splice(w, at, len, '');
      }
    } else if (op === 'rewrite') {
      // Beyond recognition: an article of another law takes its place (the old one is deleted, this one added).
      rewritten.add(w.from);
      work[k] = fresh(pick(foreign), w);
    } else if (op === 'insert') {
      work.splice(k + (random() < 0.5 ? 0 : 1), 0, fresh(pick(foreign), w));
    } else if (op === 'delete') {
      rewritten.add(w.from);
      work.splice(k, 1);
    } else if (op === 'move') {
      const [moved] = work.splice(k, 1);
      let to = Math.floor(random() * work.length);
      if (Math.abs(to - k) < 3) to = (k + Math.floor(work.length / 2)) % work.length;
      work.splice(to, 0, moved);
      touched.add(moved.from);
    } else if (op === 'split') {
      // At a sentence or paragraph end inside the text, both parts at least 12 characters.
      const cuts = [...w.text.matchAll(/[。；\n]|[.;:](?= )/gu)]
        .map((m) => m.index + 1)
        .filter((c) => c >= 12 && w.text.length - c >= 12);
      if (!cuts.length) continue;
      const cut = pick(cuts);
      const second: Work = { ...w, text: w.text.slice(cut).replace(/^\n+/u, ''), src: [], off: [], from: -1 };
      const skipped = w.text.slice(cut).length - second.text.length;
      second.src = w.src.slice(cut + skipped);
      second.off = w.off.slice(cut + skipped);
      w.text = w.text.slice(0, cut).replace(/\n+$/u, '');
      pad(w);
      work.splice(k + 1, 0, second);
      groups.push({ op: 'split', pairs: [] });
      second.group = groups.length - 1;
      w.group = groups.length - 1;
      touched.add(w.from);
    } else {
      const next = work[k + 1];
      if (!next || !isUnit(next) || next.from < 0 || touched.has(next.from) || rewritten.has(next.from)) continue;
      const joint = '\n\n';
      w.text = `${w.text}${joint}${next.text}`;
      w.src = [...w.src, -1, -1, ...next.src];
      w.off = [...w.off, -1, -1, ...next.off];
      work.splice(k + 1, 1);
      groups.push({ op: 'merge', pairs: [] });
      w.group = groups.length - 1;
      w.merged = [w.from, next.from];
      touched.add(w.from);
      touched.add(next.from);
    }
    ops.push(op);
    touched.add(w.from);
  }
  // Renumber the articles, as a drafter would after inserting and deleting, in the style of the law's labels.
  let number = 0;
  for (const w of work) if (w.kind === 'article') w.label = relabel(w.label, ++number);
  const neu = work.map((w) => ({ kind: w.kind, level: w.level, label: w.label, text: w.text }));
  const continues = new Map<number, number>();
  work.forEach((w, j) => {
    const g = w.group;
    if (g !== undefined) {
      const olds = w.merged ?? [w.from >= 0 ? w.from : w.src.find((s) => s >= 0)!];
      for (const o of olds) groups[g].pairs.push([o, j]);
    } else if (w.from >= 0) {
      continues.set(w.from, j);
    }
  });
  // A split's first part kept `from`; its pair is recorded above like the second's. Deduplicate.
  for (const g of groups) g.pairs = [...new Map(g.pairs.map((p) => [`${p[0]}:${p[1]}`, p])).values()];
  const provenance = work.map((w) => w.src.map((s, c) => (s >= 0 ? ([s, w.off[c]] as [number, number]) : null)));
  return { old: clauses, neu, continues, groups, provenance, ops };
}

export interface Score {
  cases: number;
  continues: { truth: number; predicted: number; correct: number };
  groups: { total: number; exact: number };
  falseEdges: number;
  comments: { placed: number; wrongClause: number; wrongWords: number; orphaned: number };
  falseExamples: string[];
}

export function emptyScore(): Score {
  return {
    cases: 0,
    continues: { truth: 0, predicted: 0, correct: 0 },
    groups: { total: 0, exact: 0 },
    falseEdges: 0,
    comments: { placed: 0, wrongClause: 0, wrongWords: 0, orphaned: 0 },
    falseExamples: [],
  };
}

/** Align the case, score the lineage, carry a few comments per old article and score where they land. */
export function scoreCase(
  c: Case,
  score: Score,
  random: () => number,
  commentsPerClause = 2,
  align = alignClauses,
): LineageEdge[] {
  const { edges } = align(c.old, c.neu);
  score.cases++;
  const inGroup = new Set<string>();
  for (const g of c.groups) for (const [o, n] of g.pairs) inGroup.add(`${o}:${n}`);
  // 1:1 continuations: every continue edge that is not one of a split/merge event's pairs.
  score.continues.truth += c.continues.size;
  for (const e of edges) {
    if (e.kind !== 'continue' || inGroup.has(`${e.oldIndex}:${e.newIndex}`)) continue;
    score.continues.predicted++;
    if (c.continues.get(e.oldIndex) === e.newIndex) score.continues.correct++;
  }
  // Split/merge events: the edges touching them must be exactly their pairs.
  for (const g of c.groups) {
    score.groups.total++;
    const olds = new Set(g.pairs.map((p) => p[0]));
    const news = new Set(g.pairs.map((p) => p[1]));
    const got = new Set(
      edges.filter((e) => olds.has(e.oldIndex) || news.has(e.newIndex)).map((e) => `${e.oldIndex}:${e.newIndex}`),
    );
    const want = new Set(g.pairs.map((p) => `${p[0]}:${p[1]}`));
    if (got.size === want.size && [...want].every((x) => got.has(x))) score.groups.exact++;
  }
  for (const e of edges) {
    if (e.kind === 'continue' || inGroup.has(`${e.oldIndex}:${e.newIndex}`)) continue;
    score.falseEdges++;
    if (score.falseExamples.length < 5) {
      score.falseExamples.push(
        `${e.kind} ${e.score} ${c.old[e.oldIndex].text.slice(0, 30)} → ${c.neu[e.newIndex].text.slice(0, 30)}`,
      );
    }
  }
  scoreComments(c, edges, score, random, commentsPerClause);
  return edges;
}

function scoreComments(c: Case, edges: LineageEdge[], score: Score, random: () => number, perClause: number): void {
  // Keys as the service gives them: a continuation keeps the old key, anything else gets its own.
  const newKey = c.neu.map((_, j) => `n${j}`);
  for (const e of edges) if (e.kind === 'continue') newKey[e.newIndex] = `o${e.oldIndex}`;
  const oldText = new Map(c.old.map((o, i) => [`o${i}`, o.text]));
  const newText = new Map(c.neu.map((n, j) => [newKey[j], n.text]));
  const keyEdges: Edge[] = edges.map((e) => ({ fromKey: `o${e.oldIndex}`, toKey: newKey[e.newIndex], kind: e.kind }));
  const planner = new CarryPlanner(oldText, newText, keyEdges);
  const byKey = new Map(newKey.map((k, j) => [k, j]));
  c.old.forEach((o, i) => {
    if (o.kind === 'title' || o.kind === 'division' || o.text.length < 8) return;
    for (let n = 0; n < perClause; n++) {
      const len = 4 + Math.floor(random() * Math.min(12, o.text.length - 4));
      const start = Math.floor(random() * (o.text.length - len));
      const placed = planner.place({
        commentId: `${i}:${n}`,
        clauseKey: `o${i}`,
        start,
        end: start + len,
        status: 'exact',
        withdrawn: false,
      });
      score.comments.placed++;
      if (placed.status === 'orphaned') {
        score.comments.orphaned++;
        continue;
      }
      const j = byKey.get(placed.clauseKey)!;
      const from = (p: [number, number] | null) => p !== null && p[0] === i;
      const words = (p: [number, number] | null) => from(p) && p![1] >= start && p![1] < start + len;
      if (!c.provenance[j].some(from)) {
        score.comments.wrongClause++;
        if (score.falseExamples.length < 10) {
          const kinds = edges
            .filter((e) => e.oldIndex === i)
            .map((e) => `${e.kind}→${e.newIndex}`)
            .join(',');
          score.falseExamples.push(
            `comment ${placed.status} [${o.text.slice(start, start + len)}] of ${i} (${kinds}) on ${j}: ${c.neu[j].text.slice(0, 40)}`,
          );
        }
        continue;
      }
      if (placed.end > placed.start && !c.provenance[j].slice(placed.start, placed.end).some(words))
        score.comments.wrongWords++;
    }
  });
}

export function summary(s: Score): Record<string, number> {
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return {
    cases: s.cases,
    continuePrecision: r(s.continues.correct / Math.max(1, s.continues.predicted)),
    continueRecall: r(s.continues.correct / Math.max(1, s.continues.truth)),
    splitMergeExact: r(s.groups.exact / Math.max(1, s.groups.total)),
    splitMergeEvents: s.groups.total,
    falseLineageEdges: s.falseEdges,
    comments: s.comments.placed,
    commentsOnWrongClause: s.comments.wrongClause,
    commentsOnWrongWords: s.comments.wrongWords,
    commentsOrphaned: s.comments.orphaned,
  };
}
