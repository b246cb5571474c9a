/**
 * Diffs between any two stored versions. The clauses (with their stable keys) and the document's split/merge edges
 * go to the pure engine (compareVersions); lineage through intermediate versions composes through keys and edges.
 * Versions are immutable, so a comparison is cached (see DiffRepository.keysGeneration for when it goes stale);
 * every format is rendered from the cached CompareResult.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ReadReplicas } from '../database/read-replicas';
import { ClausesRepository, type ClauseRow } from '../documents/clauses.repository';
import { DocumentsService, type VersionMeta } from '../documents/documents.service';
import { clauseContexts } from '../engine/context';
import { compareVersions, type CompareClause, type CompareResult } from '../engine/compare';
import { assignKeys } from '../engine/clause-rows';
import { parseDocument, renderDocument } from '../engine/parse';
import type { RenderLang, RenderMeta } from '../engine/render/common';
import { renderComparisonDocx } from '../engine/render/docx';
import { renderRevisionsDocx } from '../engine/render/docx-revisions';
import { DIFF_HTML_CSP, renderDiffHtml } from '../engine/render/html';
import { renderUnifiedPatch } from '../engine/render/patch';
import type { SourceFormat } from '../engine/types';
import { LRUCache } from 'lru-cache';
import { Representation } from '../http-cache/representation';
import { RepresentationCache } from '../http-cache/representation-cache';
import { LiveHub } from '../live/live-hub.service';
import { versionNotFound } from '../documents/documents.errors';
import { approxBytes } from './diff-cache';
import type { DiffFormat, DiffView } from './diff.dto';
import { DiffRepository } from './diff.repository';

const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Bounds of the in-process cache: whichever is reached first evicts the least recently used comparison. */
export const DIFF_CACHE_LIMITS = { maxEntries: 500, maxBytes: 64 * 1024 * 1024 };

/** Each version's clauses, fetched once for the comparisons of one request. */
export type ClauseRowMemo = Map<string, Promise<ClauseRow[]>>;

export interface ComputedDiff {
  from: VersionMeta;
  to: VersionMeta;
  result: CompareResult;
}

export interface RenderedDiff {
  mediaType: string;
  body: string | Buffer;
  /** For downloads: an ASCII name and the full (UTF-8) name. */
  fileName?: { ascii: string; utf8: string };
  /** For HTML: the page's own Content-Security-Policy (it replaces the web app's default). */
  contentSecurityPolicy?: string;
}

const toCompare = (rows: ClauseRow[]): CompareClause[] => {
  const contexts = clauseContexts(rows.map((r) => ({ ...r, parent: r.parentOrdinal })));
  return rows.map((r, i) => ({
    key: r.key,
    label: r.label,
    text: r.text,
    kind: r.kind,
    level: r.level,
    context: contexts[i] || undefined,
    path: r.path || undefined,
  }));
};

/** What the cache computes on a miss: a comparison of two stored versions, or the unified patch of their texts. */
type CacheWork =
  | { kind: 'compare'; em: EntityManager; documentId: string; fromId: string; toId: string; memo?: ClauseRowMemo }
  | { kind: 'patch'; from: VersionMeta; to: VersionMeta };

@Injectable()
export class DiffService implements OnModuleInit {
  /**
   * Comparisons and patches, least recently used first out. `fetch` computes a miss once however many requests ask
   * for the same key at the same time (lru-cache keeps the pending promise), and a value larger than the whole
   * byte budget is answered but not kept.
   */
  private readonly cache = new LRUCache<string, CompareResult | string, CacheWork>({
    max: DIFF_CACHE_LIMITS.maxEntries,
    maxSize: DIFF_CACHE_LIMITS.maxBytes,
    sizeCalculation: (value) => Math.max(1, typeof value === 'string' ? value.length * 2 : approxBytes(value)),
    fetchMethod: (_key, _stale, { context }) =>
      context.kind === 'compare'
        ? this.compareStored(context.em, context.documentId, context.fromId, context.toId, context.memo)
        : this.patchOf(context.from, context.to),
  });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly documents: DocumentsService,
    private readonly clauses: ClausesRepository,
    private readonly repo: DiffRepository,
    private readonly replicas: ReadReplicas,
    private readonly representations: RepresentationCache,
    private readonly hub: LiveHub,
  ) {}

  /**
   * When a version is added (on any instance), the diff from the version it is based on — what the drafting group
   * opens next — is computed and compressed in the background, so that first request finds it ready.
   */
  onModuleInit(): void {
    this.hub.on(
      'version.created',
      (e) =>
        void this.prewarm(e.documentId, Number(e.payload.number)).catch((err) =>
          new Logger('DiffService').warn(
            `warming the diff into version ${String(e.payload.number)} failed: ${(err as Error).message}`,
          ),
        ),
    );
  }

  private async prewarm(documentId: string, number: number): Promise<void> {
    // Names and generation from the primary, as a request's access check reads them (VersionAccess.readableVersions).
    const { from, to, generation } = await this.replicas.onPrimary(async (em) => {
      const to = await this.documents.versionIn(em, documentId, number);
      const from = to.basedOn === null ? null : await this.documents.versionIn(em, documentId, to.basedOn);
      return { from, to, generation: await this.repo.keysGeneration(em, documentId) };
    });
    if (!from) return;
    const rep = await this.representation(documentId, from, to, generation, 'json');
    await Promise.all([rep.bytes('br'), rep.bytes('gzip')]);
  }

  /**
   * A diff as cached bytes, for versions whose ids the caller resolved (with the reader's access) on the primary,
   * together with the document's keys generation: json and html depend on keys, the patch on the texts only.
   */
  representation(
    documentId: string,
    from: { number: number; id: string },
    to: { number: number; id: string },
    generation: string,
    format: 'json' | 'html' | 'patch',
  ): Promise<Representation> {
    const key =
      format === 'patch' ? `diff:patch:${from.id}:${to.id}` : `diff:${format}:${from.id}:${to.id}:${generation}`;
    return this.representations.get(key, async () => {
      if (format === 'json')
        return Representation.json(await this.json(documentId, from.number, to.number, generation));
      const out = await this.render(documentId, from.number, to.number, format, generation);
      return new Representation(Buffer.from(out.body as string), out.mediaType);
    });
  }

  /**
   * The comparison of versions `fromNo` → `toNo` (404 DomainErrors for an unknown document or version). Versions are
   * immutable, so it is read from a replica when one may serve the request; every query of one comparison goes to
   * the same server, so the generation and the clauses agree (a replica replays corrections in commit order).
   * `generation`: the keys generation the caller read on the primary and caches the answer under; a replica that has
   * not reached it yet answers "not found", which sends the work to the primary (ReadReplicas.read).
   */
  compute(documentId: string, fromNo: number, toNo: number, generation?: string): Promise<ComputedDiff> {
    return this.replicas.read((em) => this.computeOn(em, documentId, fromNo, toNo, generation));
  }

  private async computeOn(
    em: EntityManager,
    documentId: string,
    fromNo: number,
    toNo: number,
    expected?: string,
  ): Promise<ComputedDiff> {
    const from = await this.documents.versionIn(em, documentId, fromNo);
    const to = toNo === fromNo ? from : await this.documents.versionIn(em, documentId, toNo);
    // The generation is read before the clauses: a correction committed in between then yields a newer result
    // under an older key (harmless), never an older result under the newer key.
    const generation = await this.generation(em, documentId);
    if (expected !== undefined && generation !== expected && !this.replicas.isPrimary(em))
      throw versionNotFound(documentId, toNo);
    return this.computeBetween(em, documentId, from, to, generation);
  }

  /** The document's keys generation (see DiffRepository.keysGeneration); read it once for many comparisons. */
  generation(em: EntityManager, documentId: string): Promise<string> {
    return this.repo.keysGeneration(em, documentId);
  }

  /**
   * The comparison of two versions already looked up, under a generation read before on the same server (`em`): for
   * callers that compare many pairs of one document (a clause's history, the 修改说明). `rows` shares each version's
   * clauses between the pairs of one call.
   */
  async computeBetween(
    em: EntityManager,
    documentId: string,
    from: VersionMeta,
    to: VersionMeta,
    generation: string,
    rows?: ClauseRowMemo,
  ): Promise<ComputedDiff> {
    const key = `cmp:${from.id}:${to.id}:${generation}`;
    const result = (await this.cache.fetch(key, {
      context: { kind: 'compare', em, documentId, fromId: from.id, toId: to.id, memo: rows },
    })) as CompareResult;
    return { from, to, result };
  }

  async json(documentId: string, fromNo: number, toNo: number, generation?: string): Promise<DiffView> {
    const { from, to, result } = await this.compute(documentId, fromNo, toNo, generation);
    return {
      from: { number: from.number, label: from.label },
      to: { number: to.number, label: to.label },
      summary: result.summary,
      changes: result.changes,
    };
  }

  /**
   * A stored version against a draft that is not stored (a candidate for the next version): the draft aligned with
   * the version as adding it would align it, then compared as any two versions are.
   */
  compareDraft(base: ClauseRow[], text: string, format: SourceFormat): CompareResult {
    const { rows, lineage } = assignKeys(parseDocument(text, { format }).clauses, base);
    const edges = lineage.flatMap((l) =>
      l.kind === 'continue' ? [] : [{ fromKey: l.fromKey, toKey: l.toKey, kind: l.kind }],
    );
    return compareVersions(toCompare(base), toCompare(rows), edges);
  }

  async render(
    documentId: string,
    fromNo: number,
    toNo: number,
    format: Exclude<DiffFormat, 'json'>,
    generation?: string,
  ): Promise<RenderedDiff> {
    const { from, to, result } = await this.compute(documentId, fromNo, toNo, generation);
    const { title } = await this.documents.getDocument(documentId);
    const meta: RenderMeta = { title, fromLabel: from.label, toLabel: to.label, lang: langOf(title) };
    switch (format) {
      case 'html':
        return {
          mediaType: 'text/html; charset=utf-8',
          body: renderDiffHtml(result, meta),
          contentSecurityPolicy: DIFF_HTML_CSP,
        };
      case 'docx':
        return {
          mediaType: DOCX_MEDIA_TYPE,
          body: await renderComparisonDocx(result, {
            ...meta,
            title: `${title}${meta.lang === 'zh' ? '修改前后对照表' : ': comparison'}`,
          }),
          fileName: {
            ascii: `diff-v${from.number}-v${to.number}.docx`,
            utf8: `${title}（${from.label}→${to.label}）对照表.docx`,
          },
        };
      case 'patch':
        return { mediaType: 'text/x-diff; charset=utf-8', body: await this.patch(from, to) };
      case 'docx-revisions':
        return {
          mediaType: DOCX_MEDIA_TYPE,
          body: await this.revisions(from, to, result, title),
          fileName: {
            ascii: `v${to.number}-tracked-changes-from-v${from.number}.docx`,
            utf8: `${title}（${to.label}，修订自${from.label}）.docx`,
          },
        };
    }
  }

  /** Version B with its differences from A as Word tracked changes, by B's author on B's date. */
  private async revisions(from: VersionMeta, to: VersionMeta, result: CompareResult, title: string): Promise<Buffer> {
    const em = this.ds.manager; // the primary: a replica that has not replayed a version yet would give no clauses
    const [a, b] = await Promise.all([this.clauses.forVersion(em, from.id), this.clauses.forVersion(em, to.id)]);
    const inline = new Map<string, CompareResult['changes'][number]['inline']>();
    for (const c of result.changes) if (c.from && c.to && c.from.key === c.to.key) inline.set(c.to.key, c.inline);
    const moved = new Set(result.changes.filter((c) => c.type === 'moved').map((c) => c.to!.key));
    return renderRevisionsDocx(
      { from: a, to: b, moved, inline: (key) => inline.get(key) },
      { author: to.author.displayName || to.author.username, date: new Date(to.createdAt), title },
    );
  }

  private async compareStored(
    em: EntityManager,
    documentId: string,
    fromId: string,
    toId: string,
    memo?: ClauseRowMemo,
  ): Promise<CompareResult> {
    const rows = (id: string) => {
      if (!memo) return this.clauses.forVersion(em, id);
      if (!memo.has(id)) memo.set(id, this.clauses.forVersion(em, id));
      return memo.get(id)!;
    };
    const a = await rows(fromId);
    const b = fromId === toId ? a : await rows(toId);
    const edges = fromId === toId ? [] : await this.clauses.splitMergeEdges(em, documentId);
    return compareVersions(toCompare(a), toCompare(b), edges);
  }

  /** The unified patch depends on the texts only (not on keys), so it is cached per pair for good. */
  private async patch(from: VersionMeta, to: VersionMeta): Promise<string> {
    return (await this.cache.fetch(`patch:${from.id}:${to.id}`, { context: { kind: 'patch', from, to } })) as string;
  }

  private async patchOf(from: VersionMeta, to: VersionMeta): Promise<string> {
    const text = async (em: EntityManager, v: VersionMeta) =>
      renderDocument((await this.clauses.forVersion(em, v.id)).map((r) => ({ ...r, parent: r.parentOrdinal })));
    const [a, b] = await this.replicas.read((em) => Promise.all([text(em, from), text(em, to)]));
    return renderUnifiedPatch(a, b, { fromLabel: from.label, toLabel: to.label });
  }
}

/** Chinese labels and notes for a document whose title has CJK characters, English otherwise. */
function langOf(title: string): RenderLang {
  return /[\u3400-\u9fff]/u.test(title) ? 'zh' : 'en';
}
