import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ThrottleScope } from './accounts.entities';

/** A locked `login_throttle` row as the attempt reads it. */
export interface ThrottleRow {
  failures: number;
  /** Whether the last failure is older than the forget window (null: no failure yet). */
  stale: boolean | null;
  /** Seconds the lock still holds (null: not locked). */
  retryAfter: number | null;
}

/**
 * Named queries over login_throttle, one row per (scope, subject). Every method takes the EntityManager (the
 * transaction's inside a use case, the data source's for a statement of its own).
 */
@Injectable()
export class LoginThrottleRepository {
  /** The row of (scope, subject), locked until the transaction ends; created with no failures when missing. */
  async lock(em: EntityManager, scope: ThrottleScope, subject: string, forgetSeconds: number): Promise<ThrottleRow> {
    // One statement that finds or makes the row and locks it: an INSERT … DO NOTHING then a SELECT … FOR UPDATE found
    // nothing when a concurrent successful login deleted the row in between (its count back to zero) — a 500. ON
    // CONFLICT DO UPDATE locks the row it conflicts with, and inserts again if that row is gone.
    const [row] = await em.query<ThrottleRow[]>(
      `INSERT INTO login_throttle AS t (scope, subject) VALUES ($1, $2)
       ON CONFLICT (scope, subject) DO UPDATE SET scope = t.scope
       RETURNING t.failures, t.last_failure_at < now() - make_interval(secs => $3) AS stale,
                 CASE WHEN t.locked_until > now() THEN ceil(extract(epoch FROM t.locked_until - now()))::int END AS "retryAfter"`,
      [scope, subject, forgetSeconds],
    );
    return row;
  }

  /** Records a failure: its count, now as its time, and a lock of `lockSeconds` (0: none). */
  async recordFailure(
    em: EntityManager,
    scope: ThrottleScope,
    subject: string,
    failures: number,
    lockSeconds: number,
  ): Promise<void> {
    await em.query(
      `UPDATE login_throttle SET failures = $3, last_failure_at = now(),
                  locked_until = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4) END
            WHERE scope = $1 AND subject = $2`,
      [scope, subject, failures, lockSeconds],
    );
  }

  /** Forgets a user name's failures (its row goes). */
  async forgetUserName(em: EntityManager, subject: string): Promise<void> {
    await em.query(`DELETE FROM login_throttle WHERE scope = 'user' AND subject = $1`, [subject]);
  }

  /** Takes one failure back (and the lock with it when `liftLock`); a row left with nothing to say goes. */
  async takeBackFailure(em: EntityManager, scope: ThrottleScope, subject: string, liftLock: boolean): Promise<void> {
    await em.query(
      `UPDATE login_throttle SET failures = greatest(failures - 1, 0),
              locked_until = CASE WHEN $3 THEN NULL ELSE locked_until END
        WHERE scope = $1 AND subject = $2`,
      [scope, subject, liftLock],
    );
    await em.query(
      `DELETE FROM login_throttle WHERE scope = $1 AND subject = $2 AND failures = 0 AND locked_until IS NULL`,
      [scope, subject],
    );
  }

  /** Deletes the rows with no failure for `forgetSeconds` and no lock still holding. */
  async sweep(em: EntityManager, forgetSeconds: number): Promise<void> {
    await em.query(
      `DELETE FROM login_throttle WHERE last_failure_at < now() - make_interval(secs => $1) AND (locked_until IS NULL OR locked_until < now())`,
      [forgetSeconds],
    );
  }
}
