import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { prepared } from '../database/data-source';
import { AUDIENCE_SQL, CONSULTATION_FOR_COMMENT_SQL, type ConsultationRef } from '../consultations/version-access';
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
  originalAnchor: {
    versionNumber: number;
    clauseKey: string;
    start: number;
    end: number;
    quote: QuoteSelector | null;
    clausePath?: string | null;
  };
  /** Where the comment stands in the version asked about (lists) — offsets into that version's clause text. */
  anchor?: {
    status: AnchorStatus;
    clauseKey: string;
    start: number;
    end: number;
    score: number | null;
    clausePath: string | null;
  };
  decision: {
    outcome: Outcome;
    reason: string;
    implementedInVersion: number | null;
    decidedBy: string;
    decidedAt: Date;
  } | null;
}

/**
 * The comment's current decision as a one-row (or empty) relation: its latest decision row, none when that row
 * reopened the comment. Every reader of "the decision" goes through this.
 */
export const CURRENT_DECISION = (
  comment: string,
) => `(SELECT * FROM (SELECT * FROM comment_decisions x WHERE x.comment_id = ${comment}.id
    ORDER BY x.decided_at DESC, x.id DESC LIMIT 1) latest WHERE latest.outcome <> 'reopened')`;

export const COMMENT_COLUMNS = `c.id, c.document_id AS "documentId", c.version_number AS "versionNumber",
  c.consultation_id AS "consultationId", c.clause_key AS "clauseKey", c.kind, c.body, c.suggestion, c.status, c.revision,
  json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS author,
  CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('id', g.id, 'name', g.name) END AS "group",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  json_build_object('versionNumber', c.version_number, 'clauseKey', c.clause_key, 'start', c.start_offset,
                    'end', c.end_offset, 'quote', c.quote,
                    'clausePath', (SELECT oc.path FROM clauses oc WHERE oc.version_id = c.version_id AND oc.key = c.clause_key)) AS "originalAnchor",
  (SELECT json_build_object('outcome', d.outcome, 'reason', d.reason, 'implementedInVersion', d.implemented_in_version,
                            'decidedBy', d.decided_by, 'decidedAt', d.decided_at)
     FROM ${CURRENT_DECISION('c')} d) AS decision`;

export const COMMENT_JOINS = `JOIN users u ON u.id = c.author_id LEFT JOIN groups g ON g.id = c.group_id`;

/**
 * What a delegate may read: their own comments, and others' where the comment's consultation shows comments to all
 * participants and is addressed to the delegate. `me`/`group` are parameter placeholders.
 */
export const DELEGATE_SEES = (me: string, group: string) => `(c.author_id = ${me} OR EXISTS (
  SELECT 1 FROM consultations k WHERE k.id = c.consultation_id AND k.visibility = 'participants'
     AND ${AUDIENCE_SQL('k', group)}))`;

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

/** Everything creating a comment needs to know, gathered by one query (CommentsRepository.createContext). */
export interface CreateContext {
  /** The consultation that decides (see CONSULTATION_FOR_COMMENT_SQL); null when none is addressed to the user. */
  consultation: ConsultationRef | null;
  /** The clause's text in the consultation's version; null when the version has no such clause (or no consultation). */
  clauseText: string | null;
  /** The clause's full name in that version. */
  clausePath: string | null;
  groupName: string | null;
  /** A later version is based on this one: the new comment must be carried into it (the rare late comment). */
  laterVersions: boolean;
  /** The comment this author already made with this Idempotency-Key, if any. */
  existing: { id: string; hash: string } | null;
}

export interface NewComment {
  id: string;
  documentId: string;
  versionId: string;
  versionNumber: number;
  consultationId: string;
  clauseKey: string;
  quote: QuoteSelector | null;
  start: number;
  end: number;
  kind: CommentKind;
  body: string;
  suggestion: string | null;
  authorId: string;
  groupId: string | null;
  idempotencyKey: string | null;
  requestHash: string;
}

/** What createContext reads; the placeholders are SQL parameter names. At most one row (exactly one). */
const CONTEXT_SQL = (doc: string, num: string, group: string, clause: string, author: string, key: string) => `SELECT
    k.id, k."versionId", k."opensAt", k."closesAt", k.visibility, k.title, k.open,
    (SELECT cl.text FROM clauses cl WHERE cl.version_id = k."versionId" AND cl.key = ${clause}) AS "clauseText",
    (SELECT cl.path FROM clauses cl WHERE cl.version_id = k."versionId" AND cl.key = ${clause}) AS "clausePath",
    (SELECT g.name FROM groups g WHERE g.id = ${group}) AS "groupName",
    EXISTS (SELECT 1 FROM versions lv WHERE lv.document_id = ${doc} AND lv.based_on = ${num}) AS "laterVersions",
    e.id AS "existingId", e.request_hash AS "existingHash"
  FROM (SELECT 1) one
  LEFT JOIN (${CONSULTATION_FOR_COMMENT_SQL(doc, num, group)}) k ON true
  LEFT JOIN comments e ON e.author_id = ${author} AND e.idempotency_key = ${key}`;

/** A row of CONTEXT_SQL (and of the group-commit statement, which adds its own columns). */
interface ContextRow {
  id: string | null;
  versionId: string;
  opensAt: Date;
  closesAt: Date;
  visibility: ConsultationRef['visibility'];
  title: string;
  open: boolean;
  clauseText: string | null;
  clausePath: string | null;
  groupName: string | null;
  laterVersions: boolean;
  existingId: string | null;
  /** Set whenever existingId is (request_hash is NOT NULL). */
  existingHash: string;
}

function toContext(r: ContextRow): CreateContext {
  return {
    consultation: r.id
      ? {
          id: r.id,
          versionId: r.versionId,
          opensAt: r.opensAt,
          closesAt: r.closesAt,
          visibility: r.visibility,
          title: r.title,
          open: r.open,
        }
      : null,
    clauseText: r.clauseText,
    clausePath: r.clausePath,
    groupName: r.groupName,
    laterVersions: r.laterVersions,
    existing: r.existingId ? { id: r.existingId, hash: r.existingHash } : null,
  };
}

/** A comment as the write paths need it (CommentsRepository.lockForWrite). */
interface LockedComment {
  id: string;
  authorId: string;
  status: CommentStatus;
  revision: number;
  kind: CommentKind;
  body: string;
  suggestion: string | null;
  documentId: string;
  title: string;
  opensAt: Date;
  closesAt: Date;
  open: boolean;
  decided: Outcome | null;
}

/** Writing comments: creating one (a single statement each way), then editing, withdrawing and replying. */
@Injectable()
export class CommentsRepository {
  /**
   * One round trip for the create path: the consultation for the user (audience, window), the clause text, the
   * author's group name, whether a later version is based on this one, and an earlier comment with the same key.
   * `documentId` is null when it is not a uuid (then only the idempotency row can be found).
   */
  async createContext(
    em: EntityManager,
    p: {
      documentId: string | null;
      versionNumber: number;
      groupId: string | null;
      clauseKey: string;
      authorId: string;
      key: string | null;
    },
  ): Promise<CreateContext> {
    const [r] = await em.query<ContextRow[]>(
      prepared('comment_create_context_v2', CONTEXT_SQL('$1', '$2', '$3', '$4', '$5', '$6')),
      [p.documentId, p.versionNumber, p.groupId, p.clauseKey, p.authorId, p.key],
    );
    return toContext(r);
  }

  /**
   * The common case in ONE round trip: a comment on a whole clause (no quote, so no offsets to find in the clause
   * text first). Gathers the context as createContext does and, only when it allows the comment at once (open
   * window, clause present, no earlier comment with the key, no later version to carry it into), inserts comment,
   * anchor and audit entry like insertNew. `written` is null when it inserted nothing; the context then says why.
   */
  async createWholeClause(
    em: EntityManager,
    c: Omit<NewComment, 'versionId' | 'consultationId' | 'quote' | 'start' | 'end'>,
  ): Promise<{ context: CreateContext; written: { createdAt: Date; updatedAt: Date } | null }> {
    const [result] = await this.createWholeClauseMany(em, [c]);
    return result;
  }

  /**
   * createWholeClause for many requests in ONE statement (see WholeClauseBatcher): each request's context is read
   * and, where it allows, its comment, anchor and audit entry are written, exactly as createWholeClause does for one.
   * Results come back in the order of the requests. One statement is one transaction: if it fails, none is written.
   */
  async createWholeClauseMany(
    em: EntityManager,
    cs: Omit<NewComment, 'versionId' | 'consultationId' | 'quote' | 'start' | 'end'>[],
  ): Promise<{ context: CreateContext; written: { createdAt: Date; updatedAt: Date } | null }[]> {
    const col = <T>(f: (c: (typeof cs)[number]) => T) => cs.map(f);
    const rows = await em.query<(ContextRow & { createdAt: Date | null; updatedAt: Date })[]>(
      prepared(
        'comment_create_whole_clause_many_v2',
        `WITH req AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                              $9::uuid[], $10::uuid[], $11::text[], $12::jsonb[])
           WITH ORDINALITY AS r(req_id, doc, num, clause, kind, body, suggestion, hash, author, grp, key, detail, ord)),
       ctx AS (
         SELECT r.*, x.* FROM req r
         CROSS JOIN LATERAL (${CONTEXT_SQL('r.doc', 'r.num', 'r.grp', 'r.clause', 'r.author', 'r.key')}) x),
       ins AS (
         INSERT INTO comments (id, document_id, version_id, version_number, consultation_id, clause_key, quote, start_offset, end_offset,
                               kind, body, suggestion, author_id, group_id, idempotency_key, request_hash)
         SELECT req_id, doc, "versionId", num, id, clause, NULL, 0, 0, kind, body, suggestion, author, grp, key, hash FROM ctx
          WHERE open AND "clauseText" IS NOT NULL AND "existingId" IS NULL AND NOT "laterVersions"
         ON CONFLICT ON CONSTRAINT uq_comments_author_idempotency DO NOTHING
         RETURNING id, version_id, clause_key, created_at, updated_at),
       anchor AS (
         INSERT INTO comment_anchor (version_id, comment_id, clause_key, start_offset, end_offset, status, score, withdrawn)
         SELECT version_id, id, clause_key, 0, 0, 'exact', NULL, false FROM ins),
       log AS (
         INSERT INTO audit_log (actor_id, action, entity, entity_id, detail)
         SELECT ctx.author, 'comment.create', 'comment', ins.id::text, ctx.detail FROM ins JOIN ctx ON ctx.req_id = ins.id)
       SELECT ctx.*, ins.created_at AS "createdAt", ins.updated_at AS "updatedAt"
         FROM ctx LEFT JOIN ins ON ins.id = ctx.req_id ORDER BY ctx.ord`,
      ),
      [
        col((c) => c.id),
        col((c) => c.documentId),
        col((c) => c.versionNumber),
        col((c) => c.clauseKey),
        col((c) => c.kind),
        col((c) => c.body),
        col((c) => c.suggestion),
        col((c) => c.requestHash),
        col((c) => c.authorId),
        col((c) => c.groupId),
        col((c) => c.idempotencyKey),
        col((c) =>
          JSON.stringify({ documentId: c.documentId, versionNumber: c.versionNumber, clauseKey: c.clauseKey }),
        ),
      ],
    );
    return rows.map((r) => ({
      context: toContext(r),
      written: r.createdAt ? { createdAt: r.createdAt, updatedAt: r.updatedAt } : null,
    }));
  }

  /**
   * Inserts the comment, its anchor in its own version and the audit entry in ONE statement (so one transaction even
   * outside an explicit one). Null when a comment with the same (author, Idempotency-Key) exists: the statement
   * waits for a concurrent one with that key to commit and then inserts nothing. The audit row is what audit() writes.
   */
  async insertNew(em: EntityManager, c: NewComment): Promise<{ createdAt: Date; updatedAt: Date } | null> {
    const rows = await em.query<{ createdAt: Date; updatedAt: Date }[]>(
      prepared(
        'comment_insert_v1',
        `WITH ins AS (
         INSERT INTO comments (id, document_id, version_id, version_number, consultation_id, clause_key, quote, start_offset, end_offset,
                               kind, body, suggestion, author_id, group_id, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT ON CONSTRAINT uq_comments_author_idempotency DO NOTHING
         RETURNING id, clause_key, start_offset, end_offset, created_at, updated_at),
       anchor AS (
         INSERT INTO comment_anchor (version_id, comment_id, clause_key, start_offset, end_offset, status, score, withdrawn)
         SELECT $3, id, clause_key, start_offset, end_offset, 'exact', NULL, false FROM ins),
       log AS (
         INSERT INTO audit_log (actor_id, action, entity, entity_id, detail)
         SELECT $13, 'comment.create', 'comment', id::text, $17::jsonb FROM ins)
       SELECT created_at AS "createdAt", updated_at AS "updatedAt" FROM ins`,
      ),
      [
        c.id,
        c.documentId,
        c.versionId,
        c.versionNumber,
        c.consultationId,
        c.clauseKey,
        c.quote ? JSON.stringify(c.quote) : null,
        c.start,
        c.end,
        c.kind,
        c.body,
        c.suggestion,
        c.authorId,
        c.groupId,
        c.idempotencyKey,
        c.requestHash,
        JSON.stringify({ documentId: c.documentId, versionNumber: c.versionNumber, clauseKey: c.clauseKey }),
      ],
    );
    return rows[0] ?? null;
  }

  /** The comment this author made with this Idempotency-Key (the request that won a race for the key). */
  async byIdempotencyKey(
    em: EntityManager,
    authorId: string,
    key: string | null,
  ): Promise<{ id: string; hash: string }> {
    const [e] = await em.query<{ id: string; hash: string }[]>(
      `SELECT id, request_hash AS "hash" FROM comments WHERE author_id = $1 AND idempotency_key = $2`,
      [authorId, key],
    );
    return e;
  }

  /** The row as the write paths need it, locked for the rest of the transaction. */
  async lockForWrite(em: EntityManager, id: string) {
    const rows = await em.query<LockedComment[]>(
      `SELECT c.id, c.author_id AS "authorId", c.status, c.revision, c.kind, c.body, c.suggestion, c.document_id AS "documentId",
              k.title, k.opens_at AS "opensAt", k.closes_at AS "closesAt", (now() >= k.opens_at AND now() < k.closes_at) AS open,
              (SELECT d.outcome FROM ${CURRENT_DECISION('c')} d) AS decided
         FROM comments c JOIN consultations k ON k.id = c.consultation_id WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return rows[0] as LockedComment | undefined;
  }

  async addRevision(
    em: EntityManager,
    c: { id: string; revision: number; kind: string; body: string; suggestion: string | null; status: string },
  ) {
    await em.query(
      `INSERT INTO comment_revisions (comment_id, revision, kind, body, suggestion, status) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, c.revision, c.kind, c.body, c.suggestion, c.status],
    );
  }

  /** A new wording (the earlier one goes to the history first: addRevision); the revision counts up. */
  async updateText(
    em: EntityManager,
    id: string,
    t: { kind: CommentKind; body: string; suggestion: string | null },
  ): Promise<void> {
    await em.query(
      `UPDATE comments SET kind = $2, body = $3, suggestion = $4, revision = revision + 1, updated_at = now() WHERE id = $1`,
      [id, t.kind, t.body, t.suggestion],
    );
  }

  /** The comment withdrawn; its anchors are marked apart (AnchorsRepository.markWithdrawn). */
  async markWithdrawn(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE comments SET status = 'withdrawn', revision = revision + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** A reply in the comment's thread. */
  async insertReply(
    em: EntityManager,
    commentId: string,
    authorId: string,
    body: string,
  ): Promise<{ id: string; createdAt: Date }> {
    const [r] = await em.query<{ id: string; createdAt: Date }[]>(
      `INSERT INTO comment_replies (comment_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, created_at AS "createdAt"`,
      [commentId, authorId, body],
    );
    return r;
  }
}
