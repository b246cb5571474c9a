/**
 * Where a comment anchored in one version lands in the next (pure; docs/design.md §3). Follows the clause's lineage:
 * continue → the same key (plus any clauses split off it), split only → the split clauses, merge → the merged
 * clause; no edge → 'orphaned' on its old key, still listed. Inside the clause the engine's `reanchor` decides
 * exact / shifted / fuzzy / clause. 'clause' and 'orphaned' are sticky: a comment that lost its words never
 * regains words it might not have been about.
 */
import { type Anchor, type AnchorStatus, makeQuote, orphaned, reanchorAcross, reanchorInto } from './reanchor';

export interface HeldAnchor {
  commentId: string;
  clauseKey: string;
  start: number;
  end: number;
  status: AnchorStatus;
  withdrawn: boolean;
}

export interface PlacedRow extends HeldAnchor {
  score: number | null;
}

export interface Edge {
  fromKey: string;
  toKey: string;
  kind: 'continue' | 'split' | 'merge';
}

export class CarryPlanner {
  private readonly targets = new Map<string, string[]>();
  /** Per new key, the old keys whose text went into it (its continuation and any merged or split-off parts). */
  private readonly sources = new Map<string, string[]>();
  private readonly cache = new Map<string, Omit<PlacedRow, 'commentId' | 'withdrawn'>>();

  constructor(
    private readonly oldText: Map<string, string>,
    private readonly newText: Map<string, string>,
    edges: Edge[],
  ) {
    // Candidate clauses per old key, the primary first: the continuation, else the first merge/split target.
    for (const key of oldText.keys()) {
      const list: string[] = newText.has(key) ? [key] : [];
      for (const kind of ['merge', 'split'] as const) {
        for (const e of edges)
          if (e.kind === kind && e.fromKey === key && !list.includes(e.toKey) && newText.has(e.toKey))
            list.push(e.toKey);
      }
      this.targets.set(key, list);
    }
    const addSource = (to: string, from: string) => {
      const list = this.sources.get(to) ?? [];
      if (!list.includes(from)) list.push(from);
      this.sources.set(to, list);
    };
    for (const key of oldText.keys()) if (newText.has(key)) addSource(key, key);
    for (const e of edges)
      if (e.kind !== 'continue' && oldText.has(e.fromKey) && newText.has(e.toKey)) addSource(e.toKey, e.fromKey);
  }

  /** The texts of the other old clauses that went into `target` besides `key`'s own. */
  private others(key: string, target: string): string[] {
    return (this.sources.get(target) ?? []).filter((k) => k !== key).map((k) => this.oldText.get(k)!);
  }

  place(a: HeldAnchor): PlacedRow {
    // Comments on one clause often share a range (the same words quoted): place each range once.
    const memo = `${a.clauseKey}\u0000${a.start}\u0000${a.end}\u0000${a.status}`;
    let placed = this.cache.get(memo);
    if (!placed) this.cache.set(memo, (placed = this.compute(a)));
    return { ...placed, commentId: a.commentId, withdrawn: a.withdrawn };
  }

  private compute(a: HeldAnchor): Omit<PlacedRow, 'commentId' | 'withdrawn'> {
    const candidates = this.targets.get(a.clauseKey) ?? [];
    const oldText = this.oldText.get(a.clauseKey);
    if (a.status === 'orphaned' || !candidates.length || oldText === undefined) {
      return { ...orphaned(), clauseKey: a.clauseKey, score: null };
    }
    if (a.status === 'clause') return { status: 'clause', clauseKey: candidates[0], start: 0, end: 0, score: null };
    const anchor: Anchor =
      a.end > a.start
        ? { start: a.start, end: a.end, quote: makeQuote(oldText, a.start, a.end) }
        : { start: 0, end: 0 };
    const placed =
      candidates.length === 1
        ? {
            ...reanchorInto(anchor, oldText, this.newText.get(candidates[0])!, this.others(a.clauseKey, candidates[0])),
            key: candidates[0],
          }
        : reanchorAcross(
            anchor,
            oldText,
            candidates.map((key, i) => ({
              key,
              text: this.newText.get(key)!,
              primary: i === 0,
              others: this.others(a.clauseKey, key),
            })),
          );
    return {
      status: placed.status,
      clauseKey: placed.key,
      start: placed.start,
      end: placed.end,
      score: placed.score ?? null,
    };
  }
}
