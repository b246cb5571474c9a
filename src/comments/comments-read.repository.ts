import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '../accounts/accounts.entities';
import type { AuthUser } from '../auth/auth.decorators';
import { RELEASED_SQL } from '../consultations/version-access';
import type { ListCommentsQuery } from './comments.dto';
import type { CommentKind, CommentStatus } from './comments.entities';
import type { LatestPlaceDto, MyReplyDto } from './comments.responses';
import { COMMENT_COLUMNS, COMMENT_JOINS, type CommentView, DELEGATE_SEES } from './comments.repository';

/** Where the comment stands in the version asked about, with the clause's full name (null when orphaned). */
const ANCHOR_COLUMN = `json_build_object('status', a.status, 'clauseKey', a.clause_key, 'start', a.start_offset, 'end', a.end_offset,
  'score', a.score, 'clausePath', cl.path) AS anchor`;

/** What a version's list of comments may be narrowed to. */
export type CommentFilter = Pick<ListCommentsQuery, 'clause' | 'author' | 'group' | 'status' | 'kind'>;

/** An earlier wording of a comment, kept when its author edits or withdraws it. */
export interface RevisionRow {
  revision: number;
  kind: CommentKind;
  body: string;
  suggestion: string | null;
  status: CommentStatus;
  replacedAt: Date;
}

/** A reply in a comment's thread. */
export interface ReplyRow {
  id: string;
  body: string;
  createdAt: Date;
  author: { id: string; username: string; displayName: string; role: Role };
}

/** One of the user's own comments (CommentsReadRepository.mine). */
export interface OwnComment extends CommentView {
  replies: MyReplyDto[];
  /** Where its clause stands in the latest version the user may see; the anchor fields are null until carried. */
  latest: LatestPlaceDto | null;
}

/** What readers of comments see: one comment and its thread, a version's list and heat map, a user's own. */
@Injectable()
export class CommentsReadRepository {
  /** One comment, if the user may read it; null otherwise (or when absent). */
  async findVisible(em: EntityManager, user: AuthUser, id: string): Promise<CommentView | null> {
    const params: unknown[] = [id];
    let where = 'c.id = $1';
    if (user.role === 'delegate') {
      params.push(user.id, user.groupId);
      where += ` AND ${DELEGATE_SEES('$2', '$3')}`;
    }
    const rows = await em.query<CommentView[]>(
      `SELECT ${COMMENT_COLUMNS} FROM comments c ${COMMENT_JOINS} WHERE ${where}`,
      params,
    );
    return rows[0] ?? null;
  }

  history(em: EntityManager, id: string) {
    return em.query<RevisionRow[]>(
      `SELECT revision, kind, body, suggestion, status, replaced_at AS "replacedAt" FROM comment_revisions
        WHERE comment_id = $1 ORDER BY revision`,
      [id],
    );
  }

  replies(em: EntityManager, id: string) {
    return em.query<ReplyRow[]>(
      `SELECT r.id, r.body, r.created_at AS "createdAt",
              json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name, 'role', u.role) AS author
         FROM comment_replies r JOIN users u ON u.id = r.author_id WHERE r.comment_id = $1 ORDER BY r.created_at, r.id`,
      [id],
    );
  }

  /**
   * A page of the comments standing in a version (one indexed query on comment_anchor), each with its anchor there,
   * and how many there are in all; a delegate gets only what DELEGATE_SEES lets them read.
   */
  async list(
    em: EntityManager,
    user: AuthUser,
    versionId: string,
    q: CommentFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: CommentView[]; total: number }> {
    const params: unknown[] = [versionId];
    const where = ['a.version_id = $1'];
    const add = (sql: (p: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    if (q.clause) add((p) => `a.clause_key = ${p}`, q.clause);
    if (q.author) add((p) => `c.author_id = ${p}`, q.author);
    if (q.group) add((p) => `c.group_id = ${p}`, q.group);
    if (q.status) add((p) => `a.withdrawn = ${p}`, q.status === 'withdrawn');
    if (q.kind) add((p) => `c.kind = ${p}`, q.kind);
    if (user.role === 'delegate') {
      params.push(user.id, user.groupId);
      where.push(DELEGATE_SEES(`$${params.length - 1}`, `$${params.length}`));
    }
    const filter = where.join(' AND ');
    // Within a clause the index (version_id, clause_key, withdrawn, comment_id) gives the order; comment ids are
    // time-ordered. Across clauses the clause order of this version comes first; orphaned comments come last.
    const order = q.clause ? 'a.withdrawn, a.comment_id' : 'cl.ordinal NULLS LAST, a.withdrawn, a.comment_id';
    const join = 'LEFT JOIN clauses cl ON cl.version_id = a.version_id AND cl.key = a.clause_key';
    // The exact total stays cheap: without a filter on the comment itself it is an index-only count on
    // comment_anchor (every anchor has its comment: a foreign key), ~0.5 ms for 2,000 comments on a clause instead
    // of ~9 ms joining each to comments. The page and the count are independent, so they run side by side.
    const onComment = user.role === 'delegate' || Boolean(q.author || q.group || q.kind); // filters on c.*
    const countFrom = onComment ? 'comment_anchor a JOIN comments c ON c.id = a.comment_id' : 'comment_anchor a';
    const [items, [{ total }]] = await Promise.all([
      em.query<CommentView[]>(
        `SELECT ${COMMENT_COLUMNS}, ${ANCHOR_COLUMN}
           FROM comment_anchor a JOIN comments c ON c.id = a.comment_id ${COMMENT_JOINS} ${join}
          WHERE ${filter} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      em.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM ${countFrom} WHERE ${filter}`, params),
    ]);
    return { items, total };
  }

  /**
   * Open comments per clause key of a version, those with none left out (a heat map). Kept by triggers on
   * comment_anchor (migration 1764700000000): a few hundred rows, whatever the comment count.
   */
  openCounts(em: EntityManager, versionId: string) {
    return em.query<{ clauseKey: string; count: number }[]>(
      `SELECT clause_key AS "clauseKey", open_count AS count FROM comment_counts WHERE version_id = $1 AND open_count > 0`,
      [versionId],
    );
  }

  /** openCounts for a delegate: only the comments the delegate may read are counted (one grouped query). */
  openCountsSeenBy(em: EntityManager, versionId: string, user: AuthUser) {
    return em.query<{ clauseKey: string; count: number }[]>(
      `SELECT a.clause_key AS "clauseKey", count(*)::int AS count FROM comment_anchor a JOIN comments c ON c.id = a.comment_id
        WHERE a.version_id = $1 AND NOT a.withdrawn AND ${DELEGATE_SEES('$2', '$3')} GROUP BY a.clause_key`,
      [versionId, user.id, user.groupId],
    );
  }

  /**
   * The user's own comments, newest first (at most 500): each with decision, reason, replies, and where its clause
   * stands in the latest version of the document the user may see (for a delegate, the latest released to them;
   * that version's anchor, null when the comment has not been carried there yet).
   */
  mine(em: EntityManager, user: AuthUser) {
    return em.query<OwnComment[]>(
      `SELECT ${COMMENT_COLUMNS},
              (SELECT coalesce(json_agg(json_build_object('id', r.id, 'body', r.body, 'createdAt', r.created_at,
                        'author', json_build_object('id', ru.id, 'displayName', ru.display_name, 'role', ru.role)) ORDER BY r.created_at), '[]')
                 FROM comment_replies r JOIN users ru ON ru.id = r.author_id WHERE r.comment_id = c.id) AS replies,
              (SELECT json_build_object('versionNumber', lv.number, 'label', lv.label, 'status', la.status, 'clauseKey', la.clause_key,
                        'start', la.start_offset, 'end', la.end_offset, 'score', la.score, 'clauseLabel', lc.label, 'clausePath', lc.path)
                 FROM versions lv LEFT JOIN comment_anchor la ON la.version_id = lv.id AND la.comment_id = c.id
                      LEFT JOIN clauses lc ON lc.version_id = lv.id AND lc.key = la.clause_key
                WHERE lv.document_id = c.document_id
                  AND ($2::text <> 'delegate' OR EXISTS (SELECT 1 FROM consultations k WHERE k.version_id = lv.id AND ${RELEASED_SQL('k', '$3')}))
                ORDER BY lv.number DESC LIMIT 1) AS latest
         FROM comments c ${COMMENT_JOINS}
        WHERE c.author_id = $1 ORDER BY c.created_at DESC LIMIT 500`,
      [user.id, user.role, user.groupId],
    );
  }
}
