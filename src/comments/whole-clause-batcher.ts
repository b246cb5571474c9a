import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CreateContext, CommentsRepository, type NewComment } from './comments.repository';

type WholeClause = Omit<NewComment, 'versionId' | 'consultationId' | 'quote' | 'start' | 'end'>;
type Result = { context: CreateContext; written: { createdAt: Date; updatedAt: Date } | null };

/** Most requests one statement takes; more wait for the next one. */
const MAX_BATCH = 64;

/**
 * Group commit for whole-clause comments. When many delegates submit at once, the requests that reach the service in
 * the same turn of the event loop are written by one statement (createWholeClauseMany) instead of one statement each:
 * PostgreSQL plans, executes and commits once, and the driver makes one round trip. A lone request goes straight to
 * createWholeClause and waits for nothing but the end of the current turn. If a batch fails as a whole, each request
 * in it is tried on its own, so one bad request never fails the others.
 */
@Injectable()
export class WholeClauseBatcher {
  private queue: { c: WholeClause; resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly comments: CommentsRepository,
  ) {}

  submit(c: WholeClause): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ c, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      void this.write(batch);
    }
  }

  private async write(batch: WholeClauseBatcher['queue']): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.comments.createWholeClauseMany(
          this.ds.manager,
          batch.map((b) => b.c),
        );
        batch.forEach((b, i) => b.resolve(results[i]));
        return;
      } catch {
        // fall through: one by one, so the failure lands on the request that caused it
      }
    }
    for (const b of batch) {
      this.comments.createWholeClause(this.ds.manager, b.c).then(b.resolve, b.reject);
    }
  }
}
