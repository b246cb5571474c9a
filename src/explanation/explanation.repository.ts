import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CURRENT_DECISION } from '../comments/comments.repository';
import type { Outcome } from '../comments/comments.entities';

export interface AdoptedCommentRow {
  id: string;
  versionNumber: number;
  clauseKey: string;
  kind: string;
  body: string;
  suggestion: string | null;
  author: { id: string; displayName: string };
  group: { id: string; name: string } | null;
  decision: { outcome: Outcome; reason: string; implementedInVersion: number };
  /** Where the comment stood in each version up to the explanation's newer one: [[versionNumber, clauseKey], …]. */
  anchors: [number, string][];
}

/** Named queries of the explanation area. */
@Injectable()
export class ExplanationRepository {
  /**
   * Comments whose current decision is 采纳 or 部分采纳 and names a version in (from, to] as the one that carried it
   * out (withdrawn comments included: the decision stands), with where each stood in every version up to `to`.
   */
  adoptedBetween(em: EntityManager, documentId: string, from: number, to: number): Promise<AdoptedCommentRow[]> {
    return em.query(
      `SELECT c.id, c.version_number AS "versionNumber", c.clause_key AS "clauseKey", c.kind, c.body, c.suggestion,
              json_build_object('id', u.id, 'displayName', u.display_name) AS author,
              CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('id', g.id, 'name', g.name) END AS "group",
              json_build_object('outcome', d.outcome, 'reason', d.reason, 'implementedInVersion', d.implemented_in_version) AS decision,
              coalesce((SELECT json_agg(json_build_array(v.number, a.clause_key) ORDER BY v.number)
                          FROM comment_anchor a JOIN versions v ON v.id = a.version_id
                         WHERE a.comment_id = c.id AND v.number <= $3), '[]'::json) AS anchors
         FROM comments c
         JOIN LATERAL ${CURRENT_DECISION('c')} d ON true
         JOIN users u ON u.id = c.author_id LEFT JOIN groups g ON g.id = c.group_id
        WHERE c.document_id = $1 AND d.outcome IN ('adopted', 'partly_adopted')
          AND d.implemented_in_version > $2 AND d.implemented_in_version <= $3
        ORDER BY d.implemented_in_version, c.created_at, c.id`,
      [documentId, from, to],
    );
  }
}
