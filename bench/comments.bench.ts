import { Body, Controller, Module, Post, ValidationPipe } from '@nestjs/common';
import { IsString } from 'class-validator';
import { NestFactory } from '@nestjs/core';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: unknown) => Promise<AutocannonResult> = require('autocannon'); // ships no types
import { Column, CreateDateColumn, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service';
import type { AuthUser } from '../src/auth/auth.decorators';
import { ConsultationsService } from '../src/consultations/consultations.service';
import { DocumentsService } from '../src/documents/documents.service';
import { type AutocannonResult, benchApp, type BenchApp, corpusFile } from './harness';

/**
 * Issue 4: (a) 100 concurrent delegates posting comments vs a minimal Nest + TypeORM endpoint inserting one row,
 * side by side in one run; (b) with 1,000,000 comments on one document, a clause's comment list (p95) and the heat
 * map; (c) carrying 100,000 open comments into a new version in the background, with request latency meanwhile.
 * BENCH_COMMENTS_TOTAL / BENCH_CARRY_TOTAL scale (b) and (c) down for a quick run; BENCH_COMMENTS_PARTS=submit,big,carry
 * picks parts. In (a) both servers run in this process and autocannon runs in a child process (this file again, with
 * BENCH_LOADGEN=1), so the load generator never shares the servers' event loop; the minimal endpoint is measured at 50
 * and 100 connections.
 */
const V1 = 'criminal-law-cn/2020-amend11.txt';
const V2 = 'criminal-law-cn/2023-amend12.txt';
const DURATION_S = 10;

export async function runCommentsBench(): Promise<Record<string, unknown>> {
  const text1 = corpusFile(V1);
  const text2 = corpusFile(V2);
  if (!text1 || !text2) return { skipped: 'shared/corpus is absent' };
  const app = await benchApp();
  try {
    await app.app.listen(0, '127.0.0.1');
    const base = await app.app.getUrl();
    const drafter = await app.drafter();
    const only = process.env.BENCH_COMMENTS_PARTS?.split(',').map((s) => s.trim());
    const part = (name: string) => !only || only.includes(name);
    const submit = part('submit') ? await submitting(app, base, drafter, text1) : 'skipped';
    const big = part('big')
      ? await millionComments(app, base, drafter, text1, Number(process.env.BENCH_COMMENTS_TOTAL ?? 1_000_000))
      : 'skipped';
    const carry = part('carry')
      ? await carrying(app, base, drafter, text1, text2, Number(process.env.BENCH_CARRY_TOTAL ?? 100_000))
      : 'skipped';
    return { database: app.databaseKind, submit, big, carry };
  } finally {
    await app.close();
  }
}

async function setupDoc(app: BenchApp, drafter: AuthUser, text: string, group: string | null) {
  const docs = app.app.get(DocumentsService);
  const { id } = await docs.createDocument(drafter, 'bench 刑法');
  await docs.addVersion(drafter, id, { draft: { text, format: 'text', sourceFormat: 'text', sourceName: V1 } });
  const c = await app.app.get(ConsultationsService).open(drafter, id, {
    versionNumber: 1,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 86400_000).toISOString(),
    audience: group ? [group] : 'all',
    visibility: 'drafters',
  });
  const [v] = await app.db.dataSource.query(`SELECT id FROM versions WHERE document_id = $1 AND number = 1`, [id]);
  return { id, versionId: v.id as string, consultationId: c.id };
}

async function submitting(app: BenchApp, base: string, drafter: AuthUser, text: string) {
  const accounts = app.app.get(AccountsService);
  const group = await accounts.createGroup(null, { name: `bench-${Date.now()}` });
  const doc = await setupDoc(app, drafter, text, group.id);
  const tokens: string[] = [];
  for (let i = 0; i < 100; i++) {
    const username = `bd${Date.now().toString(36)}${i}`;
    await accounts.createUser(null, { username, role: 'delegate', groupId: group.id, password: 'bench-password' });
    tokens.push((await accounts.login(username, 'bench-password', 'bench')).token);
  }
  const keys: string[] = await app.db.dataSource
    .query(`SELECT key FROM clauses WHERE version_id = $1 AND kind = 'article' ORDER BY ordinal LIMIT 200`, [
      doc.versionId,
    ])
    .then((r) => r.map((x: { key: string }) => x.key));
  const url = `${base}/api/documents/${doc.id}/versions/1/comments`;
  const probe = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}`, 'idempotency-key': 'probe' },
    body: JSON.stringify({ clauseKey: keys[0], kind: 'remark', body: 'probe' }),
  });
  if (probe.status !== 201) throw new Error(`comment probe: ${probe.status} ${await probe.text()}`);
  // Same process model for both servers: each runs in this process on a pool of the same size against the same
  // PostgreSQL; the load comes from a separate process, so autocannon never competes for the servers' event loop.
  const poolSize = (app.db.dataSource.options as { extra?: { max?: number } }).extra?.max ?? 10;
  const minimal = await minimalServer(poolSize, 'raw');
  const usual = await minimalServer(poolSize, 'repository');
  try {
    const commentLoad = (connections: number, tag: string, duration: number): LoadJob => ({
      url,
      connections,
      duration,
      comments: { tokens, keys, tag },
    });
    const minimalLoad = (connections: number, duration: number): LoadJob => ({
      url: minimal.url,
      connections,
      duration,
    });
    const usualLoad = (connections: number, duration: number): LoadJob => ({ url: usual.url, connections, duration });
    // A short warm-up of each (JIT, pools, caches), then the measured runs with the comment run between the two
    // minimal ones so drift over the run (autovacuum, checkpoints) does not favour either side.
    if (process.env.BENCH_SUBMIT_COMMENTS_ONLY === '1') {
      // For profiling the comment path alone (node --cpu-prof): no minimal runs in the profile.
      await load(commentLoad(100, 'warm', 2));
      return { poolSize, comments: await load(commentLoad(100, 'run', DURATION_S)) };
    }
    await load(minimalLoad(100, 2));
    await load(usualLoad(50, 2));
    await load(commentLoad(100, 'warm', 2));
    const usual50 = await load(usualLoad(50, DURATION_S));
    const minimal50 = await load(minimalLoad(50, DURATION_S));
    const comments = await load(commentLoad(100, 'run', DURATION_S));
    const minimal100 = await load(minimalLoad(100, DURATION_S));
    const usual100 = await load(usualLoad(100, DURATION_S));
    const best = Math.max(minimal50.rps, minimal100.rps);
    const bestUsual = Math.max(usual50.rps, usual100.rps);
    return {
      poolSize,
      comments,
      repositoryInsert50: usual50,
      repositoryInsert100: usual100,
      ratioVsRepositoryInsert: round(comments.rps / bestUsual),
      rawInsert50: minimal50,
      rawInsert100: minimal100,
      ratioVsRawInsert: round(comments.rps / best),
    };
  } finally {
    await minimal.close();
    await usual.close();
  }
}

@Entity('bench_minimal')
class MinimalRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

class MinimalDto {
  @IsString()
  body: string;
}

/**
 * A minimal Nest + TypeORM endpoint that inserts one row, on the same database, for comparison, in two shapes:
 * - raw: one `INSERT … RETURNING` through the data source, no body, no validation: the floor of what Nest + pg cost;
 * - repository: the shape the Nest and TypeORM docs teach — an entity, a validated DTO, `repository.save()` (which
 *   wraps the insert in a transaction). This is the "minimal NestJS + TypeORM endpoint" whose ~1,200–1,300 req/s at
 *   50 connections the issue quotes for this machine.
 */
async function minimalServer(
  poolSize: number,
  style: 'raw' | 'repository',
): Promise<{ url: string; close(): Promise<void> }> {
  const ds = new DataSource({
    type: 'postgres',
    url: process.env.DATABASE_URL,
    entities: [MinimalRow],
    extra: { max: poolSize },
  } as never);
  await ds.initialize();
  await ds.query(
    `CREATE TABLE IF NOT EXISTS bench_minimal (id bigserial PRIMARY KEY, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
  );
  const repo = ds.getRepository(MinimalRow);
  @Controller()
  class MinimalController {
    @Post('insert')
    async insert(@Body() dto: MinimalDto) {
      if (style === 'repository') return repo.save(repo.create({ body: dto.body }));
      const [row] = await ds.query(`INSERT INTO bench_minimal (body) VALUES ($1) RETURNING id`, ['x']);
      return row;
    }
  }
  @Module({ controllers: [MinimalController] })
  class MinimalModule {}
  const app = await NestFactory.create(MinimalModule, { logger: false });
  if (style === 'repository') app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  await app.listen(0, '127.0.0.1');
  return {
    url: `${await app.getUrl()}/insert`,
    close: async () => {
      await app.close();
      await ds.query(`DROP TABLE IF EXISTS bench_minimal`);
      await ds.destroy();
    },
  };
}

/** One autocannon run, in a child process (this file, started with BENCH_LOADGEN=1). */
interface LoadJob {
  url: string;
  connections: number;
  duration: number;
  /** Comment submissions: request i is delegate i % 100 commenting on clause i % keys.length with a fresh key. */
  comments?: { tokens: string[]; keys: string[]; tag: string };
}
type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
  statusCodes: unknown;
};

/**
 * Runs the job in a child process. Also reports the servers' CPU time per request (this process: both servers live
 * here), which the CPU-contended 2-core machine makes a steadier figure to compare than requests per second.
 */
function load(
  job: LoadJob,
): Promise<
  LoadResult & { serverCpuMsPerRequest: number; postgresCpuMsPerRequest: number | null; machineBusyPct: number | null }
> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_LOADGEN: '1' }, execArgv: [] });
    let cpu: NodeJS.CpuUsage;
    let pg: Map<string, number> | null = null;
    let machine: [number, number] | null = null;
    child.once('spawn', () => {
      cpu = process.cpuUsage();
      pg = postgresCpuMs();
      machine = machineTicks();
    });
    child.once('message', (m: { result?: LoadResult; error?: string }) => {
      if (!m.result) return reject(new Error(m.error));
      const used = process.cpuUsage(cpu);
      const n = Math.max(1, m.result.total);
      const pgNow = postgresCpuMs();
      const mNow = machineTicks();
      resolve({
        ...m.result,
        serverCpuMsPerRequest: round((used.user + used.system) / 1000 / n),
        postgresCpuMsPerRequest: ((ms) => (ms === null ? null : round(ms / n)))(cpuBetween(pg, pgNow)),
        machineBusyPct:
          machine && mNow ? Math.round((100 * (mNow[0] - machine[0])) / Math.max(1, mNow[1] - machine[1])) : null,
      });
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
    child.send(job);
  });
}

/**
 * CPU time so far (ms) of each local postgres process, from /proc; null when PostgreSQL is not on this Linux host.
 * Approximate: other sessions' backends on the same server count too.
 */
function postgresCpuMs(): Map<string, number> | null {
  try {
    const byPid = new Map<string, number>();
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        byPid.set(pid, (Number(f[11]) + Number(f[12])) * 10); // utime + stime, in 1/100 s
      } catch {
        // the process ended meanwhile
      }
    }
    return byPid.size ? byPid : null;
  } catch {
    return null;
  }
}

/** CPU ms between two snapshots, over the processes alive at the end (a backend that exits takes its time with it). */
function cpuBetween(a: Map<string, number> | null, b: Map<string, number> | null): number | null {
  if (!a || !b) return null;
  let sum = 0;
  for (const [pid, ms] of b) sum += ms - (a.get(pid) ?? 0);
  return sum;
}

/** [busy, total] jiffies of the whole machine (others' processes included), or null off Linux. */
function machineTicks(): [number, number] | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return [total - f[3] - f[4], total]; // minus idle and iowait
  } catch {
    return null;
  }
}

async function loadGenerator(job: LoadJob): Promise<LoadResult> {
  let n = 0;
  const c = job.comments;
  const opts: Record<string, unknown> = {
    url: job.url,
    connections: job.connections,
    duration: job.duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body: '意见：建议修改本条表述。' }),
  };
  if (c) {
    opts.requests = [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const i = n++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${c.tokens[i % c.tokens.length]}`,
              'idempotency-key': `bench-${c.tag}-${i}`,
            },
            body: JSON.stringify({
              clauseKey: c.keys[i % c.keys.length],
              kind: 'remark',
              body: `意见 ${i}：建议修改本条表述。`,
            }),
          };
        },
      },
    ];
  }
  const r = await autocannon(opts);
  return {
    rps: Math.round(r.requests.average),
    statusCodes: r.statusCodeStats,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
  };
}

if (process.env.BENCH_LOADGEN === '1' && process.send) {
  process.once('message', (job: LoadJob) => {
    loadGenerator(job).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (e) => process.send!({ error: String((e as Error).stack ?? e) }, () => process.exit(1)),
    );
  });
}

/** Bulk comments (generate_series) spread over the version's articles, with their anchors. */
async function bulkComments(
  app: BenchApp,
  doc: { id: string; versionId: string; consultationId: string },
  author: string,
  total: number,
) {
  const t0 = performance.now();
  await app.db.dataSource.query(
    `WITH cl AS (SELECT key, (row_number() OVER (ORDER BY ordinal) - 1)::int AS i, length(text) AS len FROM clauses
                  WHERE version_id = $2 AND kind = 'article' AND length(text) > 20),
          n AS (SELECT count(*)::int AS c FROM cl),
          ins AS (
            INSERT INTO comments (document_id, version_id, version_number, consultation_id, clause_key, start_offset, end_offset, kind, body, author_id, request_hash)
            SELECT $1, $2, 1, $3, cl.key, (g % 5) * 3, (g % 5) * 3 + 6, 'remark', 'bench ' || g, $4, 'h'
              FROM generate_series(1, $5) g JOIN cl ON cl.i = g % (SELECT c FROM n)
            RETURNING id, clause_key, start_offset, end_offset)
     INSERT INTO comment_anchor (comment_id, version_id, clause_key, start_offset, end_offset, status)
     SELECT id, $2, clause_key, start_offset, end_offset, 'exact' FROM ins`,
    [doc.id, doc.versionId, doc.consultationId, author, total],
  );
  await app.db.dataSource.query(`VACUUM ANALYZE comment_anchor`);
  await app.db.dataSource.query(`VACUUM ANALYZE comments`);
  return Math.round(performance.now() - t0);
}

async function millionComments(app: BenchApp, base: string, drafter: AuthUser, text: string, total: number) {
  const doc = await setupDoc(app, drafter, text, null);
  const insertMs = await bulkComments(app, doc, drafter.id, total);
  const token =
    (
      await app.app
        .get(AccountsService)
        .login('admin', 'bench-bootstrap-secret', 'bench')
        .catch(() => null)
    )?.token ?? (await drafterToken(app));
  const keys: string[] = (
    await app.db.dataSource.query(
      `SELECT DISTINCT clause_key AS k FROM comment_anchor WHERE version_id = $1 LIMIT 300`,
      [doc.versionId],
    )
  ).map((r: { k: string }) => r.k);
  const list: number[] = [];
  for (let i = 0; i < 300; i++)
    list.push(
      await timed(
        `${base}/api/documents/${doc.id}/versions/1/comments?clause=${encodeURIComponent(keys[i % keys.length])}&pageSize=50`,
        token,
      ),
    );
  const heat: number[] = [];
  for (let i = 0; i < 20; i++)
    heat.push(await timed(`${base}/api/documents/${doc.id}/versions/1/comments/counts`, token));
  return { comments: total, clauses: keys.length, insertMs, clauseListMs: stats(list), heatMapMs: stats(heat) };
}

async function carrying(app: BenchApp, base: string, drafter: AuthUser, text1: string, text2: string, total: number) {
  const doc = await setupDoc(app, drafter, text1, null);
  await bulkComments(app, doc, drafter.id, total);
  const token = await drafterToken(app);
  const t0 = performance.now();
  await app.app
    .get(DocumentsService)
    .addVersion(drafter, doc.id, { draft: { text: text2, format: 'text', sourceFormat: 'text', sourceName: V2 } });
  const addVersionMs = Math.round(performance.now() - t0);
  const [job] = await app.db.dataSource.query(`SELECT id FROM jobs WHERE payload->>'documentId' = $1`, [doc.id]);
  const during: number[] = [];
  const progress: number[] = [];
  for (;;) {
    during.push(await timed(`${base}/api/documents/${doc.id}/versions/1/comments/counts`, token));
    const j = await (
      await fetch(`${base}/api/jobs/${job.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    progress.push(j.progress);
    if (j.status === 'done' || j.status === 'failed') {
      const statuses = await app.db.dataSource.query(
        `SELECT status, count(*)::int AS n FROM comment_anchor a JOIN versions v ON v.id = a.version_id
          WHERE v.document_id = $1 AND v.number = 2 GROUP BY status ORDER BY status`,
        [doc.id],
      );
      return {
        comments: total,
        addVersionMs,
        status: j.status,
        jobMs: Math.round(performance.now() - t0),
        progressSamples: progress.length,
        requestMsDuringJob: stats(during),
        statuses,
      };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function drafterToken(app: BenchApp): Promise<string> {
  const accounts = app.app.get(AccountsService);
  const username = `bdr${Date.now().toString(36)}`;
  await accounts.createUser(null, { username, role: 'drafter', password: 'bench-password' });
  return (await accounts.login(username, 'bench-password', 'bench')).token;
}

async function timed(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => round(s[Math.min(s.length - 1, Math.floor(p * s.length))]);
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: round(s[s.length - 1]) };
}
const round = (n: number) => Math.round(n * 100) / 100;
