import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { inTransaction } from '../common/transaction';
import { isUuid } from '../common/uuid';
import { parseDocument, renderDocument } from '../engine/parse';
import { RELEASED_SQL } from '../consultations/version-access';
import { documentNotFound, versionNotFound } from './documents.errors';
import { type ClauseRow, ClausesRepository } from './clauses.repository';
import type { VersionStage } from './documents.entities';
import { type CompareSummary, compareVersions } from '../engine/compare';
import { type ReferenceWarning, staleReferences } from '../engine/reference-warnings';
import { assignKeys, type ClauseNode, toTree } from './version-clauses';
import { VersionHooks } from './version-hooks';
import type { DraftText } from './version-input';
import { type DocxReview, reviewNote } from './docx-review';

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


export interface NewVersion {
  draft: DraftText;
  label?: string;
  note?: string;
  stage?: VersionStage;
  basedOn?: number;
  /** Comments this version carries out: their decisions record it (comments area, through VersionHooks). */
  implements?: string[];
}



const VERSION_SELECT = `SELECT v.id, v.document_id AS "documentId", v.number, v.based_on AS "basedOn", v.label, v.stage, v.note,
    v.source_format AS "sourceFormat", v.source_name AS "sourceName", v.clause_count AS "clauseCount",
    v.text_length AS "textLength", v.created_at AS "createdAt",
    json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS author
  FROM versions v JOIN users u ON u.id = v.author_id`;

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clauses: ClausesRepository,
    private readonly hooks: VersionHooks,
  ) {}

  async createDocument(actor: AuthUser, title: string, description?: string | null): Promise<DocumentView> {
    const id = await inTransaction(this.ds, async (em) => {
      const [d] = await em.query(`INSERT INTO documents (title, description, created_by) VALUES ($1, $2, $3) RETURNING id`, [
        title.trim(),
        description ?? '', // JSON null passes @IsOptional(), as absent does
        actor.id,
      ]);
      await audit(em, actor.id, 'document.create', 'document', d.id, { title });
      return d.id as string;
    });
    return this.getDocument(id);
  }

  /** Every document for the drafting group; for a delegate, those with a version released to them. */
  async listDocuments(user?: AuthUser): Promise<DocumentView[]> {
    if (user?.role === 'delegate') {
      return this.ds.query(`${DELEGATE_DOCUMENT_SELECT} WHERE d.latest_released IS NOT NULL ORDER BY d.created_at DESC`, [user.groupId]);
    }
    return this.ds.query(`${DOCUMENT_SELECT} ORDER BY d.created_at DESC`);
  }

  /** A document as a delegate sees it: only when a version was released to them, with the latest such version. */
  async getDocumentFor(user: AuthUser, id: string): Promise<DocumentView> {
    if (user.role !== 'delegate') return this.getDocument(id);
    const rows = isUuid(id) ? await this.ds.query(`${DELEGATE_DOCUMENT_SELECT} WHERE d.id = $2`, [user.groupId, id]) : [];
    if (!rows[0]?.latestVersion) throw documentNotFound(id);
    return rows[0];
  }

  /** The timeline; a delegate sees only the versions released to them. */
  async listVersionsFor(user: AuthUser, documentId: string): Promise<VersionMeta[]> {
    if (user.role !== 'delegate') return this.listVersions(documentId);
    await this.getDocumentFor(user, documentId);
    return this.ds.query(
      `${VERSION_SELECT} WHERE v.document_id = $1 AND EXISTS (SELECT 1 FROM consultations c WHERE c.version_id = v.id
         AND ${RELEASED_SQL('c', '$2')}) ORDER BY v.number`,
      [documentId, user.groupId],
    );
  }

  async getDocument(id: string, em: EntityManager = this.ds.manager): Promise<DocumentView> {
    if (!isUuid(id)) throw documentNotFound(id);
    const rows = await em.query(`${DOCUMENT_SELECT} WHERE d.id = $1`, [id]);
    if (!rows[0]) throw documentNotFound(id);
    return rows[0];
  }

  async listVersions(documentId: string): Promise<VersionMeta[]> {
    await this.getDocument(documentId);
    return this.ds.query(`${VERSION_SELECT} WHERE v.document_id = $1 ORDER BY v.number`, [documentId]);
  }

  async getVersionMeta(documentId: string, number: number, em: EntityManager = this.ds.manager): Promise<VersionMeta> {
    await this.getDocument(documentId, em);
    const rows = Number.isInteger(number) && number > 0
      ? await em.query(`${VERSION_SELECT} WHERE v.document_id = $1 AND v.number = $2`, [documentId, number])
      : [];
    if (!rows[0]) throw versionNotFound(documentId, number);
    return rows[0];
  }

  async getVersion(documentId: string, number: number): Promise<VersionMeta & { clauses: ClauseNode[] }> {
    const meta = await this.getVersionMeta(documentId, number);
    const rows = await this.clauses.forVersion(this.ds.manager, meta.id);
    return { ...meta, clauses: toTree(rows) };
  }

  async getVersionText(documentId: string, number: number): Promise<string> {
    const meta = await this.getVersionMeta(documentId, number);
    const rows = await this.clauses.forVersion(this.ds.manager, meta.id);
    return renderDocument(rows.map((r) => ({ ...r, parent: r.parentOrdinal })));
  }

  async getVersionClauses(documentId: string, number: number): Promise<{ meta: VersionMeta; clauses: ClauseRow[] }> {
    const meta = await this.getVersionMeta(documentId, number);
    return { meta, clauses: await this.clauses.forVersion(this.ds.manager, meta.id) };
  }

  /**
   * Parses the draft, aligns it with the version it is based on and stores version, clauses and lineage in one
   * transaction. The document row is locked first, so concurrent writers get consecutive numbers and none is lost.
   */
  async addVersion(actor: AuthUser, documentId: string, input: NewVersion): Promise<VersionMeta & { changes: CompareSummary } & Partial<ImportReport>> {
    if (!isUuid(documentId)) throw documentNotFound(documentId);
    const parsed = parseDocument(input.draft.text, { format: input.draft.format }).clauses;
    const result = await inTransaction(this.ds, async (em) => {
      const locked = await em.query(`SELECT version_count FROM documents WHERE id = $1 FOR UPDATE`, [documentId]);
      if (!locked[0]) throw documentNotFound(documentId);
      const latest: number = locked[0].version_count;
      const number = latest + 1;
      const basedOn = input.basedOn ?? (latest > 0 ? latest : null);
      if (basedOn !== null && basedOn > latest) {
        throw new DomainError(ErrorCode.VersionNotFound, `basedOn: this document has no version ${basedOn} (latest is ${latest}).`);
      }
      let parent: { id: string; clauses: ClauseRow[] } | null = null;
      if (basedOn !== null) {
        const [p] = await em.query(`SELECT id FROM versions WHERE document_id = $1 AND number = $2`, [documentId, basedOn]);
        parent = { id: p.id, clauses: await this.clauses.forVersion(em, p.id) };
      }
      const { rows, lineage, changes } = assignKeys(parsed, parent?.clauses ?? []);
      const [v] = await em.query(
        `INSERT INTO versions (document_id, number, based_on, label, stage, note, source_format, source_name, clause_count,
                               text_length, author_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          documentId,
          number,
          basedOn,
          input.label?.trim() || `第${number}稿`,
          input.stage ?? 'drafting',
          noteFor(input),
          input.draft.sourceFormat,
          input.draft.sourceName,
          rows.length,
          input.draft.text.length,
          actor.id,
        ],
      );
      await this.clauses.insertAll(em, documentId, v.id, rows);
      if (parent) await this.clauses.insertLineage(em, documentId, parent.id, v.id, lineage);
      await this.hooks.versionAdded(em, {
        documentId, versionId: v.id, number, parent: parent && { id: parent.id, number: basedOn! }, actorId: actor.id, implements: input.implements ?? [],
      });
      await em.query(`UPDATE documents SET version_count = $2 WHERE id = $1`, [documentId, number]);
      await audit(em, actor.id, 'version.create', 'version', v.id, { documentId, number, clauses: rows.length, changes, implements: input.implements ?? [] });
      return { number, changes };
    });
    const review = input.draft.review;
    return {
      ...(await this.getVersionMeta(documentId, result.number)),
      changes: result.changes,
      ...(review ? { trackedChanges: review.trackedChanges, wordComments: { count: review.comments.length, comments: review.comments } } : {}),
    };
  }

  /**
   * The lineage into a version from the one it is based on, for review and correction: the edges, and every clause
   * of both versions as the comparison sees it (`rows`, in the new version's order, deleted clauses where they
   * stood; unchanged, modified, renumbered, moved, added, deleted, split and merged alike).
   */
  async getAlignment(documentId: string, number: number) {
    const em = this.ds.manager;
    const meta = await this.getVersionMeta(documentId, number);
    const edges = await this.clauses.lineageInto(em, meta.id);
    if (meta.basedOn === null) return { number, basedOn: null, edges, rows: [] };
    const parent = await this.getVersionMeta(documentId, meta.basedOn);
    const [before, after] = await Promise.all([this.clauses.forVersion(em, parent.id), this.clauses.forVersion(em, meta.id)]);
    const splitMerge = edges.flatMap((e) => (e.kind === 'continue' ? [] : [{ fromKey: e.fromKey, toKey: e.toKey, kind: e.kind }]));
    const { changes } = compareVersions(before, after, splitMerge, { summaryOnly: true, includeUnchanged: true });
    return { number, basedOn: meta.basedOn, edges, rows: changes.map(({ inline: _inline, ...row }) => row) };
  }

  /**
   * References that version `number` left stale, compared with the version it is based on: one that still names
   * the old number of a renumbered article, or one that names an article the version does not have.
   */
  async getReferenceWarnings(documentId: string, number: number): Promise<ReferenceWarning[]> {
    const em = this.ds.manager;
    const meta = await this.getVersionMeta(documentId, number, em);
    const parent = meta.basedOn === null ? null : await this.getVersionMeta(documentId, meta.basedOn, em);
    const [before, after] = await Promise.all([parent ? this.clauses.forVersion(em, parent.id) : [], this.clauses.forVersion(em, meta.id)]);
    return staleReferences(before, after);
  }

  /**
   * A drafter's correction: clause `clauseKey` of version `number` continues `previousKey` of the based-on version
   * (or, with null, is a new clause). Keys are renamed in this version and every version descended from it, so
   * every later comparison and every new version aligned on top of these sees the correction.
   */
  async correctAlignment(actor: AuthUser, documentId: string, number: number, clauseKey: string, previousKey: string | null) {
    await inTransaction(this.ds, async (em) => {
      await em.query(`SELECT 1 FROM documents WHERE id = $1 FOR UPDATE`, [documentId]);
      const meta = await this.getVersionMeta(documentId, number, em);
      if (meta.basedOn === null) throw new DomainError(ErrorCode.InvalidAlignment, `Version ${number} is based on no other version.`);
      const versions: { id: string; number: number; basedOn: number | null }[] = await em.query(
        `SELECT id, number, based_on AS "basedOn" FROM versions WHERE document_id = $1 ORDER BY number`,
        [documentId],
      );
      const subtree = descendants(versions, number);
      const parent = versions.find((v) => v.number === meta.basedOn)!;
      const current = await this.clauses.forVersion(em, meta.id);
      const parentClauses = await this.clauses.forVersion(em, parent.id);
      const clause = current.find((c) => c.key === clauseKey);
      if (!clause) throw new DomainError(ErrorCode.ClauseNotFound, `Version ${number} has no clause with key ${clauseKey}.`);
      const inParent = new Set(parentClauses.map((c) => c.key));
      const renames: { from: string; to: string }[] = [];
      if (previousKey === null) {
        if (!inParent.has(clauseKey)) return; // already new
        renames.push({ from: clauseKey, to: randomUUID() });
      } else {
        if (!inParent.has(previousKey)) {
          throw new DomainError(ErrorCode.InvalidAlignment, `Version ${meta.basedOn} has no clause with key ${previousKey}.`);
        }
        if (previousKey === clauseKey) return;
        if (current.some((c) => c.key === previousKey)) renames.push({ from: previousKey, to: randomUUID() });
        renames.push({ from: clauseKey, to: previousKey });
      }
      const ids = subtree.map((v) => v.id);
      await this.clauses.renameKeys(em, ids, renames);
      // The edge into this version is now the drafter's: replace whatever the aligner said about this clause.
      const newKey = previousKey ?? renames[renames.length - 1].to;
      await em.query(
        `DELETE FROM clause_lineage WHERE to_version_id = $1 AND (to_key = $2 OR (kind = 'continue' AND from_key = $3))`,
        [meta.id, newKey, previousKey],
      );
      if (previousKey !== null) {
        const prev = parentClauses.find((c) => c.key === previousKey)!;
        await this.clauses.insertLineage(em, documentId, parent.id, meta.id, [
          { fromKey: previousKey, toKey: newKey, kind: 'continue', score: prev.normHash === clause.normHash ? 1 : 0, source: 'drafter' },
        ]);
      }
      // Comments that stood on the clauses whose continuation changed are placed again (e.g. no longer orphaned).
      const parentKeys = [previousKey, inParent.has(clauseKey) ? clauseKey : null].filter((k): k is string => k !== null);
      await this.hooks.alignmentCorrected(em, { documentId, number, parent: { id: parent.id, number: parent.number }, versionIds: ids, parentKeys });
      await audit(em, actor.id, 'alignment.correct', 'version', meta.id, { clauseKey, previousKey, renames });
    });
    return this.getAlignment(documentId, number);
  }
}

/** What an uploaded .docx held besides the text that was stored: its tracked changes (accepted) and its comments. */
export interface ImportReport {
  trackedChanges: DocxReview['trackedChanges'];
  wordComments: { count: number; comments: DocxReview['comments'] };
}

/** The drafter's note, followed by what the import did with the file's tracked changes and comments. */
function noteFor(input: NewVersion): string {
  const imported = input.draft.review ? reviewNote(input.draft.review) : '';
  return [input.note ?? '', imported].filter((s) => s !== '').join('\n');
}

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


function descendants<T extends { number: number; basedOn: number | null }>(versions: T[], root: number): T[] {
  const out = new Set<number>([root]);
  for (const v of versions) if (v.basedOn !== null && out.has(v.basedOn)) out.add(v.number); // numbers grow along based_on
  return versions.filter((v) => out.has(v.number));
}
