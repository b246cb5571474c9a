import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { type CliIo, runCli } from '../../src/cli/main';
import { docxPart, documentText } from '../support/tracked-changes';

const OLD =
  '关于改进社区服务的若干规定\n\n第一条 为了改进社区服务，制定本规定。\n\n第二条 社区服务应当便民利民。\n\n第三条 本规定自发布之日起施行。\n';
const NEW =
  '关于改进社区服务的若干规定\n\n第一条 为了改进社区服务，结合本市实际，制定本规定。\n\n第二条 街道办事处负责组织实施本规定。\n\n第三条 社区服务应当便民利民。\n\n第四条 本规定自发布之日起施行。\n';

/** An in-memory io: files from a map, output collected. */
function memoryIo(files: Record<string, string | Buffer>, isTTY = false) {
  const out: (string | Buffer)[] = [];
  const err: string[] = [];
  const written: Record<string, string | Buffer> = {};
  const io: CliIo = {
    stdout: { write: (c) => out.push(c), isTTY },
    stderr: { write: (c) => err.push(c) },
    readFile: (f) => {
      if (!(f in files)) throw Object.assign(new Error(`ENOENT: ${f}`), { code: 'ENOENT' });
      return Buffer.from(files[f]);
    },
    writeFile: (f, d) => {
      written[f] = d;
    },
  };
  return { io, out, err, written, stdout: () => out.map(String).join('') };
}

describe('draftline CLI (runCli)', () => {
  const files = { 'old.txt': OLD, 'new.txt': NEW };

  it('prints the diff as JSON by default', async () => {
    const m = memoryIo(files);
    expect(await runCli(['diff', 'old.txt', 'new.txt'], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json.summary).toMatchObject({ modified: 1, renumbered: 2, added: 1 });
    expect(json.changes.map((c: { type: string }) => c.type)).toEqual([
      'modified',
      'added',
      'renumbered',
      'renumbered',
    ]);
    expect(json.from.label).toBe('old.txt');
  });

  it('reads .docx and .md files and writes HTML, patch and docx', async () => {
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: OLD.split('\n')
              .filter(Boolean)
              .map((l) => new Paragraph(l)),
          },
        ],
      }),
    );
    const m = memoryIo({ 'old.docx': docx, 'new.md': NEW });
    expect(await runCli(['diff', 'old.docx', 'new.md', '--format', 'html'], m.io)).toBe(0);
    expect(m.stdout()).toContain('<ins>结合本市实际，</ins>');
    const p = memoryIo(files);
    expect(await runCli(['diff', 'old.txt', 'new.txt', '--format=patch'], p.io)).toBe(0);
    expect(p.stdout()).toMatch(/^-第一条 为了改进社区服务，制定本规定。$/m);
    const d = memoryIo(files);
    expect(await runCli(['diff', 'old.txt', 'new.txt', '-f', 'docx', '-o', 'out.docx'], d.io)).toBe(0);
    const xml = await (
      await JSZip.loadAsync(d.written['out.docx'] as Buffer)
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('结合本市实际，');
  });

  it('writes the new file as a .docx with tracked changes from the old one (--format docx-revisions)', async () => {
    const m = memoryIo(files);
    m.io.now = () => new Date('2026-12-03T09:30:00Z');
    expect(
      await runCli(
        ['diff', 'old.txt', 'new.txt', '--format', 'docx-revisions', '--author', '市起草组', '--out', 'r.docx'],
        m.io,
      ),
    ).toBe(0);
    const xml = await docxPart(m.written['r.docx'] as Buffer, 'word/document.xml');
    expect(documentText(xml, 'accept')).toBe(NEW);
    expect(documentText(xml, 'reject')).toBe(OLD);
    expect(xml).toContain('w:author="市起草组" w:date="2026-12-03T09:30:00Z"');
    const tty = memoryIo(files, true);
    expect(await runCli(['diff', 'old.txt', 'new.txt', '-f', 'docx-revisions'], tty.io)).toBe(2);
  });

  it('refuses bad input with a message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['diff', 'old.txt', 'missing.txt'], /missing\.txt: no such file/],
      [['diff', 'old.txt', 'new.txt', '--format', 'pdf'], /unknown format "pdf": use one of json, html, docx, patch/],
      [['diff', 'old.txt'], /two files/],
      [['frobnicate'], /unknown command/],
      [['diff', 'old.txt', 'new.txt', '--colour'], /unknown option "--colour"/],
      [['diff', 'old.txt', 'new.txt', '--out'], /--out needs a value/],
      [['diff', 'old.txt', 'new.txt', '-f'], /--format needs a value/],
      [['diff', 'old.txt', 'new.txt', '--format', 'docx'], /binary/],
      [['diff', 'old.txt', 'x.pdf'], /no such file/],
    ];
    for (const [argv, message] of cases) {
      const m = memoryIo(files, true);
      expect(await runCli(argv, m.io)).toBe(2);
      expect(m.err.join('')).toMatch(message);
      expect(m.out).toEqual([]);
    }
    const pdf = memoryIo({ ...files, 'x.pdf': 'x' });
    expect(await runCli(['diff', 'old.txt', 'x.pdf'], pdf.io)).toBe(2);
    expect(pdf.err.join('')).toMatch(/Unsupported file type/);
  });

  it('prints usage for --help', async () => {
    const m = memoryIo({});
    expect(await runCli(['--help'], m.io)).toBe(0);
    expect(m.stdout()).toContain('draftline diff <old> <new>');
  });
});

const BIN = path.resolve(__dirname, '../../bin/draftline.js');
const built = fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/main.js'));
if (!built) console.log('dist/ absent (run npm run build): skipping the spawned draftline test');

(built ? describe : describe.skip)('draftline CLI (spawned node bin/draftline.js)', () => {
  it('diffs two files into HTML on stdout and fails with 2 on a missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-cli-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), OLD);
    fs.writeFileSync(path.join(dir, 'b.txt'), NEW);
    const ok = spawnSync(process.execPath, [BIN, 'diff', 'a.txt', 'b.txt', '--format', 'html'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('<ins>结合本市实际，</ins>');
    const bad = spawnSync(process.execPath, [BIN, 'diff', 'a.txt', 'nope.txt'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('nope.txt: no such file');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
