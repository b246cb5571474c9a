import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error';
import { isUuid } from '../common/uuid';
import type { JobStatus } from './jobs.entities';

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  done: number;
  total: number;
  /** done / total in [0, 1]. */
  progress: number;
  attempts: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  cursor: string | null;
  done: number;
  total: number;
}

type JobRow = Omit<JobView, 'progress'> & { versionNumber: number | null };

const JOB_SELECT = `SELECT id, kind, status, done, total, attempts, error, created_at AS "createdAt", started_at AS "startedAt",
    finished_at AS "finishedAt", (payload->>'number')::int AS "versionNumber" FROM jobs`;

function withProgress<T extends { total: number; done: number; status: string }>(j: T): T & { progress: number } {
  return { ...j, progress: j.total > 0 ? Math.min(1, j.done / j.total) : j.status === 'done' ? 1 : 0 };
}

/** How long a claim holds without renewal; a worker renews it after every batch. */
export const LEASE_SECONDS = 30;

/**
 * A job is started at most this many times (a failure, or a holder that died, each use one); after the last failed
 * start it is `failed` with its last error kept. Bounded so that a job that cannot succeed does not run forever.
 */
export const MAX_ATTEMPTS = 3;
/** Wait before the next start after a failure: RETRY_BASE_SECONDS · 2^(attempts − 1), so 5 s, then 10 s. */
export const RETRY_BASE_SECONDS = 5;

/** What became of a failed job: queued again to retry after `retryInSeconds`, or failed for good. */
export type FailureOutcome = { status: 'queued'; retryInSeconds: number } | { status: 'failed' };

/** The jobs table: enqueue inside a caller's transaction, claim with SKIP LOCKED, renew the lease with progress. */
@Injectable()
export class JobsService {
  /** This process's name on the jobs it holds. */
  readonly workerId = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async enqueue(em: EntityManager, kind: string, payload: Record<string, unknown>, total: number): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO jobs (kind, payload, total) VALUES ($1, $2, $3) RETURNING id`,
      [kind, JSON.stringify(payload), total],
    );
    return row.id;
  }

  async get(id: string): Promise<JobView> {
    const rows = isUuid(id) ? await this.ds.query<JobRow[]>(`${JOB_SELECT} WHERE id = $1`, [id]) : [];
    if (!rows[0]) throw new DomainError(ErrorCode.NotFound, `No job ${id}.`);
    return withProgress(rows[0]);
  }

  /** A document's jobs that are still queued or running, plus those finished in the last ten minutes, newest first. */
  async forDocument(documentId: string): Promise<(JobView & { versionNumber: number | null })[]> {
    if (!isUuid(documentId)) return [];
    const rows = await this.ds.query<JobRow[]>(
      `${JOB_SELECT} WHERE payload->>'documentId' = $1
          AND (status IN ('queued', 'running') OR finished_at > now() - interval '10 minutes')
        ORDER BY created_at DESC LIMIT 20`,
      [documentId],
    );
    return rows.map(withProgress);
  }

  // UPDATE … RETURNING is wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of rows.
  /**
   * Claims the oldest queued job that is due (a retried one waits out its back-off in `locked_until`), or one whose
   * holder's lease ran out (it died): several instances act as one. A job whose holder died on its last attempt is
   * failed instead of started again.
   */
  async claim(kinds: string[]): Promise<ClaimedJob | null> {
    await this.ds.query(
      `UPDATE jobs SET status = 'failed', finished_at = now(), locked_until = NULL,
              error = COALESCE(error, 'its worker stopped during the last attempt')
        WHERE kind = ANY($1::text[]) AND status = 'running' AND locked_until < now() AND attempts >= $2`,
      [kinds, MAX_ATTEMPTS],
    );
    const rows = await this.ds.query<ClaimedJob[]>(
      `WITH claimed AS (UPDATE jobs SET status = 'running', locked_by = $1, locked_until = now() + make_interval(secs => $2),
              attempts = attempts + 1, started_at = COALESCE(started_at, now())
        WHERE id = (SELECT id FROM jobs
                     WHERE kind = ANY($3::text[])
                       AND (status = 'queued' OR status = 'running') AND (locked_until IS NULL OR locked_until < now())
                     ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, kind, payload, cursor, done, total) SELECT * FROM claimed`,
      [this.workerId, LEASE_SECONDS, kinds],
    );
    return rows[0] ?? null;
  }

  /** Records progress inside the batch's transaction; false when this worker no longer holds the job. */
  async progress(em: EntityManager, id: string, cursor: string | null, added: number): Promise<boolean> {
    const rows = await em.query<{ id: string }[]>(
      `WITH held AS (UPDATE jobs SET cursor = $3, done = done + $4, locked_until = now() + make_interval(secs => $5)
        WHERE id = $1 AND locked_by = $2 AND status = 'running' RETURNING id) SELECT id FROM held`,
      [id, this.workerId, cursor, added, LEASE_SECONDS],
    );
    return rows.length > 0;
  }

  /**
   * A failed attempt: the job is queued again after a back-off, its error kept, until MAX_ATTEMPTS starts; then it
   * is `failed`. It resumes from its cursor, so batches already committed are not done again.
   */
  async fail(id: string, error: string): Promise<FailureOutcome | null> {
    const rows = await this.ds.query<{ status: 'queued' | 'failed'; retryInSeconds: number }[]>(
      `WITH failed AS (UPDATE jobs SET error = $3, locked_by = NULL,
              status = CASE WHEN attempts < $4 THEN 'queued' ELSE 'failed' END,
              locked_until = CASE WHEN attempts < $4 THEN now() + make_interval(secs => $5 * power(2, attempts - 1)) END,
              finished_at = CASE WHEN attempts < $4 THEN NULL ELSE now() END
        WHERE id = $1 AND locked_by = $2 AND status = 'running'
        RETURNING status, CASE WHEN status = 'queued' THEN $5 * power(2, attempts - 1) ELSE 0 END AS "retryInSeconds")
       SELECT * FROM failed`,
      [id, this.workerId, error, MAX_ATTEMPTS, RETRY_BASE_SECONDS],
    );
    const row = rows[0];
    if (!row) return null; // no longer ours (the lease ran out and another worker took it)
    return row.status === 'queued'
      ? { status: 'queued', retryInSeconds: Number(row.retryInSeconds) }
      : { status: 'failed' };
  }

  /** Ends the job; a job done after a failed attempt keeps that attempt's error on record. */
  async finish(id: string, status: 'done' | 'failed', error: string | null = null): Promise<void> {
    await this.ds.query(
      `UPDATE jobs SET status = $3, error = COALESCE($4, error), finished_at = now(), locked_until = NULL WHERE id = $1 AND locked_by = $2`,
      [id, this.workerId, status, error],
    );
  }
}
