import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClausesRepository } from '../documents/clauses.repository';
import { CarryPlanner, type HeldAnchor, type PlacedRow } from '../engine/carry-forward';

/** Queries over comment_anchor and the carrying of anchors from one version into the next. */
@Injectable()
export class AnchorsRepository {
  constructor(private readonly clauses: ClausesRepository) {}

  async insert(em: EntityManager, versionId: string, rows: PlacedRow[]): Promise<void> {
    if (!rows.length) return;
    // ON CONFLICT: a carry that resumes after a restart may redo part of a batch.
    await em.query(
      `INSERT INTO comment_anchor (version_id, comment_id, clause_key, start_offset, end_offset, status, score, withdrawn)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::int[], $5::int[], $6::text[], $7::real[], $8::bool[])
       ON CONFLICT ON CONSTRAINT pk_comment_anchor DO NOTHING`,
      [
        versionId,
        rows.map((r) => r.commentId),
        rows.map((r) => r.clauseKey),
        rows.map((r) => r.start),
        rows.map((r) => r.end),
        rows.map((r) => r.status),
        rows.map((r) => r.score),
        rows.map((r) => r.withdrawn),
      ],
    );
  }

  /** Open comments anchored in a version (withdrawn ones stay where they were withdrawn). */
  countOpen(em: EntityManager, versionId: string): Promise<number> {
    return em
      .query(`SELECT count(*)::int AS n FROM comment_anchor WHERE version_id = $1 AND NOT withdrawn`, [versionId])
      .then((r: { n: number }[]) => r[0].n);
  }

  /** The comments open on these clauses of a version (those a correction of the lineage out of it may move). */
  async openCommentsOn(em: EntityManager, versionId: string, clauseKeys: string[]): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT comment_id AS id FROM comment_anchor WHERE version_id = $1 AND clause_key = ANY($2::text[]) AND NOT withdrawn`,
      [versionId, clauseKeys],
    );
    return rows.map((r) => r.id);
  }

  /** Removes these comments' anchors from these versions (to place them again). */
  async deleteIn(em: EntityManager, commentIds: string[], versionIds: string[]): Promise<void> {
    await em.query(`DELETE FROM comment_anchor WHERE comment_id = ANY($1::uuid[]) AND version_id = ANY($2::uuid[])`, [
      commentIds,
      versionIds,
    ]);
  }

  /** A withdrawn comment's anchors, in every version it was carried into, stay where they are but no longer count as open. */
  async markWithdrawn(em: EntityManager, commentId: string): Promise<void> {
    await em.query(`UPDATE comment_anchor SET withdrawn = true WHERE comment_id = $1`, [commentId]);
  }

  /** A page of open anchors of a version in comment id order, after `after` (for resumable batches). */
  page(
    em: EntityManager,
    versionId: string,
    after: string | null,
    limit: number,
    commentIds?: string[],
  ): Promise<HeldAnchor[]> {
    return em.query(
      `SELECT comment_id AS "commentId", clause_key AS "clauseKey", start_offset AS start, end_offset AS "end", status, withdrawn
         FROM comment_anchor
        WHERE version_id = $1 AND NOT withdrawn AND comment_id > $2::uuid AND ($4::uuid[] IS NULL OR comment_id = ANY($4::uuid[]))
        ORDER BY comment_id LIMIT $3`,
      [versionId, after ?? '00000000-0000-0000-0000-000000000000', limit, commentIds ?? null],
    );
  }

  /** A planner for one version step: both versions' clause texts and the lineage between them, loaded once. */
  async planner(em: EntityManager, fromVersionId: string, toVersionId: string): Promise<CarryPlanner> {
    const from = await this.clauses.forVersion(em, fromVersionId);
    const to = await this.clauses.forVersion(em, toVersionId);
    const edges = await this.clauses.lineageInto(em, toVersionId);
    return new CarryPlanner(new Map(from.map((c) => [c.key, c.text])), new Map(to.map((c) => [c.key, c.text])), edges);
  }

  /** Carries one page; returns how many anchors and the last comment id (null when nothing was left). */
  async carryPage(
    em: EntityManager,
    planner: CarryPlanner,
    step: { fromVersionId: string; toVersionId: string },
    after: string | null,
    limit: number,
    commentIds?: string[],
  ): Promise<{ count: number; last: string | null }> {
    const held = await this.page(em, step.fromVersionId, after, limit, commentIds);
    if (!held.length) return { count: 0, last: null };
    await this.insert(
      em,
      step.toVersionId,
      held.map((a) => planner.place(a)),
    );
    return { count: held.length, last: held[held.length - 1].commentId };
  }
}
