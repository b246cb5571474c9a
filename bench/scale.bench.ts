import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: unknown) => Promise<AutocannonResult> = require('autocannon'); // ships no types
import { ConsultationsService } from '../src/consultations/consultations.service';
import { DEMO_DOCUMENT_TITLE, DEMO_VERSIONS } from '../src/demo/demo-texts';
import { DocumentsService } from '../src/documents/documents.service';
import { type AutocannonResult, benchApp } from './harness';

/**
 * Issue 14, `npm run bench -- --scale`: the shape of a public consultation on one machine. Two instances of the
 * service (separate processes) on the PostgreSQL primary (DATABASE_URL) and a streaming replica of it
 * (BENCH_REPLICA_URL, or the one scripts/replica.sh starts); 2,000 virtual readers opening the 讨论稿 and its comment
 * counts and 200 delegates commenting, for 60 s (BENCH_SCALE_SECONDS), each group of clients split over both
 * instances and driven by autocannon in child processes (per instance: two for the readers, one for the delegates).
 * The clients connect to the instances directly (no proxy is installed here), so each instance holds 1,000 reader
 * connections — harsher than behind nginx, which keeps a few keep-alive connections to each instance. Recorded: req/s, p50/p99 and
 * errors per kind; the replica's lag (pg_stat_replication, sampled each second); comment rows written per second on
 * the primary; and how many transactions each server ran (pg_stat_database), which shows where the reads went.
 * BENCH_SCALE_NO_REPLICA=1 runs the same without DATABASE_READ_URLS, for comparison.
 */
const READERS = Number(process.env.BENCH_SCALE_READERS ?? 2000);
const DELEGATES = Number(process.env.BENCH_SCALE_DELEGATES ?? 200);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 60);

interface Job {
  base: string;
  connections: number;
  duration: number;
  kind: 'read' | 'comment';
  tokens: string[];
  doc: string;
  version: number;
  keys: string[];
  tag: string;
}

export async function runScaleBench(): Promise<Record<string, unknown>> {
  const primaryUrl = process.env.DATABASE_URL;
  if (!primaryUrl) return { skipped: 'needs DATABASE_URL (a PostgreSQL primary)' };
  const withReplica = process.env.BENCH_SCALE_NO_REPLICA !== '1';
  const replicaUrl = withReplica ? (process.env.BENCH_REPLICA_URL ?? startReplica(primaryUrl)) : null;
  if (withReplica && !replicaUrl)
    return { skipped: 'no streaming replica: set BENCH_REPLICA_URL or let scripts/replica.sh start one' };

  const setup = await prepare();
  const primary = new Client({ connectionString: primaryUrl });
  const replica = replicaUrl ? new Client({ connectionString: replicaUrl }) : null;
  await primary.connect();
  await replica?.connect();
  const instances = await Promise.all([0, 1].map((i) => startInstance(primaryUrl, replicaUrl, i)));
  try {
    const commentsBefore = await count(primary, setup.doc);
    const xactBefore = await Promise.all([xacts(primary), replica ? xacts(replica) : null]);
    const lag: { ms: number; bytes: number }[] = [];
    const sampler = setInterval(
      () =>
        void replicationLag(primary).then(
          (l) => l && lag.push(l),
          () => undefined,
        ),
      1000,
    );
    const started = Date.now();
    // n clients split over `parts` load generators: the readers over two per instance (500 connections each)
    const share = (n: number, i: number, parts: number) => Math.floor(n / parts) + (i < n % parts ? 1 : 0);
    const common = { duration: SECONDS, doc: setup.doc, version: setup.version, keys: setup.keys };
    const jobs: Job[] = instances
      .flatMap((inst, i) => [
        ...[0, 1].map((j) => ({
          ...common,
          base: inst.base,
          connections: share(READERS, 2 * i + j, 4),
          kind: 'read' as const,
          tokens: setup.readerTokens,
          tag: `r${i}${j}`,
        })),
        {
          ...common,
          base: inst.base,
          connections: share(DELEGATES, i, 2),
          kind: 'comment' as const,
          tokens: setup.delegateTokens,
          tag: `c${i}-${started}`,
        },
      ])
      .filter((j) => j.connections > 0); // BENCH_SCALE_READERS=0: the delegates alone, the primary's comment write rate
    const results = await Promise.all(jobs.map(runLoad));
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const written = (await count(primary, setup.doc)) - commentsBefore;
    // rows per second over the span in which they were written (the load generators start a moment apart)
    const span: number =
      (
        await primary.query(
          `SELECT extract(epoch FROM max(created_at) - min(created_at))::float AS s FROM comments WHERE document_id = $1 AND created_at >= $2`,
          [setup.doc, new Date(started)],
        )
      ).rows[0].s ?? elapsed;
    const xactAfter = await Promise.all([xacts(primary), replica ? xacts(replica) : null]);
    const merge = (kind: Job['kind']) => {
      const rs = results.filter((_, i) => jobs[i].kind === kind);
      if (!rs.length) return null;
      return {
        connections: jobs.filter((j) => j.kind === kind).reduce((s, j) => s + j.connections, 0),
        rps: rs.reduce((s, r) => s + r.rps, 0),
        p50ByInstance: rs.map((r) => r.p50),
        p99ByInstance: rs.map((r) => r.p99),
        p99: Math.max(...rs.map((r) => r.p99)),
        total: rs.reduce((s, r) => s + r.total, 0),
        non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
        errors: rs.reduce((s, r) => s + r.errors, 0),
        timeouts: rs.reduce((s, r) => s + r.timeouts, 0),
        statusCodes: rs.map((r) => r.statusCodes),
      };
    };
    const sorted = lag.map((l) => l.ms).sort((a, b) => a - b);
    return {
      setup: {
        readers: READERS,
        delegates: DELEGATES,
        seconds: SECONDS,
        replica: replicaUrl ? replicaUrl.replace(/\/\/[^@]*@/, '//') : 'none',
        version: setup.version,
      },
      reads: merge('read'),
      comments: merge('comment'),
      commentRowsPerSecond: Math.round(written / Math.max(span, 1)),
      commentWriteSpanSeconds: Math.round(span),
      commentsWritten: written,
      replicaLagMs: lag.length
        ? { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], samples: lag.length }
        : null,
      replicaLagMaxBytes: lag.length ? Math.max(...lag.map((l) => l.bytes)) : null,
      transactions: {
        primary: xactAfter[0] - xactBefore[0],
        replica: xactAfter[1] !== null && xactBefore[1] !== null ? xactAfter[1] - xactBefore[1] : null,
      },
      loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await primary.end();
    await replica?.end();
  }
}

/** The demo's four drafts, the 讨论稿 released to everyone, and the readers' and delegates' sessions. */
async function prepare() {
  const app = await benchApp();
  try {
    const drafter = await app.drafter();
    const documents = app.app.get(DocumentsService);
    const doc = await documents.createDocument(drafter, `${DEMO_DOCUMENT_TITLE}（scale bench）`);
    for (const v of DEMO_VERSIONS) {
      await documents.addVersion(drafter, doc.id, {
        draft: { text: v.text, format: 'text', sourceFormat: 'text', sourceName: null },
        label: v.label,
        stage: v.stage,
      });
    }
    const version = DEMO_VERSIONS.length;
    await app.app.get(ConsultationsService).open(drafter, doc.id, {
      versionNumber: version,
      title: '讨论稿',
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      audience: 'all',
      visibility: 'drafters',
    });
    const { clauses } = await documents.getVersionClauses(doc.id, version);
    const ds = app.db.dataSource;
    const stamp = Date.now().toString(36);
    const [group] = await ds.query(`INSERT INTO groups (name) VALUES ($1) RETURNING id`, [`scale-${stamp}`]);
    // Users and sessions straight into their tables: 2,200 argon2 hashes and logins would measure nothing asked here.
    const tokensFor = async (prefix: string, n: number) => {
      const ids: { id: string }[] = await ds.query(
        `INSERT INTO users (username, display_name, role, group_id, password_hash)
         SELECT $1 || g, '代表 ' || g, 'delegate', $2, 'no-login' FROM generate_series(1, $3) g RETURNING id`,
        [`${prefix}${stamp}-`, group.id, n],
      );
      const tokens = ids.map(() => randomBytes(32).toString('base64url'));
      await ds.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at) SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[])`,
        [
          tokens.map((t) => createHash('sha256').update(t).digest('hex')),
          ids.map((r) => r.id),
          ids.map(() => new Date(Date.now() + 86_400_000)),
        ],
      );
      return tokens;
    };
    return {
      doc: doc.id,
      version,
      keys: clauses.filter((c) => c.text.length > 10).map((c) => c.key),
      readerTokens: await tokensFor('reader', READERS),
      delegateTokens: await tokensFor('delegate', DELEGATES),
    };
  } finally {
    await app.close();
  }
}

/** scripts/replica.sh start; the replica's copy of DATABASE_URL's database. */
function startReplica(primaryUrl: string): string | null {
  try {
    const script = path.resolve(__dirname, '../../scripts/replica.sh');
    const port = execFileSync(script, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
      .trim()
      .split('\n')
      .pop()!;
    const u = new URL(primaryUrl);
    u.port = port;
    return u.toString();
  } catch (e) {
    console.error(`bench scale: no replica (${(e as Error).message.split('\n')[0]})`);
    return null;
  }
}

/** One instance of the service in a process of its own (dist/src/main.js), ready when its health check answers. */
async function startInstance(
  primaryUrl: string,
  replicaUrl: string | null,
  i: number,
): Promise<{ base: string; stop(): Promise<void> }> {
  const port = 23000 + Math.floor(Math.random() * 10000) * 2 + i;
  const child: ChildProcess = spawn(process.execPath, [path.resolve(__dirname, '../src/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: primaryUrl,
      DEMO: 'never',
      LOG_LEVEL: 'warn',
      MIGRATE: 'false', // prepare() migrated
      ...(replicaUrl ? { DATABASE_READ_URLS: replicaUrl } : { DATABASE_READ_URLS: '' }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let t = 0; t < 120; t++) {
    if (child.exitCode !== null) throw new Error(`instance ${i} exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function count(c: Client, doc: string): Promise<number> {
  return (await c.query(`SELECT count(*)::int AS n FROM comments WHERE document_id = $1`, [doc])).rows[0].n;
}

async function xacts(c: Client): Promise<number> {
  return Number(
    (await c.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`))
      .rows[0].n,
  );
}

async function replicationLag(c: Client): Promise<{ ms: number; bytes: number } | null> {
  const { rows } = await c.query(
    `SELECT coalesce(extract(epoch FROM replay_lag) * 1000, 0)::float AS ms, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float AS bytes
       FROM pg_stat_replication ORDER BY (application_name = 'draftline_replica') DESC, replay_lsn LIMIT 1`,
  );
  return rows[0] ? { ms: Math.round(rows[0].ms), bytes: Math.round(rows[0].bytes) } : null;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: unknown;
}

/** One autocannon run in a child process (this file with BENCH_SCALE_LOADGEN=1), so no load shares an event loop. */
function runLoad(job: Job): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_SCALE_LOADGEN: '1' }, execArgv: [] });
    child.once('message', (m: { result?: LoadResult; error?: string }) =>
      m.result ? resolve(m.result) : reject(new Error(m.error)),
    );
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    child.send(job);
  });
}

async function loadGenerator(job: Job): Promise<LoadResult> {
  let n = 0;
  const version = `/api/documents/${job.doc}/versions/${job.version}`;
  const token = () => job.tokens[n++ % job.tokens.length];
  const requests =
    job.kind === 'read'
      ? [
          {
            method: 'GET',
            path: version,
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              headers: { authorization: `Bearer ${token()}` },
            }),
          },
          {
            method: 'GET',
            path: `${version}/comments/counts`,
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              headers: { authorization: `Bearer ${token()}` },
            }),
          },
        ]
      : [
          {
            method: 'POST',
            path: `${version}/comments`,
            setupRequest: (req: Record<string, unknown>) => {
              const i = n++;
              return {
                ...req,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${job.tokens[i % job.tokens.length]}`,
                  'idempotency-key': `${job.tag}-${i}`,
                },
                body: JSON.stringify({
                  clauseKey: job.keys[i % job.keys.length],
                  kind: 'remark',
                  body: `意见 ${i}：建议进一步明确本条的适用范围。`,
                }),
              };
            },
          },
        ];
  const r = await autocannon({
    url: job.base,
    connections: job.connections,
    duration: job.duration,
    requests,
    timeout: 30,
  });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: r.statusCodeStats,
  };
}

if (process.env.BENCH_SCALE_LOADGEN === '1' && process.send) {
  process.once('message', (job: Job) => {
    loadGenerator(job).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (e) => process.send!({ error: String((e as Error).stack ?? e) }, () => process.exit(1)),
    );
  });
}
