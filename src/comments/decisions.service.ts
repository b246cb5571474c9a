import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { versionNotFound, DocumentsErrorCode } from '../documents/documents.errors';
import { DocumentsRepository } from '../documents/documents.repository';
import { type VersionAdded, VersionHooks } from '../documents/version-hooks';
import { inTransaction } from '../common/transaction';
import { isUuid } from '../common/uuid';
import type { DecideDto, SimilarQuery } from './comments.dto';
import { IMPLEMENTABLE, OUTCOME_ZH } from './comments.entities';
import { DecisionsRepository } from './decisions.repository';
import { commentNotFound } from './comments.service';
import { groupSimilar } from '../engine/similar';
import { CommentsErrorCode } from './comments.errors';

/** The drafting group's decisions (采纳 … 留待研究) with reasons, one by one or for a group of comments at once. */
@Injectable()
export class DecisionsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly decisions: DecisionsRepository,
    private readonly versions: DocumentsRepository,
    private readonly hooks: VersionHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.onVersionAdded((em, e) => this.recordImplemented(em, e));
  }

  /**
   * A version added with `implements`: each named comment's decision records the version as where it was carried
   * out — a new decision row with the same outcome and reason (decisions are append-only), inside the version's own
   * transaction, so a refusal leaves neither. Only adopted or partly adopted comments of this document, made on an
   * earlier version, qualify (as for implementedInVersion).
   */
  async recordImplemented(em: EntityManager, e: VersionAdded): Promise<void> {
    const ids = [...new Set(e.implements)];
    if (!ids.length) return;
    const found = await this.decisions.lockWithDecisions(em, ids);
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length)
      throw new DomainError(CommentsErrorCode.CommentNotFound, `implements: no comment ${missing.join(', ')}.`, {
        missing,
      });
    const foreign = found.filter((f) => f.documentId !== e.documentId);
    if (foreign.length) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `implements: comment ${foreign[0].id} is on another document.`,
        { field: 'implements', commentIds: foreign.map((f) => f.id) },
      );
    }
    const undecided = found.filter((f) => !f.outcome || !IMPLEMENTABLE.includes(f.outcome));
    if (undecided.length) {
      const f = undecided[0];
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `implements: only a comment decided 采纳 or 部分采纳 is carried out in a version; comment ${f.id} is ${f.outcome ? `decided ${OUTCOME_ZH[f.outcome]}` : 'not decided'}.`,
        { field: 'implements', commentIds: undecided.map((u) => u.id) },
      );
    }
    const early = found.filter((f) => f.versionNumber >= e.number);
    if (early.length) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `implements: comment ${early[0].id} was made on version ${early[0].versionNumber}, not before version ${e.number}.`,
        {
          field: 'implements',
          commentIds: early.map((f) => f.id),
        },
      );
    }
    await this.decisions.insertImplemented(em, found, e.number, e.actorId);
    for (const f of found)
      await audit(em, e.actorId, 'comment.implement', 'comment', f.id, { versionNumber: e.number, outcome: f.outcome });
  }

  /** Records a decision on every listed comment in one transaction; all of them or none. */
  async decide(actor: AuthUser, commentIds: string[], dto: DecideDto) {
    const ids = [...new Set(commentIds)];
    if (!ids.every(isUuid))
      throw new DomainError(CommentsErrorCode.CommentNotFound, 'commentIds holds an id that is not a comment.');
    return inTransaction(this.ds, async (em) => {
      const found = await this.decisions.lockForDecision(em, ids);
      if (found.length !== ids.length) {
        const missing = ids.filter((id) => !found.some((f) => f.id === id));
        throw new DomainError(CommentsErrorCode.CommentNotFound, `No comment ${missing.join(', ')}.`, { missing });
      }
      if (dto.implementedInVersion !== undefined) {
        if (!IMPLEMENTABLE.includes(dto.outcome)) {
          throw new DomainError(
            ErrorCode.ValidationFailed,
            `implementedInVersion: only an adopted or partly adopted comment is carried out in a version; leave it out for ${OUTCOME_ZH[dto.outcome]}.`,
          );
        }
        const early = found.filter((f) => f.versionNumber >= dto.implementedInVersion!);
        if (early.length) {
          throw new DomainError(
            ErrorCode.ValidationFailed,
            `implementedInVersion: version ${dto.implementedInVersion} is not after the version commented on (${early[0].versionNumber}); name the later version that carries the change out.`,
            { commentIds: early.map((f) => f.id) },
          );
        }
        const docs = [...new Set(found.map((f) => f.documentId))];
        const n = await this.decisions.countDocumentsWithVersion(em, docs, dto.implementedInVersion);
        if (n !== docs.length)
          throw new DomainError(
            DocumentsErrorCode.VersionNotFound,
            `implementedInVersion: there is no version ${dto.implementedInVersion}.`,
          );
      }
      const rows = await this.decisions.insertDecisions(em, ids, {
        outcome: dto.outcome,
        reason: dto.reason.trim(),
        implementedInVersion: dto.implementedInVersion ?? null,
        decidedBy: actor.id,
      });
      for (const id of ids)
        await audit(em, actor.id, 'comment.decide', 'comment', id, { outcome: dto.outcome, batch: ids.length });
      return rows;
    });
  }

  /** A decision on one comment. */
  async decideOne(actor: AuthUser, commentId: string, dto: DecideDto) {
    const [row] = await this.decide(actor, [commentId], dto);
    return row;
  }

  /**
   * Takes the current decision on a comment back, with a reason: the comment is undecided again, so its author may
   * edit it while the consultation is open. The decision and its reopening both stay in the comment's history.
   */
  async reopen(actor: AuthUser, commentId: string, reason: string) {
    return inTransaction(this.ds, async (em) => {
      const c = isUuid(commentId) ? await this.decisions.lockForReopen(em, commentId) : undefined;
      if (!c) throw commentNotFound(commentId);
      if (!c.decided)
        throw new DomainError(CommentsErrorCode.CommentNotDecided, 'This comment has no decision to reopen.');
      const row = await this.decisions.insertReopening(em, commentId, reason.trim(), actor.id);
      await audit(em, actor.id, 'comment.reopen', 'comment', commentId, { was: c.decided });
      return row;
    });
  }

  /** Groups of near-identical open comments per clause of a version, to decide together. */
  async similar(documentId: string, versionNumber: number, q: SimilarQuery) {
    const v = await this.versions.versionRef(this.ds.manager, documentId, versionNumber);
    if (!v) throw versionNotFound(documentId, versionNumber);
    const rows = await this.decisions.openComments(this.ds.manager, v.id, q.clause ?? null);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return groupSimilar(rows, q.threshold ?? 0.8).map((g) => ({
      groupId: g.commentIds[0],
      clauseKey: g.clauseKey,
      commentIds: g.commentIds,
      bodies: g.commentIds.map((id) => byId.get(id)!.body),
    }));
  }
}
