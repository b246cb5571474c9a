import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsultationView } from './consultations.dto';
import type { Visibility } from './consultations.entities';
import { prepared } from '../database/data-source';
import { KEYS_GENERATION_SQL } from '../database/keys-generation';
import { AUDIENCE_SQL, RELEASED_SQL } from './release-rules';

/** The columns of a new consultation row. */
export interface NewConsultation {
  documentId: string;
  versionId: string;
  versionNumber: number;
  title: string;
  opensAt: Date;
  closesAt: Date;
  audienceAll: boolean;
  audienceGroups: string[];
  visibility: Visibility;
  createdBy: string;
}

/** A delegate of a consultation's audience, with their group and whether they have commented in it. */
export interface AudienceDelegateRow {
  groupId: string;
  groupName: string;
  id: string;
  username: string;
  displayName: string;
  commented: boolean;
}

const SELECT = `SELECT c.id, c.document_id AS "documentId", c.version_number AS "versionNumber", c.title,
    c.opens_at AS "opensAt", c.closes_at AS "closesAt",
    CASE WHEN c.audience_all THEN to_jsonb('all'::text) ELSE to_jsonb(c.audience_groups) END AS audience,
    c.visibility, c.created_by AS "createdBy", c.created_at AS "createdAt",
    (now() >= c.opens_at AND now() < c.closes_at) AS open
  FROM consultations c`;

/**
 * Named queries over consultations. Every method takes the EntityManager (the transaction's inside a use case, the
 * data source's for a plain read): nothing runs outside the caller's transaction by accident.
 */
@Injectable()
export class ConsultationsRepository {
  /** How many of `groupIds` name an existing group. */
  async countExistingGroups(em: EntityManager, groupIds: string[]): Promise<number> {
    const [{ n }] = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM groups WHERE id = ANY($1::uuid[])`,
      [groupIds],
    );
    return n;
  }

  async insert(em: EntityManager, c: NewConsultation): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO consultations (document_id, version_id, version_number, title, opens_at, closes_at, audience_all,
                                    audience_groups, visibility, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10) RETURNING id`,
      [
        c.documentId,
        c.versionId,
        c.versionNumber,
        c.title,
        c.opensAt,
        c.closesAt,
        c.audienceAll,
        c.audienceGroups,
        c.visibility,
        c.createdBy,
      ],
    );
    return row.id;
  }

  /** Ends the window now; a window that has already ended keeps its end (and every window stays non-empty). */
  async close(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE consultations SET closes_at = GREATEST(opens_at + interval '1 millisecond', LEAST(closes_at, now())) WHERE id = $1`,
      [id],
    );
  }

  async byId(em: EntityManager, id: string): Promise<ConsultationView | undefined> {
    const [row] = await em.query<ConsultationView[]>(`${SELECT} WHERE c.id = $1`, [id]);
    return row;
  }

  /** A document's consultations, latest opening first. */
  forDocument(em: EntityManager, documentId: string): Promise<ConsultationView[]> {
    return em.query<ConsultationView[]>(`${SELECT} WHERE c.document_id = $1 ORDER BY c.opens_at DESC`, [documentId]);
  }

  /** A document's consultations addressed to `groupId` (every delegate, or that group), latest opening first. */
  forDocumentAddressedTo(em: EntityManager, documentId: string, groupId: string | null): Promise<ConsultationView[]> {
    return em.query<ConsultationView[]>(
      `${SELECT} WHERE c.document_id = $1 AND ${AUDIENCE_SQL('c', '$2')} ORDER BY c.opens_at DESC`,
      [documentId, groupId],
    );
  }

  /** The enabled delegates of the consultation's audience, by group name and user name. */
  audienceDelegates(em: EntityManager, id: string): Promise<AudienceDelegateRow[]> {
    return em.query<AudienceDelegateRow[]>(
      `SELECT g.id AS "groupId", g.name AS "groupName", u.id, u.username, u.display_name AS "displayName",
                EXISTS (SELECT 1 FROM comments m WHERE m.consultation_id = c.id AND m.author_id = u.id) AS commented
           FROM consultations c
           JOIN groups g ON ${AUDIENCE_SQL('c', 'g.id')}
           JOIN users u ON u.group_id = g.id AND u.role = 'delegate' AND NOT u.disabled
          WHERE c.id = $1
          ORDER BY g.name, u.username`,
      [id],
    );
  }

  /** Whether the document has a version released to the group at all, and whether version `number` is one. */
  async releasedTo(
    em: EntityManager,
    documentId: string,
    versionNumber: number,
    groupId: string,
  ): Promise<{ document: boolean; version: boolean }> {
    const [seen] = await em.query<{ document: boolean; version: boolean }[]>(
      `SELECT count(*) > 0 AS document, coalesce(bool_or(v.number = $2), false) AS version
         FROM versions v JOIN consultations c ON c.version_id = v.id
        WHERE v.document_id = $1 AND ${RELEASED_SQL('c', '$3')}`,
      [documentId, versionNumber, groupId],
    );
    return seen;
  }

  /**
   * In one query: whether the document is visible to the reader (a delegate of `groupId` when `delegate`), the asked
   * versions' ids and whether each is released to them, and the document's keys generation. No row: no document.
   */
  async readableVersions(
    em: EntityManager,
    documentId: string,
    numbers: number[],
    delegate: boolean,
    groupId: string | null,
  ): Promise<ReadableRow | undefined> {
    const [row] = await em.query<ReadableRow[]>(prepared('readable_versions_v1', READABLE_VERSIONS_SQL), [
      documentId,
      numbers,
      delegate,
      groupId,
    ]);
    return row;
  }
}

/** $1 document, $2 version numbers, $3 is the reader a delegate, $4 their group. */
const READABLE_VERSIONS_SQL = `SELECT
    (NOT $3::boolean OR EXISTS (SELECT 1 FROM versions v JOIN consultations c ON c.version_id = v.id
                                 WHERE v.document_id = d.id AND ${RELEASED_SQL('c', '$4')})) AS visible,
    (SELECT json_agg(json_build_object('number', v.number, 'id', v.id,
              'released', NOT $3::boolean OR EXISTS (SELECT 1 FROM consultations c WHERE c.version_id = v.id AND ${RELEASED_SQL('c', '$4')})))
       FROM versions v WHERE v.document_id = d.id AND v.number = ANY($2::int[])) AS versions,
    ${KEYS_GENERATION_SQL('d.id')} AS generation
  FROM documents d WHERE d.id = $1`;

/** One row of READABLE_VERSIONS_SQL. */
export interface ReadableRow {
  visible: boolean;
  versions: { number: number; id: string; released: boolean }[] | null;
  generation: string;
}
