import { createHash, randomUUID } from 'node:crypto';
import { alignClauses } from '../engine/align';
import { clausePaths } from '../engine/context';
import { normalizeForCompare } from '../engine/normalize';
import type { ParsedClause } from '../engine/types';
import type { ClauseRow, LineageRow } from './clauses.repository';

/** A version's clauses as rows with keys, and back as the tree the API returns. No I/O. */

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

/** What the aligner found, for the drafter to review: lineage into the new version from the one it is based on. */
export interface AlignmentSummary {
  continued: number;
  identical: number;
  renumbered: number;
  edited: number;
  added: number;
  deleted: number;
  split: number;
  merged: number;
}

export const normHash = (text: string) => createHash('md5').update(normalizeForCompare(text)).digest('hex');

/** Turns the aligner's edges into keys for the new clauses and lineage rows in key space. */
export function assignKeys(parsed: ParsedClause[], parent: ClauseRow[]): { rows: ClauseRow[]; lineage: LineageRow[]; summary: AlignmentSummary } {
  const summary: AlignmentSummary = { continued: 0, identical: 0, renumbered: 0, edited: 0, added: 0, deleted: 0, split: 0, merged: 0 };
  const keys: string[] = new Array(parsed.length);
  const lineage: LineageRow[] = [];
  if (parent.length) {
    const { edges } = alignClauses(parent, parsed);
    const continued = new Set<number>();
    for (const e of edges) {
      if (e.kind !== 'continue') continue;
      keys[e.newIndex] = parent[e.oldIndex].key;
      continued.add(e.oldIndex);
      summary.continued++;
      const same = normHash(parsed[e.newIndex].text) === parent[e.oldIndex].normHash;
      if (!same) summary.edited++;
      else if (parsed[e.newIndex].number !== parent[e.oldIndex].number) summary.renumbered++;
      else summary.identical++;
    }
    for (let i = 0; i < parsed.length; i++) keys[i] ??= randomUUID();
    for (const e of edges) {
      lineage.push({ fromKey: parent[e.oldIndex].key, toKey: keys[e.newIndex], kind: e.kind, score: e.score, source: 'auto' });
      if (e.kind === 'split') summary.split++;
      if (e.kind === 'merge') summary.merged++;
    }
    const touchedOld = new Set(edges.map((e) => e.oldIndex));
    summary.deleted = parent.filter((_, i) => !touchedOld.has(i)).length;
    const touchedNew = new Set(edges.map((e) => e.newIndex));
    summary.added = parsed.filter((_, i) => !touchedNew.has(i)).length;
  } else {
    for (let i = 0; i < parsed.length; i++) keys[i] = randomUUID();
    summary.added = parsed.length;
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
  return { rows, lineage, summary };
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
  rows.forEach((r, i) => (r.parentOrdinal === null || !nodes[r.parentOrdinal] ? roots : nodes[r.parentOrdinal].children).push(nodes[i]));
  return roots;
}
