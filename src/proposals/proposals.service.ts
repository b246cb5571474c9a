import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OUTCOME_ZH, IMPLEMENTABLE } from '../comments/comments.entities';
import { CommentsErrorCode } from '../comments/comments.errors';
import { DomainError, ErrorCode } from '../common/domain-error';
import { isUuid } from '../common/uuid';
import { DiffService } from '../diff/diff.service';
import { ClausesRepository } from '../documents/clauses.repository';
import { DocumentsService } from '../documents/documents.service';
import { applySuggestions, type Suggestion } from '../engine/proposals';
import type { SourceFormat } from '../engine/types';
import type { ProposalView, SkipReason } from './proposals.dto';
import { type ChosenComment, ProposalsRepository } from './proposals.repository';

const REASONS: Record<SkipReason, (c: ChosenComment, base: number) => string> = {
  withdrawn: () => 'The comment was withdrawn by its author. 意见已撤回。',
  not_adopted: (c) =>
    c.outcome
      ? `The comment was decided ${OUTCOME_ZH[c.outcome]}; only 采纳 or 部分采纳 comments are applied.`
      : 'The comment has no decision yet; only 采纳 or 部分采纳 comments are applied.',
  later_version: (c, base) => `The comment was made on version ${c.versionNumber}, after the base version ${base}.`,
  not_in_version: (c, base) =>
    `Version ${base} does not descend from version ${c.versionNumber}, where the comment was made: it has no place there.`,
  orphaned: (_c, base) => `The clause the comment was on is not in version ${base} (orphaned). 所涉条款已删除。`,
  quote_lost: (_c, base) =>
    `The words the comment quoted are no longer in the clause in version ${base}; apply it by hand.`,
  no_suggestion: () => 'The comment proposes no wording (suggestion is empty).',
  clause_missing: (_c, base) => `Version ${base} has no clause where the comment stands.`,
};

/**
 * The candidate for the next draft: the chosen comments' suggestions applied to a base version where each stands
 * there (engine/proposals.ts), with the comparison against the base. Nothing is stored: the drafter edits the text
 * and adds it as a version with `implements`.
 */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly documents: DocumentsService,
    private readonly clauses: ClausesRepository,
    private readonly diffs: DiffService,
    private readonly repo: ProposalsRepository,
  ) {}

  async propose(documentId: string, baseVersion: number, commentIds: string[]): Promise<ProposalView> {
    const em = this.ds.manager;
    const base = await this.documents.getVersionMeta(documentId, baseVersion);
    const ids = [...new Set(commentIds)];
    const bad = ids.find((id) => !isUuid(id));
    if (bad !== undefined)
      throw new DomainError(ErrorCode.ValidationFailed, `commentIds: "${bad}" is not a comment id.`, {
        field: 'commentIds',
      });
    const [rows, chosen] = await Promise.all([
      this.clauses.forVersion(em, base.id),
      this.repo.chosen(em, ids, base.id),
    ]);
    const missing = ids.find((id) => !chosen.some((c) => c.id === id));
    if (missing) throw new DomainError(CommentsErrorCode.CommentNotFound, `No comment ${missing}.`);
    const foreign = chosen.filter((c) => c.documentId !== documentId);
    if (foreign.length) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `commentIds: comment ${foreign[0].id} is on another document.`,
        {
          field: 'commentIds',
          commentIds: foreign.map((c) => c.id),
        },
      );
    }

    const skipped: ProposalView['skipped'] = [];
    const skip = (c: ChosenComment, reason: SkipReason) =>
      skipped.push({ commentId: c.id, reason, message: REASONS[reason](c, baseVersion) });
    const suggestions: Suggestion[] = [];
    for (const c of chosen) {
      const reason = skipReason(c, baseVersion);
      if (reason) skip(c, reason);
      else
        suggestions.push({
          commentId: c.id,
          kind: c.kind,
          clauseKey: c.anchor!.clauseKey,
          start: c.anchor!.start,
          end: c.anchor!.end,
          quoted: c.quoted,
          suggestion: c.suggestion,
        });
    }
    const result = applySuggestions(
      rows.map((r) => ({ ...r, parent: r.parentOrdinal })),
      suggestions,
    );
    const byId = new Map(chosen.map((c) => [c.id, c]));
    for (const s of result.skipped) skip(byId.get(s.commentId)!, s.reason);

    const format: SourceFormat = base.sourceFormat === 'markdown' ? 'markdown' : 'text';
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const { summary, changes } = this.diffs.compareDraft(rows, result.text, format);
    return {
      baseVersion: { number: base.number, label: base.label },
      text: result.text,
      format,
      applied: result.applied.map((a) => ({ ...a, clausePath: byKey.get(a.clauseKey)?.path ?? '' })),
      conflicts: result.conflicts.map((c) => ({
        ...c,
        clausePath: byKey.get(c.clauseKey)?.path ?? '',
        quote: byKey.get(c.clauseKey)?.text.slice(c.start, c.end) ?? '',
      })),
      skipped: skipped.sort((x, y) => ids.indexOf(x.commentId) - ids.indexOf(y.commentId)),
      diff: { summary, changes },
    };
  }
}

/** Why a comment cannot be applied to the base version, before its wording is looked at; null when it can. */
function skipReason(c: ChosenComment, base: number): SkipReason | null {
  if (c.status === 'withdrawn') return 'withdrawn';
  if (!c.outcome || !IMPLEMENTABLE.includes(c.outcome)) return 'not_adopted';
  if (c.versionNumber > base) return 'later_version';
  if (!c.anchor) return 'not_in_version';
  if (c.anchor.status === 'orphaned') return 'orphaned';
  if (c.quoted && c.anchor.status === 'clause') return 'quote_lost';
  return null;
}
