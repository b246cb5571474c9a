/**
 * Comparing two texts with no database: parse both, align them, give the old clauses keys k0…, carry a key to the
 * new clause that continues it, and turn split/merge edges into key edges — what the service stores, in memory.
 */
import { alignClauses } from '../engine/align';
import { clauseContexts, clausePaths } from '../engine/context';
import { compareVersions, type CompareClause, type CompareResult, type KeyEdge } from '../engine/compare';
import { parseDocument } from '../engine/parse';
import type { ParsedClause, SourceFormat } from '../engine/types';

export interface TextInput {
  text: string;
  format: SourceFormat;
}

export function compareTexts(oldInput: TextInput, newInput: TextInput): CompareResult {
  return compareVersionsOf(alignTexts(oldInput, newInput));
}

/** The comparison of two aligned texts, as the service compares two versions. */
export function compareVersionsOf({ from, to, edges }: KeyedTexts): CompareResult {
  return compareVersions(withContexts(from), withContexts(to), edges);
}

export interface KeyedTexts {
  from: KeyedClause[];
  to: KeyedClause[];
  /** Splits and merges, in key space. */
  edges: KeyEdge[];
}

export type KeyedClause = ParsedClause & { key: string };

/** Both texts parsed into clauses with keys: a new clause that continues an old one has its key. */
export function alignTexts(oldInput: TextInput, newInput: TextInput): KeyedTexts {
  const oldClauses = parseDocument(oldInput.text, { format: oldInput.format }).clauses;
  const newClauses = parseDocument(newInput.text, { format: newInput.format }).clauses;
  const { edges } = alignClauses(oldClauses, newClauses);
  const oldKeys = oldClauses.map((_, i) => `k${i}`);
  const newKeys = newClauses.map((_, j) => `n${j}`);
  for (const e of edges) if (e.kind === 'continue') newKeys[e.newIndex] = oldKeys[e.oldIndex];
  const keyEdges: KeyEdge[] = edges
    .filter((e) => e.kind !== 'continue')
    .map((e) => ({ fromKey: oldKeys[e.oldIndex], toKey: newKeys[e.newIndex], kind: e.kind as KeyEdge['kind'] }));
  return {
    from: oldClauses.map((c, i) => ({ ...c, key: oldKeys[i] })),
    to: newClauses.map((c, j) => ({ ...c, key: newKeys[j] })),
    edges: keyEdges,
  };
}

function withContexts(clauses: KeyedClause[]): CompareClause[] {
  const contexts = clauseContexts(clauses);
  const paths = clausePaths(clauses);
  return clauses.map((c, i) => ({
    key: c.key,
    label: c.label,
    text: c.text,
    kind: c.kind,
    level: c.level,
    context: contexts[i] || undefined,
    path: paths[i],
  }));
}

/** The document's title clause, if it has one. */
export function titleOf(text: string, format: SourceFormat): string | null {
  const title = parseDocument(text, { format }).clauses.find((c) => c.kind === 'title');
  return title ? title.text.split('\n')[0].trim() : null;
}
