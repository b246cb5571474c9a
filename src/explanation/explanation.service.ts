/**
 * The 修改说明 between two versions: every change with the adopted comments behind it and the version notes that
 * name it, the standard summary sentence, and the reverse check the drafting group needs before it signs the 说明.
 * Comparisons come from DiffService (cached per pair); the matching is the pure engine's (engine/explanation.ts).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OUTCOME_ZH } from '../comments/comments.entities';
import { DomainError, ErrorCode } from '../common/domain-error';
import { changeNote, changeTitle, referencesNote, renumberedNote } from '../engine/render/common';
import { type ClauseRowMemo, type ComputedDiff, DiffService } from '../diff/diff.service';
import { ClausesRepository } from '../documents/clauses.repository';
import { versionNotFound } from '../documents/documents.errors';
import { DocumentsService, type VersionMeta } from '../documents/documents.service';
import type { ClauseChange, ClauseRef } from '../engine/compare';
import {
  type AdoptedComment,
  changeOf,
  isSubstantive,
  keysUpTo,
  noteNames,
  notCarriedOut,
  type NotCarriedOutReason,
  summarySentence,
} from '../engine/explanation';
import type { Explanation, ExplanationChange, ExplanationComment } from './explanation.dto';
import { type AdoptedCommentRow, ExplanationRepository } from './explanation.repository';

@Injectable()
export class ExplanationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly documents: DocumentsService,
    private readonly clauses: ClausesRepository,
    private readonly diffs: DiffService,
    private readonly repo: ExplanationRepository,
  ) {}

  async explain(documentId: string, fromNo: number, toNo: number): Promise<Explanation> {
    if (fromNo > toNo)
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `from (${fromNo}) must not be a later version than to (${toNo}).`,
      );
    const em = this.ds.manager;
    const [{ title }, versions] = await Promise.all([
      this.documents.getDocument(documentId),
      this.documents.listVersions(documentId),
    ]);
    const byNumber = new Map(versions.map((v) => [v.number, v]));
    for (const n of [fromNo, toNo]) if (!byNumber.has(n)) throw versionNotFound(documentId, n);
    const generation = await this.diffs.generation(em, documentId);
    const memo: ClauseRowMemo = new Map();
    const compare: Compare = (a, b) => this.diffs.computeBetween(em, documentId, a, b, generation, memo);
    const orders = new Map<string, Promise<string[]>>();
    const order: Order = (v) => {
      if (!orders.has(v.id)) orders.set(v.id, this.clauses.keysInOrder(em, v.id));
      return orders.get(v.id)!;
    };
    const [{ result }, rows, toOrder] = await Promise.all([
      compare(byNumber.get(fromNo)!, byNumber.get(toNo)!),
      this.repo.adoptedBetween(em, documentId, fromNo, toNo),
      order(byNumber.get(toNo)!),
    ]);
    const between = versions.filter((v) => v.number > fromNo && v.number <= toNo);
    const comments = rows.map(adopted);
    const view = new Map(rows.map((r) => [r.id, commentView(r, byNumber)]));

    const listed = result.changes.filter((c) => c.type !== 'unchanged');
    const changes: ExplanationChange[] = listed.map((c, index) => changeView(c, index));
    const placed = new Set<string>();
    for (const c of comments) {
      const i = changeOf(listed, keysUpTo(c.keyIn, toNo), c.kind, toOrder);
      // Renumbering is a consequence, never what a comment asked for: such a comment stays unplaced (and is checked).
      if (i < 0 || !isSubstantive(listed[i])) continue;
      changes[i].comments.push(view.get(c.id)!);
      placed.add(c.id);
    }
    for (const [i, c] of listed.entries()) {
      changes[i].notes = between
        .filter((v) => noteNames(v.note, c))
        .map((v) => ({ number: v.number, label: v.label, note: v.note }));
      changes[i].explained = !isSubstantive(c) || changes[i].comments.length > 0 || changes[i].notes.length > 0;
    }

    const counts = summarySentence(result.summary, result.changes);
    const from = byNumber.get(fromNo)!;
    const to = byNumber.get(toNo)!;
    return {
      documentId,
      title,
      from: { number: from.number, label: from.label },
      to: { number: to.number, label: to.label },
      versions: between.map((v) => ({ number: v.number, label: v.label, note: v.note })),
      summary: result.summary,
      counts: { modified: counts.modified, added: counts.added, deleted: counts.deleted, adjusted: counts.adjusted },
      sentence: counts.sentence,
      renumberedNote: renumberedNote(result.changes),
      referencesNote: referencesNote(result.changes),
      changes,
      check: {
        adoptedNotCarriedOut: await this.notCarriedOut(comments, byNumber, placed, view, compare, order),
        unexplained: changes.filter((c) => !c.explained).map((c) => ({ index: c.index, type: c.type, title: c.title })),
      },
    };
  }

  /**
   * Adopted comments whose clause the version named as carrying them out left as it was (or only renumbered), and
   * those that did change there but whose change the whole comparison no longer shows (undone later).
   */
  private async notCarriedOut(
    comments: AdoptedComment[],
    byNumber: Map<number, VersionMeta>,
    placed: Set<string>,
    view: Map<string, ExplanationComment>,
    compare: Compare,
    order: Order,
  ): Promise<Explanation['check']['adoptedNotCarriedOut']> {
    const out: Explanation['check']['adoptedNotCarriedOut'] = [];
    const steps = new Map<number, Promise<{ changes: ClauseChange[]; order: string[]; prev: number } | null>>();
    const step = (n: number) => {
      if (!steps.has(n)) steps.set(n, this.step(n, byNumber, compare, order));
      return steps.get(n)!;
    };
    for (const c of comments) {
      const s = await step(c.implementedInVersion);
      const reason: NotCarriedOutReason | 'reverted' | null = !s
        ? 'not_found'
        : (notCarriedOut(s.changes, c, s.prev, s.order) ?? (placed.has(c.id) ? null : 'reverted'));
      if (reason) out.push({ comment: view.get(c.id)!, reason });
    }
    return out;
  }

  /** The comparison of version `n` with the one it was based on (the previous number when it names none). */
  private async step(n: number, byNumber: Map<number, VersionMeta>, compare: Compare, order: Order) {
    const v = byNumber.get(n)!;
    const prev = v.basedOn ?? [...byNumber.keys()].filter((k) => k < n).sort((a, b) => b - a)[0];
    if (prev === undefined || !byNumber.has(prev)) return null;
    const [{ result }, keys] = await Promise.all([compare(byNumber.get(prev)!, v), order(v)]);
    return { changes: result.changes, order: keys, prev };
  }
}

/** Compares two versions of the document, under one keys generation and sharing fetched clauses. */
type Compare = (from: VersionMeta, to: VersionMeta) => Promise<ComputedDiff>;
/** A version's clause keys in document order, fetched once per request. */
type Order = (v: VersionMeta) => Promise<string[]>;

function adopted(r: AdoptedCommentRow): AdoptedComment {
  const keyIn = new Map<number, string>([[r.versionNumber, r.clauseKey]]);
  for (const [n, k] of r.anchors) keyIn.set(n, k);
  return {
    id: r.id,
    versionNumber: r.versionNumber,
    kind: r.kind,
    keyIn,
    implementedInVersion: r.decision.implementedInVersion,
  };
}

function commentView(r: AdoptedCommentRow, byNumber: Map<number, VersionMeta>): ExplanationComment {
  return {
    id: r.id,
    versionNumber: r.versionNumber,
    versionLabel: byNumber.get(r.versionNumber)?.label ?? '',
    clauseKey: r.clauseKey,
    kind: r.kind,
    body: r.body,
    suggestion: r.suggestion,
    author: { id: r.author.id, displayName: r.author.displayName },
    group: r.group,
    decision: {
      outcome: r.decision.outcome,
      outcomeLabel: OUTCOME_ZH[r.decision.outcome],
      reason: r.decision.reason,
      implementedInVersion: r.decision.implementedInVersion,
      implementedInLabel: byNumber.get(r.decision.implementedInVersion)?.label ?? '',
    },
  };
}

const side = (r: ClauseRef | null) =>
  r ? { key: r.key, label: r.label, path: r.path ?? r.label, text: r.text } : null;

function changeView(c: ClauseChange, index: number): ExplanationChange {
  return {
    index,
    type: c.type,
    title: changeTitle(c),
    note: changeNote(c),
    from: side(c.from),
    to: side(c.to),
    ...(c.fromParts ? { fromParts: c.fromParts.map((p) => side(p)!) } : {}),
    ...(c.toParts ? { toParts: c.toParts.map((p) => side(p)!) } : {}),
    inline: c.inline,
    comments: [],
    notes: [],
    explained: false,
  };
}
