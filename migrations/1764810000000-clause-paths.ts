import type { MigrationInterface, QueryRunner } from 'typeorm';
import { clausePaths } from '../src/engine/context';

/**
 * clauses.path: every clause's full name ("三、实施专精特新企业培育工程 › （二）"), computed once when its version is
 * stored and read by every screen, report and export. Existing versions are filled in here with the engine's own
 * function (the immutability trigger is set aside for that one statement per version, inside this migration's
 * transaction).
 */
export class ClausePaths1764810000000 implements MigrationInterface {
  name = 'ClausePaths1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "clauses" ADD "path" text NOT NULL DEFAULT ''`);
    const versions = (await q.query(`SELECT id FROM versions ORDER BY created_at`)) as { id: string }[];
    if (!versions.length) return;
    await q.query(`ALTER TABLE "clauses" DISABLE TRIGGER "tr_clauses_immutable"`);
    for (const { id } of versions) {
      const rows = (await q.query(
        `SELECT ordinal, kind, label, text, parent_ordinal AS parent FROM clauses WHERE version_id = $1 ORDER BY ordinal`,
        [id],
      )) as { ordinal: number; kind: string; label: string; text: string; parent: number | null }[];
      const paths = clausePaths(rows);
      await q.query(
        `UPDATE clauses c SET path = p.path FROM unnest($2::int[], $3::text[]) AS p(ordinal, path)
          WHERE c.version_id = $1 AND c.ordinal = p.ordinal`,
        [id, rows.map((r) => r.ordinal), paths],
      );
    }
    await q.query(`ALTER TABLE "clauses" ENABLE TRIGGER "tr_clauses_immutable"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "clauses" DROP COLUMN "path"`);
  }
}
