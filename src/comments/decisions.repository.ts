import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Outcome, REOPENED } from './comments.entities';
import { CURRENT_DECISION } from './comments.repository';

/** A comment_decisions row as the INSERT … RETURNING of a decision or a reopening gives it back. */
export interface DecisionRow {
  commentId: string;
  outcome: Outcome | typeof REOPENED;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
}

/** A comment named in a new version's `implements`, with its current decision (none: null), locked. */
export interface ImplementedComment {
  id: string;
  documentId: string;
  versionNumber: number;
  outcome: Outcome | null;
  reason: string | null;
}

/** A comment about to be decided, locked. */
export interface CommentToDecide {
  id: string;
  documentId: string;
  versionNumber: number;
}

/** One decision as a comment's thread lists it, with who took it. */
export interface DecisionEntry {
  outcome: Outcome;
  reason: string;
  implementedInVersion: number | null;
  decidedAt: Date;
  decidedBy: { id: string; username: string; displayName: string };
}

/** The drafting group's decisions on comments (append-only rows of comment_decisions) and what deciding reads. */
@Injectable()
export class DecisionsRepository {
  /** The comments among `ids` (absent ones are left out) with their current decision, locked for the transaction. */
  lockWithDecisions(em: EntityManager, ids: string[]): Promise<ImplementedComment[]> {
    return em.query<ImplementedComment[]>(
      `SELECT c.id, c.document_id AS "documentId", c.version_number AS "versionNumber", d.outcome, d.reason
         FROM comments c LEFT JOIN LATERAL ${CURRENT_DECISION('c')} d ON true
        WHERE c.id = ANY($1::uuid[]) FOR UPDATE OF c`,
      [ids],
    );
  }

  /** Records, for each comment, its current outcome and reason again with the version that carried it out. */
  async insertImplemented(
    em: EntityManager,
    found: Pick<ImplementedComment, 'id' | 'outcome' | 'reason'>[],
    versionNumber: number,
    actorId: string | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO comment_decisions (comment_id, outcome, reason, implemented_in_version, decided_by)
       SELECT f.id, f.outcome, f.reason, $4, $5 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS f(id, outcome, reason)`,
      [found.map((f) => f.id), found.map((f) => f.outcome), found.map((f) => f.reason), versionNumber, actorId],
    );
  }

  /** The comments among `ids` (absent ones are left out), locked for the transaction. */
  lockForDecision(em: EntityManager, ids: string[]): Promise<CommentToDecide[]> {
    return em.query<CommentToDecide[]>(
      `SELECT id, document_id AS "documentId", version_number AS "versionNumber" FROM comments WHERE id = ANY($1::uuid[]) FOR UPDATE`,
      [ids],
    );
  }

  /** How many of these documents have a version with this number. */
  async countDocumentsWithVersion(em: EntityManager, documentIds: string[], versionNumber: number): Promise<number> {
    const [{ n }] = await em.query<{ n: number }[]>(
      `SELECT count(DISTINCT document_id)::int AS n FROM versions WHERE document_id = ANY($1::uuid[]) AND number = $2`,
      [documentIds, versionNumber],
    );
    return n;
  }

  /** The same decision on every comment of `ids`, one row each, returned as recorded. */
  insertDecisions(
    em: EntityManager,
    ids: string[],
    d: { outcome: Outcome; reason: string; implementedInVersion: number | null; decidedBy: string },
  ): Promise<(DecisionRow & { implementedInVersion: number | null })[]> {
    return em.query<(DecisionRow & { implementedInVersion: number | null })[]>(
      `INSERT INTO comment_decisions (comment_id, outcome, reason, implemented_in_version, decided_by)
         SELECT id, $2, $3, $4, $5 FROM unnest($1::uuid[]) AS id
         RETURNING comment_id AS "commentId", outcome, reason, implemented_in_version AS "implementedInVersion",
                   decided_by AS "decidedBy", decided_at AS "decidedAt"`,
      [ids, d.outcome, d.reason, d.implementedInVersion, d.decidedBy],
    );
  }

  /** The comment with its current outcome (null: undecided), locked; undefined when there is none. */
  async lockForReopen(em: EntityManager, id: string): Promise<{ id: string; decided: Outcome | null } | undefined> {
    const [c] = await em.query<{ id: string; decided: Outcome | null }[]>(
      `SELECT c.id, (SELECT d.outcome FROM ${CURRENT_DECISION('c')} d) AS decided FROM comments c WHERE c.id = $1 FOR UPDATE`,
      [id],
    );
    return c;
  }

  /** The row that takes the current decision back: outcome `reopened`, with its reason. */
  async insertReopening(em: EntityManager, commentId: string, reason: string, decidedBy: string): Promise<DecisionRow> {
    const [row] = await em.query<DecisionRow[]>(
      `INSERT INTO comment_decisions (comment_id, outcome, reason, decided_by) VALUES ($1, $2, $3, $4)
         RETURNING comment_id AS "commentId", outcome, reason, decided_by AS "decidedBy", decided_at AS "decidedAt"`,
      [commentId, REOPENED, reason, decidedBy],
    );
    return row;
  }

  /** Every decision taken on a comment, oldest first. */
  forComment(em: EntityManager, id: string): Promise<DecisionEntry[]> {
    return em.query<DecisionEntry[]>(
      `SELECT d.outcome, d.reason, d.implemented_in_version AS "implementedInVersion", d.decided_at AS "decidedAt",
              json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS "decidedBy"
         FROM comment_decisions d JOIN users u ON u.id = d.decided_by WHERE d.comment_id = $1 ORDER BY d.decided_at, d.id`,
      [id],
    );
  }

  /** The open comments of a version (of one clause when `clauseKey` is set), to group the near-identical ones. */
  openComments(
    em: EntityManager,
    versionId: string,
    clauseKey: string | null,
  ): Promise<{ id: string; clauseKey: string; body: string }[]> {
    return em.query<{ id: string; clauseKey: string; body: string }[]>(
      `SELECT c.id, a.clause_key AS "clauseKey", c.body FROM comment_anchor a JOIN comments c ON c.id = a.comment_id
        WHERE a.version_id = $1 AND NOT a.withdrawn AND ($2::text IS NULL OR a.clause_key = $2)`,
      [versionId, clauseKey],
    );
  }
}
