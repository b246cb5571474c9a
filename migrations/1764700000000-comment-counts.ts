import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * comment_counts: open comments per (version, clause), for the heat map. Statement-level triggers on comment_anchor
 * keep it: they see every inserted, updated and deleted anchor row at once (transition tables), so a carry of
 * 100,000 comments updates each counter once. Counters are touched in key order, so concurrent writers never
 * deadlock on them.
 */
export class CommentCounts1764700000000 implements MigrationInterface {
  name = 'CommentCounts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "comment_counts" ("version_id" uuid NOT NULL, "clause_key" text NOT NULL,
      "open_count" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_comment_counts" PRIMARY KEY ("version_id", "clause_key"))`);
    // One upsert for the rows a statement touched, counters in key order (no deadlocks between concurrent writers).
    const upsert = (deltas: string) => `INSERT INTO comment_counts (version_id, clause_key, open_count)
        SELECT version_id, clause_key, sum(n)::int FROM (${deltas}) d GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
        ON CONFLICT (version_id, clause_key) DO UPDATE SET open_count = comment_counts.open_count + EXCLUDED.open_count`;
    const fn = (name: string, deltas: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert(deltas)};
        RETURN NULL;
      END $$`;
    const added = `SELECT version_id, clause_key, 1 AS n FROM new_rows WHERE NOT withdrawn`;
    const removed = `SELECT version_id, clause_key, -1 AS n FROM old_rows WHERE NOT withdrawn`;
    await q.query(fn('comment_counts_ins', added));
    await q.query(fn('comment_counts_del', removed));
    await q.query(fn('comment_counts_upd', `${removed} UNION ALL ${added}`));
    await q.query(`CREATE TRIGGER tr_comment_counts_ins AFTER INSERT ON comment_anchor
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comment_counts_ins()`);
    await q.query(`CREATE TRIGGER tr_comment_counts_del AFTER DELETE ON comment_anchor
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION comment_counts_del()`);
    await q.query(`CREATE TRIGGER tr_comment_counts_upd AFTER UPDATE ON comment_anchor
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comment_counts_upd()`);
    await q.query(`INSERT INTO comment_counts (version_id, clause_key, open_count)
      SELECT version_id, clause_key, count(*)::int FROM comment_anchor WHERE NOT withdrawn GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ins', 'del', 'upd'])
      await q.query(`DROP TRIGGER IF EXISTS tr_comment_counts_${t} ON comment_anchor`);
    await q.query(`DROP FUNCTION IF EXISTS comment_counts_ins, comment_counts_del, comment_counts_upd`);
    await q.query(`DROP TABLE IF EXISTS comment_counts`);
  }
}
