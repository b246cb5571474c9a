import { performance } from 'node:perf_hooks';
import { DocumentsService } from '../src/documents/documents.service';
import { alignClauses } from '../src/engine/align';
import { parseDocument } from '../src/engine/parse';
import { benchApp, corpusFile } from './harness';

/**
 * Issue 2: adding the amend12 criminal-law version (≈217 KB, ≈500 articles) on top of amend11 — parse, align and
 * store in one transaction — under 1 s on PostgreSQL, the service's memory under 300 MB.
 */
export async function runVersionsBench(): Promise<Record<string, unknown>> {
  const oldText = corpusFile('criminal-law-cn/2020-amend11.txt');
  const newText = corpusFile('criminal-law-cn/2023-amend12.txt');
  if (!oldText || !newText) return { skipped: 'shared/corpus is absent' };

  // The engine alone, for the breakdown.
  const t0 = performance.now();
  const a = parseDocument(oldText).clauses;
  const b = parseDocument(newText).clauses;
  const t1 = performance.now();
  alignClauses(a, b);
  const t2 = performance.now();

  const app = await benchApp();
  try {
    const documents = app.app.get(DocumentsService);
    const actor = await app.drafter();
    const runs: number[] = [];
    let peakRss = process.memoryUsage().rss;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    for (let i = 0; i < 5; i++) {
      const doc = await documents.createDocument(actor, `bench 刑法 ${i}`);
      const draft = (text: string) => ({
        text,
        format: 'text' as const,
        sourceFormat: 'text' as const,
        sourceName: null,
      });
      await documents.addVersion(actor, doc.id, { draft: draft(oldText) });
      const s = performance.now();
      const v = await documents.addVersion(actor, doc.id, { draft: draft(newText) });
      runs.push(performance.now() - s);
      if (v.number !== 2) throw new Error('unexpected version number');
    }
    clearInterval(sample);
    runs.sort((x, y) => x - y);
    return {
      database: app.databaseKind,
      oldBytes: Buffer.byteLength(oldText),
      newBytes: Buffer.byteLength(newText),
      clauses: b.length,
      parseBothMs: round(t1 - t0),
      alignMs: round(t2 - t1),
      addVersionMs: { median: round(runs[2]), min: round(runs[0]), max: round(runs[4]), runs: runs.map(round) },
      target: 'add amend12 on top of amend11 < 1000 ms',
      pass: runs[2] < 1000,
      peakRssMB: round(peakRss / 1048576),
      memoryTarget: 'service RSS < 300 MB',
      memoryPass: peakRss < 300 * 1048576,
    };
  } finally {
    await app.close();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

if (require.main === module) {
  runVersionsBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => (console.error(e), process.exit(1)),
  );
}
