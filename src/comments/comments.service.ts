import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { inTransaction } from '../common/transaction';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { VersionAccess, windowClosed } from '../consultations/version-access';
import { isUuid } from '../documents/documents.service';
import { locateQuote } from '../engine/reanchor';
import { AnchorsRepository } from './anchors.repository';
import { CarryService } from './carry.service';
import type { CreateCommentDto, UpdateCommentDto } from './comments.dto';
import { type CommentView, CommentsRepository, uuidv7 } from './comments.repository';

export const commentNotFound = (id: string) => new DomainError(ErrorCode.CommentNotFound, `No comment ${id}.`);

/** Writing comments: create (idempotent), edit, withdraw, reply. Each is one transaction. */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: VersionAccess,
    private readonly comments: CommentsRepository,
    private readonly anchors: AnchorsRepository,
    private readonly carry: CarryService,
  ) {}

  /** Returns the comment and whether it was created now (false: a retry with the same Idempotency-Key). */
  async create(user: AuthUser, documentId: string, versionNumber: number, dto: CreateCommentDto, key: string | null) {
    this.checkLength(dto.body, dto.suggestion);
    const hash = createHash('sha256')
      .update(JSON.stringify([documentId, versionNumber, dto.clauseKey, dto.quote ?? null, dto.kind, dto.body, dto.suggestion ?? null]))
      .digest('hex');
    const replay = key ? await this.replay(user, key, hash) : null;
    if (replay) return { comment: replay, created: false };
    if (!isUuid(documentId)) throw new DomainError(ErrorCode.DocumentNotFound, `No document ${documentId}.`);
    const id = await inTransaction(this.ds, async (em) => {
      const consultation = await this.access.openConsultationFor(user, documentId, versionNumber, em);
      const [clause] = await em.query(`SELECT text FROM clauses WHERE version_id = $1 AND key = $2`, [consultation.versionId, dto.clauseKey]);
      if (!clause) {
        throw new DomainError(ErrorCode.ClauseNotFound, `Version ${versionNumber} has no clause with key ${dto.clauseKey}.`, { clauseKey: dto.clauseKey });
      }
      let range = { start: 0, end: 0 };
      if (dto.quote) {
        const found = locateQuote(clause.text, dto.quote);
        if (!found) throw new DomainError(ErrorCode.QuoteNotInClause, `The quoted words are not in clause ${dto.clauseKey} of version ${versionNumber}.`, { clauseKey: dto.clauseKey });
        range = found;
      }
      const newId = uuidv7();
      const inserted = await em.query(
        `INSERT INTO comments (id, document_id, version_id, version_number, consultation_id, clause_key, quote, start_offset, end_offset,
                               kind, body, suggestion, author_id, group_id, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT ON CONSTRAINT uq_comments_author_idempotency DO NOTHING RETURNING id`,
        [newId, documentId, consultation.versionId, versionNumber, consultation.id, dto.clauseKey, dto.quote ? JSON.stringify(dto.quote) : null,
          range.start, range.end, dto.kind, dto.body, dto.suggestion ?? null, user.id, user.groupId, key, hash],
      );
      if (!inserted.length) return null; // a concurrent request with the same key won
      await this.anchors.insert(em, consultation.versionId, [
        { commentId: newId, clauseKey: dto.clauseKey, start: range.start, end: range.end, status: 'exact', score: null, withdrawn: false },
      ]);
      await this.carry.carryOne(em, documentId, newId, versionNumber);
      await audit(em, user.id, 'comment.create', 'comment', newId, { documentId, versionNumber, clauseKey: dto.clauseKey });
      return newId;
    });
    if (id === null) return { comment: (await this.replay(user, key!, hash))!, created: false };
    return { comment: (await this.comments.findVisible(this.ds.manager, user, id))!, created: true };
  }

  /** The author edits kind/body/suggestion while the window is open; the earlier wording goes to the history. */
  async update(user: AuthUser, id: string, dto: UpdateCommentDto): Promise<CommentView> {
    this.checkLength(dto.body, dto.suggestion ?? undefined);
    await inTransaction(this.ds, async (em) => {
      const c = await this.ownOpenComment(em, user, id);
      await this.comments.addRevision(em, c);
      await em.query(
        `UPDATE comments SET kind = $2, body = $3, suggestion = $4, revision = revision + 1, updated_at = now() WHERE id = $1`,
        [id, dto.kind ?? c.kind, dto.body ?? c.body, dto.suggestion === undefined ? c.suggestion : dto.suggestion],
      );
      await audit(em, user.id, 'comment.edit', 'comment', id, { revision: c.revision + 1 });
    });
    return (await this.comments.findVisible(this.ds.manager, user, id))!;
  }

  async withdraw(user: AuthUser, id: string): Promise<CommentView> {
    await inTransaction(this.ds, async (em) => {
      const c = await this.ownOpenComment(em, user, id);
      await this.comments.addRevision(em, c);
      await em.query(`UPDATE comments SET status = 'withdrawn', revision = revision + 1, updated_at = now() WHERE id = $1`, [id]);
      await em.query(`UPDATE comment_anchor SET withdrawn = true WHERE comment_id = $1`, [id]);
      await audit(em, user.id, 'comment.withdraw', 'comment', id);
    });
    return (await this.comments.findVisible(this.ds.manager, user, id))!;
  }

  /** The drafting group and the comment's author write in its thread; nobody else. */
  async reply(user: AuthUser, id: string, body: string) {
    this.checkLength(body);
    return inTransaction(this.ds, async (em) => {
      const c = await this.visible(em, user, id);
      if (user.role === 'delegate' && c.author.id !== user.id) {
        throw new DomainError(ErrorCode.Forbidden, "Only the drafting group and the comment's author write in its thread.");
      }
      const [r] = await em.query(`INSERT INTO comment_replies (comment_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, created_at AS "createdAt"`, [
        id, user.id, body,
      ]);
      await audit(em, user.id, 'comment.reply', 'comment', id, { reply: r.id });
      return { id: r.id, commentId: id, body, createdAt: r.createdAt, author: { id: user.id, username: user.username, role: user.role } };
    });
  }

  /** A comment with its history, replies and every decision taken on it. */
  async get(user: AuthUser, id: string) {
    const em = this.ds.manager;
    const c = await this.visible(em, user, id);
    return { ...c, history: await this.comments.history(em, id), replies: await this.comments.replies(em, id), decisions: await this.comments.decisions(em, id) };
  }

  /** The comment if the user may read it; 404 when there is none, 403 when it is someone else's to see. */
  private async visible(em: EntityManager, user: AuthUser, id: string): Promise<CommentView> {
    const c = isUuid(id) ? await this.comments.findVisible(em, user, id) : null;
    if (c) return c;
    const exists = isUuid(id) && (await em.query(`SELECT 1 FROM comments WHERE id = $1`, [id])).length > 0;
    if (exists) throw new DomainError(ErrorCode.Forbidden, 'You may not read this comment.');
    throw commentNotFound(id);
  }

  private async replay(user: AuthUser, key: string, hash: string): Promise<CommentView | null> {
    const [row] = await this.ds.query(`SELECT id, request_hash AS "hash" FROM comments WHERE author_id = $1 AND idempotency_key = $2`, [user.id, key]);
    if (!row) return null;
    if (row.hash !== hash) {
      throw new DomainError(ErrorCode.IdempotencyConflict, 'This Idempotency-Key was already used for a different comment; use a new key.', { commentId: row.id });
    }
    return this.comments.findVisible(this.ds.manager, user, row.id);
  }

  private async ownOpenComment(em: EntityManager, user: AuthUser, id: string) {
    const c = isUuid(id) ? await this.comments.lockForWrite(em, id) : undefined;
    if (!c) throw commentNotFound(id);
    if (c.authorId !== user.id) throw new DomainError(ErrorCode.Forbidden, 'Only its author may change or withdraw a comment.');
    if (c.status !== 'open') throw new DomainError(ErrorCode.Conflict, 'This comment was withdrawn.');
    if (!c.open) throw windowClosed(c);
    return c;
  }

  private checkLength(...texts: (string | undefined)[]): void {
    const limit = this.config.maxCommentChars;
    for (const t of texts) {
      if (typeof t === 'string' && t.length > limit) {
        throw new DomainError(ErrorCode.CommentTooLong, `A comment may have at most ${limit} characters; this one has ${t.length}.`, { limit });
      }
    }
  }
}
