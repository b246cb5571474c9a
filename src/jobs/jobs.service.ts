import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error';
import { isUuid } from '../common/uuid';
import type { JobStatus } from './jobs.entities';
import { type ClaimedJob, JobsRepository, type Lease } from './jobs.repository';

export type { ClaimedJob } from './jobs.repository';

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

  private readonly lease: Lease = { workerId: this.workerId, leaseSeconds: LEASE_SECONDS };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: JobsRepository,
  ) {}

  enqueue(em: EntityManager, kind: string, payload: Record<string, unknown>, total: number): Promise<string> {
    return this.repo.insert(em, kind, payload, total);
  }

  async get(id: string): Promise<JobView> {
    const row = isUuid(id) ? await this.repo.byId(this.ds.manager, id) : undefined;
    if (!row) throw new DomainError(ErrorCode.NotFound, `No job ${id}.`);
    return withProgress(row);
  }

  /** A document's jobs that are still queued or running, plus those finished in the last ten minutes, newest first. */
  async forDocument(documentId: string): Promise<(JobView & { versionNumber: number | null })[]> {
    if (!isUuid(documentId)) return [];
    const rows = await this.repo.forDocument(this.ds.manager, documentId);
    return rows.map(withProgress);
  }

  /**
   * Claims the oldest queued job that is due (a retried one waits out its back-off in `locked_until`), or one whose
   * holder's lease ran out (it died): several instances act as one. A job whose holder died on its last attempt is
   * failed instead of started again.
   */
  async claim(kinds: string[]): Promise<ClaimedJob | null> {
    await this.repo.failAbandoned(this.ds.manager, kinds, MAX_ATTEMPTS);
    return this.repo.claimOldestDue(this.ds.manager, kinds, this.lease);
  }

  /** Records progress inside the batch's transaction; false when this worker no longer holds the job. */
  progress(em: EntityManager, id: string, cursor: string | null, added: number): Promise<boolean> {
    return this.repo.progress(em, id, this.lease, cursor, added);
  }

  /**
   * A failed attempt: the job is queued again after a back-off, its error kept, until MAX_ATTEMPTS starts; then it
   * is `failed`. It resumes from its cursor, so batches already committed are not done again.
   */
  async fail(id: string, error: string): Promise<FailureOutcome | null> {
    const row = await this.repo.fail(this.ds.manager, id, this.workerId, error, {
      maxAttempts: MAX_ATTEMPTS,
      baseSeconds: RETRY_BASE_SECONDS,
    });
    if (!row) return null; // no longer ours (the lease ran out and another worker took it)
    return row.status === 'queued'
      ? { status: 'queued', retryInSeconds: Number(row.retryInSeconds) }
      : { status: 'failed' };
  }

  /** Ends the job; a job done after a failed attempt keeps that attempt's error on record. */
  async finish(id: string, status: 'done' | 'failed', error: string | null = null): Promise<void> {
    await this.repo.finish(this.ds.manager, id, this.workerId, status, error);
  }
}
