import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * login_throttle: failed logins per user name and per client address, in the database so that every instance (and
 * the embedded default) counts the same attempts. Generated from the entity, then read by hand.
 */
export class LoginThrottle1764820000000 implements MigrationInterface {
  name = 'LoginThrottle1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "login_throttle" ("scope" text NOT NULL, "subject" text NOT NULL, "failures" integer NOT NULL DEFAULT '0',
      "locked_until" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_login_throttle_failures" CHECK ("failures" >= 0), CONSTRAINT "ck_login_throttle_scope" CHECK ("scope" IN ('user', 'address')),
      CONSTRAINT "pk_login_throttle" PRIMARY KEY ("scope", "subject"))`);
    await q.query(`CREATE INDEX "ix_login_throttle_last_failure" ON "login_throttle" ("last_failure_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "login_throttle"`);
  }
}
