/**
 * Re-anchoring comments from one version of a clause to the next (docs/design.md §3; prior art Gerrit, GitHub, Hypothesis).
 *
 * - unchanged clause → 'exact', same offsets;
 * - edited clause, anchored words untouched → 'shifted': offsets mapped through a character diff;
 * - anchored words edited or moved → approximate search for the quote with its context, Hypothesis' score
 *   (50·quote + 20·prefix + 20·suffix + 2·position)/92 → 'fuzzy' when good enough;
 * - otherwise → 'clause' (start = end = 0): the comment stays on the clause, never on words it was not about;
 * - the clause is gone → 'orphaned' (the caller knows that; see `orphaned()`).
 *
 * A clause-level anchor (no quote, or an empty one) is carried as 'exact' at 0..0: nothing about it degraded.
 * 'clause' only ever means "this comment was about words that could not be found"; a caller carrying a comment
 * further keeps that status sticky (see `nextAnchor`).
 */
import { findMatchEnds, findMatchStarts, type ApproxMatch, type MatchEnds } from './fuzzy-match';
import { commonEnds, isLowSurrogate, mapPoint, mapUntouched, offsetMap } from './offset-map';
import {
  bestMatch,
  CONTEXT_LENGTH,
  maxErrorsFor,
  type QuoteSelector,
  scoreImage,
  scoreMatch,
  type ScoredMatch,
} from './quote-match';

export { CONTEXT_LENGTH, type QuoteSelector };
/** Offsets (UTF-16) into a clause's text; a clause-level comment has no quote and start = end = 0. */
export interface Anchor {
  start: number;
  end: number;
  quote?: QuoteSelector;
}
export type AnchorStatus = 'exact' | 'shifted' | 'fuzzy' | 'clause' | 'orphaned';
export interface PlacedAnchor {
  status: AnchorStatus;
  start: number;
  end: number;
  score?: number;
}
export interface ReanchorOptions {
  /** Least Hypothesis score for a 'fuzzy' placement; below it the comment falls back to the clause. */
  threshold?: number;
}

/**
 * At 0.75 a match needs more than half of the quote's characters (quote part > 0.54) even with perfect context,
 * so a quote whose words were replaced by half falls back to the clause (五年 → 三年); a 4-character quote with
 * one character changed is kept only while its context still matches (≥ 0.74 on average). Lower thresholds do
 * not let deleted quotes latch elsewhere (the decoy rule stops that) but do keep half-rewritten ones; see the
 * unit and corpus specs.
 */
export const DEFAULT_THRESHOLD = 0.75;
/** A new match must beat the best look-alike elsewhere in the old text by this much (see `placeFuzzy`). */
const DECOY_MARGIN = 0.05;
/**
 * A quote this long, found once in each version (nearly exactly), needs no context to tell it apart: it moved.
 * Shorter ones are stock phrases (并处罚金, 情节严重的) that a new sentence may well use again.
 */
const MIN_UNIQUE_LENGTH = 8;
/** Characters next to a quote that, intact on one side, show a quote found once in each text stayed in place. */
const NEAR_CONTEXT = 8;

const CLAUSE_LEVEL: PlacedAnchor = { status: 'clause', start: 0, end: 0 };

/** What a comment whose clause was deleted becomes: shown, never dropped. */
export function orphaned(): PlacedAnchor {
  return { status: 'orphaned', start: 0, end: 0 };
}

/** Build a quote selector (exact + up to 32 characters of prefix/suffix) for [start, end) of text. */
export function makeQuote(text: string, start: number, end: number): QuoteSelector {
  const s = clamp(start, 0, text.length);
  const e = clamp(end, s, text.length);
  return {
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - CONTEXT_LENGTH), s),
    suffix: text.slice(e, e + CONTEXT_LENGTH),
  };
}

/**
 * The anchor to carry into the next version step: the placed range with a quote rebuilt from the new text, or
 * a clause-level anchor. Once a comment degraded to 'clause' it stays 'clause'.
 */
export function nextAnchor(placed: PlacedAnchor, newText: string): Anchor {
  if (placed.status === 'clause' || placed.status === 'orphaned' || placed.end <= placed.start) {
    return { start: 0, end: 0 };
  }
  return { start: placed.start, end: placed.end, quote: makeQuote(newText, placed.start, placed.end) };
}

/** Find where a quote is in a text: exact occurrences, told apart by prefix/suffix (and the hint), or null. */
export function locateQuote(text: string, quote: QuoteSelector, hint?: number): { start: number; end: number } | null {
  const exact = quote?.exact;
  if (typeof text !== 'string' || !exact) return null;
  let best: { start: number; end: number } | null = null;
  let bestScore = -1;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const match = { start: at, end: at + exact.length, errors: 0 };
    const score = scoreMatch(text, quote, match, hint ?? at).score;
    if (score > bestScore) [best, bestScore] = [{ start: match.start, end: match.end }, score];
  }
  return best;
}

/** Carry an anchor from oldText to newText of the same clause (one version step). Never throws. */
export function reanchor(anchor: Anchor, oldText: string, newText: string, opts: ReanchorOptions = {}): PlacedAnchor {
  if (typeof oldText !== 'string') oldText = '';
  if (typeof newText !== 'string') return { ...CLAUSE_LEVEL };
  const threshold = validThreshold(opts.threshold);
  const source = resolveSource(anchor, oldText);
  if (!source) return { status: 'exact', start: 0, end: 0 }; // clause-level comment, still on its clause
  const { start, end, quote } = source;
  if (start >= 0 && oldText === newText) return { status: 'exact', start, end };

  if (start < 0) return placeFuzzy(quote, oldText, newText, { start, end }, null, threshold);
  const map = offsetMap(oldText, newText);
  const mapped = map && mapUntouched(map, start, end);
  if (mapped && newText.slice(mapped.start, mapped.end) === quote.exact) return { status: 'shifted', ...mapped };
  const other = shiftedByOtherAlignment(oldText, newText, start, end, quote);
  if (other) return { status: 'shifted', ...other };
  const image = map ? { start: mapPoint(map, start, 'after'), end: mapPoint(map, end, 'before') } : null;
  return placeFuzzy(quote, oldText, newText, { start, end }, image, threshold);
}

/**
 * The diff is one of several equally short alignments; when it cut the quote, the quote may still be untouched
 * under another: inside the common suffix trimmed first; standing once with both its contexts intact; or, when it
 * occurs once in each text, with the words next to it intact on one side.
 */
function shiftedByOtherAlignment(
  oldText: string,
  newText: string,
  start: number,
  end: number,
  quote: QuoteSelector,
): { start: number; end: number } | null {
  const { prefix, suffix } = commonEnds(oldText, newText, true);
  const delta = newText.length - oldText.length;
  if (end <= prefix) return { start, end };
  if (start >= oldText.length - suffix) return { start: start + delta, end: end + delta };
  const exact = quote.exact;
  const places = occurrences(newText, exact);
  const unique = places.length === 1 && occurrences(oldText, exact).length === 1;
  const sameSide = (at: number, width: number) =>
    newText.slice(Math.max(0, at - width), at) === oldText.slice(Math.max(0, start - width), start) ||
    newText.slice(at + exact.length, at + exact.length + width) === oldText.slice(end, end + width);
  const fitting = places.filter((at) => (unique ? sameSide(at, NEAR_CONTEXT) : sameBothSides(at)));
  return fitting.length === 1 ? { start: fitting[0], end: fitting[0] + exact.length } : null;

  function sameBothSides(at: number): boolean {
    const e = at + exact.length;
    return (
      newText.slice(Math.max(0, at - CONTEXT_LENGTH), at) ===
        oldText.slice(Math.max(0, start - CONTEXT_LENGTH), start) &&
      newText.slice(e, e + CONTEXT_LENGTH) === oldText.slice(end, end + CONTEXT_LENGTH)
    );
  }
}

/** Start offsets of `needle` in `text` (at most 64: more than that is not a place anyone can tell apart). */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0 && out.length < 64; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/**
 * Carry an anchor into a clause that also took text from other old clauses (a merge): only the part of the new text
 * that came from this clause is searched, so two merged articles that begin alike keep each quote on its own words.
 * `others` are the texts of the other old clauses that went into newText. Without them this is `reanchor`.
 */
export function reanchorInto(
  anchor: Anchor,
  oldText: string,
  newText: string,
  others: readonly string[] = [],
  opts: ReanchorOptions = {},
): PlacedAnchor {
  const list = Array.isArray(others) ? others.filter((o) => typeof o === 'string' && o.length > 0) : [];
  if (!list.length || typeof oldText !== 'string' || typeof newText !== 'string')
    return reanchor(anchor, oldText, newText, opts);
  const region = regionFrom(oldText, newText, list);
  if (!region) return reanchor(anchor, oldText, newText, opts);
  const placed = reanchor(anchor, oldText, newText.slice(region.start, region.end), opts);
  if (placed.end <= placed.start) return placed; // clause level, or a clause-level anchor still on its clause
  const moved = region.start > 0 && placed.status === 'exact' ? 'shifted' : placed.status;
  return { ...placed, status: moved, start: placed.start + region.start, end: placed.end + region.start };
}

/** Orders of the sources tried when telling merged texts apart (all of them up to this many sources). */
const MAX_PERMUTED_SOURCES = 3;

/**
 * [start, end) of newText that came from oldText when newText is made of oldText and `others` (in some order, with
 * edits): the sources are laid end to end in the order that needs the fewest edits, diffed with newText, and each
 * character of newText is credited to the source its match came from. Null when no order can be diffed within
 * bounds or nothing of oldText is found.
 */
export function regionFrom(
  oldText: string,
  newText: string,
  others: readonly string[],
): { start: number; end: number } | null {
  const sources = [oldText, ...others];
  const orders =
    sources.length <= MAX_PERMUTED_SOURCES ? permutations(sources.map((_, i) => i)) : [sources.map((_, i) => i)];
  let best: { owner: Int32Array; edits: number } | null = null;
  for (const order of orders) {
    const joined = order.map((i) => sources[i]).join('');
    const map = offsetMap(joined, newText);
    if (!map) continue;
    const owners: number[] = [];
    for (const i of order) for (let k = 0; k < sources[i].length; k++) owners.push(i);
    const owner = new Int32Array(newText.length).fill(-1);
    let edits = 0;
    let oldPos = 0;
    let newPos = 0;
    const common = (len: number) => {
      for (let k = 0; k < len; k++) owner[newPos + k] = owners[oldPos + k];
      oldPos += len;
      newPos += len;
    };
    common(map.prefix);
    for (const c of map.changes) {
      if (c.added) {
        newPos += c.value.length;
        edits += c.value.length;
      } else if (c.removed) {
        oldPos += c.value.length;
        edits += c.value.length;
      } else common(c.value.length);
    }
    common(map.suffix);
    if (!best || edits < best.edits) best = { owner, edits };
  }
  if (!best) return null;
  let start = -1;
  let end = -1;
  best.owner.forEach((o, k) => {
    if (o !== 0) return;
    if (start < 0) start = k;
    end = k + 1;
  });
  if (start < 0) return null;
  // Words inserted next to the clause's own text (owned by no source) belong with it.
  while (start > 0 && best.owner[start - 1] === -1) start--;
  while (end < newText.length && best.owner[end] === -1) end++;
  return { start, end };
}

function permutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/**
 * For splits: the anchor's clause went into several candidate clauses. The quote goes to the candidate that holds
 * it best (exact, then shifted, then fuzzy by score; the 'continue' candidate wins ties), else to the primary
 * candidate at clause level. A candidate's `others` are the other old texts merged into it (see `reanchorInto`).
 */
export function reanchorAcross(
  anchor: Anchor,
  oldText: string,
  candidates: { key: string; text: string; primary: boolean; others?: readonly string[] }[],
  opts: ReanchorOptions = {},
): PlacedAnchor & { key: string } {
  const list = Array.isArray(candidates) ? candidates : [];
  const primary = list.find((c) => c.primary) ?? list[0];
  if (!primary) return { ...orphaned(), key: '' };
  const rank = (p: PlacedAnchor): number =>
    p.status === 'exact' ? 3 : p.status === 'shifted' ? 2 : p.status === 'fuzzy' ? 1 + (p.score ?? 0) / 2 : 0;
  let best = { ...reanchorInto(anchor, oldText, primary.text, primary.others, opts), key: primary.key };
  if (!resolveSource(anchor, typeof oldText === 'string' ? oldText : '')) return best;
  for (const c of list) {
    if (c === primary) continue;
    const placed = reanchorInto(anchor, oldText, c.text, c.others, opts);
    if (rank(placed) > rank(best)) best = { ...placed, key: c.key };
  }
  return best.status === 'clause' ? { ...CLAUSE_LEVEL, key: primary.key } : best;
}

interface Source {
  /** Offsets of the quote in the old text, or -1 when the stored offsets do not fit it. */
  start: number;
  end: number;
  quote: QuoteSelector;
}

/** The quote and its place in the old text; null for a clause-level anchor. */
function resolveSource(anchor: Anchor, oldText: string): Source | null {
  if (!anchor || typeof anchor !== 'object') return null;
  const exact = anchor.quote?.exact;
  const start = Number.isFinite(anchor.start) ? Math.trunc(anchor.start) : 0;
  const end = Number.isFinite(anchor.end) ? Math.trunc(anchor.end) : 0;
  if (typeof exact !== 'string' || exact.length === 0) {
    if (anchor.quote || end <= start) return null;
    // A range without a stored quote: take the words from the old text, if the range fits it at all.
    const [s, e] = [Math.max(0, start), Math.min(oldText.length, end)];
    return s < e ? { start: s, end: e, quote: makeQuote(oldText, s, e) } : { start: -1, end: -1, quote: { exact: '' } };
  }
  const quote = { exact, prefix: anchor.quote?.prefix, suffix: anchor.quote?.suffix };
  // slice() counts a negative end from the back: a range must run forward inside the text to be taken as stored
  if (start >= 0 && end >= start && end <= oldText.length && oldText.slice(start, end) === exact)
    return { start, end, quote };
  const found = locateQuote(oldText, quote, start);
  return found ? { ...found, quote } : { start: -1, end: -1, quote };
}

/**
 * Approximate search for the quote, plus the image of the old range through the diff (the edited words in place).
 * A match is taken only when (1) its score reaches the threshold and (2) no look-alike of the quote elsewhere in
 * the *old* text scores within DECOY_MARGIN of it: those places are known not to be what the comment was about,
 * so a new match that scores no better than them proves nothing. A nearly exact quote that occurs once in each
 * version (a move) is credited full context instead: context only tells occurrences apart.
 */
function placeFuzzy(
  quote: QuoteSelector,
  oldText: string,
  newText: string,
  old: { start: number; end: number },
  image: { start: number; end: number } | null,
  threshold: number,
): PlacedAnchor {
  const known = old.start >= 0;
  const hint = image?.start ?? Math.round((Math.max(0, old.start) * newText.length) / Math.max(1, oldText.length));
  const maxErrors = maxErrorsFor(quote, threshold);
  const inPlace = image && scoreImage(newText, quote, image, hint);
  const overlaps = (r: { start: number; end: number }) => (x: ApproxMatch) => x.end > r.start && x.start < r.end;
  // The diff says where the old words went: a partial match inside that place would cut them short.
  const skip = inPlace && inPlace.score >= threshold ? overlaps(inPlace) : undefined;
  const groups = findMatchEnds(newText, quote.exact, maxErrors);
  let oldGroups: MatchEnds[] | undefined;
  const decoyGroups = () => (oldGroups ??= known ? findMatchEnds(oldText, quote.exact, maxErrors) : []);

  let best: ScoredMatch | null = null;
  const moved = known && movedQuote(quote, groups, decoyGroups, oldText, old, maxErrors);
  if (moved) {
    const match = bestMatch(newText, quote, [moved], { maxErrors, hint, floor: 0 });
    if (match) best = { ...match, score: match.fullContextScore };
    if (best && skip?.(best)) best = inPlace;
  } else {
    best = bestMatch(newText, quote, groups, { maxErrors, hint, floor: threshold, skip });
    if (inPlace && (!best || inPlace.score >= best.score)) best = inPlace;
    if (best && known && best.score >= threshold) {
      const floor = best.score - DECOY_MARGIN;
      if (bestMatch(oldText, quote, decoyGroups(), { maxErrors, hint: old.start, floor, skip: overlaps(old) }))
        best = null;
    }
  }
  if (!best || best.score < threshold) return { ...CLAUSE_LEVEL };
  const range = widenToWords(quote.exact, oldText, old, newText, best);
  return { status: 'fuzzy', start: range.start, end: range.end, score: round(best.score) };
}

/** The one nearly exact match of a quote that has no look-alike in the old text besides itself, or null. */
function movedQuote(
  quote: QuoteSelector,
  groups: MatchEnds[],
  oldGroups: () => MatchEnds[],
  oldText: string,
  old: { start: number; end: number },
  maxErrors: number,
): MatchEnds | null {
  const m = quote.exact.length;
  const near = (g: MatchEnds) => g.errors <= m * 0.25;
  const candidates = groups.filter(near);
  if (m < MIN_UNIQUE_LENGTH || candidates.length !== 1 || candidates[0].errors > m * 0.1) return null;
  const elsewhere = oldGroups()
    .filter(near)
    .some((g) =>
      g.ends.some((end) =>
        findMatchStarts(oldText, quote.exact, end, maxErrors).starts.some((s) => end <= old.start || s >= old.end),
      ),
    );
  return elsewhere ? null : candidates[0];
}

const WORD_CHAR = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}_]/u;

/** Where the quote began/ended on a word boundary (Latin text), do not cut a word of the new text in two. */
function widenToWords(
  exact: string,
  oldText: string,
  old: { start: number; end: number },
  newText: string,
  match: { start: number; end: number },
): { start: number; end: number } {
  let { start, end } = match;
  const word = (s: string, i: number) => i >= 0 && i < s.length && WORD_CHAR.test(s[i]);
  const known = old.start >= 0;
  if (word(exact, 0) && !(known && word(oldText, old.start - 1))) {
    while (word(newText, start) && word(newText, start - 1)) start--;
  }
  if (word(exact, exact.length - 1) && !(known && word(oldText, old.end))) {
    while (word(newText, end - 1) && word(newText, end)) end++;
  }
  if (start > 0 && isLowSurrogate(newText.charCodeAt(start))) start--;
  if (end < newText.length && isLowSurrogate(newText.charCodeAt(end))) end++;
  return { start, end };
}

function validThreshold(t: number | undefined): number {
  return typeof t === 'number' && Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : DEFAULT_THRESHOLD;
}
function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.trunc(n))) : lo;
}
function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
