import { Client } from 'pg';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { formatLsn, parseLsn, ReadReplicas, WRITE_POSITION_COOKIE } from '../../src/database/read-replicas';
import { V1, windowNow } from '../comments/helpers';
import { startSecondInstance, startTestApp, type TestApp, type TestUser } from '../support/app';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * Reads of immutable data from a real PostgreSQL streaming replica (scripts/replica.sh; `.ci/run` starts it and sets
 * TEST_READ_REPLICA_URL to the replica's copy of DATABASE_URL's database). Proof that a read was served by the
 * replica: the router's count of reads per replica, and, with the replica's replay paused, a drafter's alignment
 * correction (which renames clause keys) on the primary only: a clause history read with the old keys came from the
 * replica. Versions and diffs are cached under the keys generation the primary names, so they never show old keys.
 */
const replicaUrl = process.env.TEST_READ_REPLICA_URL;
// Each test waits for the replica to replay the primary (no time is asserted); on a loaded machine that takes a while.
jest.setTimeout(180_000);
const runnable = Boolean(replicaUrl && process.env.DATABASE_URL);
if (!runnable) {
  console.warn(
    'read-replicas.e2e: skipped — needs DATABASE_URL and TEST_READ_REPLICA_URL (a streaming replica of it: scripts/replica.sh start, as .ci/run does)',
  );
}

describe('DATABASE_READ_URLS with the embedded database', () => {
  it('stops the start-up with a message: PGlite has no replicas', () => {
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://postgres@127.0.0.1:5433/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://postgres@127.0.0.1:5433/x' })).toThrow(
      /DATABASE_READ_URLS needs DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://h/db', DATABASE_READ_URLS: 'mysql://h/db' })).toThrow(
      /DATABASE_READ_URLS/,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://h/db', DATABASE_READ_URLS: ' postgres://a/db , postgres://b/db ' })
        .readReplicas.urls,
    ).toEqual(['postgres://a/db', 'postgres://b/db']);
  });
});

describe('WAL positions', () => {
  it("compare as numbers across the slash and round-trip to PostgreSQL's form", () => {
    expect(parseLsn('0/16B3748')! < parseLsn('1/0')!).toBe(true);
    expect(parseLsn('0/FFFFFFFF')! + 1n).toBe(parseLsn('1/0'));
    expect(formatLsn(parseLsn('A/16B3748')!)).toBe('A/16B3748');
    for (const bad of ['', '0-1', '0/', '/1', '123456789/0', 'x/1', null, undefined]) expect(parseLsn(bad)).toBeNull();
  });
});

(runnable ? describe : describe.skip)('read replicas (a real streaming replica)', () => {
  let replicaAdmin: Client;
  let primaryAdmin: Client;

  beforeAll(async () => {
    replicaAdmin = new Client({ connectionString: replicaUrl });
    primaryAdmin = new Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([replicaAdmin.connect(), primaryAdmin.connect()]);
  });
  afterAll(async () => {
    await replicaAdmin?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await Promise.all([replicaAdmin?.end(), primaryAdmin?.end()]);
  });

  const pause = () => replicaAdmin.query('SELECT pg_wal_replay_pause()');
  const resume = () => replicaAdmin.query('SELECT pg_wal_replay_resume()');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Checks again until the replica has replayed everything the primary has now (and the router has seen it). */
  async function caughtUp(t: TestApp): Promise<void> {
    const { rows } = await primaryAdmin.query('SELECT pg_current_wal_lsn()::text AS lsn');
    const target = parseLsn(rows[0].lsn)!;
    const replicas = t.app.get(ReadReplicas);
    for (let i = 0; i < 600; i++) {
      await replicas.check();
      const live = replicas.status().filter((r) => !r.name.startsWith('127.0.0.1:1/')); // port 1: the dead one below
      if (live.every((s) => s.state === 'up' && parseLsn(s.replayLsn)! >= target)) return;
      await sleep(50);
    }
    throw new Error(`the replica did not catch up: ${JSON.stringify(replicas.status())}`);
  }

  /** A document with two versions whose second one edits one clause. */
  async function twoVersions(t: TestApp, drafter: TestUser): Promise<string> {
    const doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '只读副本' }).expect(201)).body
      .id as string;
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
    await t
      .http()
      .post(`/api/documents/${doc}/versions`)
      .set(drafter.auth)
      .send({ text: V1.replace('每季度', '每月') })
      .expect(201);
    return doc;
  }

  /**
   * A writer's document with two versions, replayed by the replica, then read by another drafter (who never writes):
   * version 2 as it stands (`before`), and the clause version 2 edited (`edited`, from the diff).
   */
  async function readThroughReplica(t: TestApp) {
    const writer = await t.user('drafter');
    const reader = await t.user('drafter');
    const doc = await twoVersions(t, writer);
    await caughtUp(t);
    const served = t.app.get(ReadReplicas).status()[0].reads;
    const before = await t.http().get(`/api/documents/${doc}/versions/2`).set(reader.auth).expect(200);
    const diff = await t.http().get(`/api/documents/${doc}/diff?from=1&to=2`).set(reader.auth).expect(200);
    expect(diff.body.summary).toMatchObject({ modified: 1, added: 0, deleted: 0 });
    // the version was not cached yet: built from the replica (the diff into version 2 may have been computed ahead,
    // when version 2 was added)
    expect(t.app.get(ReadReplicas).status()[0].reads).toBeGreaterThanOrEqual(served + 1);
    const edited = diff.body.changes.find((c: { type: string }) => c.type === 'modified') as { to: { key: string } };
    return { writer, reader, doc, before, edited };
  }

  const keysOf = (body: { clauses: { key: string; children?: unknown[] }[] }) => body.clauses.map((c) => c.key);

  describe('routing and read-your-writes', () => {
    let t: TestApp;
    beforeAll(async () => {
      // A generous bound: this replica stays eligible while its replay is paused; checks are made by the test.
      t = await startTestApp({
        DATABASE_READ_URLS: replicaUrl!,
        DATABASE_READ_MAX_LAG_MS: '600000',
        DATABASE_READ_CHECK_INTERVAL_MS: '60000',
      });
    });
    afterAll(async () => {
      await resume();
      await t?.close();
    });

    it('serves versions, diffs and clause histories from the replica, and a writer reads their own correction from the primary', async () => {
      const { writer, reader, doc, before, edited } = await readThroughReplica(t);
      const replicas = t.app.get(ReadReplicas);

      // the service's read connections are on the replica
      const { rows } = await replicaAdmin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'draftline-read' AND datname = current_database()`,
      );
      expect(rows[0].n).toBeGreaterThan(0);

      await pause();
      const correction = await t
        .http()
        .put(`/api/documents/${doc}/versions/2/alignment`)
        .set(writer.auth)
        .send({ clauseKey: edited.to.key, previousKey: null })
        .expect(200);
      const cookie = correction.headers['set-cookie'] as unknown as string[];
      expect(cookie.join(';')).toContain(`${WRITE_POSITION_COOKIE}=`);
      await replicas.check();
      expect(replicas.status()[0].state).toBe('up'); // behind, but within the bound

      // The reader made no write, but the access check (on the primary) names the keys generation after the
      // correction, which keys the cached version tree and diff: the replica, which has not replayed it, may not fill
      // them under it (it would store the old keys under the new generation), so the primary builds them.
      const served = replicas.status()[0].reads;
      const primaryBefore = replicas.primaryReads;
      const current = await t.http().get(`/api/documents/${doc}/versions/2`).set(reader.auth).expect(200);
      expect(keysOf(current.body)).not.toEqual(keysOf(before.body));
      expect(keysOf(current.body)).not.toContain(edited.to.key);
      const currentDiff = await t.http().get(`/api/documents/${doc}/diff?from=1&to=2`).set(reader.auth).expect(200);
      expect(currentDiff.body.summary).toMatchObject({ modified: 0, added: 1, deleted: 1 });
      expect(replicas.primaryReads).toBeGreaterThanOrEqual(primaryBefore + 2);
      expect(replicas.status()[0].reads).toBe(served);
      // what is not cached by a key read on the primary (a clause's history) is still read on the replica, as it stands there
      const staleHistory = await t
        .http()
        .get(`/api/documents/${doc}/clauses/${edited.to.key}/history`)
        .set(reader.auth)
        .expect(200);
      expect(staleHistory.body.map((e: { clause: { key: string } | null }) => e.clause?.key)).toEqual([
        edited.to.key,
        edited.to.key,
      ]);
      expect(replicas.status()[0].reads).toBeGreaterThan(served);

      // the writer reads their own write: from the primary
      const own = await t.http().get(`/api/documents/${doc}/versions/2`).set(writer.auth).expect(200);
      expect(keysOf(own.body)).not.toEqual(keysOf(before.body));
      expect(keysOf(own.body)).not.toContain(edited.to.key);
      const ownDiff = await t.http().get(`/api/documents/${doc}/diff?from=1&to=2`).set(writer.auth).expect(200);
      expect(ownDiff.body.summary).toMatchObject({ modified: 0, added: 1, deleted: 1 });

      // on another instance, which has not seen the write, the cookie the write answered with carries it
      const other = await startSecondInstance({
        DATABASE_READ_URLS: replicaUrl!,
        DATABASE_READ_MAX_LAG_MS: '600000',
        DATABASE_READ_CHECK_INTERVAL_MS: '60000',
      });
      try {
        const withCookie = await other
          .http()
          .get(`/api/documents/${doc}/versions/2`)
          .set(writer.auth)
          .set(
            'Cookie',
            cookie.map((c) => c.split(';')[0]),
          )
          .expect(200);
        expect(keysOf(withCookie.body)).toEqual(keysOf(own.body));
        // without it, the version is still read at the generation the primary names (see above), never older
        const withoutCookie = await other.http().get(`/api/documents/${doc}/versions/2`).set(writer.auth).expect(200);
        expect(keysOf(withoutCookie.body)).toEqual(keysOf(own.body));
      } finally {
        await other.close();
      }

      // once the replica has replayed the correction, everyone reads it there
      await resume();
      await caughtUp(t);
      const fresh = await t.http().get(`/api/documents/${doc}/versions/2`).set(reader.auth).expect(200);
      expect(keysOf(fresh.body)).toEqual(keysOf(own.body));
    });

    it('asks the primary for a version the replica does not have yet', async () => {
      const writer = await t.user('drafter');
      const reader = await t.user('drafter');
      const doc = (await t.http().post('/api/documents').set(writer.auth).send({ title: '新稿' }).expect(201)).body
        .id as string;
      await caughtUp(t);
      await pause();
      await t.http().post(`/api/documents/${doc}/versions`).set(writer.auth).send({ text: V1 }).expect(201);
      const v = await t.http().get(`/api/documents/${doc}/versions/1`).set(reader.auth).expect(200);
      expect(v.body.clauses.length).toBeGreaterThan(0);
      await resume();
    });

    it('reads the report of a closed consultation from the replica, and of an open one from the primary', async () => {
      const drafter = await t.user('drafter');
      const reader = await t.user('drafter');
      const delegate = await t.user('delegate');
      const doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '报告' }).expect(201)).body
        .id as string;
      await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
      const c = (
        await t
          .http()
          .post(`/api/documents/${doc}/consultations`)
          .set(drafter.auth)
          .send({ versionNumber: 1, ...windowNow(), audience: [delegate.groupId], visibility: 'drafters' })
          .expect(201)
      ).body;
      await caughtUp(t);
      const replicas = t.app.get(ReadReplicas);
      let served = replicas.status()[0].reads;
      await t.http().get(`/api/consultations/${c.id}/report`).set(reader.auth).expect(200);
      expect(replicas.status()[0].reads).toBe(served); // open: the primary
      await t.http().post(`/api/consultations/${c.id}/close`).set(drafter.auth).expect(201);
      await caughtUp(t);
      served = replicas.status()[0].reads;
      await t.http().get(`/api/consultations/${c.id}/report`).set(reader.auth).expect(200);
      expect(replicas.status()[0].reads).toBeGreaterThan(served);
    });
  });

  it('skips a replica that lags beyond DATABASE_READ_MAX_LAG_MS', async () => {
    const t = await startTestApp({
      DATABASE_READ_URLS: replicaUrl!,
      DATABASE_READ_MAX_LAG_MS: '100',
      DATABASE_READ_CHECK_INTERVAL_MS: '60000',
    });
    try {
      const { writer, reader, doc, before, edited } = await readThroughReplica(t);
      const replicas = t.app.get(ReadReplicas);
      await pause();
      await t
        .http()
        .put(`/api/documents/${doc}/versions/2/alignment`)
        .set(writer.auth)
        .send({ clauseKey: edited.to.key, previousKey: null })
        .expect(200);
      await replicas.check(); // a sample of the primary's position the paused replica will not reach
      for (let i = 0; i < 200 && replicas.status()[0].state !== 'lagging'; i++) {
        await sleep(50);
        await replicas.check();
      }
      expect(replicas.status()[0]).toMatchObject({ state: 'lagging' });
      expect((await t.http().get('/api/health').expect(200)).body.details.readReplicas.replicas[0]).toMatchObject({
        state: 'lagging',
        lagMs: expect.any(Number),
      });
      expect(replicas.status()[0].lagMs).toBeGreaterThan(100);
      const served = replicas.status()[0].reads;
      const read = await t.http().get(`/api/documents/${doc}/versions/2`).set(reader.auth).expect(200);
      expect(keysOf(read.body)).not.toEqual(keysOf(before.body)); // the primary's keys
      expect(replicas.status()[0].reads).toBe(served);
      await resume();
      await caughtUp(t);
      expect(replicas.status()[0].state).toBe('up');
    } finally {
      await resume();
      await t.close();
    }
  });

  it('reads from the primary when a replica is down, and from the replica that is up', async () => {
    // port 1: nothing listens there, as for a replica that is down from the start; the other is the real replica
    // behind a proxy the test cuts
    const dead = 'postgres://postgres@127.0.0.1:1/draftline_gone';
    const target = new URL(replicaUrl!);
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.open();
    const proxied = Object.assign(new URL(replicaUrl!), { port: String(proxy.port) }).toString();
    const t = await startTestApp({
      DATABASE_READ_URLS: `${dead},${proxied}`,
      DATABASE_READ_CHECK_INTERVAL_MS: '60000',
    });
    try {
      const drafter = await t.user('drafter');
      const doc = await twoVersions(t, drafter);
      const reader = await t.user('drafter');
      await caughtUp(t);
      const replicas = t.app.get(ReadReplicas);
      const [gone, live] = replicas.status();
      expect(gone).toMatchObject({ state: 'down', name: '127.0.0.1:1/draftline_gone' });
      expect(live.state).toBe('up');
      // the health check tells an operator the same, without host names, and stays healthy: reads go elsewhere
      const health = await t.http().get('/api/health').expect(200);
      expect(health.body.status).toBe('ok');
      expect(health.body.details.readReplicas).toMatchObject({
        status: 'up',
        configured: 2,
        serving: 1,
        replicas: [
          { name: 'replica-1', state: 'down', lagMs: null },
          { name: 'replica-2', state: 'up', lagMs: expect.any(Number) },
        ],
      });
      expect(JSON.stringify(health.body)).not.toContain('127.0.0.1');
      // a version is built once (then cached); a clause's history is read every time
      const v2 = await t.http().get(`/api/documents/${doc}/versions/2`).set(reader.auth).expect(200);
      expect(replicas.status()[1].reads).toBe(live.reads + 1);
      const history = `/api/documents/${doc}/clauses/${(v2.body as { clauses: { key: string }[] }).clauses[0].key}/history`;
      for (let i = 0; i < 4; i++) await t.http().get(history).set(reader.auth).expect(200);
      const afterHistory = replicas.status()[1].reads;
      expect(afterHistory).toBeGreaterThanOrEqual(live.reads + 5);
      expect(replicas.status()[0].reads).toBe(0);

      // the replica goes away between two checks: the read that finds it gone is answered by the primary
      await proxy.close();
      const primaryBefore = replicas.primaryReads;
      const res = await t.http().get(history).set(reader.auth);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
      expect(replicas.status()[1]).toMatchObject({ state: 'down', reads: afterHistory });
      expect((await t.http().get('/api/health').expect(200)).body.details.readReplicas).toMatchObject({ serving: 0 });
      expect(replicas.primaryReads).toBeGreaterThan(primaryBefore);
      // while it is down, reads go to the primary without trying it (the reverse diff: nobody computed it ahead)
      const primaryDown = replicas.primaryReads;
      await t.http().get(`/api/documents/${doc}/diff?from=2&to=1`).set(reader.auth).expect(200);
      expect(replicas.primaryReads).toBeGreaterThan(primaryDown);
      expect(replicas.status()[1].reads).toBe(afterHistory);

      // back: the next check finds it up again
      await proxy.open();
      await caughtUp(t);
      expect(replicas.status()[1].state).toBe('up');
      await t.http().get(history).set(reader.auth).expect(200);
      expect(replicas.status()[1].reads).toBeGreaterThan(afterHistory);
    } finally {
      await t.close();
      await proxy.close();
    }
  });
});
