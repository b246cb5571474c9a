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
export function changeConcerning(
  changes: readonly ClauseChange[],
  key: string | null,
  before: string | null,
): ClauseChange | undefined {
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
  let run: Attributed = fresh(steps[0].text, steps[0].version);
  for (const step of steps.slice(1)) run = carry(run, step.text, step.version, diff);
  return spans(run);
}

/** A text with, per character (code point), the version that wrote it. */
interface Attributed {
  chars: string[];
  origin: number[];
}

const fresh = (text: string, version: number): Attributed => {
  const chars = Array.from(text);
  return { chars, origin: chars.map(() => version) };
};

/** The new text attributed through its diff with the old one: equal words keep their origin, inserted ones take `version`. */
function carry(old: Attributed, text: string, version: number, diff: (a: string, b: string) => InlineOp[]): Attributed {
  const origin: number[] = [];
  let at = 0;
  for (const op of diff(old.chars.join(''), text)) {
    const n = Array.from(op.text).length;
    if (op.op === 'equal') origin.push(...old.origin.slice(at, at + n));
    else if (op.op === 'insert') origin.push(...Array.from({ length: n }, () => version));
    if (op.op !== 'insert') at += n;
  }
  return { chars: Array.from(text), origin };
}

function spans(a: Attributed): BlameSpan[] {
  const out: BlameSpan[] = [];
  a.chars.forEach((ch, i) => {
    const last = out[out.length - 1];
    if (last && last.version === a.origin[i]) last.text += ch;
    else out.push({ text: ch, version: a.origin[i] });
  });
  return out;
}

/** The clauses of one version that matter for a blame (the clause and its ancestors), in document order. */
export interface BlameVersion {
  version: number;
  clauses: readonly { key: string; text: string }[];
}

/** A split or merge edge and the version it leads into. */
export interface BlameEdge {
  fromKey: string;
  toKey: string;
  toVersion: number;
}

/**
 * Who wrote which words, through splits and merges: each clause's words are carried from every clause it came from
 * in the previous version — itself, the clause it was split from, the clauses merged into it (their texts joined in
 * document order) — so words that came in with a merge keep the draft that first wrote them. `versions` in order
 * (a delegate's chain may skip versions: edges into a skipped version count for the next one shown).
 */
export function blameAcross(
  versions: readonly BlameVersion[],
  edges: readonly BlameEdge[],
  key: string,
  diff: (a: string, b: string) => InlineOp[],
): BlameSpan[] {
  let prev: { version: number; at: Map<string, Attributed>; order: string[] } | null = null;
  for (const v of versions) {
    const at = new Map<string, Attributed>();
    for (const c of v.clauses) {
      const sources = prev
        ? prev.order.filter(
            (k) =>
              k === c.key ||
              edges.some(
                (e) => e.toKey === c.key && e.fromKey === k && e.toVersion > prev!.version && e.toVersion <= v.version,
              ),
          )
        : [];
      if (!sources.length) {
        at.set(c.key, fresh(c.text, v.version));
        continue;
      }
      const joined = sources
        .map((k) => prev!.at.get(k)!)
        .reduce((a, b) => ({ chars: [...a.chars, ...b.chars], origin: [...a.origin, ...b.origin] }));
      at.set(c.key, carry(joined, c.text, v.version, diff));
    }
    prev = { version: v.version, at, order: v.clauses.map((c) => c.key) };
  }
  const last = prev?.at.get(key);
  return last ? spans(last) : [];
}
