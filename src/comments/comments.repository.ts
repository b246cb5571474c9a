import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import type { AnchorStatus, QuoteSelector } from '../engine/reanchor';
import type { CommentKind, CommentStatus, Outcome } from './comments.entities';

export interface CommentView {
  id: string;
  documentId: string;
  versionNumber: number;
  consultationId: string;
  clauseKey: string;
  kind: CommentKind;
  body: string;
  suggestion: string | null;
  status: CommentStatus;
  revision: number;
  author: { id: string; username: string; displayName: string };
  group: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  /** The anchor as written; never changes. */
  originalAnchor: { versionNumber: number; clauseKey: string; start: number; end: number; quote: QuoteSelector | null };
  /** Where the comment stands in the version asked about (lists) — offsets into that version's clause text. */
  anchor?: { status: AnchorStatus; clauseKey: string; start: number; end: number; score: number | null };
  decision: { outcome: Outcome; reason: string; implementedInVersion: number | null; decidedBy: string; decidedAt: Date } | null;
}

export const COMMENT_COLUMNS = `c.id, c.document_id AS "documentId", c.version_number AS "versionNumber",
  c.consultation_id AS "consultationId", c.clause_key AS "clauseKey", c.kind, c.body, c.suggestion, c.status, c.revision,
  json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS author,
  CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('id', g.id, 'name', g.name) END AS "group",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  json_build_object('versionNumber', c.version_number, 'clauseKey', c.clause_key, 'start', c.start_offset,
                    'end', c.end_offset, 'quote', c.quote) AS "originalAnchor",
  (SELECT json_build_object('outcome', d.outcome, 'reason', d.reason, 'implementedInVersion', d.implemented_in_version,
                            'decidedBy', d.decided_by, 'decidedAt', d.decided_at)
     FROM comment_decisions d WHERE d.comment_id = c.id ORDER BY d.decided_at DESC, d.id LIMIT 1) AS decision`;

export const COMMENT_JOINS = `JOIN users u ON u.id = c.author_id LEFT JOIN groups g ON g.id = c.group_id`;

/**
 * What a delegate may read: their own comments, and others' where the comment's consultation shows comments to all
 * participants and is addressed to the delegate. `me`/`group` are parameter placeholders.
 */
export const DELEGATE_SEES = (me: string, group: string) => `(c.author_id = ${me} OR EXISTS (
  SELECT 1 FROM consultations k WHERE k.id = c.consultation_id AND k.visibility = 'participants'
     AND (k.audience_all OR ${group}::uuid = ANY(k.audience_groups))))`;

/** Time-ordered UUIDs (version 7 layout): comment ids sort by creation, so lists page in order on the index. */
export function uuidv7(): string {
  const b = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

@Injectable()
export class CommentsRepository {
  /** One comment, if the user may read it; null otherwise (or when absent). */
  async findVisible(em: EntityManager, user: AuthUser, id: string): Promise<CommentView | null> {
    const params: unknown[] = [id];
    let where = 'c.id = $1';
    if (user.role === 'delegate') {
      params.push(user.id, user.groupId);
      where += ` AND ${DELEGATE_SEES('$2', '$3')}`;
    }
    const rows = await em.query(`SELECT ${COMMENT_COLUMNS} FROM comments c ${COMMENT_JOINS} WHERE ${where}`, params);
    return rows[0] ?? null;
  }

  /** The row as the write paths need it, locked for the rest of the transaction. */
  async lockForWrite(em: EntityManager, id: string) {
    const rows = await em.query(
      `SELECT c.id, c.author_id AS "authorId", c.status, c.revision, c.kind, c.body, c.suggestion, c.document_id AS "documentId",
              k.title, k.opens_at AS "opensAt", k.closes_at AS "closesAt", (now() >= k.opens_at AND now() < k.closes_at) AS open
         FROM comments c JOIN consultations k ON k.id = c.consultation_id WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return rows[0] as
      | { id: string; authorId: string; status: CommentStatus; revision: number; kind: CommentKind; body: string; suggestion: string | null;
          documentId: string; title: string; opensAt: Date; closesAt: Date; open: boolean }
      | undefined;
  }

  async addRevision(em: EntityManager, c: { id: string; revision: number; kind: string; body: string; suggestion: string | null; status: string }) {
    await em.query(`INSERT INTO comment_revisions (comment_id, revision, kind, body, suggestion, status) VALUES ($1, $2, $3, $4, $5, $6)`, [
      c.id, c.revision, c.kind, c.body, c.suggestion, c.status,
    ]);
  }

  history(em: EntityManager, id: string) {
    return em.query(
      `SELECT revision, kind, body, suggestion, status, replaced_at AS "replacedAt" FROM comment_revisions
        WHERE comment_id = $1 ORDER BY revision`,
      [id],
    );
  }

  replies(em: EntityManager, id: string) {
    return em.query(
      `SELECT r.id, r.body, r.created_at AS "createdAt",
              json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name, 'role', u.role) AS author
         FROM comment_replies r JOIN users u ON u.id = r.author_id WHERE r.comment_id = $1 ORDER BY r.created_at, r.id`,
      [id],
    );
  }

  decisions(em: EntityManager, id: string) {
    return em.query(
      `SELECT d.outcome, d.reason, d.implemented_in_version AS "implementedInVersion", d.decided_at AS "decidedAt",
              json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS "decidedBy"
         FROM comment_decisions d JOIN users u ON u.id = d.decided_by WHERE d.comment_id = $1 ORDER BY d.decided_at, d.id`,
      [id],
    );
  }
}
