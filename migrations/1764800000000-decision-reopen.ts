import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decision can be reopened by the drafting group: comment_decisions stays append-only, and a row with the outcome
 * 'reopened' (and its reason) ends the decision before it. A comment whose latest row is 'reopened' is undecided.
 */
export class DecisionReopen1764800000000 implements MigrationInterface {
  name = 'DecisionReopen1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "comment_decisions" DROP CONSTRAINT "ck_comment_decisions_outcome"`);
    await q.query(`ALTER TABLE "comment_decisions" ADD CONSTRAINT "ck_comment_decisions_outcome"
      CHECK ("outcome" IN ('adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'under_study', 'reopened'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "comment_decisions" DROP CONSTRAINT "ck_comment_decisions_outcome"`);
    await q.query(`ALTER TABLE "comment_decisions" ADD CONSTRAINT "ck_comment_decisions_outcome"
      CHECK ("outcome" IN ('adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'under_study'))`);
  }
}
