/**
 * A clause's history across versions, from plain data: which clause stood for it in each version (itself, or what it
 * came from before a split or merge) and which change of a comparison concerns it. No I/O; the history service
 * feeds it stored versions and cached comparisons.
 */
import type { ClauseChange, KeyEdge } from './compare';

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
