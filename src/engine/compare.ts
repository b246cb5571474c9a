/**
 * Clause-level comparison of any two versions, from plain data: the clauses of both (with their stable keys) and
 * the split/merge lineage edges of every step between them, in key space. Same key = same clause; continue edges
 * need no listing.
 */
import { inlineDiff, type InlineDiffOptions, type InlineOp } from './inline-diff';
import { normalizeForCompare, normalizeLabel } from './normalize';
import { markReferenceOps, onlyReferencesFollow, renumbering } from './references';
import type { ClauseKind } from './types';

export interface CompareClause {
  key: string;
  label: string;
  text: string;
  kind: ClauseKind;
  level: number;
  /** Where the clause stands ("六、强化产业空间保障"), when its label alone is ambiguous; see context.ts. */
  context?: string;
  /** Its full name, headings and own label ("六、强化产业空间保障 › （二）"); see context.ts clausePaths. */
  path?: string;
}

/** A split or merge between two keys, possibly in intermediate versions that neither side of the comparison holds. */
export interface KeyEdge {
  fromKey: string;
  toKey: string;
  kind: 'split' | 'merge';
}

/**
 * `references`: the clause's words changed only in references to clauses this comparison renumbered
 * ("依照第二十条" → "依照第二十一条"), the "引用条文序号作相应调整" of an amendment, not an edit of its own.
 */
export const CHANGE_TYPES = [
  'unchanged',
  'modified',
  'references',
  'renumbered',
  'moved',
  'added',
  'deleted',
  'split',
  'merged',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ClauseRef {
  key: string;
  label: string;
  text: string;
  context?: string;
  path?: string;
}

export interface ClauseChange {
  type: ChangeType;
  from: ClauseRef | null;
  to: ClauseRef | null;
  /** Split: the new clauses (in `to` order) the old one went into, its continuation included. */
  toParts?: ClauseRef[];
  /** Merge: the old clauses (in `from` order) that went into the new one, the continued one included. */
  fromParts?: ClauseRef[];
  /** Diff of the old text(s) against the new text(s); parts are joined with a line break. */
  inline: InlineOp[];
  fallback?: boolean;
}

export type CompareSummary = Record<ChangeType, number>;

/** Whether the change edited any text (a move or renumbering alone does not; references that followed it do not). */
export function hasEdits(change: ClauseChange): boolean {
  return change.inline.some((op) => op.op !== 'equal' && !op.ref);
}

export interface CompareResult {
  summary: CompareSummary;
  changes: ClauseChange[];
}

export interface CompareOptions {
  /** List unchanged clauses as 'unchanged' changes too (the summary always counts them). */
  includeUnchanged?: boolean;
  inline?: InlineDiffOptions;
  /** Only classify the changes (the summary): no inline diff is computed, every change's `inline` is empty. */
  summaryOnly?: boolean;
}

const ref = (c: CompareClause): ClauseRef => ({
  key: c.key,
  label: c.label,
  text: c.text,
  ...(c.context ? { context: c.context } : {}),
  ...(c.path ? { path: c.path } : {}),
});

export function compareVersions(
  from: CompareClause[],
  to: CompareClause[],
  edges: KeyEdge[],
  opts: CompareOptions = {},
): CompareResult {
  const fromIndex = new Map(from.map((c, i) => [c.key, i]));
  const toIndex = new Map(to.map((c, i) => [c.key, i]));
  const diff = (a: string, b: string): { inline: InlineOp[]; fallback?: boolean } => {
    if (opts.summaryOnly) return { inline: [] };
    const { ops, fallback } = inlineDiff(a, b, opts.inline);
    return fallback ? { inline: ops, fallback } : { inline: ops };
  };

  /** Changes, each placed at a position in `to` (deleted clauses get fractional positions after their anchor). */
  const placed: { at: number; change: ClauseChange }[] = [];
  /** Where each `from` clause ended up in `to`, for placing deleted clauses. */
  const fromPosition = new Map<string, number>();

  const splitParents = adjacency(
    edges.filter((e) => e.kind === 'split').map((e): [string, string] => [e.toKey, e.fromKey]),
  );
  const mergeTargets = adjacency(
    edges.filter((e) => e.kind === 'merge').map((e): [string, string] => [e.fromKey, e.toKey]),
  );

  // Splits: a key only in `to` whose split ancestry reaches a key in `from` is a part of that clause.
  const partsOf = new Map<string, string[]>();
  for (const c of to) {
    if (fromIndex.has(c.key)) continue;
    const root = walk(c.key, splitParents, (k) => fromIndex.has(k));
    if (root !== null) partsOf.set(root, [...(partsOf.get(root) ?? []), c.key]);
  }
  // Merges: a key only in `from` whose merge descendants reach a key in `to` went into that clause.
  const mergedInto = new Map<string, string[]>();
  for (const c of from) {
    if (toIndex.has(c.key) || partsOf.has(c.key)) continue;
    const target = walk(c.key, mergeTargets, (k) => toIndex.has(k));
    if (target !== null) mergedInto.set(target, [...(mergedInto.get(target) ?? []), c.key]);
  }

  const consumedTo = new Set<string>();
  for (const [rootKey, newKeys] of partsOf) {
    const old = from[fromIndex.get(rootKey)!];
    const keys = toIndex.has(rootKey) ? [rootKey, ...newKeys] : newKeys;
    const parts = keys
      .map((k) => toIndex.get(k)!)
      .sort((x, y) => x - y)
      .map((i) => to[i]);
    const extraFrom = parts.flatMap((p) => mergedInto.get(p.key) ?? []).map((k) => from[fromIndex.get(k)!]);
    const fromParts = [old, ...extraFrom].sort((x, y) => fromIndex.get(x.key)! - fromIndex.get(y.key)!);
    const at = toIndex.get(parts[0].key)!;
    for (const c of fromParts) fromPosition.set(c.key, at);
    for (const p of parts) consumedTo.add(p.key);
    const change: ClauseChange = {
      type: 'split',
      from: ref(old),
      to: ref(toIndex.has(rootKey) ? to[toIndex.get(rootKey)!] : parts[0]),
      toParts: parts.map(ref),
      ...diff(fromParts.map((c) => c.text).join('\n'), parts.map((p) => p.text).join('\n')),
    };
    if (extraFrom.length > 0) change.fromParts = fromParts.map(ref);
    placed.push({ at, change });
  }
  for (const [targetKey, oldKeys] of mergedInto) {
    if (consumedTo.has(targetKey)) continue;
    const target = to[toIndex.get(targetKey)!];
    const keys = fromIndex.has(targetKey) ? [targetKey, ...oldKeys] : oldKeys;
    const parts = keys
      .map((k) => fromIndex.get(k)!)
      .sort((x, y) => x - y)
      .map((i) => from[i]);
    const at = toIndex.get(targetKey)!;
    for (const p of parts) fromPosition.set(p.key, at);
    consumedTo.add(targetKey);
    placed.push({
      at,
      change: {
        type: 'merged',
        from: ref(fromIndex.has(targetKey) ? from[fromIndex.get(targetKey)!] : parts[0]),
        to: ref(target),
        fromParts: parts.map(ref),
        ...diff(parts.map((p) => p.text).join('\n'), target.text),
      },
    });
  }

  // Clauses in both versions: moved when outside the longest run kept in order, else by text and label.
  const common = to.filter((c) => fromIndex.has(c.key) && !consumedTo.has(c.key));
  // Built on the first clause whose words changed: a revision that only renumbers never needs it.
  let renumbered: Map<string, string> | undefined;
  const renumberedMap = () => (renumbered ??= renumbering(from, to));
  const movedAway = new Set<string>();
  const inOrder = longestIncreasing(common.map((c) => fromIndex.get(c.key)!));
  common.forEach((now, i) => {
    const was = from[fromIndex.get(now.key)!];
    const at = toIndex.get(now.key)!;
    fromPosition.set(was.key, at);
    // A moved clause left its neighbours behind: it does not say where a deleted clause after it stood.
    if (!inOrder.has(i)) movedAway.add(was.key);
    const sameBody = normalizeForCompare(was.text) === normalizeForCompare(now.text);
    const sameLabel = normalizeLabel(was.label) === normalizeLabel(now.label);
    const onlyReferences = !sameBody && onlyReferencesFollow(was.text, now.text, renumberedMap());
    const type: ChangeType = !inOrder.has(i)
      ? 'moved'
      : sameBody
        ? sameLabel
          ? 'unchanged'
          : 'renumbered'
        : onlyReferences
          ? 'references'
          : 'modified';
    const change: ClauseChange = { type, from: ref(was), to: ref(now), ...diff(was.text, now.text) };
    if (!sameBody && change.inline.length > 0)
      change.inline = markReferenceOps(change.inline, was.text, now.text, renumberedMap(), onlyReferences);
    placed.push({ at, change });
  });

  for (const c of to) {
    if (fromIndex.has(c.key) || consumedTo.has(c.key)) continue;
    placed.push({ at: toIndex.get(c.key)!, change: { type: 'added', from: null, to: ref(c), ...diff('', c.text) } });
  }

  // Deleted clauses stand after the change of the nearest preceding clause that survived in place (not moved), in
  // `from` order.
  let anchor = -1;
  from.forEach((c, i) => {
    const survived = fromPosition.get(c.key);
    if (survived !== undefined) {
      if (!movedAway.has(c.key)) anchor = survived;
      return;
    }
    const at = anchor + (i + 1) / (from.length + 1);
    placed.push({ at, change: { type: 'deleted', from: ref(c), to: null, ...diff(c.text, '') } });
  });

  placed.sort((x, y) => x.at - y.at);
  const summary = Object.fromEntries(CHANGE_TYPES.map((t) => [t, 0])) as CompareSummary;
  for (const { change } of placed) summary[change.type] += 1;
  const changes = placed.map((p) => p.change).filter((c) => opts.includeUnchanged || c.type !== 'unchanged');
  return { summary, changes };
}

function adjacency(pairs: [string, string][]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const [a, b] of pairs) next.set(a, [...(next.get(a) ?? []), b]);
  return next;
}

/**
 * Follows `next` from `start` breadth-first, through keys that may exist in no compared version (edges span the
 * intermediate versions), and returns the first key accepted by `found`.
 */
function walk(start: string, next: Map<string, string[]>, found: (key: string) => boolean): string | null {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const key of next.get(queue.shift()!) ?? []) {
      if (seen.has(key)) continue;
      if (found(key)) return key;
      seen.add(key);
      queue.push(key);
    }
  }
  return null;
}

/** Indices (into `values`) of one longest strictly increasing subsequence, O(n log n). */
export function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  return kept;
}
