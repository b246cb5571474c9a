import { Logger } from '@nestjs/common';
import type { ClaimedJob, JobsService } from '../../src/jobs/jobs.service';
import { JobsRunner } from '../../src/jobs/jobs.runner';

/** A JobsService that hands out one job and records how it was finished: only to force the runner's failure branch. */
function fakeJobs() {
  const job: ClaimedJob = { id: 'job-1', kind: 'carry', payload: {}, cursor: null, done: 0, total: 10 };
  let claimed = false;
  const finished: [string, string][] = [];
  const jobs = {
    claim: () => Promise.resolve(claimed ? null : ((claimed = true), job)),
    finish: (id: string, status: string) => Promise.resolve(void finished.push([id, status])),
    fail: (id: string) => Promise.resolve((finished.push([id, 'failed']), { status: 'failed' })),
  } as unknown as JobsService;
  return { jobs, finished, claimed: () => claimed };
}

async function runOnce(error: Error) {
  const fake = fakeJobs();
  const runner = new JobsRunner(fake.jobs);
  runner.register('carry', () => Promise.reject(error));
  runner.nudge();
  for (let i = 0; i < 50 && !fake.claimed(); i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  await runner.onApplicationShutdown();
  return fake.finished;
}

describe('the jobs runner', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(true));

  it('hands a job whose handler fails to JobsService.fail (which retries or fails it)', async () => {
    expect(await runOnce(new TypeError('a bug'))).toEqual([['job-1', 'failed']]);
  });

  it('leaves a job interrupted by a database outage to be resumed when its lease runs out, not failed', async () => {
    expect(await runOnce(new Error('Connection terminated unexpectedly'))).toEqual([]);
    expect(
      await runOnce(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toEqual([]);
  });
});
