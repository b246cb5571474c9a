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

const JOB_SELECT = `SELECT id, kind, status, done, total, attempts, error, created_at AS "createdAt", started_at AS "startedAt",
    finished_at AS "finishedAt", (payload->>'number')::int AS "versionNumber" FROM jobs`;

function withProgress<T extends { total: number; done: number; status: string }>(j: T): T & { progress: number } {
  return { ...j, progress: j.total > 0 ? Math.min(1, j.done / j.total) : j.status === 'done' ? 1 : 0 };
}

/** How long a claim holds without renewal; a worker renews it after every batch. */
export const LEASE_SECONDS = 30;

/** The jobs table: enqueue inside a caller's transaction, claim with SKIP LOCKED, renew the lease with progress. */
@Injectable()
export class JobsService {
  /** This process's name on the jobs it holds. */
  readonly workerId = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async enqueue(em: EntityManager, kind: string, payload: Record<string, unknown>, total: number): Promise<string> {
    const [row] = await em.query(`INSERT INTO jobs (kind, payload, total) VALUES ($1, $2, $3) RETURNING id`, [kind, JSON.stringify(payload), total]);
    return row.id;
  }

  async get(id: string): Promise<JobView> {
    const rows = isUuid(id) ? await this.ds.query(`${JOB_SELECT} WHERE id = $1`, [id]) : [];
    if (!rows[0]) throw new DomainError(ErrorCode.NotFound, `No job ${id}.`);
    return withProgress(rows[0]);
  }

  /** A document's jobs that are still queued or running, plus those finished in the last ten minutes, newest first. */
  async forDocument(documentId: string): Promise<(JobView & { versionNumber: number | null })[]> {
    if (!isUuid(documentId)) return [];
    const rows = await this.ds.query(
      `${JOB_SELECT} WHERE payload->>'documentId' = $1
          AND (status IN ('queued', 'running') OR finished_at > now() - interval '10 minutes')
        ORDER BY created_at DESC LIMIT 20`,
      [documentId],
    );
    return rows.map(withProgress);
  }

  // UPDATE … RETURNING is wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of rows.
  /** Claims the oldest queued job, or one whose holder's lease ran out (it died): several instances act as one. */
  async claim(kinds: string[]): Promise<ClaimedJob | null> {
    const rows = await this.ds.query(
      `WITH claimed AS (UPDATE jobs SET status = 'running', locked_by = $1, locked_until = now() + make_interval(secs => $2),
              attempts = attempts + 1, started_at = COALESCE(started_at, now())
        WHERE id = (SELECT id FROM jobs
                     WHERE kind = ANY($3::text[])
                       AND (status = 'queued' OR (status = 'running' AND locked_until < now()))
                     ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, kind, payload, cursor, done, total) SELECT * FROM claimed`,
      [this.workerId, LEASE_SECONDS, kinds],
    );
    return rows[0] ?? null;
  }

  /** Records progress inside the batch's transaction; false when this worker no longer holds the job. */
  async progress(em: EntityManager, id: string, cursor: string | null, added: number): Promise<boolean> {
    const rows = await em.query(
      `WITH held AS (UPDATE jobs SET cursor = $3, done = done + $4, locked_until = now() + make_interval(secs => $5)
        WHERE id = $1 AND locked_by = $2 AND status = 'running' RETURNING id) SELECT id FROM held`,
      [id, this.workerId, cursor, added, LEASE_SECONDS],
    );
    return rows.length > 0;
  }

  async finish(id: string, status: 'done' | 'failed', error: string | null = null): Promise<void> {
    await this.ds.query(
      `UPDATE jobs SET status = $3, error = $4, finished_at = now(), locked_until = NULL WHERE id = $1 AND locked_by = $2`,
      [id, this.workerId, status, error],
    );
  }
}
