/** Access to the shared corpus of real documents (never copied into the project). */
import * as fs from 'fs';
import * as path from 'path';

export const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus');

export const corpusPresent = fs.existsSync(CORPUS_DIR);

/** `describe`, or `describe.skip` with a note when the corpus folder is absent. */
export function describeCorpus(name: string, body: () => void): void {
  if (corpusPresent) {
    describe(name, body);
  } else {
    console.log(`corpus absent at ${CORPUS_DIR}: skipping "${name}"`);
    // Jest runs a skipped describe's body to collect its tests: give it one that reads nothing.
    describe.skip(name, () => it(`needs the corpus at ${CORPUS_DIR}`, () => undefined));
  }
}

/** Every <doc>/<version>.txt (not raw/ or ground-truth/), as [doc/version, absolute path]. */
export function corpusFiles(): Array<[string, string]> {
  if (!corpusPresent) return [];
  const out: Array<[string, string]> = [];
  for (const doc of fs.readdirSync(CORPUS_DIR).sort()) {
    const dir = path.join(CORPUS_DIR, doc);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith('.txt')) out.push([`${doc}/${f}`, path.join(dir, f)]);
    }
  }
  return out;
}

/** `it`, or `it.skip` with a note when the corpus folder is absent. */
export function itCorpus(name: string, body: () => unknown, timeout?: number): void {
  if (corpusPresent) it(name, body as () => Promise<unknown>, timeout);
  else {
    console.log(`corpus absent at ${CORPUS_DIR}: skipping "${name}"`);
    it.skip(name, () => undefined);
  }
}

export function readCorpus(relative: string): string {
  return fs.readFileSync(path.join(CORPUS_DIR, relative), 'utf8');
}
