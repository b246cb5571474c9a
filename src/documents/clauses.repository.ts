import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClauseRow, LineageRow } from '../engine/clause-rows';

export type { ClauseRow, LineageRow } from '../engine/clause-rows';

const CLAUSE_COLUMNS = `key, ordinal, parent_ordinal AS "parentOrdinal", level, kind, label, number, gap, text, lead, tail,
  norm_hash AS "normHash", path`;

/** Named queries over clauses and lineage. Writes take the transaction's manager. */
@Injectable()
export class ClausesRepository {
  async forVersion(em: EntityManager, versionId: string): Promise<ClauseRow[]> {
    return em.query(`SELECT ${CLAUSE_COLUMNS} FROM clauses WHERE version_id = $1 ORDER BY ordinal`, [versionId]);
  }

  /** A version's clause keys in document order (no texts): where a clause stands among its neighbours. */
  async keysInOrder(em: EntityManager, versionId: string): Promise<string[]> {
    const rows: { key: string }[] = await em.query(`SELECT key FROM clauses WHERE version_id = $1 ORDER BY ordinal`, [
      versionId,
    ]);
    return rows.map((r) => r.key);
  }

  /** One statement for all clauses of a version: unnest keeps it to one round trip whatever the clause count. */
  async insertAll(em: EntityManager, documentId: string, versionId: string, rows: ClauseRow[]): Promise<void> {
    const col = <K extends keyof ClauseRow>(k: K) => rows.map((r) => r[k]);
    await em.query(
      `INSERT INTO clauses (version_id, document_id, key, ordinal, parent_ordinal, level, kind, label, number, gap, text,
                            lead, tail, norm_hash, path)
       SELECT $1, $2, * FROM unnest($3::text[], $4::int[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
                                    $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])`,
      [
        versionId,
        documentId,
        col('key'),
        col('ordinal'),
        col('parentOrdinal'),
        col('level'),
        col('kind'),
        col('label'),
        col('number'),
        col('gap'),
        col('text'),
        col('lead'),
        col('tail'),
        col('normHash'),
        col('path'),
      ],
    );
  }

  async insertLineage(
    em: EntityManager,
    documentId: string,
    fromVersionId: string,
    toVersionId: string,
    rows: LineageRow[],
  ): Promise<void> {
    if (!rows.length) return;
    await em.query(
      `INSERT INTO clause_lineage (document_id, from_version_id, to_version_id, from_key, to_key, kind, score, source)
       SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::text[], $7::real[], $8::text[])`,
      [
        documentId,
        fromVersionId,
        toVersionId,
        rows.map((r) => r.fromKey),
        rows.map((r) => r.toKey),
        rows.map((r) => r.kind),
        rows.map((r) => r.score),
        rows.map((r) => r.source),
      ],
    );
  }

  /** Split and merge edges of a document, in key space (continue edges are implied by equal keys). */
  async splitMergeEdges(
    em: EntityManager,
    documentId: string,
  ): Promise<{ fromKey: string; toKey: string; kind: 'split' | 'merge' }[]> {
    return em.query(
      `SELECT from_key AS "fromKey", to_key AS "toKey", kind FROM clause_lineage
        WHERE document_id = $1 AND kind IN ('split', 'merge')`,
      [documentId],
    );
  }

  /** Drops the edges into a version that end at `toKey`, or continue from `fromKey` (a drafter's correction replaces them). */
  async dropEdgesInto(em: EntityManager, toVersionId: string, toKey: string, fromKey: string | null): Promise<void> {
    await em.query(
      `DELETE FROM clause_lineage WHERE to_version_id = $1 AND (to_key = $2 OR (kind = 'continue' AND from_key = $3))`,
      [toVersionId, toKey, fromKey],
    );
  }

  async lineageInto(em: EntityManager, toVersionId: string): Promise<LineageRow[]> {
    return em.query(
      `SELECT from_key AS "fromKey", to_key AS "toKey", kind, score, source FROM clause_lineage
        WHERE to_version_id = $1 ORDER BY kind, to_key`,
      [toVersionId],
    );
  }

  /**
   * Renames clause keys in the given versions (clauses, lineage, comments and their anchors), each rename applied in order.
   * The identity correction of a drafter goes through here; text and structure are untouched.
   */
  async renameKeys(em: EntityManager, versionIds: string[], renames: { from: string; to: string }[]): Promise<void> {
    for (const r of renames) {
      await em.query(`UPDATE clauses SET key = $2 WHERE version_id = ANY($3::uuid[]) AND key = $1`, [
        r.from,
        r.to,
        versionIds,
      ]);
      await em.query(`UPDATE clause_lineage SET to_key = $2 WHERE to_version_id = ANY($3::uuid[]) AND to_key = $1`, [
        r.from,
        r.to,
        versionIds,
      ]);
      await em.query(
        `UPDATE clause_lineage SET from_key = $2 WHERE from_version_id = ANY($3::uuid[]) AND from_key = $1`,
        [r.from, r.to, versionIds],
      );
      // Comments written on, and anchors placed in, these versions name clauses by key too.
      await em.query(`UPDATE comments SET clause_key = $2 WHERE version_id = ANY($3::uuid[]) AND clause_key = $1`, [
        r.from,
        r.to,
        versionIds,
      ]);
      await em.query(
        `UPDATE comment_anchor SET clause_key = $2 WHERE version_id = ANY($3::uuid[]) AND clause_key = $1`,
        [r.from, r.to, versionIds],
      );
    }
  }
}
