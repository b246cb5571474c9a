import { DataSource } from 'typeorm';
import { JobsRunner } from '../../src/jobs/jobs.runner';
import { JobsService, MAX_ATTEMPTS, RETRY_BASE_SECONDS } from '../../src/jobs/jobs.service';
import { startTestApp, type TestApp } from '../support/app';

interface JobRow {
  status: string;
  attempts: number;
  error: string | null;
  waitSeconds: number | null;
  finishedAt: Date | null;
}

/** A job kind of this test's own, with a handler that fails on the attempts listed and succeeds on the others. */
describe('a background job that fails', () => {
  let t: TestApp;
  let ds: DataSource;
  let jobs: JobsService;
  let runner: JobsRunner;
  const starts = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    jobs = t.app.get(JobsService);
    runner = t.app.get(JobsRunner);
    runner.register('test-flaky', (job) => {
      const n = (starts.get(job.id) ?? 0) + 1;
      starts.set(job.id, n);
      // the attempts to fail travel in the payload: the runner may claim the job before enqueue() has returned
      if ((job.payload.failOn as number[]).includes(n))
        return Promise.reject(new Error(`flaky step broke on attempt ${n}`));
      return Promise.resolve();
    });
  });
  afterAll(() => t.close());

  const row = async (id: string): Promise<JobRow> =>
    (
      await ds.query(
        `SELECT status, attempts, error, finished_at AS "finishedAt",
                EXTRACT(EPOCH FROM locked_until - now())::float AS "waitSeconds" FROM jobs WHERE id = $1`,
        [id],
      )
    )[0];

  /** Waits (bounded) until the runner has settled the job's current attempt, i.e. it is no longer running. */
  async function settled(id: string, attempts: number): Promise<JobRow> {
    for (let i = 0; i < 400; i++) {
      const r = await row(id);
      if (r.attempts >= attempts && r.status !== 'running') return r;
      runner.nudge();
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error(`job ${id} did not settle attempt ${attempts}: ${JSON.stringify(await row(id))}`);
  }

  /** The back-off is waited out by moving the job's "not before" time to now, as if the time had passed. */
  const skipBackOff = (id: string) =>
    ds.query(`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1`, [id]);

  async function enqueue(failing: number[]): Promise<string> {
    return jobs.enqueue(ds.manager, 'test-flaky', { failOn: failing }, 1);
  }

  it(`is retried after a growing back-off, then failed with its error kept after ${MAX_ATTEMPTS} attempts`, async () => {
    const id = await enqueue([1, 2, 3, 4, 5]);
    runner.nudge();
    const first = await settled(id, 1);
    expect(first).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: 'flaky step broke on attempt 1',
      finishedAt: null,
    });
    expect(first.waitSeconds).toBeGreaterThan(0);
    expect(first.waitSeconds).toBeLessThanOrEqual(RETRY_BASE_SECONDS);
    // not started again before its back-off has passed
    runner.nudge();
    expect((await row(id)).attempts).toBe(1);

    await skipBackOff(id);
    const second = await settled(id, 2);
    expect(second).toMatchObject({ status: 'queued', attempts: 2, error: 'flaky step broke on attempt 2' });
    expect(second.waitSeconds).toBeGreaterThan(RETRY_BASE_SECONDS); // doubled
    expect(second.waitSeconds).toBeLessThanOrEqual(2 * RETRY_BASE_SECONDS);

    await skipBackOff(id);
    const last = await settled(id, MAX_ATTEMPTS);
    expect(last).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      error: `flaky step broke on attempt ${MAX_ATTEMPTS}`,
      waitSeconds: null,
    });
    expect(last.finishedAt).not.toBeNull();
    expect(starts.get(id)).toBe(MAX_ATTEMPTS);
    // and stays failed: never claimed again
    runner.nudge();
    await new Promise((res) => setTimeout(res, 100));
    expect(starts.get(id)).toBe(MAX_ATTEMPTS);
    expect(await jobs.get(id)).toMatchObject({
      status: 'failed',
      error: `flaky step broke on attempt ${MAX_ATTEMPTS}`,
    });
  });

  it('is done when a retry succeeds, its last error still on record', async () => {
    const id = await enqueue([1]);
    runner.nudge();
    expect(await settled(id, 1)).toMatchObject({ status: 'queued', attempts: 1 });
    await skipBackOff(id);
    expect(await settled(id, 2)).toMatchObject({ status: 'done', attempts: 2, error: 'flaky step broke on attempt 1' });
  });

  it('is failed, not started again, when its worker died during the last attempt', async () => {
    const id = await enqueue([]);
    await ds.query(
      `UPDATE jobs SET status = 'running', attempts = $2, locked_by = 'worker-gone', locked_until = now() - interval '1 second' WHERE id = $1`,
      [id, MAX_ATTEMPTS],
    );
    runner.nudge();
    const r = await settled(id, MAX_ATTEMPTS);
    expect(r).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      error: 'its worker stopped during the last attempt',
    });
    expect(starts.get(id)).toBeUndefined();
  });
});
