import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `npm run bench`: runs every benchmark module in one process, one after the other, prints the figures and writes
 * them to bench-results/latest.json (with the machine and the date) for BENCHMARKS.md.
 * Set DATABASE_URL to measure on a PostgreSQL server (the issues' figures are on PostgreSQL); BENCH_ONLY=versions,diff
 * picks modules. `npm run bench -- --scale` runs only the scale test (two instances, a streaming replica, 2,200 clients
 * for 60 s: bench/scale.bench.ts), which the other modules never include.
 */
const MODULES: [string, string, string][] = [
  ['versions', './versions.bench', 'runVersionsBench'],
  ['diff', './diff.bench', 'runDiffBench'],
  ['comments', './comments.bench', 'runCommentsBench'],
  ['lineage', './lineage.bench', 'runLineageBench'],
  ['reads', './reads.bench', 'runReadsBench'],
  ['scale', './scale.bench', 'runScaleBench'],
  ['history', './history.bench', 'runHistoryBench'],
];
const SCALE = process.argv.includes('--scale');

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
    database: process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded PGlite',
  };
  for (const [name, file, fn] of MODULES) {
    if (only && !only.includes(name)) continue;
    if ((name === 'scale') !== SCALE) continue;
    let mod: Record<string, () => Promise<Record<string, unknown>>>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is chosen at run time and may be absent
      mod = require(file);
    } catch (e) {
      results[name] = { skipped: `module not present: ${(e as Error).message.split('\n')[0]}` };
      continue;
    }
    console.error(`bench: ${name}…`);
    try {
      results[name] = await mod[fn]();
    } catch (e) {
      results[name] = { failed: (e as Error).stack };
    }
    console.error(JSON.stringify(results[name], null, 2));
  }
  const out = path.resolve(__dirname, '../../bench-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, SCALE ? 'scale.json' : 'latest.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
