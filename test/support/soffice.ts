/**
 * .docx files written by LibreOffice from plain texts, as a drafter would make them (open the .txt, save as Word),
 * for tests that upload them and compare with the text. Needs `soffice` (Debian's libreoffice-writer-nogui); tests
 * skip with a note when it is absent. Files are cached under test-output/docx-from-text/, named by a hash of the
 * text, so a changed text is converted again and an unchanged one never.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const CACHE_DIR = path.resolve(__dirname, '../../test-output/docx-from-text');

export const sofficePresent = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;

/** `describe`, or `describe.skip` with a note when LibreOffice is absent. */
export function describeWithSoffice(name: string, body: () => void): void {
  if (sofficePresent) {
    describe(name, body);
  } else {
    console.log(`LibreOffice (soffice) absent: skipping "${name}"; install libreoffice-writer-nogui to run it`);
    describe.skip(name, () => it('needs soffice on PATH', () => undefined));
  }
}

const cachedPath = (text: string) =>
  path.join(CACHE_DIR, `${crypto.createHash('sha256').update(text).digest('hex').slice(0, 24)}.docx`);

/**
 * The .docx LibreOffice writes for each text (read as UTF-8, one paragraph per line), in the order given. All the
 * texts not in the cache are converted by one soffice run, with a profile of its own so that parallel test workers
 * (and colleagues) never share one.
 */
export async function docxFromTexts(texts: readonly string[]): Promise<Buffer[]> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const missing = [...new Set(texts.filter((t) => !fs.existsSync(cachedPath(t))))];
  if (missing.length) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-soffice-'));
    try {
      const inputs = missing.map((t) => {
        const file = path.join(work, path.basename(cachedPath(t), '.docx') + '.txt');
        fs.writeFileSync(file, t);
        return file;
      });
      const out = path.join(work, 'out');
      await promisify(execFile)(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(work, 'profile')}`,
          '--headless',
          '--infilter=Text (encoded):UTF8',
          '--convert-to',
          'docx',
          '--outdir',
          out,
          ...inputs,
        ],
        { timeout: 300_000 },
      );
      for (const t of missing) {
        const name = path.basename(cachedPath(t));
        // copied beside, then renamed: a worker reading the cache never sees half a file
        const part = `${cachedPath(t)}.${process.pid}.part`;
        fs.copyFileSync(path.join(out, name), part);
        fs.renameSync(part, cachedPath(t));
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  return texts.map((t) => fs.readFileSync(cachedPath(t)));
}
