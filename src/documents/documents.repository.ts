import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid';
import { RELEASED_SQL } from '../consultations/version-access';
import { KEYS_GENERATION_SQL } from '../database/keys-generation';
import type { VersionStage } from './documents.entities';

export interface DocumentView {
  id: string;
  title: string;
  description: string;
  versionCount: number;
  createdBy: string;
  createdAt: Date;
  latestVersion: { number: number; label: string; stage: VersionStage; createdAt: Date } | null;
}

export interface VersionMeta {
  id: string;
  documentId: string;
  number: number;
  basedOn: number | null;
  label: string;
  stage: VersionStage;
  note: string;
  sourceFormat: string;
  sourceName: string | null;
  clauseCount: number;
  textLength: number;
  author: { id: string; username: string; displayName: string };
  createdAt: Date;
}

/** A version named by its number: what most lookups need. */
export interface VersionRef {
  id: string;
  label: string;
}

/** The columns of a new version row. */
export interface VersionRow {
  documentId: string;
  number: number;
  basedOn: number | null;
  label: string;
  stage: VersionStage;
  note: string;
  sourceFormat: string;
  sourceName: string | null;
  clauseCount: number;
  textLength: number;
  authorId: string;
}

const VERSION_SELECT = `SELECT v.id, v.document_id AS "documentId", v.number, v.based_on AS "basedOn", v.label, v.stage, v.note,
    v.source_format AS "sourceFormat", v.source_name AS "sourceName", v.clause_count AS "clauseCount",
    v.text_length AS "textLength", v.created_at AS "createdAt",
    json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS author
  FROM versions v JOIN users u ON u.id = v.author_id`;

const DOCUMENT_SELECT = `SELECT d.id, d.title, d.description, d.version_count AS "versionCount", d.created_by AS "createdBy",
    d.created_at AS "createdAt",
    (SELECT json_build_object('number', v.number, 'label', v.label, 'stage', v.stage, 'createdAt', v.created_at)
       FROM versions v WHERE v.document_id = d.id ORDER BY v.number DESC LIMIT 1) AS "latestVersion"
  FROM documents d`;

/** For delegates ($1 = their group): documents with the count of and the latest of the versions released to them. */
const DELEGATE_DOCUMENT_SELECT = `SELECT d.id, d.title, d.description, d."versionCount", d."createdBy", d."createdAt",
    d."latestVersion" FROM (SELECT d.id, d.title, d.description,
    (SELECT count(DISTINCT v.id)::int FROM versions v JOIN consultations c ON c.version_id = v.id
      WHERE v.document_id = d.id AND ${RELEASED_SQL('c', '$1')}) AS "versionCount",
    d.created_by AS "createdBy", d.created_at, d.created_at AS "createdAt",
    (SELECT json_build_object('number', v.number, 'label', v.label, 'stage', v.stage, 'createdAt', v.created_at)
       FROM versions v JOIN consultations c ON c.version_id = v.id
      WHERE v.document_id = d.id AND ${RELEASED_SQL('c', '$1')}
      ORDER BY v.number DESC LIMIT 1) AS "latestVersion",
    (SELECT max(v.number) FROM versions v JOIN consultations c ON c.version_id = v.id
      WHERE v.document_id = d.id AND ${RELEASED_SQL('c', '$1')}) AS latest_released
  FROM documents d) d`;

/**
 * Named queries over documents and versions. Every method takes the EntityManager: the transaction's inside a use
 * case, the data source's for a plain read (never a silent default: on the embedded database's single connection a
 * query outside the open transaction waits for ever; docs/design.md §4).
 */
@Injectable()
export class DocumentsRepository {
  async insertDocument(em: EntityManager, title: string, description: string, createdBy: string): Promise<string> {
    const [d] = await em.query<{ id: string }[]>(
      `INSERT INTO documents (title, description, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [title, description, createdBy],
    );
    return d.id;
  }

  /** Locks the document row (concurrent writers then number versions one after another); null when none. */
  async lockDocument(em: EntityManager, documentId: string): Promise<{ versionCount: number } | null> {
    if (!isUuid(documentId)) return null;
    const [row] = await em.query<{ versionCount: number }[]>(
      `SELECT version_count AS "versionCount" FROM documents WHERE id = $1 FOR UPDATE`,
      [documentId],
    );
    return row ?? null;
  }

  async setVersionCount(em: EntityManager, documentId: string, count: number): Promise<void> {
    await em.query(`UPDATE documents SET version_count = $2 WHERE id = $1`, [documentId, count]);
  }

  async documents(em: EntityManager): Promise<DocumentView[]> {
    return em.query<DocumentView[]>(`${DOCUMENT_SELECT} ORDER BY d.created_at DESC`);
  }

  async document(em: EntityManager, id: string): Promise<DocumentView | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await em.query<DocumentView[]>(`${DOCUMENT_SELECT} WHERE d.id = $1`, [id]);
    return row;
  }

  /** The documents with a version released to the group, each with the count and latest of those versions only. */
  async documentsReleasedTo(em: EntityManager, groupId: string | null): Promise<DocumentView[]> {
    return em.query<DocumentView[]>(
      `${DELEGATE_DOCUMENT_SELECT} WHERE d.latest_released IS NOT NULL ORDER BY d.created_at DESC`,
      [groupId],
    );
  }

  async documentReleasedTo(em: EntityManager, groupId: string | null, id: string): Promise<DocumentView | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await em.query<DocumentView[]>(`${DELEGATE_DOCUMENT_SELECT} WHERE d.id = $2`, [groupId, id]);
    return row?.latestVersion ? row : undefined;
  }

  async versions(em: EntityManager, documentId: string): Promise<VersionMeta[]> {
    return em.query<VersionMeta[]>(`${VERSION_SELECT} WHERE v.document_id = $1 ORDER BY v.number`, [documentId]);
  }

  async versionsReleasedTo(em: EntityManager, documentId: string, groupId: string | null): Promise<VersionMeta[]> {
    return em.query<VersionMeta[]>(
      `${VERSION_SELECT} WHERE v.document_id = $1 AND EXISTS (SELECT 1 FROM consultations c WHERE c.version_id = v.id
         AND ${RELEASED_SQL('c', '$2')}) ORDER BY v.number`,
      [documentId, groupId],
    );
  }

  async version(em: EntityManager, documentId: string, number: number): Promise<VersionMeta | undefined> {
    if (!isUuid(documentId) || !Number.isInteger(number) || number < 1) return undefined;
    const [row] = await em.query<VersionMeta[]>(`${VERSION_SELECT} WHERE v.document_id = $1 AND v.number = $2`, [
      documentId,
      number,
    ]);
    return row;
  }

  /** The version of a document by its number: the one "version id by number" query of the service. */
  async versionRef(em: EntityManager, documentId: string, number: number): Promise<VersionRef | undefined> {
    if (!isUuid(documentId) || !Number.isInteger(number) || number < 1) return undefined;
    const [row] = await em.query<VersionRef[]>(
      `SELECT id, label FROM versions WHERE document_id = $1 AND number = $2`,
      [documentId, number],
    );
    return row;
  }

  /** The document's versions from `fromNumber` on, as a tree by `basedOn` (oldest first). */
  async versionTree(
    em: EntityManager,
    documentId: string,
    fromNumber = 1,
  ): Promise<{ id: string; number: number; basedOn: number | null }[]> {
    return em.query(
      `SELECT id, number, based_on AS "basedOn" FROM versions WHERE document_id = $1 AND number >= $2 ORDER BY number`,
      [documentId, fromNumber],
    );
  }

  async insertVersion(em: EntityManager, v: VersionRow): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO versions (document_id, number, based_on, label, stage, note, source_format, source_name, clause_count,
                             text_length, author_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        v.documentId,
        v.number,
        v.basedOn,
        v.label,
        v.stage,
        v.note,
        v.sourceFormat,
        v.sourceName,
        v.clauseCount,
        v.textLength,
        v.authorId,
      ],
    );
    return row.id;
  }

  /** The document's keys generation (see KEYS_GENERATION_SQL): what a cached clause tree is keyed by. */
  async keysGeneration(em: EntityManager, documentId: string): Promise<string> {
    const [row] = await em.query<{ generation: string }[]>(`SELECT ${KEYS_GENERATION_SQL('$1')} AS generation`, [
      documentId,
    ]);
    return row.generation;
  }
}
