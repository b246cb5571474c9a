import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { DocumentsRepository } from '../documents/documents.repository';
import { type AlignmentCorrected, type VersionAdded, VersionHooks } from '../documents/version-hooks';
import type { ClaimedJob } from '../jobs/jobs.service';
import { JobsService } from '../jobs/jobs.service';
import { JobsRunner } from '../jobs/jobs.runner';
import { AnchorsRepository } from './anchors.repository';

export const CARRY_JOB = 'carry-comments';
/** Up to this many open comments are carried inside the transaction that adds the version. */
export const INLINE_LIMIT = 2000;
const BATCH = 5000;

interface CarryPayload {
  fromVersionId: string;
  toVersionId: string;
}

/**
 * Carries comment anchors into a new version. Few comments: inside the version's own transaction, so the new
 * version is never seen without them. Many: a background job in batches of BATCH, each batch one transaction
 * that also records progress and the resume point; the version answers at once and its list fills as it runs.
 */
@Injectable()
export class CarryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly anchors: AnchorsRepository,
    private readonly versions: DocumentsRepository,
    private readonly hooks: VersionHooks,
    private readonly jobs: JobsService,
    private readonly runner: JobsRunner,
  ) {}

  onModuleInit(): void {
    this.hooks.onVersionAdded(async (em, e) => {
      await this.onVersionAdded(em, e);
    });
    this.hooks.onAlignmentCorrected((em, e) => this.onAlignmentCorrected(em, e));
    this.runner.register(CARRY_JOB, (job, held) => this.runJob(job, held));
  }

  /**
   * After a drafter's correction, the comments that stood on the affected clauses of the based-on version are
   * placed again in the corrected version and those descended from it, following the corrected lineage.
   */
  async onAlignmentCorrected(em: EntityManager, e: AlignmentCorrected): Promise<void> {
    if (!e.parentKeys.length) return;
    const ids = await this.anchors.openCommentsOn(em, e.parent.id, e.parentKeys);
    if (!ids.length) return;
    await this.anchors.deleteIn(em, ids, e.versionIds);
    await this.carryMany(em, e.documentId, ids, e.parent.number);
  }

  /** Returns the job id when the carry was handed to the background. */
  async onVersionAdded(em: EntityManager, e: VersionAdded): Promise<string | null> {
    if (!e.parent) return null;
    const step = { fromVersionId: e.parent.id, toVersionId: e.versionId };
    const open = await this.anchors.countOpen(em, e.parent.id);
    if (open === 0) return null;
    if (open <= INLINE_LIMIT) {
      const planner = await this.anchors.planner(em, step.fromVersionId, step.toVersionId);
      await this.anchors.carryPage(em, planner, step, null, INLINE_LIMIT);
      return null;
    }
    const id = await this.jobs.enqueue(em, CARRY_JOB, { ...step, documentId: e.documentId, number: e.number }, open);
    this.runner.nudge();
    return id;
  }

  /** Carries one comment from its version through every version already based on it (a late comment). */
  carryOne(em: EntityManager, documentId: string, commentId: string, versionNumber: number): Promise<void> {
    return this.carryMany(em, documentId, [commentId], versionNumber);
  }

  /** Carries these comments from version `versionNumber` through every version descended from it that lacks them. */
  async carryMany(em: EntityManager, documentId: string, commentIds: string[], versionNumber: number): Promise<void> {
    const versions = await this.versions.versionTree(em, documentId, versionNumber);
    const byNumber = new Map(versions.map((v) => [v.number, v]));
    for (const v of versions) {
      const parent = v.basedOn === null ? undefined : byNumber.get(v.basedOn);
      if (!parent) continue; // the root, or a version not descended from the comment's version
      const step = { fromVersionId: parent.id, toVersionId: v.id };
      const planner = await this.anchors.planner(em, step.fromVersionId, step.toVersionId);
      await this.anchors.carryPage(em, planner, step, null, commentIds.length, commentIds);
    }
  }

  private async runJob(job: ClaimedJob, stillHeld: () => boolean): Promise<void> {
    const step = job.payload as unknown as CarryPayload;
    const planner = await this.anchors.planner(this.ds.manager, step.fromVersionId, step.toVersionId);
    let cursor = job.cursor;
    while (stillHeld()) {
      const done = await inTransaction(this.ds, async (em) => {
        const page = await this.anchors.carryPage(em, planner, step, cursor, BATCH);
        if (!(await this.jobs.progress(em, job.id, page.last ?? cursor, page.count)))
          throw new Error('lost the lease on the job');
        cursor = page.last ?? cursor;
        return page.count < BATCH;
      });
      if (done) return;
      await new Promise((r) => setImmediate(r)); // let requests in between batches
    }
  }
}
