/**
 * Aligning the clauses of two versions (docs/design.md §3): exact bodies first (renumbering and moves), then order-preserving
 * matching between unique anchors, then bigram similarity with a global assignment, then splits and merges.
 * Similarity is only computed for leftovers and only between candidates that share bigrams, so a 500-article law
 * whose text barely changed costs a few milliseconds.
 */
import { longestIncreasing } from './compare';
import { normalizeForCompare, normalizeLabel } from './normalize';
import type { AlignClause, AlignResult, ClauseKind, LineageEdge } from './types';

/** Below this Dice score two clauses are a deletion and an addition, not an edit. */
export const SIMILARITY_THRESHOLD = 0.5;
/** Same label and place between anchors: a heavily rewritten article is still that article. */
const SAME_PLACE_THRESHOLD = 0.3;
/** Ranking bonus of a candidate pair with the same kind and number in the same stretch between anchors. */
const SAME_PLACE_BONUS = 0.25;

/**
 * Share of a split or merge part's characters that the other side's unexplained text holds in order (in runs of three
 * or more characters) for a split or merge edge. Below it the part is better explained as deleted (merge) or added (split).
 */
export const COVERAGE_THRESHOLD = 0.65;
/** A continuation by similarity below this score (and between different numbers) can lose to a split or merge. */
const WEAK_CONTINUE = 0.75;
/** How much better a split or merge must explain such a clause than its weak partner does. */
const CONTEST_MARGIN = 0.15;
/** Weight of "how much of the whole's unexplained text the part accounts for" when several wholes hold a part. */
const RESIDUAL_WEIGHT = 0.25;
/** How far (in clauses) a split or merge partner is looked for around the clause's neighbours. */
const WINDOW = 4;

/** Kinds that may match each other: a division only matches a division, a note a note; bodies mix. */
function kindClass(kind: ClauseKind): string {
  return kind === 'division' || kind === 'title' || kind === 'note' ? kind : 'body';
}

interface Side {
  clauses: AlignClause[];
  keys: string[];
  bodies: string[];
  partner: Array<number | null>;
  grams: Array<Set<string> | null>;
}

function side(clauses: AlignClause[]): Side {
  const bodies = clauses.map((c) => normalizeForCompare(c.text));
  // An empty body (a bare "附件一", "Art 49") is identified by its label instead.
  const keys = clauses.map((c, i) => `${kindClass(c.kind)}\u0000${bodies[i] || `#${normalizeLabel(c.label)}`}`);
  return { clauses, keys, bodies, partner: clauses.map(() => null), grams: clauses.map(() => null) };
}

function bigrams(s: Side, i: number): Set<string> {
  let g = s.grams[i];
  if (!g) {
    const b = s.bodies[i];
    g = new Set<string>();
    if (b.length === 1) g.add(b);
    for (let k = 0; k + 1 < b.length; k++) g.add(b.slice(k, k + 2));
    s.grams[i] = g;
  }
  return g;
}

function shared(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

function dice(a: Set<string>, b: Set<string>): number {
  return a.size + b.size === 0 ? 0 : (2 * shared(a, b)) / (a.size + b.size);
}

function compatible(o: AlignClause, n: AlignClause): boolean {
  if (kindClass(o.kind) !== kindClass(n.kind)) return false;
  return o.kind !== 'division' || o.level === n.level;
}

function pair(oldS: Side, newS: Side, i: number, j: number, score: number, edges: LineageEdge[]): void {
  oldS.partner[i] = j;
  newS.partner[j] = i;
  edges.push({ oldIndex: i, newIndex: j, kind: 'continue', score });
}

function groupBy(keys: string[], free: (i: number) => boolean): Map<string, number[]> {
  const m = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (!free(i)) return;
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  });
  return m;
}

/** Stage 1: bodies that occur exactly once on each side. */
function matchUnique(oldS: Side, newS: Side, edges: LineageEdge[]): void {
  const olds = groupBy(oldS.keys, () => true);
  const news = groupBy(newS.keys, () => true);
  for (const [key, os] of olds) {
    const ns = news.get(key);
    if (os.length === 1 && ns?.length === 1) pair(oldS, newS, os[0], ns[0], 1, edges);
  }
}

/**
 * The gap of each clause between anchors (in-order exact matches): gap g lies after anchor g-1 and before
 * anchor g, on both sides.
 */
function gapsOf(oldS: Side, newS: Side): { oldGap: number[]; newGap: number[] } {
  const matched = newS.partner.flatMap((i, j) => (i === null ? [] : [[i, j] as const]));
  const inOrder = longestIncreasing(matched.map(([i]) => i));
  const anchors = matched.filter((_, k) => inOrder.has(k));
  const gapsFor = (length: number, at: (a: readonly [number, number]) => number): number[] => {
    const gaps: number[] = [];
    let g = 0;
    for (let x = 0; x < length; x++) {
      while (g < anchors.length && at(anchors[g]) < x) g++;
      gaps.push(g);
    }
    return gaps;
  };
  return { oldGap: gapsFor(oldS.clauses.length, (a) => a[0]), newGap: gapsFor(newS.clauses.length, (a) => a[1]) };
}

/** Stage 2: repeated bodies, paired in order inside each gap between anchors, then in order over the rest. */
function matchRepeated(oldS: Side, newS: Side, oldGap: number[], newGap: number[], edges: LineageEdge[]): void {
  const byGap = groupBy(
    newS.keys.map((k, j) => `${newGap[j]}\u0001${k}`),
    (j) => newS.partner[j] === null,
  );
  oldS.keys.forEach((k, i) => {
    if (oldS.partner[i] !== null) return;
    const queue = byGap.get(`${oldGap[i]}\u0001${k}`);
    const j = queue?.shift();
    if (j !== undefined) pair(oldS, newS, i, j, 1, edges);
  });
  const rest = groupBy(newS.keys, (j) => newS.partner[j] === null);
  oldS.keys.forEach((k, i) => {
    if (oldS.partner[i] !== null) return;
    const j = rest.get(k)?.shift();
    if (j !== undefined) pair(oldS, newS, i, j, 1, edges);
  });
}

/**
 * Stage 3: similar clauses among the leftovers, best pairs first over the whole document (not in document order),
 * candidates found through an inverted index of bigrams.
 */
function matchSimilar(oldS: Side, newS: Side, oldGap: number[], newGap: number[], edges: LineageEdge[]): void {
  const leftNew = newS.partner.flatMap((p, j) => (p === null ? [j] : []));
  const leftOld = oldS.partner.flatMap((p, i) => (p === null ? [i] : []));
  if (leftNew.length === 0 || leftOld.length === 0) return;
  const index = new Map<string, number[]>();
  for (const j of leftNew) {
    for (const g of bigrams(newS, j)) {
      const list = index.get(g);
      if (list) list.push(j);
      else index.set(g, [j]);
    }
  }
  // Bigrams in a large share of the leftovers ("的，", "the") find everything and decide nothing.
  const cap = Math.max(50, leftNew.length / 4);
  const candidates: Array<{ i: number; j: number; score: number; rank: number; distance: number }> = [];
  for (const i of leftOld) {
    const mine = bigrams(oldS, i);
    const counts = new Map<number, number>();
    let skipped = 0;
    for (const g of mine) {
      const list = index.get(g);
      if (!list) continue;
      if (list.length > cap) {
        skipped++;
        continue;
      }
      for (const j of list) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    for (const [j, count] of counts) {
      if (!compatible(oldS.clauses[i], newS.clauses[j])) continue;
      // An upper bound from the counted bigrams spares the exact intersection for hopeless pairs.
      const theirs = bigrams(newS, j);
      const total = mine.size + theirs.size;
      const bound = (2 * Math.min(count + skipped, mine.size, theirs.size)) / total;
      if (bound < SAME_PLACE_THRESHOLD) continue;
      const score = dice(mine, theirs);
      const samePlace =
        oldGap[i] === newGap[j] &&
        oldS.clauses[i].kind === newS.clauses[j].kind &&
        normalizeLabel(oldS.clauses[i].label) === normalizeLabel(newS.clauses[j].label);
      if (score >= SIMILARITY_THRESHOLD || (samePlace && score >= SAME_PLACE_THRESHOLD)) {
        const distance = Math.abs(i / oldS.clauses.length - j / newS.clauses.length);
        // Same number in the same stretch of the document is strong evidence: when a clause is split, the part that
        // keeps the number (and usually the opening words) is its continuation, even if the other part scores higher.
        const kept = samePlace ? Math.max(score, SIMILARITY_THRESHOLD) : score;
        candidates.push({ i, j, score: kept, rank: kept + (samePlace ? SAME_PLACE_BONUS : 0), distance });
      }
    }
  }
  candidates.sort((a, b) => b.rank - a.rank || a.distance - b.distance);
  for (const c of candidates) {
    if (oldS.partner[c.i] === null && newS.partner[c.j] === null) {
      pair(oldS, newS, c.i, c.j, dice(bigrams(oldS, c.i), bigrams(newS, c.j)), edges);
    }
  }
}

/**
 * Where to look for the other side of a split or merge of clause x: the partners of x's neighbours, and the
 * clauses around where x would stand on the other side.
 */
function nearby(from: Side, x: number, other: Side): Set<number> {
  const out = new Set<number>();
  let anchor = -1;
  for (let k = x - 1; k >= 0 && anchor === -1; k--) anchor = from.partner[k] ?? -1;
  for (let d = -WINDOW; d <= WINDOW; d++) {
    const p = from.partner[x + d];
    if (p !== undefined && p !== null) out.add(p);
    const around = anchor + 1 + d;
    if (around >= 0 && around < other.clauses.length) out.add(around);
  }
  return out;
}

/**
 * Stage 4: an unmatched clause whose text the other side's clause holds in order, in the part of that clause its own
 * continuation does not explain. A merged clause that continues another one takes a part only if it grew by that
 * part's text; a split clause gives a part only the text it lost. Evidence is ordered (bigrams in the same order),
 * not shared vocabulary, and each character of the unexplained text goes to one part only.
 */
function matchSplitsAndMerges(oldS: Side, newS: Side, edges: LineageEdge[]): void {
  linkParts(newS, oldS, 'split', edges);
  linkParts(oldS, newS, 'merge', edges);
}

/**
 * Parts are the unmatched clauses of `partS`; wholes are clauses of `wholeS`. For a merge the parts are old clauses
 * and the wholes new ones; for a split the other way round.
 */
function linkParts(partS: Side, wholeS: Side, kind: 'split' | 'merge', edges: LineageEdge[]): void {
  const claims = new Map<number, Array<{ part: number; coverage: number }>>();
  const residuals = new Map<number, string[]>();
  const residualOf = (y: number): string[] => {
    if (!residuals.has(y)) residuals.set(y, unexplained(wholeS, y, partS));
    return residuals.get(y)!;
  };
  /** The reading of y's unexplained text that holds the part best. */
  const bestReading = (x: number, readings: string[]) => {
    let best: { coverage: number; used: string; residual: string } | null = null;
    for (const residual of readings) {
      const r = orderedCoverage(partS.bodies[x], residual);
      if (!best || r.coverage > best.coverage) best = { ...r, residual };
    }
    return best;
  };
  // A weak continuation found by similarity alone (another number, a low score) may be the wrong story: the clause
  // can be a part split off (or merged into) a neighbour whose changed text holds it in order far better.
  const continued = new Map<number, LineageEdge>();
  for (const e of edges) if (e.kind === 'continue') continued.set(kind === 'split' ? e.newIndex : e.oldIndex, e);
  const weakPartner = (x: number): number | null => {
    const p = partS.partner[x];
    const e = continued.get(x);
    return p === null || !e || e.score >= WEAK_CONTINUE ? null : p;
  };
  partS.partner.forEach((p, x) => {
    if (partS.bodies[x].length < 3) return;
    const weak = weakPartner(x);
    if (p !== null && weak === null) return;
    // What its weak partner explains of it: a part must be explained better elsewhere.
    // The same number is evidence of its own, so such a partner needs a wider margin to lose.
    const sameNumber = weak !== null && normalizeLabel(partS.clauses[x].label) === normalizeLabel(wholeS.clauses[weak].label);
    const margin = sameNumber ? 2 * CONTEST_MARGIN : CONTEST_MARGIN;
    // Strength of an explanation: how much of the part it holds, weighed by how much of its own text the part uses.
    const own =
      weak === null
        ? 0
        : margin +
          strength(
            orderedCoverage(partS.bodies[x], wholeS.bodies[weak]).coverage,
            orderedCoverage(wholeS.bodies[weak], partS.bodies[x]).coverage,
          );
    let found: { y: number; coverage: number; rank: number } | null = null;
    for (const y of nearby(partS, x, wholeS)) {
      if (y === weak || kindClass(partS.clauses[x].kind) !== kindClass(wholeS.clauses[y].kind)) continue;
      const reading = bestReading(x, residualOf(y));
      if (!reading) continue;
      const { coverage, used, residual } = reading;
      const share = explainedShare(residual, used);
      if (coverage < COVERAGE_THRESHOLD || strength(coverage, share) < own) continue;
      // Stock phrases stand in many clauses: the whole whose unexplained text this part accounts for best wins.
      const rank = coverage + RESIDUAL_WEIGHT * share;
      if (!found || rank > found.rank) found = { y, coverage, rank };
    }
    if (!found) return;
    const list = claims.get(found.y) ?? [];
    list.push({ part: x, coverage: found.coverage });
    claims.set(found.y, list);
  });
  // Several parts claiming one whole: the best first, each taking its characters out of what is left.
  for (const [y, list] of claims) {
    let readings = residualOf(y);
    list.sort((a, b) => b.coverage - a.coverage || a.part - b.part);
    for (const { part } of list) {
      const reading = bestReading(part, readings);
      if (!reading || reading.coverage < COVERAGE_THRESHOLD) continue;
      const coverage = reading.coverage;
      // The reading the best part took is the one the others share.
      readings = [reading.used];
      const weak = continued.get(part);
      if (partS.partner[part] !== null && weak) {
        wholeS.partner[partS.partner[part]!] = null;
        partS.partner[part] = null;
        edges.splice(edges.indexOf(weak), 1);
      }
      const [oldIndex, newIndex] = kind === 'merge' ? [part, y] : [y, part];
      edges.push({ oldIndex, newIndex, kind, score: round3(coverage) });
    }
  }
}

/** How well a whole explains a part: the part's coverage, weighed by the share of the whole's text the part uses. */
function strength(coverage: number, share: number): number {
  return coverage * (0.5 + 0.5 * share);
}

/** Share of the unexplained text (not counting GAP) that a part took. */
function explainedShare(before: string, after: string): number {
  const left = (t: string) => t.length - (t.match(/\u0000/gu)?.length ?? 0);
  const total = left(before);
  return total === 0 ? 0 : (total - left(after)) / total;
}

/** A character that never stands in a normalised body: it keeps runs of the unexplained text apart. */
const GAP = '\u0000';

/**
 * The text of clause y that its continuation does not explain, with the explained characters blanked out (GAP): all
 * of it when y has no continue partner; no reading at all when nothing is left.
 */
function unexplained(wholeS: Side, y: number, partS: Side): string[] {
  const body = wholeS.bodies[y];
  const p = wholeS.partner[y];
  if (p === null) return [body];
  const other = partS.bodies[p];
  if (other === body) return [];
  // What the whole holds beyond its partner: for a merged (new) clause the text it gained, for a split (old) one the
  // text its continuation lost. The common opening and ending go first (a split or merge keeps one end), then bigrams
  // in order in between. Two articles that begin (or end) alike make "which end" ambiguous: both readings are kept.
  const readings = [trimmed(other, body, false), trimmed(other, body, true)].filter((r) => /[^\u0000]{3}/u.test(r));
  return readings[0] === readings[1] ? readings.slice(0, 1) : readings;
}

/** `body` with what `other` explains blanked out: common ends (the suffix first when asked), then ordered bigrams. */
function trimmed(other: string, body: string, suffixFirst: boolean): string {
  const min = Math.min(other.length, body.length);
  const same = (k: number, fromEnd: boolean) =>
    fromEnd ? other[other.length - 1 - k] === body[body.length - 1 - k] : other[k] === body[k];
  let head = 0;
  let tail = 0;
  if (suffixFirst) {
    while (tail < min && same(tail, true)) tail++;
    while (head < min - tail && same(head, false)) head++;
  } else {
    while (head < min && same(head, false)) head++;
    while (tail < min - head && same(tail, true)) tail++;
  }
  const middle = orderedCoverage(other.slice(head, other.length - tail), body.slice(head, body.length - tail)).used;
  return GAP.repeat(head) + middle + GAP.repeat(tail);
}

/** A bigram found more often than this in the other text places nothing (common words, "的，"). */
const MAX_OCCURRENCES = 32;

/**
 * How much of `part` stands in `text` in order: the longest chain of the part's bigrams found in the text in the same
 * order (a longest common subsequence of the two bigram sequences, Hunt–Szymanski), counting the characters of runs
 * of three or more (two chained bigrams in a row); single shared bigrams are chance. Over the part's length.
 * `used` is `text` with the characters of those runs blanked out, for the next part.
 */
export function orderedCoverage(part: string, text: string): { coverage: number; used: string } {
  if (part.length < 3 || text.length < 3) return { coverage: 0, used: text };
  const at = new Map<string, number[]>();
  for (let q = 0; q + 1 < text.length; q++) {
    const g = text.slice(q, q + 2);
    if (g.includes(GAP)) continue;
    const list = at.get(g);
    if (list) list.push(q);
    else at.set(g, [q]);
  }
  interface Link { p: number; q: number; prev: Link | null }
  const tails: number[] = [];
  const ends: Link[] = [];
  for (let p = 0; p + 1 < part.length; p++) {
    const list = at.get(part.slice(p, p + 2));
    if (!list || list.length > MAX_OCCURRENCES) continue;
    for (let x = list.length - 1; x >= 0; x--) {
      const q = list[x];
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tails[mid] < q) lo = mid + 1;
        else hi = mid;
      }
      tails[lo] = q;
      ends[lo] = { p, q, prev: lo > 0 ? ends[lo - 1] : null };
    }
  }
  const chain: Link[] = [];
  for (let l: Link | null = ends[tails.length - 1] ?? null; l; l = l.prev) chain.push(l);
  chain.reverse();
  const coveredPart = new Uint8Array(part.length);
  const usedText = new Uint8Array(text.length);
  for (let k = 0; k < chain.length; k++) {
    const c = chain[k];
    const next = chain[k + 1];
    const prev = chain[k - 1];
    const inRun = (next && next.p === c.p + 1 && next.q === c.q + 1) || (prev && prev.p === c.p - 1 && prev.q === c.q - 1);
    if (!inRun) continue;
    coveredPart[c.p] = coveredPart[c.p + 1] = 1;
    usedText[c.q] = usedText[c.q + 1] = 1;
  }
  let covered = 0;
  for (const x of coveredPart) covered += x;
  const used = Array.from(usedText, (u, q) => (u ? GAP : text[q])).join('');
  return { coverage: covered / part.length, used };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Lineage from the clauses of an old version to those of a new one. Each clause has at most one continue edge;
 * clauses without any edge are deleted (old) or added (new).
 */
export function alignClauses(oldC: AlignClause[], newC: AlignClause[]): AlignResult {
  const oldS = side(oldC);
  const newS = side(newC);
  const edges: LineageEdge[] = [];
  matchUnique(oldS, newS, edges);
  const { oldGap, newGap } = gapsOf(oldS, newS);
  matchRepeated(oldS, newS, oldGap, newGap, edges);
  matchSimilar(oldS, newS, oldGap, newGap, edges);
  matchSplitsAndMerges(oldS, newS, edges);
  const rank = { continue: 0, split: 1, merge: 2 };
  edges.sort((a, b) => rank[a.kind] - rank[b.kind] || a.newIndex - b.newIndex || a.oldIndex - b.oldIndex);
  return { edges };
}

/**
 * The continue edges that are moves: those outside one longest increasing subsequence of old positions taken in new
 * order (the rest kept their relative order, whatever their numbers became).
 */
export function movedPairs(edges: readonly LineageEdge[]): LineageEdge[] {
  const continues = edges.filter((e) => e.kind === 'continue').sort((a, b) => a.newIndex - b.newIndex);
  const inOrder = longestIncreasing(continues.map((e) => e.oldIndex));
  return continues.filter((_, k) => !inOrder.has(k));
}
