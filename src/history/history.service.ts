import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { ReadReplicas } from '../database/read-replicas';
import { type ClauseRowMemo, DiffService } from '../diff/diff.service';
import { ClausesRepository } from '../documents/clauses.repository';
import { DocumentsService, type VersionMeta } from '../documents/documents.service';
import type { ChangeType } from '../engine/compare';
import { blameAcross, type BlameVersion, changeConcerning, lineageAncestors, standIn } from '../engine/history';
import { type InlineOp, inlineDiff } from '../engine/inline-diff';
import { IMPLEMENTABLE } from '../comments/comments.entities';
import { versionNotFound } from '../documents/documents.errors';
import { type HistoryClause, type HistoryComment, type HistoryLineage, HistoryRepository } from './history.repository';

export interface HistoryEntry {
  versionNumber: number;
  versionLabel: string;
  stage: string;
  /** The clause in this version — or, before it existed, the clause it came from — null when none stands there. */
  clause: { key: string; label: string; path: string; text: string } | null;
  /** Against the previous version (of those the user may see) in which the clause or its origin stood. */
  change: { type: ChangeType; inline: InlineOp[] } | null;
  /** Splits and merges into this version that involve the clause or its origin. */
  lineage: Omit<HistoryLineage, 'toVersion'>[];
  /** Comments made on the clause in this version, as the user may see them, with their current decision. */
  comments: Omit<HistoryComment, 'versionNumber' | 'clauseKey'>[];
  /** Comments (made on the clause or its origin in any earlier version) adopted and carried out in this version. */
  implemented: Omit<HistoryComment, 'versionNumber' | 'clauseKey'>[];
}

export interface BlameView {
  versionNumber: number;
  clause: { key: string; label: string; path: string; text: string };
  /** The clause's text in runs, each with the version that introduced it and the adopted comments carried out there. */
  spans: { text: string; versionNumber: number; versionLabel: string; comments: HistoryEntry['comments'] }[];
}

/** A clause through every version of its document: its wording, how it changed, and the comments on it. */
@Injectable()
export class HistoryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly documents: DocumentsService,
    private readonly clauses: ClausesRepository,
    private readonly diffs: DiffService,
    private readonly repo: HistoryRepository,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * The clause's wording through the versions and the split/merge edges around it are immutable: read from a replica
   * when one may serve the request. Which versions and comments the user may see is decided on the primary. Without
   * the clause (in version `n`, when given) it answers not found — asking the primary when a replica said so.
   */
  private wording(
    documentId: string,
    key: string,
    n?: number,
  ): Promise<{ keys: string[]; rows: HistoryClause[]; lineage: HistoryLineage[] }> {
    return this.replicas.read(async (em) => {
      const keys = [key, ...lineageAncestors(key, await this.clauses.splitMergeEdges(em, documentId))];
      const [rows, lineage] = await Promise.all([
        this.repo.clauses(em, documentId, keys),
        this.repo.lineage(em, documentId, keys),
      ]);
      if (!rows.some((r) => r.key === key && (n === undefined || r.versionNumber === n))) {
        throw new DomainError(
          ErrorCode.NotFound,
          n === undefined ? `No clause ${key} in document ${documentId}.` : `Version ${n} has no clause ${key}.`,
        );
      }
      return { keys, rows, lineage };
    });
  }

  async history(user: AuthUser, documentId: string, key: string): Promise<HistoryEntry[]> {
    const versions = await this.documents.listVersionsFor(user, documentId); // a delegate: released versions only
    const { keys, rows, lineage } = await this.wording(documentId, key);
    const comments = await this.repo.comments(this.ds.manager, user, documentId, keys);
    const visible = new Set(versions.map((v) => v.number));
    if (!rows.some((r) => r.key === key && visible.has(r.versionNumber))) {
      throw new DomainError(ErrorCode.NotFound, `No clause ${key} in document ${documentId}.`);
    }
    const byVersion = new Map<number, Map<string, HistoryClause>>();
    for (const r of rows)
      byVersion.set(
        r.versionNumber,
        (byVersion.get(r.versionNumber) ?? new Map<string, HistoryClause>()).set(r.key, r),
      );
    const entries: HistoryEntry[] = [];
    // The comparisons are made on the primary: the versions listed came from it, and a replica that has not replayed
    // one yet would yield (and cache) a comparison without its clauses.
    const generation = await this.diffs.generation(this.ds.manager, documentId);
    const memo: ClauseRowMemo = new Map();
    let previous: { meta: VersionMeta; key: string | null } | null = null;
    for (const v of versions) {
      const shown = standIn(keys, byVersion.get(v.number) ?? new Map<string, HistoryClause>());
      let change: HistoryEntry['change'] = null;
      if (previous && (shown || previous.key)) {
        const { result } = await this.diffs.computeBetween(
          this.ds.manager,
          documentId,
          previous.meta,
          v,
          generation,
          memo,
        );
        const found = changeConcerning(result.changes, shown?.key ?? null, previous.key);
        change = found
          ? { type: found.type, inline: found.inline }
          : shown
            ? { type: 'unchanged', inline: [{ op: 'equal', text: shown.text }] }
            : null;
      } else if (shown) {
        change = { type: 'added', inline: [{ op: 'insert', text: shown.text }] };
      }
      entries.push({
        versionNumber: v.number,
        versionLabel: v.label,
        stage: v.stage,
        clause: shown && { key: shown.key, label: shown.label, path: shown.path, text: shown.text },
        change,
        lineage: lineage.filter((l) => l.toVersion === v.number).map(({ toVersion: _to, ...l }) => l),
        comments: comments
          .filter((c) => c.versionNumber === v.number && c.clauseKey === shown?.key)
          .map(({ versionNumber: _n, clauseKey: _k, ...c }) => c),
        implemented: carriedOutIn(comments, v.number),
      });
      previous = { meta: v, key: shown?.key ?? null };
    }
    return entries;
  }

  /**
   * Who wrote which words of a clause in version `n`: its wording along the versions `n` was built on (based-on chain;
   * a delegate's chain skips what was not released to them), each run with the version that introduced it and the
   * comments adopted and carried out in that version. Renumbering and moves change no words, so no attribution.
   */
  async blame(user: AuthUser, documentId: string, n: number, key: string): Promise<BlameView> {
    const visible = await this.documents.listVersionsFor(user, documentId);
    const target = visible.find((v) => v.number === n);
    if (!target) throw versionNotFound(documentId, n);
    const all = user.role === 'delegate' ? await this.documents.listVersions(documentId) : visible;
    const byNumber = new Map(all.map((v) => [v.number, v]));
    const seen = new Set(visible.map((v) => v.number));
    const chain: number[] = [];
    for (let v: number | null = n; v !== null && byNumber.has(v); v = byNumber.get(v)!.basedOn)
      if (seen.has(v)) chain.unshift(v);
    const { keys, rows, lineage: edges } = await this.wording(documentId, key, n);
    const comments = await this.repo.comments(this.ds.manager, user, documentId, keys);
    const clause = rows.find((r) => r.versionNumber === n && r.key === key)!; // wording() saw to it
    const steps: BlameVersion[] = chain.map((v) => ({
      version: v,
      clauses: rows.filter((r) => r.versionNumber === v),
    }));
    const carriedOut = (v: number) => carriedOutIn(comments, v);
    return {
      versionNumber: n,
      clause: { key: clause.key, label: clause.label, path: clause.path, text: clause.text },
      spans: blameAcross(steps, edges, key, (a, b) => inlineDiff(a, b, { exact: true }).ops).map((s) => ({
        text: s.text,
        versionNumber: s.version,
        versionLabel: byNumber.get(s.version)?.label ?? '',
        comments: carriedOut(s.version),
      })),
    };
  }
}

/** The comments whose current decision (adopted or partly) names version `v` as where it was carried out. */
function carriedOutIn(comments: HistoryComment[], v: number): Omit<HistoryComment, 'versionNumber' | 'clauseKey'>[] {
  return comments
    .filter((c) => c.decision && IMPLEMENTABLE.includes(c.decision.outcome) && c.decision.implementedInVersion === v)
    .map(({ versionNumber: _n, clauseKey: _k, ...c }) => c);
}
