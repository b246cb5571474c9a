import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { CURRENT_DECISION, DELEGATE_SEES } from '../comments/comments.repository';
import type { Outcome } from '../comments/comments.entities';

export interface HistoryClause {
  versionNumber: number;
  key: string;
  label: string;
  path: string;
  text: string;
}

export interface HistoryLineage {
  fromVersion: number;
  toVersion: number;
  fromKey: string;
  toKey: string;
  kind: 'split' | 'merge';
}

export interface HistoryComment {
  id: string;
  versionNumber: number;
  clauseKey: string;
  kind: string;
  body: string;
  status: string;
  author: { id: string; displayName: string };
  group: { id: string; name: string } | null;
  decision: { outcome: Outcome; reason: string; implementedInVersion: number | null } | null;
}

/** The rows a clause's history is made of, for a set of keys (the clause and what it came from). */
@Injectable()
export class HistoryRepository {
  clauses(em: EntityManager, documentId: string, keys: string[]): Promise<HistoryClause[]> {
    return em.query(
      `SELECT v.number AS "versionNumber", c.key, c.label, c.path, c.text
         FROM clauses c JOIN versions v ON v.id = c.version_id
        WHERE c.document_id = $1 AND c.key = ANY($2::text[]) ORDER BY v.number, c.ordinal`,
      [documentId, keys],
    );
  }

  lineage(em: EntityManager, documentId: string, keys: string[]): Promise<HistoryLineage[]> {
    return em.query(
      `SELECT fv.number AS "fromVersion", tv.number AS "toVersion", l.from_key AS "fromKey", l.to_key AS "toKey", l.kind
         FROM clause_lineage l JOIN versions fv ON fv.id = l.from_version_id JOIN versions tv ON tv.id = l.to_version_id
        WHERE l.document_id = $1 AND l.kind IN ('split', 'merge') AND (l.from_key = ANY($2::text[]) OR l.to_key = ANY($2::text[]))
        ORDER BY tv.number, l.kind, l.from_key, l.to_key`,
      [documentId, keys],
    );
  }

  /** Comments made on these keys (where they were written), those a delegate may read only. */
  comments(em: EntityManager, user: AuthUser, documentId: string, keys: string[]): Promise<HistoryComment[]> {
    const delegate = user.role === 'delegate';
    return em.query(
      `SELECT c.id, c.version_number AS "versionNumber", c.clause_key AS "clauseKey", c.kind, c.body, c.status,
              json_build_object('id', u.id, 'displayName', u.display_name) AS author,
              CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('id', g.id, 'name', g.name) END AS "group",
              (SELECT json_build_object('outcome', d.outcome, 'reason', d.reason, 'implementedInVersion', d.implemented_in_version)
                 FROM ${CURRENT_DECISION('c')} d) AS decision
         FROM comments c JOIN users u ON u.id = c.author_id LEFT JOIN groups g ON g.id = c.group_id
        WHERE c.document_id = $1 AND c.clause_key = ANY($2::text[]) ${delegate ? `AND ${DELEGATE_SEES('$3', '$4')}` : ''}
        ORDER BY c.created_at, c.id`,
      delegate ? [documentId, keys, user.id, user.groupId] : [documentId, keys],
    );
  }
}
