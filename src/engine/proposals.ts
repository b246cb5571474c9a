/**
 * Adopted suggestions applied to a version's text: the candidate for the next draft (pure; no I/O). Each suggestion
 * stands where its comment is anchored in that version:
 *
 * - `amend` (or a `remark` that proposes wording) on a quoted passage replaces the passage; on the whole clause it
 *   replaces the clause's text (a label the suggestion repeats, "第五条 ……", is not doubled);
 * - `add` inserts the suggestion as a new paragraph after the clause (after its sub-clauses, which belong to it);
 * - `delete` removes the passage, or the clause with its sub-clauses.
 *
 * Two suggestions that touch the same words conflict: both are listed with their wordings and neither is applied
 * (the drafter chooses). Identical suggestions on the same words (the same request from several delegates) are one
 * change, applied once for all of them.
 */
import { normalizeForCompare } from './normalize';

/** A clause of the base version: what parse.ts gives, with its key. */
export interface ProposalClause {
  key: string;
  parent: number | null;
  label: string;
  gap: string;
  text: string;
  lead: string;
  tail: string;
}

export type SuggestionKind = 'amend' | 'add' | 'delete' | 'remark';

export interface Suggestion {
  commentId: string;
  kind: SuggestionKind;
  /** The clause it stands on in the base version, and the offsets of its passage there (0..0: the whole clause). */
  clauseKey: string;
  start: number;
  end: number;
  /** The comment was made on a passage (a quote), not on the whole clause. */
  quoted: boolean;
  suggestion: string | null;
}

export interface AppliedSuggestion {
  commentId: string;
  kind: SuggestionKind;
  clauseKey: string;
  /** The passage of the base clause that was replaced or removed (0..0 for a whole clause or an addition). */
  start: number;
  end: number;
  /** Where the new wording stands in the candidate text (start = end for a removal). */
  at: { start: number; end: number };
}

export interface ConflictingSuggestion {
  commentId: string;
  kind: SuggestionKind;
  start: number;
  end: number;
  /** The proposed wording; null for a deletion. */
  wording: string | null;
}

export interface ProposalConflict {
  clauseKey: string;
  /** The words concerned in the base clause (the union of the conflicting passages). */
  start: number;
  end: number;
  suggestions: ConflictingSuggestion[];
}

export type EngineSkipReason = 'no_suggestion' | 'clause_missing';

export interface ProposalResult {
  text: string;
  applied: AppliedSuggestion[];
  conflicts: ProposalConflict[];
  skipped: { commentId: string; reason: EngineSkipReason }[];
}

/** One change to make: a replacement of [start, end) in clause `clause`, the removal of a subtree, or an addition. */
type Edit =
  | { type: 'replace'; clause: number; start: number; end: number; text: string }
  | { type: 'removeSubtree'; clause: number }
  | { type: 'addAfter'; clause: number; text: string };

interface Planned {
  edit: Edit;
  members: Suggestion[];
  /** The words it touches: [clause, start, end) intervals; an addition touches none. */
  touches: [number, number, number][];
}

/** The whole of a clause, in `touches`: wider than any passage in it. */
const WHOLE = (clause: number, text: string): [number, number, number] => [clause, -1, text.length + 1];

export function applySuggestions(
  clauses: readonly ProposalClause[],
  suggestions: readonly Suggestion[],
): ProposalResult {
  const index = new Map(clauses.map((c, i) => [c.key, i]));
  const subtreeEnd = subtreeEnds(clauses);
  const skipped: ProposalResult['skipped'] = [];
  const planned: Planned[] = [];

  for (const s of suggestions) {
    const i = index.get(s.clauseKey);
    if (i === undefined) {
      skipped.push({ commentId: s.commentId, reason: 'clause_missing' });
      continue;
    }
    const text = clauses[i].text;
    const wording = s.suggestion?.trim() ?? '';
    const passage = s.quoted && s.end > s.start && s.end <= text.length;
    let edit: Edit;
    let touches: Planned['touches'];
    if (s.kind === 'delete') {
      if (passage) {
        edit = { type: 'replace', clause: i, start: s.start, end: s.end, text: '' };
        touches = [[i, s.start, s.end]];
      } else {
        edit = { type: 'removeSubtree', clause: i };
        touches = [];
        for (let k = i; k <= subtreeEnd[i]; k++) touches.push(WHOLE(k, clauses[k].text));
      }
    } else if (!wording) {
      skipped.push({ commentId: s.commentId, reason: 'no_suggestion' });
      continue;
    } else if (s.kind === 'add') {
      edit = { type: 'addAfter', clause: i, text: wording };
      touches = [];
    } else if (passage) {
      edit = { type: 'replace', clause: i, start: s.start, end: s.end, text: wording };
      touches = [[i, s.start, s.end]];
    } else {
      edit = { type: 'replace', clause: i, start: 0, end: text.length, text: withoutLabel(wording, clauses[i].label) };
      touches = [WHOLE(i, text)];
    }
    const same = planned.find((p) => sameEdit(p.edit, edit));
    if (same) same.members.push(s);
    else planned.push({ edit, members: [s], touches });
  }

  // Conflicts: planned edits whose words overlap, taken together (an edit overlapping either of two is in both's group).
  const group = planned.map((_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i])));
  for (let a = 0; a < planned.length; a++) {
    for (let b = a + 1; b < planned.length; b++) {
      if (overlaps(planned[a].touches, planned[b].touches)) group[find(a)] = find(b);
    }
  }
  const groups = new Map<number, Planned[]>();
  planned.forEach((p, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), p]));
  const conflicts: ProposalConflict[] = [];
  const toApply: Planned[] = [];
  for (const members of groups.values()) {
    if (members.length === 1) {
      toApply.push(members[0]);
      continue;
    }
    const all = members.flatMap((p) => p.members.map((s) => ({ s, p })));
    const first = all[0].s;
    const inFirst = all.filter(({ s }) => s.clauseKey === first.clauseKey);
    conflicts.push({
      clauseKey: first.clauseKey,
      start: Math.min(...inFirst.map(({ p, s }) => spanOf(p.edit, s).start)),
      end: Math.max(...inFirst.map(({ p, s }) => spanOf(p.edit, s).end)),
      suggestions: all.map(({ s, p }) => ({
        commentId: s.commentId,
        kind: s.kind,
        ...spanOf(p.edit, s),
        wording: wordingOf(p.edit),
      })),
    });
  }

  const { text, at } = render(
    clauses,
    subtreeEnd,
    toApply.map((p) => p.edit),
  );
  const applied: AppliedSuggestion[] = toApply.flatMap((p) =>
    p.members.map((s) => ({
      commentId: s.commentId,
      kind: s.kind,
      clauseKey: s.clauseKey,
      ...spanOf(p.edit, s),
      at: at.get(p.edit)!,
    })),
  );
  const order = new Map(suggestions.map((s, i) => [s.commentId, i]));
  applied.sort((x, y) => order.get(x.commentId)! - order.get(y.commentId)!);
  return { text, applied, conflicts, skipped };
}

/** Index of the last clause of each clause's subtree (its descendants follow it in document order). */
function subtreeEnds(clauses: readonly ProposalClause[]): number[] {
  const end = clauses.map((_, i) => i);
  for (let i = clauses.length - 1; i >= 0; i--) {
    const p = clauses[i].parent;
    if (p !== null && p >= 0 && p < i) end[p] = Math.max(end[p], end[i]);
  }
  return end;
}

/** "第五条 应当……" (any spacing) proposed for 第五条: the label is the clause's, not part of its new text. */
function withoutLabel(wording: string, label: string): string {
  if (!label || !wording.startsWith(label)) return wording;
  const rest = wording.slice(label.length);
  const gap = /^[\s\u3000、．.:：]*/u.exec(rest)![0];
  return rest.slice(gap.length) || wording;
}

function sameEdit(a: Edit, b: Edit): boolean {
  if (a.type !== b.type || a.clause !== b.clause) return false;
  if (a.type === 'removeSubtree') return true;
  if (a.type === 'addAfter')
    return b.type === 'addAfter' && normalizeForCompare(a.text) === normalizeForCompare(b.text);
  return (
    b.type === 'replace' &&
    a.start === b.start &&
    a.end === b.end &&
    normalizeForCompare(a.text) === normalizeForCompare(b.text)
  );
}

function overlaps(a: Planned['touches'], b: Planned['touches']): boolean {
  return a.some(([ca, sa, ea]) => b.some(([cb, sb, eb]) => ca === cb && sa < eb && sb < ea));
}

function spanOf(edit: Edit, s: Suggestion): { start: number; end: number } {
  return edit.type === 'replace' && s.quoted ? { start: edit.start, end: edit.end } : { start: 0, end: 0 };
}

function wordingOf(edit: Edit): string | null {
  return edit.type === 'removeSubtree' || (edit.type === 'replace' && edit.text === '') ? null : edit.text;
}

/** The line break that ends a clause (its tail's first run of line breaks), to set an added paragraph apart. */
function breakOf(tail: string): string {
  return /\r?\n(?:[ \t\u3000]*\r?\n)*/u.exec(tail)?.[0].replace(/[ \t\u3000]/gu, '') ?? '\n';
}

/** Renders the clauses with the edits made; `at` says where each edit's new wording ended up. */
function render(
  clauses: readonly ProposalClause[],
  subtreeEnd: number[],
  edits: Edit[],
): { text: string; at: Map<Edit, { start: number; end: number }> } {
  const removed = new Set<number>();
  const replaces = new Map<number, Extract<Edit, { type: 'replace' }>[]>();
  const adds = new Map<number, Extract<Edit, { type: 'addAfter' }>[]>();
  for (const e of edits) {
    if (e.type === 'removeSubtree') for (let k = e.clause; k <= subtreeEnd[e.clause]; k++) removed.add(k);
    else if (e.type === 'replace') replaces.set(e.clause, [...(replaces.get(e.clause) ?? []), e]);
    else adds.set(subtreeEnd[e.clause], [...(adds.get(subtreeEnd[e.clause]) ?? []), e]);
  }
  const at = new Map<Edit, { start: number; end: number }>();
  for (const e of edits) if (e.type === 'removeSubtree') at.set(e, { start: 0, end: 0 });
  let out = '';
  clauses.forEach((c, i) => {
    const added = adds.get(i) ?? [];
    if (removed.has(i)) {
      // Removed with what follows it; an addition after it takes its place, as a paragraph of its own.
      for (const e of edits)
        if (e.type === 'removeSubtree' && e.clause === i) at.set(e, { start: out.length, end: out.length });
      for (const e of added) {
        at.set(e, { start: out.length, end: out.length + e.text.length });
        out += e.text + (breakOf(c.tail) || '\n');
      }
      return;
    }
    out += c.lead + c.label + c.gap;
    let cursor = 0;
    for (const e of (replaces.get(i) ?? []).sort((x, y) => x.start - y.start)) {
      out += c.text.slice(cursor, e.start);
      at.set(e, { start: out.length, end: out.length + e.text.length });
      out += e.text;
      cursor = e.end;
    }
    out += c.text.slice(cursor);
    for (const e of added) {
      out += breakOf(c.tail);
      at.set(e, { start: out.length, end: out.length + e.text.length });
      out += e.text;
    }
    out += c.tail;
  });
  return { text: out, at };
}
