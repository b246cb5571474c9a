import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { inTransaction } from '../common/transaction';
import { isUuid } from '../common/uuid';
import { parseDocument, renderDocument } from '../engine/parse';
import { ReadReplicas } from '../database/read-replicas';
import { Representation } from '../http-cache/representation';
import { VersionAccess } from '../consultations/version-access';
import { RepresentationCache } from '../http-cache/representation-cache';
import { documentNotFound, versionNotFound, DocumentsErrorCode } from './documents.errors';
import { type ClauseRow, ClausesRepository } from './clauses.repository';
import type { VersionStage } from './documents.entities';
import { type DocumentView, DocumentsRepository, type VersionMeta } from './documents.repository';
import { type CompareSummary, compareVersions } from '../engine/compare';
import { type ReferenceWarning, staleReferences } from '../engine/reference-warnings';
import { assignKeys, toTree } from '../engine/clause-rows';
import { VersionHooks } from './version-hooks';
import type { DraftText } from './version-input';
import { type DocxReview, reviewNote } from './docx-review';

export type { DocumentView, VersionMeta } from './documents.repository';

export interface NewVersion {
  draft: DraftText;
  label?: string;
  note?: string;
  stage?: VersionStage;
  basedOn?: number;
  /** Comments this version carries out: their decisions record it (comments area, through VersionHooks). */
  implements?: string[];
}

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clauses: ClausesRepository,
    private readonly repo: DocumentsRepository,
    private readonly hooks: VersionHooks,
    private readonly replicas: ReadReplicas,
    private readonly cache: RepresentationCache,
    private readonly access: VersionAccess,
  ) {}

  async createDocument(actor: AuthUser, title: string, description?: string | null): Promise<DocumentView> {
    const id = await inTransaction(this.ds, async (em) => {
      // JSON null passes @IsOptional(), as absent does
      const documentId = await this.repo.insertDocument(em, title.trim(), description ?? '', actor.id);
      await audit(em, actor.id, 'document.create', 'document', documentId, { title });
      return documentId;
    });
    return this.getDocument(id);
  }

  /** Every document for the drafting group; for a delegate, those with a version released to them. */
  async listDocuments(user?: AuthUser): Promise<DocumentView[]> {
    if (user?.role === 'delegate') return this.repo.documentsReleasedTo(this.ds.manager, user.groupId);
    return this.repo.documents(this.ds.manager);
  }

  /** A document as a delegate sees it: only when a version was released to them, with the latest such version. */
  async getDocumentFor(user: AuthUser, id: string): Promise<DocumentView> {
    if (user.role !== 'delegate') return this.getDocument(id);
    const doc = await this.repo.documentReleasedTo(this.ds.manager, user.groupId, id);
    if (!doc) throw documentNotFound(id);
    return doc;
  }

  /** The timeline; a delegate sees only the versions released to them. */
  async listVersionsFor(user: AuthUser, documentId: string): Promise<VersionMeta[]> {
    if (user.role !== 'delegate') return this.listVersions(documentId);
    await this.getDocumentFor(user, documentId);
    return this.repo.versionsReleasedTo(this.ds.manager, documentId, user.groupId);
  }

  async getDocument(id: string): Promise<DocumentView> {
    return this.documentIn(this.ds.manager, id);
  }

  async listVersions(documentId: string): Promise<VersionMeta[]> {
    await this.getDocument(documentId);
    return this.repo.versions(this.ds.manager, documentId);
  }

  async getVersionMeta(documentId: string, number: number): Promise<VersionMeta> {
    return this.versionIn(this.ds.manager, documentId, number);
  }

  /** The document, read with `em` (a transaction's inside one); 404 when there is none. */
  private async documentIn(em: EntityManager, id: string): Promise<DocumentView> {
    const doc = await this.repo.document(em, id);
    if (!doc) throw documentNotFound(id);
    return doc;
  }

  /**
   * A version's metadata, read with `em` (a transaction's, or a replica's: see read-replicas.ts); 404 for an unknown
   * document or version (the document is checked first).
   */
  async versionIn(em: EntityManager, documentId: string, number: number): Promise<VersionMeta> {
    await this.documentIn(em, documentId);
    const meta = await this.repo.version(em, documentId, number);
    if (!meta) throw versionNotFound(documentId, number);
    return meta;
  }

  /**
   * A version's answer (meta and clause tree) as cached bytes, built once per keys generation (a correction renames
   * keys, nothing else in a version ever changes). The caller has checked the reader's access and read the version's
   * id and the generation on the primary. Built from a replica when one may serve the request — but only one that
   * has the same generation: a replica that has not replayed the latest correction yet would store old keys under
   * the new generation, so it answers "not found" and the build runs on the primary (ReadReplicas.read).
   */
  cachedVersion(documentId: string, number: number, versionId: string, generation: string): Promise<Representation> {
    return this.cache.get(versionCacheKey(versionId, generation), () =>
      this.replicas.read(async (em) => {
        if (!this.replicas.isPrimary(em) && (await this.repo.keysGeneration(em, documentId)) !== generation) {
          throw versionNotFound(documentId, number);
        }
        const meta = await this.versionIn(em, documentId, number);
        return Representation.json({ ...meta, clauses: toTree(await this.clauses.forVersion(em, meta.id)) });
      }),
    );
  }

  /** A version's clause tree if its bytes are in the cache already (nothing is read or built). */
  peekCachedVersion(versionId: string, generation: string): Representation | undefined {
    return this.cache.peek(versionCacheKey(versionId, generation));
  }

  /** A version's text as cached bytes: it depends on nothing that can change. */
  cachedVersionText(documentId: string, number: number, versionId: string): Promise<Representation> {
    return this.cache.get(
      `text:${versionId}`,
      async () =>
        new Representation(Buffer.from(await this.getVersionText(documentId, number)), 'text/plain; charset=utf-8'),
    );
  }

  async getVersionText(documentId: string, number: number): Promise<string> {
    const { clauses } = await this.getVersionClauses(documentId, number);
    return renderDocument(clauses.map((r) => ({ ...r, parent: r.parentOrdinal })));
  }

  async getVersionClauses(documentId: string, number: number): Promise<{ meta: VersionMeta; clauses: ClauseRow[] }> {
    return this.replicas.read(async (em) => {
      const meta = await this.versionIn(em, documentId, number);
      return { meta, clauses: await this.clauses.forVersion(em, meta.id) };
    });
  }

  /**
   * Parses the draft, aligns it with the version it is based on and stores version, clauses and lineage in one
   * transaction. The document row is locked first, so concurrent writers get consecutive numbers and none is lost.
   */
  async addVersion(
    actor: AuthUser,
    documentId: string,
    input: NewVersion,
  ): Promise<VersionMeta & { changes: CompareSummary } & Partial<ImportReport>> {
    if (!isUuid(documentId)) throw documentNotFound(documentId);
    const parsed = parseDocument(input.draft.text, { format: input.draft.format }).clauses;
    const result = await inTransaction(this.ds, async (em) => {
      const locked = await this.repo.lockDocument(em, documentId);
      if (!locked) throw documentNotFound(documentId);
      const latest = locked.versionCount;
      const number = latest + 1;
      const basedOn = input.basedOn ?? (latest > 0 ? latest : null);
      if (basedOn !== null && basedOn > latest) {
        throw new DomainError(
          DocumentsErrorCode.VersionNotFound,
          `basedOn: this document has no version ${basedOn} (latest is ${latest}).`,
        );
      }
      let parent: { id: string; clauses: ClauseRow[] } | null = null;
      if (basedOn !== null) {
        const p = (await this.repo.versionRef(em, documentId, basedOn))!; // 1 ≤ basedOn ≤ latest, and versions are never deleted
        parent = { id: p.id, clauses: await this.clauses.forVersion(em, p.id) };
      }
      const { rows, lineage, changes } = assignKeys(parsed, parent?.clauses ?? []);
      const versionId = await this.repo.insertVersion(em, {
        documentId,
        number,
        basedOn,
        label: input.label?.trim() || `第${number}稿`,
        stage: input.stage ?? 'drafting',
        note: noteFor(input),
        sourceFormat: input.draft.sourceFormat,
        sourceName: input.draft.sourceName,
        clauseCount: rows.length,
        textLength: input.draft.text.length,
        authorId: actor.id,
      });
      await this.clauses.insertAll(em, documentId, versionId, rows);
      if (parent) await this.clauses.insertLineage(em, documentId, parent.id, versionId, lineage);
      await this.hooks.versionAdded(em, {
        documentId,
        versionId,
        number,
        parent: parent && { id: parent.id, number: basedOn! },
        actorId: actor.id,
        implements: input.implements ?? [],
      });
      await this.repo.setVersionCount(em, documentId, number);
      await audit(em, actor.id, 'version.create', 'version', versionId, {
        documentId,
        number,
        clauses: rows.length,
        changes,
        implements: input.implements ?? [],
      });
      return { number, changes };
    });
    const review = input.draft.review;
    return {
      ...(await this.getVersionMeta(documentId, result.number)),
      changes: result.changes,
      ...(review
        ? {
            trackedChanges: review.trackedChanges,
            wordComments: { count: review.comments.length, comments: review.comments },
          }
        : {}),
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
    const [before, after] = await Promise.all([
      this.clauses.forVersion(em, parent.id),
      this.clauses.forVersion(em, meta.id),
    ]);
    const splitMerge = edges.flatMap((e) =>
      e.kind === 'continue' ? [] : [{ fromKey: e.fromKey, toKey: e.toKey, kind: e.kind }],
    );
    const { changes } = compareVersions(before, after, splitMerge, { summaryOnly: true, includeUnchanged: true });
    return { number, basedOn: meta.basedOn, edges, rows: changes.map(({ inline: _inline, ...row }) => row) };
  }

  /**
   * References that version `number` left stale, compared with the version it is based on: one that still names
   * the old number of a renumbered article, or one that names an article the version does not have.
   */
  async getReferenceWarnings(documentId: string, number: number): Promise<ReferenceWarning[]> {
    const em = this.ds.manager;
    const meta = await this.versionIn(em, documentId, number);
    const parent = meta.basedOn === null ? null : await this.versionIn(em, documentId, meta.basedOn);
    const [before, after] = await Promise.all([
      parent ? this.clauses.forVersion(em, parent.id) : [],
      this.clauses.forVersion(em, meta.id),
    ]);
    return staleReferences(before, after);
  }

  /**
   * A drafter's correction: clause `clauseKey` of version `number` continues `previousKey` of the based-on version
   * (or, with null, is a new clause). Keys are renamed in this version and every version descended from it, so
   * every later comparison and every new version aligned on top of these sees the correction.
   */
  async correctAlignment(
    actor: AuthUser,
    documentId: string,
    number: number,
    clauseKey: string,
    previousKey: string | null,
  ) {
    await inTransaction(this.ds, async (em) => {
      await this.repo.lockDocument(em, documentId);
      const meta = await this.versionIn(em, documentId, number);
      if (meta.basedOn === null)
        throw new DomainError(DocumentsErrorCode.InvalidAlignment, `Version ${number} is based on no other version.`);
      const versions = await this.repo.versionTree(em, documentId);
      const subtree = descendants(versions, number);
      const parent = versions.find((v) => v.number === meta.basedOn)!;
      const current = await this.clauses.forVersion(em, meta.id);
      const parentClauses = await this.clauses.forVersion(em, parent.id);
      const clause = current.find((c) => c.key === clauseKey);
      if (!clause)
        throw new DomainError(
          DocumentsErrorCode.ClauseNotFound,
          `Version ${number} has no clause with key ${clauseKey}.`,
        );
      const inParent = new Set(parentClauses.map((c) => c.key));
      const renames: { from: string; to: string }[] = [];
      if (previousKey === null) {
        if (!inParent.has(clauseKey)) return; // already new
        renames.push({ from: clauseKey, to: randomUUID() });
      } else {
        if (!inParent.has(previousKey)) {
          throw new DomainError(
            DocumentsErrorCode.InvalidAlignment,
            `Version ${meta.basedOn} has no clause with key ${previousKey}.`,
          );
        }
        if (previousKey === clauseKey) return;
        if (current.some((c) => c.key === previousKey)) renames.push({ from: previousKey, to: randomUUID() });
        renames.push({ from: clauseKey, to: previousKey });
      }
      const ids = subtree.map((v) => v.id);
      await this.clauses.renameKeys(em, ids, renames);
      // The edge into this version is now the drafter's: replace whatever the aligner said about this clause.
      const newKey = previousKey ?? renames[renames.length - 1].to;
      await this.clauses.dropEdgesInto(em, meta.id, newKey, previousKey);
      if (previousKey !== null) {
        const prev = parentClauses.find((c) => c.key === previousKey)!;
        await this.clauses.insertLineage(em, documentId, parent.id, meta.id, [
          {
            fromKey: previousKey,
            toKey: newKey,
            kind: 'continue',
            score: prev.normHash === clause.normHash ? 1 : 0,
            source: 'drafter',
          },
        ]);
      }
      // Comments that stood on the clauses whose continuation changed are placed again (e.g. no longer orphaned).
      const parentKeys = [previousKey, inParent.has(clauseKey) ? clauseKey : null].filter(
        (k): k is string => k !== null,
      );
      await this.hooks.alignmentCorrected(em, {
        documentId,
        number,
        parent: { id: parent.id, number: parent.number },
        versionIds: ids,
        parentKeys,
      });
      await audit(em, actor.id, 'alignment.correct', 'version', meta.id, { clauseKey, previousKey, renames });
    });
    this.access.forgetDocument(documentId); // the keys generation changed: cached access answers name the old one
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

function descendants<T extends { number: number; basedOn: number | null }>(versions: T[], root: number): T[] {
  const out = new Set<number>([root]);
  for (const v of versions) if (v.basedOn !== null && out.has(v.basedOn)) out.add(v.number); // numbers grow along based_on
  return versions.filter((v) => out.has(v.number));
}

/** The cache key of a version's clause tree: the version and the keys generation it was built under. */
const versionCacheKey = (versionId: string, generation: string) => `version:${versionId}:${generation}`;
