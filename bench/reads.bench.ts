import { execFile, fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { AccountsService } from '../src/accounts/accounts.service';
import type { AuthUser } from '../src/auth/auth.decorators';
import { ConsultationsService } from '../src/consultations/consultations.service';
import { DocumentsService } from '../src/documents/documents.service';
import { VersionFastPath } from '../src/documents/version-fast-path';
import { negotiateEncoding, VARY } from '../src/http-cache/send-representation';
import { benchApp, type BenchApp, corpusFile } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any -- autocannon ships no types; its result is read field by field
const autocannon: (opts: unknown) => Promise<any> = require('autocannon');

/**
 * Issue 14, side by side in one run:
 * (a) a delegate reading a released version of the criminal law (amend12, ≈ 470 KB of JSON) through the API, against
 *     the anchor: a bare node:http server in this process sending the very same bytes from memory with the same
 *     negotiation and compression (brotli for a client that accepts it) — goal ≥ half its req/s, API p99 < 100 ms, at
 *     50 connections — with two load generators in their own processes: autocannon, and wrk where it is installed
 *     (Debian's `wrk`). On two cores autocannon spends more CPU per request than either server, so it measures
 *     itself as much as them; wrk does not. Alongside, the drafting group's read of the same version, which goes the
 *     full route (Express, Nest, the access check in the database) where a delegate's is answered by the fast path;
 * (b) the first diff amend11→amend12 through the API (a fresh document each time), against `git diff --no-index
 *     --word-diff` of the two files — goal ≤ 3× — and a cold diff computed on request, for comparison.
 * BENCH_READS_SECONDS sets each load run's length (default 10).
 */
const V1 = 'criminal-law-cn/2020-amend11.txt';
const V2 = 'criminal-law-cn/2023-amend12.txt';
const PASSWORD = 'bench-password-reads';
const ACCEPT = 'gzip, deflate, br';

export async function runReadsBench(): Promise<Record<string, unknown>> {
  const text1 = corpusFile(V1);
  const text2 = corpusFile(V2);
  if (!text1 || !text2) return { skipped: 'shared/corpus is absent' };
  const app = await benchApp();
  try {
    await app.app.listen(0, '127.0.0.1');
    const base = await app.app.getUrl();
    const drafter = await app.drafter();
    const drafterToken = await login(base, drafter.username, 'bench-password');
    return {
      database: app.databaseKind,
      firstDiff: await firstDiff(app, base, drafter, drafterToken, text1, text2),
      releasedVersion: await releasedVersion(app, base, drafter, drafterToken, text1, text2),
    };
  } finally {
    await app.close();
  }
}

async function store(app: BenchApp, drafter: AuthUser, text1: string, text2: string): Promise<string> {
  const docs = app.app.get(DocumentsService);
  const { id } = await docs.createDocument(drafter, 'bench 刑法');
  for (const [text, name] of [
    [text1, V1],
    [text2, V2],
  ]) {
    await docs.addVersion(drafter, id, { draft: { text, format: 'text', sourceFormat: 'text', sourceName: name } });
  }
  return id;
}

async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

/**
 * (b) The first request for the diff amend11→amend12, made a second after amend12 was stored (as a drafter opens the
 * comparison after adding a version: the service computed it meanwhile, in the background), and — cold — the first
 * request for the reverse pair, which nothing computed ahead: compare on request. Brotli accepted; fresh documents.
 */
async function firstDiff(app: BenchApp, base: string, drafter: AuthUser, token: string, text1: string, text2: string) {
  const api: number[] = [];
  const cold: number[] = [];
  const get = async (url: string) => {
    const s = performance.now();
    const res = await fetch(`${base}${url}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': ACCEPT },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return performance.now() - s;
  };
  for (let i = 0; i < 5; i++) {
    const id = await store(app, drafter, text1, text2);
    await new Promise((r) => setTimeout(r, 1000));
    api.push(await get(`/api/documents/${id}/diff?from=1&to=2`));
    cold.push(await get(`/api/documents/${id}/diff?from=2&to=1`));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-bench-git-'));
  const [a, b] = [path.join(dir, 'amend11.txt'), path.join(dir, 'amend12.txt')];
  fs.writeFileSync(a, text1);
  fs.writeFileSync(b, text2);
  const git: number[] = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    const r = spawnSync('git', ['diff', '--no-index', '--word-diff', a, b], { encoding: 'utf8' });
    git.push(performance.now() - s);
    if (r.status !== 1) throw new Error(`git diff failed: ${r.stderr}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = median(api) / median(git);
  return {
    apiFirstDiffMs: { median: round(median(api)), runs: api.map(round) },
    apiColdReverseDiffMs: {
      median: round(median(cold)),
      runs: cold.map(round),
      ratio: round(median(cold) / median(git)),
    },
    gitWordDiffMs: { median: round(median(git)), runs: git.map(round) },
    ratio: round(ratio),
    target: 'first diff through the API ≤ 3 × git diff --no-index --word-diff',
    pass: ratio <= 3,
  };
}

/** (a) The released version as a delegate reads it, against the bare server sending the same bytes. */
async function releasedVersion(
  app: BenchApp,
  base: string,
  drafter: AuthUser,
  drafterToken: string,
  text1: string,
  text2: string,
) {
  const id = await store(app, drafter, text1, text2);
  const accounts = app.app.get(AccountsService);
  const group = await accounts.createGroup(null, { name: `bench-group-${Date.now().toString(36)}` });
  await app.app.get(ConsultationsService).open(drafter, id, {
    versionNumber: 2,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 86400_000).toISOString(),
    audience: [group.id],
    visibility: 'drafters',
  });
  const username = `benchreader${Date.now().toString(36)}`;
  await accounts.createUser(null, { username, role: 'delegate', groupId: group.id, password: PASSWORD });
  const token = await login(base, username, PASSWORD);
  const url = `${base}/api/documents/${id}/versions/2`;
  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': ACCEPT };
  // The bytes the API sends, in each encoding: the anchor serves exactly these.
  const bodies = new Map<string, { body: Buffer; headers: Record<string, string> }>();
  for (const enc of ['br', 'gzip', 'identity']) {
    const r = await rawGet(url, { authorization: headers.authorization, 'accept-encoding': enc });
    if (r.status !== 200) throw new Error(`version: ${r.status}`);
    bodies.set(enc, {
      body: r.body,
      headers: pick(r.headers, ['content-type', 'etag', 'cache-control', 'content-encoding']),
    });
  }
  const bare = http.createServer((req, res) => {
    const chosen = bodies.get(negotiateEncoding(req, true))!;
    res.writeHead(200, { ...chosen.headers, vary: VARY, 'content-length': chosen.body.length });
    res.end(chosen.body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/documents/${id}/versions/2`;
  try {
    const duration = Number(process.env.BENCH_READS_SECONDS ?? 10);
    await load({ url, headers, connections: 10, duration: 2 }); // warm both paths up
    await load({ url: bareUrl, headers, connections: 10, duration: 2 });
    const fast = app.app.get(VersionFastPath);
    // The drafting group's read of the same version goes the full route (Express, Nest, the access check in the
    // database): what every read cost before the fast path, measured alongside.
    const fullRouteHeaders = { authorization: `Bearer ${drafterToken}`, 'accept-encoding': ACCEPT };
    const generators: [string, (job: LoadJob) => Promise<LoadResult>][] = [['autocannon', load]];
    if (wrkAvailable()) generators.push(['wrk', wrk]);
    const runs: Record<string, unknown> = {};
    let pass = true;
    for (const [name, generate] of generators) {
      const anchor = await generate({ url: bareUrl, headers, connections: 50, duration });
      const servedBefore = fast.served;
      const api = await generate({ url, headers, connections: 50, duration });
      const servedFast = fast.served - servedBefore;
      const fullRoute = await generate({ url, headers: fullRouteHeaders, connections: 50, duration });
      const ratio = api.rps / Math.max(1, anchor.rps);
      const ok = ratio >= 0.5 && api.p99 < 100;
      pass &&= ok;
      runs[name] = {
        bareNodeHttp: anchor,
        api,
        // counted by the service: a few more than the generator's total (answers in flight when it stopped)
        apiAnsweredByFastPath: servedFast,
        fullRoute,
        ratio: round(ratio),
        fullRouteRatio: round(fullRoute.rps / Math.max(1, anchor.rps)),
        pass: ok,
      };
    }
    return {
      jsonBytes: bodies.get('identity')!.body.length,
      brotliBytes: bodies.get('br')!.body.length,
      gzipBytes: bodies.get('gzip')!.body.length,
      connections: 50,
      seconds: duration,
      ...runs,
      target: 'API ≥ 0.5 × bare node:http req/s with the same bytes, API p99 < 100 ms, with each load generator',
      pass,
    };
  } finally {
    await new Promise((r) => bare.close(r));
  }
}

function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/**
 * The same load from wrk (C), which spends a small fraction of autocannon's CPU per request: on two cores autocannon
 * itself is what limits both servers, so wrk shows what they can do. Run asynchronously: the servers live in this
 * process.
 */
async function wrk(job: LoadJob): Promise<LoadResult> {
  const args = ['-t', '1', '-c', String(job.connections), '-d', `${job.duration}s`, '--timeout', '10s', '--latency'];
  for (const [k, v] of Object.entries(job.headers)) args.push('-H', `${k}: ${v}`);
  const { stdout: out } = await promisify(execFile)('wrk', [...args, job.url], { encoding: 'utf8' });
  const ms = (v: string) =>
    v.endsWith('us') ? parseFloat(v) / 1000 : v.endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000;
  const pct = (p: string) => round(ms(new RegExp(`\\s${p}%\\s+(\\S+)`).exec(out)?.[1] ?? 'NaN'));
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Math.round(parseFloat(/Requests\/sec:\s+(\S+)/.exec(out)?.[1] ?? '0')),
    p50: pct('50'),
    p99: pct('99'),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: errors ? errors.slice(1).reduce((n, x) => n + Number(x), 0) : 0,
    total: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    mbPerSecond: transferMb(/Transfer\/sec:\s+([\d.]+)([KMG]?B)/.exec(out)),
  };
}

/** wrk's "Transfer/sec: 815.90MB" in MiB/s. */
function transferMb(m: RegExpExecArray | null): number {
  if (!m) return 0;
  return round(parseFloat(m[1]) * ({ B: 1 / 1048576, KB: 1 / 1024, MB: 1, GB: 1024 } as Record<string, number>)[m[2]]);
}

function pick(h: http.IncomingHttpHeaders, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (typeof h[n] === 'string') out[n] = h[n];
  return out;
}

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

interface LoadJob {
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
}
type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
  mbPerSecond: number;
};

/** One autocannon run in a child process (this file, with BENCH_LOADGEN=1). */
function load(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_LOADGEN: '1' }, execArgv: [] });
    child.once('message', (m: { result?: LoadResult; error?: string }) =>
      m.result ? resolve(m.result) : reject(new Error(m.error)),
    );
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
    child.send(job);
  });
}

if (process.env.BENCH_LOADGEN === '1' && process.send) {
  process.once('message', (job: LoadJob) => {
    autocannon({ url: job.url, connections: job.connections, duration: job.duration, headers: job.headers }).then(
      (r) =>
        process.send!(
          {
            result: {
              rps: Math.round(r.requests.average),
              p50: r.latency.p50,
              p99: r.latency.p99,
              non2xx: r.non2xx,
              errors: r.errors,
              total: r.requests.total,
              mbPerSecond: round(r.throughput.average / 1048576),
            },
          },
          () => process.exit(0),
        ),
      (e: Error) => process.send!({ error: String(e.stack ?? e) }, () => process.exit(1)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

if (require.main === module && process.env.BENCH_LOADGEN !== '1') {
  runReadsBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => (console.error(e), process.exit(1)),
  );
}
