import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isDatabaseUnavailable } from '../database/connection-errors';
import { type ClaimedJob, JobsService } from './jobs.service';

/** Runs one claimed job to the end (or throws). It must record progress through JobsService.progress per batch. */
export type JobHandler = (job: ClaimedJob, stillHeld: () => boolean) => Promise<void>;

const POLL_MS = 300;

/**
 * Polls the jobs table and runs one job at a time in this process. Work happens in batches with a yield between
 * them, so requests keep being served; after a crash another instance (or this one, restarted) resumes the job.
 */
@Injectable()
export class JobsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobsRunner');
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly jobs: JobsService) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    this.schedule(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Look for work now (e.g. right after enqueueing) instead of at the next poll. */
  nudge(): void {
    if (!this.running && !this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(POLL_MS);
      });
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (!this.handlers.size) return;
    let job: ClaimedJob | null;
    try {
      job = await this.jobs.claim([...this.handlers.keys()]);
    } catch (e) {
      if (!this.stopped) this.logger.warn(`claiming a job failed: ${(e as Error).message}`);
      return;
    }
    if (!job) return;
    try {
      await this.handlers.get(job.kind)!(job, () => !this.stopped);
      if (!this.stopped) await this.jobs.finish(job.id, 'done');
    } catch (e) {
      if (this.stopped) return; // shutting down: the lease runs out and another instance resumes
      if (isDatabaseUnavailable(e)) {
        // not the job's fault: once the database is back and the lease has run out, a poll resumes it from its cursor
        this.logger.warn(
          `job ${job.id} (${job.kind}) interrupted, the database cannot be reached: ${(e as Error).message}`,
        );
        return;
      }
      const outcome = await this.jobs.fail(job.id, e instanceof Error ? e.message : String(e)).catch(() => null);
      const what = `job ${job.id} (${job.kind}) failed`;
      if (outcome?.status === 'queued')
        this.logger.warn(
          `${what}, retried in ${outcome.retryInSeconds} s: ${e instanceof Error ? e.stack : String(e)}`,
        );
      else this.logger.error(`${what} for good: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
}
