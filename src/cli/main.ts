/**
 * `draftline diff old.docx new.docx --format json|html|docx|patch [--out file]`: the service's comparison for
 * drafters who only have two files. `runCli` is pure over its `io` (tested in jest); `main` wires it to the process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '../common/domain-error';
import { DEFAULT_DOCX_LIMITS } from '../config/app-config';
import type { RenderMeta } from '../engine/render/common';
import { renderComparisonDocx } from '../engine/render/docx';
import { renderRevisionsDocx } from '../engine/render/docx-revisions';
import { renderDiffHtml } from '../engine/render/html';
import { renderUnifiedPatch } from '../engine/render/patch';
import { fromUpload } from '../documents/version-input';
import { compareVersionsOf, alignTexts, titleOf, type TextInput } from './compare-texts';

export const CLI_FORMATS = ['json', 'html', 'docx', 'patch', 'docx-revisions'] as const;
type CliFormat = (typeof CLI_FORMATS)[number];

/** Larger than the service's default: a local file is the drafter's own. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface CliIo {
  stdout: { write(chunk: string | Buffer): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  readFile(file: string): Buffer;
  writeFile(file: string, data: string | Buffer): void;
  /** The date docx-revisions gives the changes (default: now). */
  now?: () => Date;
}

export const USAGE = `draftline — compare two versions of a draft clause by clause

Usage:
  draftline diff <old> <new> [--format json|html|docx|patch|docx-revisions] [--out <file>] [--author <name>]
  draftline --help

  <old>, <new>   .txt or .md (UTF-8) or .docx files
  --format, -f   json (default): summary and changes; html: a redline page; docx: the 修改前后对照表;
                 patch: a unified diff of the two texts; docx-revisions: <new> as a Word document whose
                 differences from <old> are tracked changes (修订), to accept or reject in Word or WPS
  --out, -o      write to this file instead of standard output (needed for .docx on a terminal)
  --author       whom docx-revisions attributes the changes to (default 起草组, or Drafting group)

Example:
  npx draftline diff 第十五稿.docx 第十六稿.docx --format html > diff.html

Exit codes: 0 done, 2 bad arguments or unreadable input.
`;

class UsageError extends Error {}

interface DiffArgs {
  oldFile: string;
  newFile: string;
  format: CliFormat;
  out: string | null;
  author: string | null;
}

/** The options of `draftline diff`, for node:util's parseArgs (strict: an unknown option is an error). */
const DIFF_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'json' },
  out: { type: 'string', short: 'o' },
  author: { type: 'string' },
} as const;

function parseCommandLine(argv: string[]): DiffArgs | 'help' {
  if (argv.length === 0 || argv.some((a) => a === '--help' || a === '-h') || argv[0] === 'help') return 'help';
  const [command, ...rest] = argv;
  if (command !== 'diff') throw new UsageError(`unknown command "${command}"`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: DIFF_OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(argumentProblem(e));
  }
  const { format, out, author } = parsed.values;
  const files = parsed.positionals;
  if (!(CLI_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}": use one of ${CLI_FORMATS.join(', ')}`);
  }
  if (files.length !== 2) throw new UsageError(`diff takes two files (old and new); got ${files.length}`);
  return {
    oldFile: files[0],
    newFile: files[1],
    format: format as CliFormat,
    out: out ?? null,
    author: author ?? null,
  };
}

/** parseArgs's errors in the CLI's own words (its messages are written for programmers). */
function argumentProblem(e: unknown): string {
  const { code, message } = e as { code?: string; message?: string };
  const option = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${option}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${/--[\w-]+/.exec(option)?.[0] ?? option} needs a value`;
  return message ?? String(e);
}

async function readInput(io: CliIo, file: string): Promise<TextInput> {
  let buffer: Buffer;
  try {
    buffer = io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? (e as Error).message})`,
    );
  }
  const draft = await fromUpload(
    { originalname: file, buffer, size: buffer.length },
    { maxTextBytes: MAX_FILE_BYTES, docx: DEFAULT_DOCX_LIMITS },
  );
  return { text: draft.text, format: draft.format };
}

/** Runs the command line; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCommandLine(argv);
    if (args === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (args.format.startsWith('docx') && !args.out && io.stdout.isTTY) {
      throw new UsageError('a .docx is binary: pass --out file.docx or redirect standard output to a file');
    }
    const [a, b] = [await readInput(io, args.oldFile), await readInput(io, args.newFile)];
    const fromLabel = path.basename(args.oldFile);
    const toLabel = path.basename(args.newFile);
    const output = await render(args.format, a, b, fromLabel, toLabel, {
      author: args.author,
      date: io.now?.() ?? new Date(),
    });
    if (args.out) io.writeFile(args.out, output);
    else io.stdout.write(output);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof DomainError) {
      io.stderr.write(
        `draftline: ${e.message}\n${e instanceof UsageError ? 'Run "draftline --help" for usage.\n' : ''}`,
      );
      return 2;
    }
    throw e;
  }
}

async function render(
  format: CliFormat,
  a: TextInput,
  b: TextInput,
  fromLabel: string,
  toLabel: string,
  by: { author: string | null; date: Date },
): Promise<string | Buffer> {
  if (format === 'patch') return renderUnifiedPatch(a.text, b.text, { fromLabel, toLabel, fileName: toLabel });
  const keyed = alignTexts(a, b);
  const result = compareVersionsOf(keyed);
  const zh = /[\u3400-\u9fff]/u.test(b.text);
  if (format === 'docx-revisions') {
    const moved = new Set(result.changes.filter((c) => c.type === 'moved').map((c) => c.to!.key));
    const inline = new Map(
      result.changes.filter((c) => c.from && c.to && c.from.key === c.to.key).map((c) => [c.to!.key, c.inline]),
    );
    return renderRevisionsDocx(
      { from: keyed.from, to: keyed.to, moved, inline: (key) => inline.get(key) },
      {
        author: by.author ?? (zh ? '起草组' : 'Drafting group'),
        date: by.date,
        title: titleOf(b.text, b.format) ?? toLabel,
      },
    );
  }
  if (format === 'json') {
    return `${JSON.stringify({ from: { label: fromLabel }, to: { label: toLabel }, summary: result.summary, changes: result.changes }, null, 2)}\n`;
  }
  const title = titleOf(b.text, b.format) ?? `${fromLabel} → ${toLabel}`;
  const meta: RenderMeta = { title, fromLabel, toLabel, lang: zh ? 'zh' : 'en' };
  return format === 'html' ? renderDiffHtml(result, meta) : renderComparisonDocx(result, meta);
}

/** The process entry point (bin/draftline.js). */
export function main(): void {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: (f) => fs.readFileSync(f),
    writeFile: (f, d) => fs.writeFileSync(f, d),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`draftline: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
