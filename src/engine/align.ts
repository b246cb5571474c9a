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
/** …and holds this share of one side's text in order (orderedCoverage). */
const SAME_PLACE_ORDERED = 0.3;
/** Ranking bonus of a candidate pair with the same kind and number in the same stretch between anchors. */
const SAME_PLACE_BONUS = 0.25;

/**
 * Share of a split or merge part's characters that the other side's unexplained text holds in order (in runs of three
 * or more characters) for a split or merge edge. Below it the part is better explained as deleted (merge) or added (split).
 */
export const COVERAGE_THRESHOLD = 0.65;
/** A continuation by similarity below this score (and between different numbers) can lose to a split or merge. */
const WEAK_CONTINUE = 0.85;
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

/** A letter or digit of a Latin-script text (normalised bodies have no spaces: words run together). */
const LATIN_RE = /[\p{Script=Latin}\d]/u;
const LATIN = { test: (c: string): boolean => {
  const x = c.charCodeAt(0);
  if (x < 0x80) return (x >= 0x30 && x <= 0x39) || ((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7a);
  return x < 0x3000 && LATIN_RE.test(c);
} };
/** Gram length in Latin script: two letters of 26 say nothing, while two Chinese characters of thousands do. */
const LATIN_GRAM = 4;

/**
 * The grams of a text, one per position: the character bigram, or the 4-gram where four Latin letters or digits
 * begin. Unrelated articles of German or English law share half their letter bigrams (Dice 0.5–0.7), as many as an
 * edited article keeps, and their common bigrams ("en", "er") stand too often to place anything; their 4-grams score
 * like Chinese bigrams (99.9th percentile about 0.3). The last position has none.
 */
export function gramsOf(text: string): string[] {
  const out: string[] = [];
  let latinAhead = 0; // Latin characters in a row from position k on
  for (let k = text.length - 1; k >= 0; k--) {
    latinAhead = LATIN.test(text[k]) ? latinAhead + 1 : 0;
    if (k + 1 < text.length) out.push(text.slice(k, k + (latinAhead >= LATIN_GRAM ? LATIN_GRAM : 2)));
  }
  return out.reverse();
}

function letterBigrams(text: string): string[] {
  return Array.from({ length: Math.max(0, text.length - 1) }, (_, k) => text.slice(k, k + 2));
}

function bigrams(s: Side, i: number): Set<string> {
  let g = s.grams[i];
  if (!g) {
    const b = s.bodies[i];
    // Headings are short: their 4-grams would leave a renamed heading nothing to match on.
    g = new Set<string>(kindClass(s.clauses[i].kind) === 'body' ? gramsOf(b) : letterBigrams(b));
    if (b.length === 1) g.add(b);
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

export function dice(a: Set<string>, b: Set<string>): number {
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
  // Grams in a large share of the leftovers ("的，", "the") find everything and decide nothing: they are not used to
  // find candidates, and are counted for a candidate through bit sets (one bit per such gram).
  const cap = Math.max(50, leftNew.length / 4);
  const frequent = new Map<string, number>();
  for (const [g, list] of index) if (list.length > cap) frequent.set(g, frequent.size);
  const words = (frequent.size + 31) >>> 5;
  const frequentBits = new Map<number, Uint32Array>();
  for (const [g, bit] of frequent) {
    for (const j of index.get(g)!) {
      let bits = frequentBits.get(j);
      if (!bits) frequentBits.set(j, (bits = new Uint32Array(words)));
      bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }
  const candidates: Array<{ i: number; j: number; score: number; raw: number; rank: number; distance: number }> = [];
  const counts = new Int32Array(newS.clauses.length);
  const skipped = new Uint32Array(words);
  for (const i of leftOld) {
    const mine = bigrams(oldS, i);
    const touched: number[] = [];
    skipped.fill(0);
    for (const g of mine) {
      const list = index.get(g);
      if (!list) continue;
      if (list.length > cap) {
        const bit = frequent.get(g)!;
        skipped[bit >>> 5] |= 1 << (bit & 31);
      } else {
        for (const j of list) if (counts[j]++ === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      const count = counts[j];
      counts[j] = 0;
      if (!compatible(oldS.clauses[i], newS.clauses[j])) continue;
      // Exact: every shared gram is either counted through the index or a frequent one both have.
      const theirs = bigrams(newS, j);
      const score = (2 * (count + commonBits(skipped, frequentBits.get(j)))) / (mine.size + theirs.size);
      if (score < SAME_PLACE_THRESHOLD) continue;
      const samePlace =
        oldGap[i] === newGap[j] &&
        oldS.clauses[i].kind === newS.clauses[j].kind &&
        normalizeLabel(oldS.clauses[i].label) === normalizeLabel(newS.clauses[j].label);
      if (score >= SIMILARITY_THRESHOLD || (samePlace && score >= SAME_PLACE_THRESHOLD && keptInOrder(oldS.bodies[i], newS.bodies[j]))) {
        const distance = Math.abs(i / oldS.clauses.length - j / newS.clauses.length);
        // Same number in the same stretch of the document is strong evidence: when a clause is split, the part that
        // keeps the number (and usually the opening words) is its continuation, even if the other part scores higher.
        const kept = samePlace ? Math.max(score, SIMILARITY_THRESHOLD) : score;
        candidates.push({ i, j, score: kept, raw: score, rank: kept + (samePlace ? SAME_PLACE_BONUS : 0), distance });
      }
    }
  }
  candidates.sort((a, b) => b.rank - a.rank || a.distance - b.distance);
  const chosen = new Map<number, number>(); // old → new
  const taken = new Set<number>();
  for (const c of candidates) {
    if (!chosen.has(c.i) && !taken.has(c.j)) {
      chosen.set(c.i, c.j);
      taken.add(c.j);
    }
  }
  const raw = uncross(chosen, candidates);
  for (const [i, j] of chosen) pair(oldS, newS, i, j, raw.get(`${i}:${j}`)!, edges);
}

function commonBits(a: Uint32Array, b: Uint32Array | undefined): number {
  if (!b) return 0;
  let n = 0;
  for (let k = 0; k < a.length; k++) {
    let x = a[k] & b[k];
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    n += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** How much better two crossed pairs must score together than the two chosen ones to replace them. */
const SWAP_MARGIN = 0.1;

/**
 * The greedy choice ranks a same-numbered pair first; when two neighbouring articles read alike (one is the other
 * plus a clause) and both are edited, that can pair each with the other's continuation. Exchange two chosen pairs'
 * partners when the exchanged pairs score clearly better together, and give a chosen new clause to an old one left
 * over that scores clearly better with it. Returns every candidate pair's score.
 */
function uncross(chosen: Map<number, number>, candidates: ReadonlyArray<{ i: number; j: number; raw: number }>): Map<string, number> {
  const score = new Map<string, number>();
  for (const c of candidates) score.set(`${c.i}:${c.j}`, c.raw);
  const oldOf = new Map<number, number>();
  for (const [i, j] of chosen) oldOf.set(j, i);
  for (let round = 0, changed = true; changed && round < 3; round++) {
    changed = false;
    for (const c of candidates) {
      const j = chosen.get(c.i);
      const k = oldOf.get(c.j);
      if (j === undefined && k !== undefined && c.raw > score.get(`${k}:${c.j}`)! + SWAP_MARGIN) {
        // A clause left over that reads clearly more like the chosen partner than its same-numbered rival does.
        chosen.delete(k);
        chosen.set(c.i, c.j);
        oldOf.set(c.j, c.i);
        changed = true;
        continue;
      }
      if (j === undefined || k === undefined || j === c.j || k === c.i) continue;
      const other = score.get(`${k}:${j}`);
      if (other === undefined) continue;
      if (c.raw + other > score.get(`${c.i}:${j}`)! + score.get(`${k}:${c.j}`)! + SWAP_MARGIN) {
        chosen.set(c.i, c.j);
        chosen.set(k, j);
        oldOf.set(c.j, c.i);
        oldOf.set(j, k);
        changed = true;
      }
    }
  }
  return score;
}

/**
 * A heavy rewrite that keeps its number is still that article only if it keeps some of its wording in order: an
 * unrelated text at the same number shares vocabulary (Dice up to 0.3–0.45) but few runs in order (at most a fifth of
 * either text on perturbed laws; real rewrites at the same number keep 0.39 to 1.0 of one side).
 */
function keptInOrder(oldBody: string, newBody: string): boolean {
  return Math.max(orderedCoverage(oldBody, newBody).coverage, orderedCoverage(newBody, oldBody).coverage) >= SAME_PLACE_ORDERED;
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
  // A new clause split off an old one is explained by it as much as by a continuation: a merge may only take what
  // neither explains (a law that repeats a sentence in two articles gives the deleted one no claim on the other's part).
  const splitFrom = new Map<number, number[]>();
  if (kind === 'merge') for (const e of edges) if (e.kind === 'split') splitFrom.set(e.newIndex, [...(splitFrom.get(e.newIndex) ?? []), e.oldIndex]);
  const residualOf = (y: number): string[] => {
    if (!residuals.has(y)) {
      let readings = unexplained(wholeS, y, partS);
      for (const origin of splitFrom.get(y) ?? []) {
        readings = readings.map((r) => orderedCoverage(partS.bodies[origin], r).used).filter((r) => /[^\u0000]{3}/u.test(r));
      }
      residuals.set(y, readings);
    }
    return residuals.get(y)!;
  };
  /** The reading of y's unexplained text that holds the part best. */
  const bestReading = (x: number, readings: string[]) => {
    let best: Coverage | null = null;
    for (const residual of readings) {
      const r = orderedCoverage(partS.bodies[x], residual);
      if (!best || r.coverage > best.coverage) best = r;
    }
    return best;
  };
  /**
   * Evidence enough for an edge: the whole holds most of the part in order, or (for a part that continues nothing)
   * passages of it long enough not to be stock phrases — an article split off that grew new text of its own.
   */
  /**
   * Whether one of y's readings could hold x at all, from gram membership alone (exact: no pair it rules out would
   * pass `holds`). A run of orderedCoverage is a stretch of consecutive part positions whose grams the reading has
   * (not too often); a lone one counts nothing. Spares the ordered reading for most neighbours that share only
   * vocabulary.
   */
  const mayHold = (x: number, readings: string[], unmatched: boolean): boolean => {
    const body = partS.bodies[x];
    const grams = cachedGrams(body);
    const needed = unmatched ? passageNeeded(body) : Infinity;
    return readings.some((reading) => {
      const at = positionsOf(reading);
      const found = (g: string) => {
        const list = at.get(g);
        return list !== undefined && list.length <= MAX_OCCURRENCES;
      };
      let covered = 0;
      let inPassages = 0;
      for (let p = 0; p < grams.length; ) {
        if (!found(grams[p])) {
          p++;
          continue;
        }
        let end = p + 1;
        while (end < grams.length && found(grams[end])) end++;
        if (end - p >= 2) {
          const chars = end - 1 - p + grams[end - 1].length;
          covered += chars;
          if (chars >= (latinOnly(body, p, chars) ? 2 * PASSAGE_RUN : PASSAGE_RUN)) inPassages += chars;
        }
        p = end;
      }
      return covered >= COVERAGE_THRESHOLD * body.length || inPassages >= needed;
    });
  };
  const holds = (x: number, reading: Coverage, unmatched: boolean): boolean => {
    if (reading.coverage >= COVERAGE_THRESHOLD) return true;
    const body = partS.bodies[x];
    return unmatched && reading.passage * body.length >= passageNeeded(body);
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
  const linked = new Set(edges.map((e) => `${e.oldIndex}:${e.newIndex}`));
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
      // Already linked the other way (a split found between two clauses that continue nothing): one edge says it.
      if (linked.has(kind === 'merge' ? `${x}:${y}` : `${y}:${x}`)) continue;
      if (!mayHold(x, residualOf(y), p === null)) continue;
      const reading = bestReading(x, residualOf(y));
      if (!reading) continue;
      const { coverage, share } = reading;
      if (!holds(x, reading, p === null) || strength(coverage, share) < own) continue;
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
    const taken: Array<{ part: number; coverage: number }> = [];
    for (const { part } of list) {
      const reading = bestReading(part, readings);
      if (!reading || !holds(part, reading, partS.partner[part] === null)) continue;
      // The reading the best part took is the one the others share.
      readings = [reading.used];
      taken.push({ part, coverage: reading.coverage });
    }
    for (const { part, coverage } of taken) {
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

/**
 * Characters of passages (runs of 2 × PASSAGE_RUN Latin letters or more) a part in Latin script must share with a
 * whole for an edge on passages alone: 200. Chinese laws repeat whole formulae ("处三年以下有期徒刑或者拘役，并处罚金",
 * 17 characters) from article to article, so a Chinese part needs the coverage (Infinity here).
 */
function passageNeeded(body: string): number {
  let latin = 0;
  for (const c of body) if (LATIN.test(c)) latin++;
  return latin > body.length / 2 ? 200 : Infinity;
}

/** How well a whole explains a part: the part's coverage, weighed by the share of the whole's text the part uses. */
function strength(coverage: number, share: number): number {
  return coverage * (0.5 + 0.5 * share);
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

/** Shortest run of characters (twice as many in Latin script) that is a passage taken over, not a stock phrase. */
const PASSAGE_RUN = 10;

function latinOnly(text: string, from: number, length: number): boolean {
  for (let k = from; k < from + length; k++) if (!LATIN.test(text[k])) return false;
  return true;
}

/** A gram found more often than this in the other text places nothing (common words, "的，"). */
const MAX_OCCURRENCES = 32;

/** Reused work arrays of orderedCoverage (the engine is synchronous: one call at a time). */
const scratchArrays: Int32Array[] = [];

function scratch(slot: number, size: number): Int32Array {
  let a = scratchArrays[slot];
  if (!a || a.length < size) {
    const grown = new Int32Array(Math.max(size, 2 * (a?.length ?? 1024)));
    if (a) grown.set(a);
    a = scratchArrays[slot] = grown;
  }
  return a;
}

/** What orderedCoverage finds. */
export interface Coverage {
  /** Share of the part's characters in runs found in order in the text. */
  coverage: number;
  /** Share of the part's characters in passages (runs of PASSAGE_RUN characters or more) found in order. */
  passage: number;
  /** Share of the text's characters (not counting GAP) that those runs took. */
  share: number;
  /** The text with the characters of those runs blanked out (GAP), for the next part. */
  readonly used: string;
}

/**
 * Grams and gram positions of the texts orderedCoverage reads: a clause's text (or what is left of it) is read against
 * many parts. Bounded, and keyed by the text itself, so nothing stale can be returned.
 */
const gramCache = new Map<string, string[]>();
const positionCache = new Map<string, Map<string, number[]>>();
const CACHE_SIZE = 4096;

function cachedGrams(text: string): string[] {
  let grams = gramCache.get(text);
  if (!grams) {
    if (gramCache.size >= CACHE_SIZE) gramCache.clear();
    grams = gramsOf(text);
    gramCache.set(text, grams);
  }
  return grams;
}

/** Where each gram of `text` stands (grams across a GAP excluded). */
function positionsOf(text: string): Map<string, number[]> {
  let at = positionCache.get(text);
  if (!at) {
    if (positionCache.size >= CACHE_SIZE) positionCache.clear();
    at = new Map<string, number[]>();
    const grams = cachedGrams(text);
    for (let q = 0; q < grams.length; q++) {
      const g = grams[q];
      if (g.includes(GAP)) continue;
      const list = at.get(g);
      if (list) list.push(q);
      else at.set(g, [q]);
    }
    positionCache.set(text, at);
  }
  return at;
}

/**
 * How much of `part` stands in `text` in order: the longest chain of the part's grams (gramsOf: bigrams, 4-grams in
 * Latin script) found in the text in the same order (a longest common subsequence of the two gram sequences,
 * Hunt–Szymanski), counting the characters of runs of two or more chained grams in a row (three characters, five in
 * Latin script); a single shared gram is chance. Over the part's length.
 * `used` is `text` with the characters of those runs blanked out, for the next part.
 */
export function orderedCoverage(part: string, text: string): Coverage {
  if (part.length < 3 || text.length < 3) return { coverage: 0, passage: 0, share: 0, used: text };
  const at = positionsOf(text);
  const partGrams = cachedGrams(part);
  // Hunt–Szymanski: tails[l] is the smallest text position ending a chain of l + 1 grams, ends[l] that chain's last
  // link; links live in typed arrays (one object per link made the garbage collector the hot spot).
  let links = 0;
  let length = 0;
  const tails = scratch(0, partGrams.length + 1);
  const ends = scratch(1, partGrams.length + 1);
  for (let p = 0; p < partGrams.length; p++) {
    const list = at.get(partGrams[p]);
    if (!list || list.length > MAX_OCCURRENCES) continue;
    const linkP = scratch(2, links + list.length);
    const linkQ = scratch(3, links + list.length);
    const linkPrev = scratch(4, links + list.length);
    for (let x = list.length - 1; x >= 0; x--) {
      const q = list[x];
      let lo = 0;
      let hi = length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tails[mid] < q) lo = mid + 1;
        else hi = mid;
      }
      tails[lo] = q;
      if (lo === length) length++;
      linkP[links] = p;
      linkQ[links] = q;
      linkPrev[links] = lo > 0 ? ends[lo - 1] : -1;
      ends[lo] = links++;
    }
  }
  const chainP = new Int32Array(length);
  const chainQ = new Int32Array(length);
  const [linkP, linkQ, linkPrev] = [scratch(2, 0), scratch(3, 0), scratch(4, 0)];
  for (let l = length ? ends[length - 1] : -1, k = length - 1; l >= 0; l = linkPrev[l], k--) {
    chainP[k] = linkP[l];
    chainQ[k] = linkQ[l];
  }
  const coveredPart = new Uint8Array(part.length);
  const usedText = new Uint8Array(text.length);
  let passage: Uint8Array | null = null;
  for (let k = 0; k < length; ) {
    // A run: links that follow each other on both sides. It counts from two links on; it is a passage from
    // PASSAGE_RUN characters (twice that in Latin script).
    let end = k + 1;
    while (end < length && chainP[end] === chainP[end - 1] + 1 && chainQ[end] === chainQ[end - 1] + 1) end++;
    const fromP = chainP[k];
    const fromQ = chainQ[k];
    const chars = chainP[end - 1] + partGrams[chainP[end - 1]].length - fromP;
    if (end - k >= 2) {
      coveredPart.fill(1, fromP, fromP + chars);
      usedText.fill(1, fromQ, fromQ + chars);
      if (chars >= (latinOnly(part, fromP, chars) ? 2 * PASSAGE_RUN : PASSAGE_RUN)) {
        passage ??= new Uint8Array(part.length);
        passage.fill(1, fromP, fromP + chars);
      }
    }
    k = end;
  }
  let covered = 0;
  for (const x of coveredPart) covered += x;
  let inPassages = 0;
  if (passage) for (const x of passage) inPassages += x;
  let usedCount = 0;
  let open = 0;
  for (let q = 0; q < text.length; q++) {
    usedCount += usedText[q];
    if (text.charCodeAt(q) !== 0) open++;
  }
  let used: string | null = null;
  return {
    coverage: covered / part.length,
    passage: inPassages / part.length,
    share: open === 0 ? 0 : usedCount / open,
    get used() {
      used ??= Array.from(usedText, (u, q) => (u ? GAP : text[q])).join('');
      return used;
    },
  };
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
