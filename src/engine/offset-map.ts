/**
 * Mapping offsets of one clause text to the next through a character diff (`diffChars` of the `diff` package).
 * Only the part between the common prefix and suffix is diffed, with bounds: past them there is no diff
 * (`undefined`) and the caller searches for the quote instead.
 */
import { diffChars, type Change } from 'diff';

/**
 * Bounds on the character diff (docs/design.md §3: undefined means no diff). 1,000 edited characters cost about 70 ms on a
 * 5,000-character clause; past that the quote search alone does the work. The timeout (1 s) is only a safety net: a
 * deterministic bound keeps the outcome independent of the machine's load.
 */
const DIFF_MAX_EDIT_LENGTH = 1000;
const DIFF_TIMEOUT_MS = 1000;

export interface OffsetMap {
  /** Length of the common prefix and suffix, which are not diffed. */
  prefix: number;
  suffix: number;
  /** The diff of the middle parts. */
  changes: Change[];
  /** newText.length − oldText.length */
  delta: number;
  oldLength: number;
}

/** Common prefix and suffix lengths; `suffixFirst` trims the suffix greedily first (the other alignment). */
export function commonEnds(a: string, b: string, suffixFirst = false): { prefix: number; suffix: number } {
  const min = Math.min(a.length, b.length);
  const samePrefix = (limit: number) => {
    let n = 0;
    while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
    if (n > 0 && n < min && isHighSurrogate(a.charCodeAt(n - 1))) n--; // never cut a surrogate pair
    return n;
  };
  const sameSuffix = (limit: number) => {
    let n = 0;
    while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
    if (n > 0 && n < min && isLowSurrogate(a.charCodeAt(a.length - n))) n--;
    return n;
  };
  if (suffixFirst) {
    const suffix = sameSuffix(min);
    return { prefix: samePrefix(min - suffix), suffix };
  }
  const prefix = samePrefix(min);
  return { prefix, suffix: sameSuffix(min - prefix) };
}

/**
 * A clause pair is re-anchored once per comment on it, one after the other: the last few maps are kept, so a
 * clause's diff is computed once, not once per comment (diffChars costs milliseconds on a long clause).
 */
const recent: { oldText: string; newText: string; map: OffsetMap | undefined }[] = [];
const RECENT_MAPS = 8;

/** The offset map from oldText to newText, or undefined when the diff would be too costly. */
export function offsetMap(oldText: string, newText: string): OffsetMap | undefined {
  const hit = recent.find((r) => r.oldText === oldText && r.newText === newText);
  if (hit) return hit.map;
  const map = computeOffsetMap(oldText, newText);
  recent.unshift({ oldText, newText, map });
  if (recent.length > RECENT_MAPS) recent.pop();
  return map;
}

function computeOffsetMap(oldText: string, newText: string): OffsetMap | undefined {
  const { prefix, suffix } = commonEnds(oldText, newText);
  const oldMid = oldText.slice(prefix, oldText.length - suffix);
  const newMid = newText.slice(prefix, newText.length - suffix);
  const changes =
    oldMid.length === 0 || newMid.length === 0
      ? [{ value: oldMid || newMid, added: oldMid.length === 0, removed: newMid.length === 0, count: 0 }]
      : diffChars(oldMid, newMid, { maxEditLength: DIFF_MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS });
  if (!changes) return undefined;
  return { prefix, suffix, changes, delta: newText.length - oldText.length, oldLength: oldText.length };
}

/**
 * [start, end) in the new text when no edit touched the old range, else null. Insertions exactly at its edges do
 * not touch it.
 */
export function mapUntouched(map: OffsetMap, start: number, end: number): { start: number; end: number } | null {
  if (end <= map.prefix) return { start, end };
  if (start >= map.oldLength - map.suffix) return { start: start + map.delta, end: end + map.delta };
  let oldPos = map.prefix;
  for (const c of map.changes) {
    const len = c.value.length;
    if (c.added && oldPos > start && oldPos < end) return null;
    if (c.removed && len > 0 && oldPos < end && oldPos + len > start) return null;
    if (!c.added) oldPos += len;
  }
  return { start: mapPoint(map, start, 'after'), end: mapPoint(map, end, 'before') };
}

/**
 * Where an old offset lands in the new text. Inside a deletion: where it was. At an insertion: after it
 * ('after', for a range's start) or before it ('before', for a range's end) — but a replacement that ends right
 * at the offset counts as before it, so the image of an edited range covers the replacing words.
 */
export function mapPoint(map: OffsetMap, pos: number, bias: 'after' | 'before'): number {
  if (pos < map.prefix || (pos === map.prefix && bias === 'before')) return pos;
  if (pos > map.oldLength - map.suffix || (pos === map.oldLength - map.suffix && bias === 'after')) {
    return pos + map.delta;
  }
  let oldPos = map.prefix;
  let newPos = map.prefix;
  for (const c of map.changes) {
    const len = c.value.length;
    if (c.added) {
      newPos += len;
      continue;
    }
    const within = bias === 'before' && !c.removed ? pos <= oldPos + len : pos < oldPos + len;
    if (within) return c.removed ? newPos : newPos + (pos - oldPos);
    oldPos += len;
    if (!c.removed) newPos += len;
  }
  return pos + map.delta;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
