import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Outcome } from '../comments/comments.entities';
import { CURRENT_DECISION } from '../comments/comments.repository';

/** One open comment of a consultation as the disposition report reads it: its clause, author and latest decision. */
export interface ReportCommentRow {
  label: string;
  path: string | null;
  commenter: string;
  grp: string | null;
  kind: string;
  body: string;
  suggestion: string | null;
  outcome: Outcome | null;
  reason: string | null;
}

/** Named queries of the reports area. Every method takes the EntityManager (the primary's or a replica's). */
@Injectable()
export class ReportsRepository {
  /** The open comments of the consultation with their clause and latest decision, in the clauses' order. */
  openComments(em: EntityManager, consultationId: string): Promise<ReportCommentRow[]> {
    return em.query<ReportCommentRow[]>(
      `SELECT coalesce(nullif(cl.label, ''), left(cl.text, 20), '（已删除条款）') AS label, nullif(cl.path, '') AS path, u.display_name AS commenter, g.name AS grp,
              m.kind, m.body, m.suggestion, d.outcome, d.reason
         FROM comments m
         JOIN users u ON u.id = m.author_id LEFT JOIN groups g ON g.id = m.group_id
         LEFT JOIN clauses cl ON cl.version_id = m.version_id AND cl.key = m.clause_key
         LEFT JOIN LATERAL ${CURRENT_DECISION('m')} d ON true
        WHERE m.consultation_id = $1 AND m.status = 'open'
        ORDER BY cl.ordinal NULLS LAST, m.created_at, m.id`,
      [consultationId],
    );
  }
}
