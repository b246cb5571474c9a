import { createHash, randomUUID } from 'node:crypto';
import { alignClauses } from './align';
import { clausePaths } from './context';
import { type CompareSummary, compareVersions } from './compare';
import { normalizeForCompare } from './normalize';
import type { ClauseKind, ParsedClause } from './types';

/** A version's clauses as rows with keys, and back as the tree the API returns. No I/O. */

/** One clause of a stored version, as the clauses table holds it. */
export interface ClauseRow {
  key: string;
  ordinal: number;
  parentOrdinal: number | null;
  level: number;
  kind: ClauseKind;
  label: string;
  number: string;
  gap: string;
  text: string;
  lead: string;
  tail: string;
  normHash: string;
  /** Full name of the clause (engine/context.ts clausePaths), computed when the version is stored. */
  path: string;
}

export interface LineageRow {
  fromKey: string;
  toKey: string;
  kind: 'continue' | 'split' | 'merge';
  score: number;
  source: 'auto' | 'drafter';
}

export interface ClauseNode {
  key: string;
  label: string;
  level: number;
  kind: string;
  heading: string;
  text: string;
  /** Full name: headings and own label, "三、… › （二）". */
  path: string;
  children: ClauseNode[];
}

export const normHash = (text: string) => createHash('md5').update(normalizeForCompare(text)).digest('hex');

/**
 * Turns the aligner's edges into keys for the new clauses and lineage rows in key space. `changes` counts what
 * changed from the parent exactly as the comparison of the two versions does (the same engine call, without the
 * word-level diff), so the notice after an upload and the compare screen never disagree.
 */
export function assignKeys(
  parsed: ParsedClause[],
  parent: ClauseRow[],
): { rows: ClauseRow[]; lineage: LineageRow[]; changes: CompareSummary } {
  const keys: string[] = new Array<string>(parsed.length);
  const lineage: LineageRow[] = [];
  if (parent.length) {
    const { edges } = alignClauses(parent, parsed);
    for (const e of edges) if (e.kind === 'continue') keys[e.newIndex] = parent[e.oldIndex].key;
    for (let i = 0; i < parsed.length; i++) keys[i] ??= randomUUID();
    for (const e of edges)
      lineage.push({
        fromKey: parent[e.oldIndex].key,
        toKey: keys[e.newIndex],
        kind: e.kind,
        score: e.score,
        source: 'auto',
      });
  } else {
    for (let i = 0; i < parsed.length; i++) keys[i] = randomUUID();
  }
  const paths = clausePaths(parsed);
  const rows = parsed.map((c, i) => ({
    key: keys[i],
    ordinal: i,
    parentOrdinal: c.parent,
    level: c.level,
    kind: c.kind,
    label: c.label,
    number: c.number,
    gap: c.gap,
    text: c.text,
    lead: c.lead,
    tail: c.tail,
    normHash: normHash(c.text),
    path: paths[i],
  }));
  const splitMerge = lineage.flatMap((l) =>
    l.kind === 'continue' ? [] : [{ fromKey: l.fromKey, toKey: l.toKey, kind: l.kind }],
  );
  const { summary } = compareVersions(parent, rows, splitMerge, { summaryOnly: true });
  return { rows, lineage, changes: summary };
}

export function toTree(rows: ClauseRow[]): ClauseNode[] {
  const nodes = rows.map((r) => ({
    key: r.key,
    label: r.label,
    level: r.level,
    kind: r.kind,
    heading: r.kind === 'division' || r.kind === 'title' ? r.text : '',
    text: r.text,
    path: r.path,
    children: [] as ClauseNode[],
  }));
  const roots: ClauseNode[] = [];
  rows.forEach((r, i) =>
    (r.parentOrdinal === null || !nodes[r.parentOrdinal] ? roots : nodes[r.parentOrdinal].children).push(nodes[i]),
  );
  return roots;
}
