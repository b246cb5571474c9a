/**
 * A clause's history across versions, from plain data: which clause stood for it in each version (itself, or what it
 * came from before a split or merge) and which change of a comparison concerns it. No I/O; the history service
 * feeds it stored versions and cached comparisons.
 */
import type { ClauseChange, KeyEdge } from './compare';
import type { InlineOp } from './inline-diff';

/**
 * The keys a clause came from, nearest first: the clause it was split from, the clauses merged into it, and theirs
 * in turn (breadth-first over split and merge edges, backwards). Continuations keep their key, so they need no edge.
 */
export function lineageAncestors(key: string, edges: readonly KeyEdge[]): string[] {
  const into = new Map<string, string[]>();
  for (const e of edges) into.set(e.toKey, [...(into.get(e.toKey) ?? []), e.fromKey]);
  const seen = new Set([key]);
  const out: string[] = [];
  const queue = [key];
  while (queue.length) {
    for (const from of into.get(queue.shift()!) ?? []) {
      if (seen.has(from)) continue;
      seen.add(from);
      out.push(from);
      queue.push(from);
    }
  }
  return out;
}

/** The first of `keys` (a clause and its ancestors, nearest first) that the version holds. */
export function standIn<T extends { key: string }>(keys: readonly string[], clauses: ReadonlyMap<string, T>): T | null {
  for (const k of keys) {
    const c = clauses.get(k);
    if (c) return c;
  }
  return null;
}

/**
 * The change of a comparison that concerns a clause: the one that leads to it (`key` on the new side, a part of a
 * split, or a merge's target), else the one that takes it away (`before` on the old side: deleted, or merged into
 * another). Undefined when the comparison does not list it (unchanged clauses are listed only with includeUnchanged).
 */
export function changeConcerning(changes: readonly ClauseChange[], key: string | null, before: string | null): ClauseChange | undefined {
  const onNew = (c: ClauseChange) => c.to?.key === key || (c.toParts ?? []).some((p) => p.key === key);
  const onOld = (c: ClauseChange) => c.from?.key === before || (c.fromParts ?? []).some((p) => p.key === before);
  return (key !== null ? changes.find(onNew) : undefined) ?? (before !== null ? changes.find(onOld) : undefined);
}

/** One wording step of a clause: the text it had in a version (the stand-in's text before a split or merge). */
export interface WordingStep {
  version: number;
  text: string;
}

/** A run of a clause's text and the version that introduced it. */
export interface BlameSpan {
  text: string;
  version: number;
}

/**
 * Who wrote which words: the last step's text cut into runs, each with the step (version) whose change introduced
 * it. Each step is diffed word by word against the one before (the diff engine's tokens, so Chinese is cut into
 * words, not bytes); equal text keeps its origin, inserted text takes the new version. Renumbering and moves change
 * no words, so they change no attribution.
 */
export function blame(steps: readonly WordingStep[], diff: (a: string, b: string) => InlineOp[]): BlameSpan[] {
  if (!steps.length) return [];
  let origin: number[] = Array.from(steps[0].text, () => steps[0].version);
  let chars = Array.from(steps[0].text);
  for (const step of steps.slice(1)) {
    const next: number[] = [];
    let at = 0;
    for (const op of diff(chars.join(''), step.text)) {
      const n = Array.from(op.text).length;
      if (op.op === 'equal') next.push(...origin.slice(at, at + n));
      else if (op.op === 'insert') next.push(...Array.from({ length: n }, () => step.version));
      if (op.op !== 'insert') at += n;
    }
    origin = next;
    chars = Array.from(step.text);
  }
  const spans: BlameSpan[] = [];
  chars.forEach((ch, i) => {
    const last = spans[spans.length - 1];
    if (last && last.version === origin[i]) last.text += ch;
    else spans.push({ text: ch, version: origin[i] });
  });
  return spans;
}
