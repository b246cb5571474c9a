import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobStatus } from './jobs.entities';

/** A job as it is shown, before its progress is worked out. */
export interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  done: number;
  total: number;
  attempts: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The version the job works on, when its payload names one. */
  versionNumber: number | null;
}

/** A job as its worker gets it when it claims it. */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  cursor: string | null;
  done: number;
  total: number;
}

/** What a failed attempt left of the job: queued again (after `retryInSeconds`) or failed. */
export interface FailedJobRow {
  status: 'queued' | 'failed';
  retryInSeconds: number;
}

/** How long a claim holds (`leaseSeconds`), and whose it is (`workerId`). */
export interface Lease {
  workerId: string;
  leaseSeconds: number;
}

const JOB_SELECT = `SELECT id, kind, status, done, total, attempts, error, created_at AS "createdAt", started_at AS "startedAt",
    finished_at AS "finishedAt", (payload->>'number')::int AS "versionNumber" FROM jobs`;

/**
 * Named queries over the jobs table. Every method takes the EntityManager (the transaction's inside a use case, the
 * data source's for a statement of its own): nothing runs outside the caller's transaction by accident.
 *
 * UPDATE … RETURNING is wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of rows.
 */
@Injectable()
export class JobsRepository {
  async insert(em: EntityManager, kind: string, payload: Record<string, unknown>, total: number): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO jobs (kind, payload, total) VALUES ($1, $2, $3) RETURNING id`,
      [kind, JSON.stringify(payload), total],
    );
    return row.id;
  }

  async byId(em: EntityManager, id: string): Promise<JobRow | undefined> {
    const [row] = await em.query<JobRow[]>(`${JOB_SELECT} WHERE id = $1`, [id]);
    return row;
  }

  /** A document's jobs that are still queued or running, plus those finished in the last ten minutes, newest first. */
  forDocument(em: EntityManager, documentId: string): Promise<JobRow[]> {
    return em.query<JobRow[]>(
      `${JOB_SELECT} WHERE payload->>'documentId' = $1
          AND (status IN ('queued', 'running') OR finished_at > now() - interval '10 minutes')
        ORDER BY created_at DESC LIMIT 20`,
      [documentId],
    );
  }

  /** Fails the running jobs of `kinds` whose holder's lease ran out on their last allowed attempt. */
  async failAbandoned(em: EntityManager, kinds: string[], maxAttempts: number): Promise<void> {
    await em.query(
      `UPDATE jobs SET status = 'failed', finished_at = now(), locked_until = NULL,
              error = COALESCE(error, 'its worker stopped during the last attempt')
        WHERE kind = ANY($1::text[]) AND status = 'running' AND locked_until < now() AND attempts >= $2`,
      [kinds, maxAttempts],
    );
  }

  /**
   * Takes the oldest job of `kinds` that is due (queued and past its back-off, or running with its lease run out)
   * for `lease.workerId`, skipping those another transaction holds; null when there is none.
   */
  async claimOldestDue(em: EntityManager, kinds: string[], lease: Lease): Promise<ClaimedJob | null> {
    const rows = await em.query<ClaimedJob[]>(
      `WITH claimed AS (UPDATE jobs SET status = 'running', locked_by = $1, locked_until = now() + make_interval(secs => $2),
              attempts = attempts + 1, started_at = COALESCE(started_at, now())
        WHERE id = (SELECT id FROM jobs
                     WHERE kind = ANY($3::text[])
                       AND (status = 'queued' OR status = 'running') AND (locked_until IS NULL OR locked_until < now())
                     ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, kind, payload, cursor, done, total) SELECT * FROM claimed`,
      [lease.workerId, lease.leaseSeconds, kinds],
    );
    return rows[0] ?? null;
  }

  /** Moves the job's cursor and count on and renews the lease; false when `lease.workerId` no longer holds it. */
  async progress(em: EntityManager, id: string, lease: Lease, cursor: string | null, added: number): Promise<boolean> {
    const rows = await em.query<{ id: string }[]>(
      `WITH held AS (UPDATE jobs SET cursor = $3, done = done + $4, locked_until = now() + make_interval(secs => $5)
        WHERE id = $1 AND locked_by = $2 AND status = 'running' RETURNING id) SELECT id FROM held`,
      [id, lease.workerId, cursor, added, lease.leaseSeconds],
    );
    return rows.length > 0;
  }

  /**
   * Records a failed attempt of a job `workerId` holds: queued again after baseSeconds · 2^(attempts − 1) seconds while
   * attempts < maxAttempts, else failed; undefined when `workerId` no longer holds it.
   */
  async fail(
    em: EntityManager,
    id: string,
    workerId: string,
    error: string,
    retry: { maxAttempts: number; baseSeconds: number },
  ): Promise<FailedJobRow | undefined> {
    const [row] = await em.query<FailedJobRow[]>(
      `WITH failed AS (UPDATE jobs SET error = $3, locked_by = NULL,
              status = CASE WHEN attempts < $4 THEN 'queued' ELSE 'failed' END,
              locked_until = CASE WHEN attempts < $4 THEN now() + make_interval(secs => $5 * power(2, attempts - 1)) END,
              finished_at = CASE WHEN attempts < $4 THEN NULL ELSE now() END
        WHERE id = $1 AND locked_by = $2 AND status = 'running'
        RETURNING status, CASE WHEN status = 'queued' THEN $5 * power(2, attempts - 1) ELSE 0 END AS "retryInSeconds")
       SELECT * FROM failed`,
      [id, workerId, error, retry.maxAttempts, retry.baseSeconds],
    );
    return row;
  }

  /** Ends a job `workerId` holds with `status`; a null error keeps the one on record. */
  async finish(
    em: EntityManager,
    id: string,
    workerId: string,
    status: 'done' | 'failed',
    error: string | null,
  ): Promise<void> {
    await em.query(
      `UPDATE jobs SET status = $3, error = COALESCE($4, error), finished_at = now(), locked_until = NULL WHERE id = $1 AND locked_by = $2`,
      [id, workerId, status, error],
    );
  }
}
