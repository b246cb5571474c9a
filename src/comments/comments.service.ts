import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { documentNotFound, DocumentsErrorCode } from '../documents/documents.errors';
import { inTransaction } from '../common/transaction';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { type ConsultationRef, requireOpen, windowClosed } from '../consultations/version-access';
import { isUuid } from '../common/uuid';
import { locateQuote } from '../engine/reanchor';
import { AnchorsRepository } from './anchors.repository';
import { CarryService } from './carry.service';
import { CommentsReadRepository } from './comments-read.repository';
import { DecisionsRepository } from './decisions.repository';
import { WholeClauseBatcher } from './whole-clause-batcher';
import type { CreateCommentDto, UpdateCommentDto } from './comments.dto';
import { OUTCOME_ZH } from './comments.entities';
import {
  type CommentView,
  CommentsRepository,
  type CreateContext,
  type NewComment,
  uuidv7,
} from './comments.repository';
import { CommentsErrorCode } from './comments.errors';

export const commentNotFound = (id: string) => new DomainError(CommentsErrorCode.CommentNotFound, `No comment ${id}.`);

/** Writing comments: create (idempotent), edit, withdraw, reply. Each is one transaction. */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly comments: CommentsRepository,
    private readonly reads: CommentsReadRepository,
    private readonly anchors: AnchorsRepository,
    private readonly decisions: DecisionsRepository,
    private readonly carry: CarryService,
    private readonly batcher: WholeClauseBatcher,
  ) {}

  /**
   * Returns the comment and whether it was created now (false: a retry with the same Idempotency-Key).
   * A comment on a whole clause takes one round trip: a statement that reads the context and, when it allows, writes
   * comment, anchor and audit entry (createWholeClause). A quoted passage takes two: the context with the clause
   * text (createContext), the quote located here, then one statement writing all three (insertNew). Each write is a
   * single statement, so one transaction. Only a late comment (a later version is already based on this one) takes
   * the slow path: insertNew plus carrying the comment forward, in one explicit transaction. Every refusal (403, 422,
   * 409, replay) is decided here from the context, whichever statement read it.
   */
  async create(user: AuthUser, documentId: string, versionNumber: number, dto: CreateCommentDto, key: string | null) {
    this.checkLength(dto.body, dto.suggestion);
    const hash = createHash('sha256')
      .update(
        JSON.stringify([
          documentId,
          versionNumber,
          dto.clauseKey,
          dto.quote ?? null,
          dto.kind,
          dto.body,
          dto.suggestion ?? null,
        ]),
      )
      .digest('hex');
    const id = uuidv7();
    const base = {
      id,
      documentId,
      versionNumber,
      clauseKey: dto.clauseKey,
      kind: dto.kind,
      body: dto.body,
      suggestion: dto.suggestion ?? null,
      authorId: user.id,
      groupId: user.groupId,
      idempotencyKey: key,
      requestHash: hash,
    };
    let ctx: CreateContext;
    if (!dto.quote && isUuid(documentId)) {
      // Whole clause: one round trip when nothing stands in the way; otherwise its context says what does.
      const first = await this.batcher.submit(base);
      if (first.written)
        return {
          comment: this.view(
            user,
            { ...base, ...first.written, consultation: first.context.consultation!, quote: null, start: 0, end: 0 },
            first.context,
          ),
          created: true,
        };
      ctx = first.context;
    } else {
      ctx = await this.comments.createContext(this.ds.manager, {
        documentId: isUuid(documentId) ? documentId : null,
        versionNumber,
        groupId: user.groupId,
        clauseKey: dto.clauseKey,
        authorId: user.id,
        key,
      });
    }
    if (ctx.existing) return { comment: await this.replayOf(user, ctx.existing, hash), created: false };
    if (!isUuid(documentId)) throw documentNotFound(documentId);
    const consultation = requireOpen(ctx.consultation, user, documentId, versionNumber);
    if (ctx.clauseText === null) {
      throw new DomainError(
        DocumentsErrorCode.ClauseNotFound,
        `Version ${versionNumber} has no clause with key ${dto.clauseKey}.`,
        { clauseKey: dto.clauseKey },
      );
    }
    let range = { start: 0, end: 0 };
    if (dto.quote) {
      const found = locateQuote(ctx.clauseText, dto.quote);
      if (!found)
        throw new DomainError(
          CommentsErrorCode.QuoteNotInClause,
          `The quoted words are not in clause ${dto.clauseKey} of version ${versionNumber}.`,
          { clauseKey: dto.clauseKey },
        );
      range = found;
    }
    const quote = dto.quote ? { ...dto.quote } : null;
    const row: NewComment = {
      ...base,
      versionId: consultation.versionId,
      consultationId: consultation.id,
      quote,
      start: range.start,
      end: range.end,
    };
    const written = ctx.laterVersions
      ? await inTransaction(this.ds, async (em) => {
          const w = await this.comments.insertNew(em, row);
          if (w) await this.carry.carryOne(em, documentId, row.id, versionNumber);
          return w;
        })
      : await this.comments.insertNew(this.ds.manager, row);
    if (!written) {
      // A concurrent request with the same key won; its comment is the answer.
      const e = await this.comments.byIdempotencyKey(this.ds.manager, user.id, key);
      return { comment: await this.replayOf(user, e, hash), created: false };
    }
    return { comment: this.view(user, { ...row, ...written, consultation }, ctx), created: true };
  }

  /** A comment just created, from what is in hand: the shape findVisible returns, without reading it back. */
  private view(
    user: AuthUser,
    c: Pick<
      NewComment,
      'id' | 'documentId' | 'versionNumber' | 'clauseKey' | 'kind' | 'body' | 'suggestion' | 'quote' | 'start' | 'end'
    > & {
      consultation: ConsultationRef;
      createdAt: Date;
      updatedAt: Date;
    },
    { groupName, clausePath }: Pick<CreateContext, 'groupName' | 'clausePath'>,
  ): CommentView {
    return {
      id: c.id,
      documentId: c.documentId,
      versionNumber: c.versionNumber,
      consultationId: c.consultation.id,
      clauseKey: c.clauseKey,
      kind: c.kind,
      body: c.body,
      suggestion: c.suggestion,
      status: 'open',
      revision: 1,
      author: { id: user.id, username: user.username, displayName: user.displayName },
      group: user.groupId ? { id: user.groupId, name: groupName ?? '' } : null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      originalAnchor: {
        versionNumber: c.versionNumber,
        clauseKey: c.clauseKey,
        start: c.start,
        end: c.end,
        quote: c.quote,
        clausePath,
      },
      decision: null,
    };
  }

  /** The author edits kind/body/suggestion while the window is open; the earlier wording goes to the history. */
  async update(user: AuthUser, id: string, dto: UpdateCommentDto): Promise<CommentView> {
    this.checkLength(dto.body, dto.suggestion ?? undefined);
    await inTransaction(this.ds, async (em) => {
      const c = await this.ownOpenComment(em, user, id);
      await this.comments.addRevision(em, c);
      await this.comments.updateText(em, id, {
        kind: dto.kind ?? c.kind,
        body: dto.body ?? c.body,
        suggestion: dto.suggestion === undefined ? c.suggestion : dto.suggestion,
      });
      await audit(em, user.id, 'comment.edit', 'comment', id, { revision: c.revision + 1 });
    });
    return (await this.reads.findVisible(this.ds.manager, user, id))!;
  }

  async withdraw(user: AuthUser, id: string): Promise<CommentView> {
    await inTransaction(this.ds, async (em) => {
      const c = await this.ownOpenComment(em, user, id);
      await this.comments.addRevision(em, c);
      await this.comments.markWithdrawn(em, id);
      await this.anchors.markWithdrawn(em, id);
      await audit(em, user.id, 'comment.withdraw', 'comment', id);
    });
    return (await this.reads.findVisible(this.ds.manager, user, id))!;
  }

  /** The drafting group and the comment's author write in its thread; nobody else. */
  async reply(user: AuthUser, id: string, body: string) {
    this.checkLength(body);
    return inTransaction(this.ds, async (em) => {
      const c = await this.visible(em, user, id);
      if (user.role === 'delegate' && c.author.id !== user.id) {
        throw new DomainError(
          ErrorCode.Forbidden,
          "Only the drafting group and the comment's author write in its thread.",
        );
      }
      const r = await this.comments.insertReply(em, id, user.id, body);
      await audit(em, user.id, 'comment.reply', 'comment', id, { reply: r.id });
      return {
        id: r.id,
        commentId: id,
        body,
        createdAt: r.createdAt,
        author: { id: user.id, username: user.username, role: user.role },
      };
    });
  }

  /** A comment with its history, replies and every decision taken on it. */
  async get(user: AuthUser, id: string) {
    const em = this.ds.manager;
    const c = await this.visible(em, user, id);
    return {
      ...c,
      history: await this.reads.history(em, id),
      replies: await this.reads.replies(em, id),
      decisions: await this.decisions.forComment(em, id),
    };
  }

  /** The comment if the user may read it; 404 otherwise, whether there is none or it is not the user's to see. */
  private async visible(em: EntityManager, user: AuthUser, id: string): Promise<CommentView> {
    const c = isUuid(id) ? await this.reads.findVisible(em, user, id) : null;
    if (!c) throw commentNotFound(id);
    return c;
  }

  /** The earlier comment made with this key: 409 when this request differs from the one that made it. */
  private async replayOf(user: AuthUser, existing: { id: string; hash: string }, hash: string): Promise<CommentView> {
    if (existing.hash !== hash) {
      throw new DomainError(
        CommentsErrorCode.IdempotencyConflict,
        'This Idempotency-Key was already used for a different comment; use a new key.',
        { commentId: existing.id },
      );
    }
    return (await this.reads.findVisible(this.ds.manager, user, existing.id))!;
  }

  private async ownOpenComment(em: EntityManager, user: AuthUser, id: string) {
    const c = isUuid(id) ? await this.comments.lockForWrite(em, id) : undefined;
    if (!c) throw commentNotFound(id);
    if (c.authorId !== user.id) {
      await this.visible(em, user, id); // someone who may not even read it is told it does not exist
      throw new DomainError(ErrorCode.Forbidden, 'Only its author may change or withdraw a comment.');
    }
    if (c.status !== 'open') throw new DomainError(ErrorCode.Conflict, 'This comment was withdrawn.');
    if (c.decided) {
      throw new DomainError(
        CommentsErrorCode.CommentDecided,
        `The drafting group has decided on this comment (${OUTCOME_ZH[c.decided]}), so it can no longer be edited or withdrawn; you can still reply in its thread. 起草组已对这条意见作出处理，不能再修改或撤回；仍可在下方回复。`,
        { outcome: c.decided },
      );
    }
    if (!c.open) throw windowClosed(c);
    return c;
  }

  private checkLength(...texts: (string | undefined)[]): void {
    const limit = this.config.maxCommentChars;
    for (const t of texts) {
      if (typeof t === 'string' && t.length > limit) {
        throw new DomainError(
          CommentsErrorCode.CommentTooLong,
          `A comment may have at most ${limit} characters; this one has ${t.length}.`,
          { limit },
        );
      }
    }
  }
}
