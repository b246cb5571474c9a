/**
 * Approximate string matching for re-anchoring: where does a quote stand in a text with at most k errors
 * (insertions, deletions, substitutions)? Plain TypeScript, no dependencies.
 *
 * Sellers' dynamic programme with Ukkonen's cut-off finds the match ends in O(k·n) on typical input; a small
 * backward programme from each end finds its start. Offsets are UTF-16 code units, like the rest of the engine.
 */

export interface ApproxMatch {
  start: number;
  end: number;
  errors: number;
}

/** Levenshtein distance; meant for short strings (context windows of a few dozen characters). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Ends (exclusive) of one approximate match: adjacent ends that cost the same are one match. */
export interface MatchEnds {
  ends: number[];
  errors: number;
}

/**
 * Where `pattern` ends in `text` with at most `maxErrors` errors, fewest errors first. Only local minima are kept:
 * around a real match the neighbouring ends cost one error more each.
 */
export function findMatchEnds(text: string, pattern: string, maxErrors: number): MatchEnds[] {
  const m = pattern.length;
  if (m === 0) return [];
  const k = Math.min(maxErrors, m);
  const col = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) col[i] = i;
  let lastActive = k;
  const costs: number[] = [];
  const ends: number[] = [];
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    const top = Math.min(lastActive + 1, m);
    let diag = 0; // col[0] of the previous column: a match may start anywhere
    for (let i = 1; i <= top; i++) {
      const up = col[i];
      const sub = diag + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      col[i] = Math.min(sub, up + 1, col[i - 1] + 1);
      diag = up;
    }
    lastActive = top;
    while (lastActive > 0 && col[lastActive] > k) lastActive--;
    if (lastActive === m) {
      ends.push(j + 1);
      costs.push(col[m]);
    }
  }
  const out: MatchEnds[] = [];
  for (let x = 0; x < ends.length; x++) {
    const adjacent = (y: number) => y >= 0 && y < ends.length && Math.abs(ends[y] - ends[x]) === 1;
    const before = adjacent(x - 1) ? costs[x - 1] : k + 1;
    const after = adjacent(x + 1) ? costs[x + 1] : k + 1;
    if (costs[x] > before || costs[x] > after) continue;
    const last = out[out.length - 1];
    if (costs[x] === before && last && last.ends[last.ends.length - 1] === ends[x] - 1) last.ends.push(ends[x]);
    else out.push({ ends: [ends[x]], errors: costs[x] });
  }
  return out.sort((a, b) => a.errors - b.errors);
}

/**
 * Start offsets for a match of `pattern` ending exactly at `end`, with the fewest errors; every start that
 * reaches that minimum is returned (the caller breaks the tie, e.g. by context).
 */
export function findMatchStarts(
  text: string,
  pattern: string,
  end: number,
  maxErrors: number,
): { starts: number[]; errors: number } {
  const m = pattern.length;
  let col = new Int32Array(m + 1);
  let next = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) col[i] = i; // no text consumed: i pattern characters deleted
  let best = col[m];
  let starts = [end];
  const maxLen = Math.min(end, m + maxErrors);
  for (let l = 1; l <= maxLen; l++) {
    const c = text.charCodeAt(end - l);
    next[0] = l;
    let colMin = l;
    for (let i = 1; i <= m; i++) {
      const sub = col[i - 1] + (pattern.charCodeAt(m - i) === c ? 0 : 1);
      next[i] = Math.min(sub, col[i] + 1, next[i - 1] + 1);
      if (next[i] < colMin) colMin = next[i];
    }
    [col, next] = [next, col];
    if (col[m] < best) {
      best = col[m];
      starts = [end - l];
    } else if (col[m] === best) {
      starts.push(end - l);
    }
    if (colMin > best) break; // no longer alignment can do better
  }
  return { starts, errors: best };
}

/**
 * Every place where `pattern` stands in `text` with at most `maxErrors` errors: for each, all ranges that reach
 * the fewest errors (different starts and ends of the same match), at most `maxMatches` matches, fewest errors first.
 */
export function approxSearch(text: string, pattern: string, maxErrors: number, maxMatches = 32): ApproxMatch[][] {
  return findMatchEnds(text, pattern, maxErrors)
    .slice(0, maxMatches)
    .map(({ ends, errors }) =>
      ends.flatMap((end) =>
        findMatchStarts(text, pattern, end, maxErrors).starts.map((start) => ({ start, end, errors })),
      ),
    );
}
