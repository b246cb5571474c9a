import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * Long work done in the background. A poller claims a row with FOR UPDATE SKIP LOCKED and holds a lease
 * (locked_until) it renews after every batch; a job whose lease ran out (its process died) is claimed again and
 * resumes from `cursor`. A job that fails is queued again with its error kept and `locked_until` as the time it may
 * start again (exponential back-off), up to MAX_ATTEMPTS starts (jobs.service.ts); then it is `failed`. Nothing about
 * a job lives in one process's memory.
 */
@Entity('jobs')
@Check('ck_jobs_status', `"status" IN ('queued', 'running', 'done', 'failed')`)
@Index('ix_jobs_claim', ['status', 'lockedUntil'])
export class Job {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_jobs' })
  id: string;

  @Column('text')
  kind: string;

  @Column('jsonb', { default: {} })
  payload: Record<string, unknown>;

  @Column('text', { default: 'queued' })
  status: JobStatus;

  @Column('integer', { default: 0 })
  done: number;

  @Column('integer', { default: 0 })
  total: number;

  /** Where to resume: the job's own position (e.g. the last comment id carried). */
  @Column('text', { nullable: true })
  cursor: string | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'locked_by', nullable: true })
  lockedBy: string | null;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('text', { nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
