import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CURRENT_DECISION } from '../comments/comments.repository';
import type { CommentKind, CommentStatus, Outcome } from '../comments/comments.entities';
import type { AnchorStatus } from '../engine/reanchor';

/** A chosen comment as a proposal needs it: what it asks, its decision, and where it stands in the base version. */
export interface ChosenComment {
  id: string;
  documentId: string;
  versionNumber: number;
  kind: CommentKind;
  suggestion: string | null;
  status: CommentStatus;
  quoted: boolean;
  outcome: Outcome | null;
  /** Its anchor in the base version (carried forward when it was made on an earlier one); null when it has none there. */
  anchor: { clauseKey: string; start: number; end: number; status: AnchorStatus; clausePath: string | null } | null;
}

@Injectable()
export class ProposalsRepository {
  /** The comments with these ids (any document; the caller checks), in the order they were made. */
  chosen(em: EntityManager, ids: string[], baseVersionId: string): Promise<ChosenComment[]> {
    return em.query(
      `SELECT c.id, c.document_id AS "documentId", c.version_number AS "versionNumber", c.kind, c.suggestion, c.status,
              c.quote IS NOT NULL AS quoted,
              (SELECT d.outcome FROM ${CURRENT_DECISION('c')} d) AS outcome,
              CASE WHEN a.comment_id IS NULL THEN NULL ELSE json_build_object(
                'clauseKey', a.clause_key, 'start', a.start_offset, 'end', a.end_offset, 'status', a.status,
                'clausePath', (SELECT cl.path FROM clauses cl WHERE cl.version_id = a.version_id AND cl.key = a.clause_key)) END AS anchor
         FROM comments c
         LEFT JOIN comment_anchor a ON a.comment_id = c.id AND a.version_id = $2
        WHERE c.id = ANY($1::uuid[])
        ORDER BY c.created_at, c.id`,
      [ids, baseVersionId],
    );
  }
}
