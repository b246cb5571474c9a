/**
 * A unified diff of two whole document texts, for tools that read patches. Line diffs of whole documents are
 * fast (company-law-cn 2018→2023, 76 KB → 95 KB: ~130 ms); word diffs of whole documents are not (see docs/design.md §3).
 */
import { createTwoFilesPatch, formatPatch } from 'diff';

export interface PatchMeta {
  fromLabel: string;
  toLabel: string;
  /** The file name in the --- and +++ lines; default "document.txt". */
  fileName?: string;
  /** Lines of context around each hunk; default 3. */
  context?: number;
  /** Past this, the patch is one hunk replacing the whole text; default 500 ms. */
  timeoutMs?: number;
}

export function renderUnifiedPatch(oldText: string, newText: string, meta: PatchMeta): string {
  const name = meta.fileName ?? 'document.txt';
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, oldText, newText, meta.fromLabel, meta.toLabel, {
    context: meta.context ?? 3,
    timeout: meta.timeoutMs ?? 500,
  });
  return patch ?? wholeReplacement(`a/${name}`, `b/${name}`, oldText, newText, meta);
}

function lines(text: string, sign: '-' | '+'): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  const noNewline = out[out.length - 1] !== '';
  if (!noNewline) out.pop();
  const signed = out.map((l) => sign + l);
  if (noNewline) signed.push('\\ No newline at end of file');
  return signed;
}

function wholeReplacement(oldName: string, newName: string, oldText: string, newText: string, meta: PatchMeta): string {
  const removed = lines(oldText, '-');
  const added = lines(newText, '+');
  const count = (signed: string[]) => signed.filter((l) => !l.startsWith('\\')).length;
  const oldLines = count(removed);
  const newLines = count(added);
  return formatPatch({
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: meta.fromLabel,
    newHeader: meta.toLabel,
    hunks: [
      {
        oldStart: oldLines ? 1 : 0,
        oldLines,
        newStart: newLines ? 1 : 0,
        newLines,
        lines: [...removed, ...added],
      },
    ],
  });
}
