import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffChars } from 'diff';
import type { AuthUser } from '../src/auth/auth.decorators';
import { DiffService } from '../src/diff/diff.service';
import { ClausesRepository } from '../src/documents/clauses.repository';
import { DocumentsService } from '../src/documents/documents.service';
import { compareVersions, type CompareClause } from '../src/engine/compare';
import { benchApp, type BenchApp, corpusFile } from './harness';

/**
 * Issue 3, side by side in one run: (a) company law 2018→2023, the service's diff vs one whole-document diffChars
 * (≥ 300×); (b) criminal law amend11→amend12, the engine's diff vs `git diff --no-index --word-diff` (≤ 3×);
 * (c) a repeated request answered from the cache over HTTP (< 50 ms); (d) memory over 1,000 diff requests (flat).
 * BENCH_SKIP_SLOW=1 skips the ~60 s diffChars call and uses the figure recorded in docs/design.md §3.
 */
const RECORDED_DIFFCHARS_MS = 60_000;
const PAIRS: [string, string, string][] = [
  ['公司法', 'company-law-cn/2018.txt', 'company-law-cn/2023.txt'],
  ['刑法', 'criminal-law-cn/2020-amend11.txt', 'criminal-law-cn/2023-amend12.txt'],
  ['民事诉讼法', 'civil-procedure-law-cn/2021.txt', 'civil-procedure-law-cn/2023.txt'],
];

export async function runDiffBench(): Promise<Record<string, unknown>> {
  if (PAIRS.some(([, a, b]) => !corpusFile(a) || !corpusFile(b))) return { skipped: 'shared/corpus is absent' };
  const app = await benchApp();
  try {
    const actor = await app.drafter();
    const ids: Record<string, string> = {};
    for (const [title, a, b] of PAIRS) ids[title] = await store(app, actor, title, a, b);
    return {
      database: app.databaseKind,
      companyLaw: await companyLaw(app, actor),
      criminalLaw: await criminalLaw(app, ids['刑法']),
      cachedRequest: await cachedRequest(app, actor, ids['刑法']),
      docxRevisions: { 公司法: await docxRevisions(app, ids['公司法']), 刑法: await docxRevisions(app, ids['刑法']) },
      memory: await memory(app, actor, Object.values(ids)),
    };
  } finally {
    await app.close();
  }
}

async function store(app: BenchApp, actor: AuthUser, title: string, ...files: string[]): Promise<string> {
  const documents = app.app.get(DocumentsService);
  const { id } = await documents.createDocument(actor, title);
  for (const f of files) {
    await documents.addVersion(actor, id, {
      draft: { text: corpusFile(f)!, format: 'text', sourceFormat: 'text', sourceName: f },
    });
  }
  return id;
}

/** (a) Fresh pairs (a new document each, so the cache is cold) through DiffService, and the engine alone. */
async function companyLaw(app: BenchApp, actor: AuthUser) {
  const diffs = app.app.get(DiffService);
  const service: number[] = [];
  for (let i = 0; i < 3; i++) {
    const id = await store(app, actor, `公司法 ${i}`, 'company-law-cn/2018.txt', 'company-law-cn/2023.txt');
    service.push(await time(() => diffs.compute(id, 1, 2)));
  }
  const id = await store(app, actor, '公司法 engine', 'company-law-cn/2018.txt', 'company-law-cn/2023.txt');
  const engine = await engineTimes(app, id, 5);
  let wholeMs = RECORDED_DIFFCHARS_MS;
  let wholeSource = 'recorded in docs/design.md §3 (BENCH_SKIP_SLOW=1)';
  if (process.env.BENCH_SKIP_SLOW !== '1') {
    const a = corpusFile('company-law-cn/2018.txt')!;
    const b = corpusFile('company-law-cn/2023.txt')!;
    wholeMs = await time(() => diffChars(a, b));
    wholeSource = 'measured in this run';
  }
  const serviceMs = median(service);
  return {
    wholeDocumentDiffCharsMs: round(wholeMs),
    wholeDocumentSource: wholeSource,
    serviceComputeMs: { median: round(serviceMs), runs: service.map(round) },
    engineCompareMs: { median: round(median(engine)), runs: engine.map(round) },
    ratio: Math.round(wholeMs / serviceMs),
    target: 'whole-document diffChars / service diff ≥ 300',
    pass: wholeMs / serviceMs >= 300,
  };
}

/** compareVersions on the stored clauses of versions 1 and 2 (what the service runs on a cache miss). */
async function engineTimes(app: BenchApp, documentId: string, runs: number): Promise<number[]> {
  const documents = app.app.get(DocumentsService);
  const clauses = app.app.get(ClausesRepository);
  const em = app.db.dataSource.manager;
  const load = async (n: number): Promise<CompareClause[]> =>
    (await documents.getVersionClauses(documentId, n)).clauses;
  const [a, b] = [await load(1), await load(2)];
  const edges = await clauses.splitMergeEdges(em, documentId);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await time(() => compareVersions(a, b, edges)));
  return out;
}

/** (b) The engine's diff against git's word diff of the two files. */
async function criminalLaw(app: BenchApp, documentId: string) {
  const engine = await engineTimes(app, documentId, 7);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-bench-git-'));
  const [a, b] = [path.join(dir, 'amend11.txt'), path.join(dir, 'amend12.txt')];
  fs.writeFileSync(a, corpusFile('criminal-law-cn/2020-amend11.txt')!);
  fs.writeFileSync(b, corpusFile('criminal-law-cn/2023-amend12.txt')!);
  const git: number[] = [];
  for (let i = 0; i < 7; i++) {
    git.push(
      await time(() => {
        const r = spawnSync('git', ['diff', '--no-index', '--word-diff', a, b], { encoding: 'utf8' });
        if (r.status !== 1) throw new Error(`git diff failed: ${r.stderr}`);
      }),
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = median(engine) / median(git);
  return {
    engineCompareMs: { median: round(median(engine)), runs: engine.map(round) },
    gitWordDiffMs: { median: round(median(git)), runs: git.map(round) },
    ratio: round(ratio),
    target: 'engine diff ≤ 3 × git diff --no-index --word-diff',
    pass: ratio <= 3,
  };
}

async function listen(app: BenchApp, actor: AuthUser): Promise<{ base: string; auth: Record<string, string> }> {
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: actor.username, password: 'bench-password' }),
  });
  const { token } = (await res.json()) as { token: string };
  return { base, auth: { Authorization: `Bearer ${token}` } };
}

let server: { base: string; auth: Record<string, string> } | null = null;

async function get(app: BenchApp, actor: AuthUser, url: string): Promise<void> {
  server ??= await listen(app, actor);
  const res = await fetch(`${server.base}${url}`, { headers: server.auth });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
}

/** (c) The same pair again and again over HTTP, after one request that fills the cache. */
async function cachedRequest(app: BenchApp, actor: AuthUser, documentId: string) {
  const url = `/api/documents/${documentId}/diff?from=1&to=2`;
  server ??= await listen(app, actor); // listening and logging in are not part of the figure
  const first = await time(() => get(app, actor, url));
  const runs: number[] = [];
  for (let i = 0; i < 50; i++) runs.push(await time(() => get(app, actor, url)));
  runs.sort((x, y) => x - y);
  return {
    pair: '刑法 amend11→amend12, format=json',
    firstRequestMs: round(first), // a cache miss: version lookups, clause loads, compare
    repeatedMs: {
      median: round(median(runs)),
      p95: round(runs[Math.floor(runs.length * 0.95)]),
      max: round(runs[runs.length - 1]),
    },
    target: 'repeated request < 50 ms',
    pass: runs[Math.floor(runs.length * 0.95)] < 50,
  };
}

/** Version 2 as a .docx with tracked changes from version 1 (the comparison cached, as after any diff request). */
async function docxRevisions(app: BenchApp, documentId: string) {
  const diffs = app.app.get(DiffService);
  await diffs.compute(documentId, 1, 2);
  const runs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    runs.push(
      await time(async () => {
        bytes = ((await diffs.render(documentId, 1, 2, 'docx-revisions')).body as Buffer).length;
      }),
    );
  }
  return { renderMs: { median: round(median(runs)), runs: runs.map(round) }, fileKB: round(bytes / 1024) };
}

/** (d) heapUsed and RSS before and after 1,000 requests over every pair, both directions, json and html. */
async function memory(app: BenchApp, actor: AuthUser, documentIds: string[]) {
  const urls = documentIds.flatMap((id) =>
    ['1&to=2', '2&to=1', '1&to=1'].flatMap((q) =>
      ['json', 'html'].map((f) => `/api/documents/${id}/diff?from=${q}&format=${f}`),
    ),
  );
  for (const u of urls) await get(app, actor, u); // warm: every result computed and cached once
  const gc = (globalThis as { gc?: () => void }).gc;
  const snapshot = () => {
    gc?.();
    const m = process.memoryUsage();
    return { heapUsedMB: round(m.heapUsed / 1048576), rssMB: round(m.rss / 1048576) };
  };
  const before = snapshot();
  const started = performance.now();
  const concurrency = 4;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < 1000) await get(app, actor, urls[next++ % urls.length]);
    }),
  );
  const elapsed = performance.now() - started;
  const after = snapshot();
  const growth = after.heapUsedMB - before.heapUsedMB;
  return {
    requests: 1000,
    distinctRequests: urls.length,
    seconds: round(elapsed / 1000),
    gcExposed: Boolean(gc),
    before,
    after,
    heapGrowthMB: round(growth),
    target: 'heap flat (growth < 10 MB) over 1,000 diff requests',
    pass: growth < 10,
  };
}

async function time(fn: () => unknown): Promise<number> {
  const s = performance.now();
  await fn();
  return performance.now() - s;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

if (require.main === module) {
  runDiffBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => (console.error(e), process.exit(1)),
  );
}
