/**
 * Word-level inline diff of two clause texts, readable in Chinese: tokens from `tokenize`, `diffArrays` from the
 * `diff` package with a time bound, then a cleanup that merges runs and folds stray equal fragments into the
 * surrounding rewrite. Diff clauses, never whole documents (see docs/design.md §3).
 */
import { diffArrays } from 'diff';
import { tokenize } from './tokenize';

export type InlineOpKind = 'equal' | 'insert' | 'delete';

export interface InlineOp {
  op: InlineOpKind;
  text: string;
  /** A change the renumbering made, not the drafter: a reference that follows its article (see references.ts). */
  ref?: true;
}

export interface InlineDiffOptions {
  /** Give up (and report a whole replacement) beyond this many token edits. */
  maxEditLength?: number;
  /** Give up after this many milliseconds. Default 200. */
  timeoutMs?: number;
  /**
   * Keep every equal run, however short (no folding of stray fragments into the surrounding rewrite): what blame
   * needs, where a shared word must keep its origin; a reader's redline is easier to read folded.
   */
  exact?: boolean;
}

/**
 * `equal + delete` texts concatenate to `a`, `equal + insert` texts to `b`. `fallback` is true when the diff was
 * abandoned (time or edit bound) and the ops are a whole replacement.
 */
export interface InlineDiffResult {
  ops: InlineOp[];
  fallback: boolean;
}

export const DEFAULT_INLINE_TIMEOUT_MS = 200;

/** A run of the cleaned diff: text in both, or a change (what was deleted and what was inserted there). */
type Run = { equal: string } | { del: string; ins: string };

export function inlineDiff(a: string, b: string, opts: InlineDiffOptions = {}): InlineDiffResult {
  if (a === b) return { ops: a === '' ? [] : [{ op: 'equal', text: a }], fallback: false };
  if (a === '' || b === '') return { ops: toOps([{ del: a, ins: b }]), fallback: false };
  try {
    const changes = diffArrays(tokenize(a), tokenize(b), {
      timeout: opts.timeoutMs ?? DEFAULT_INLINE_TIMEOUT_MS,
      ...(opts.maxEditLength !== undefined ? { maxEditLength: opts.maxEditLength } : {}),
    });
    if (changes === undefined) return replacement(a, b);
    const runs: Run[] = [];
    for (const change of changes) {
      const text = change.value.join('');
      if (change.added) pushRun(runs, { del: '', ins: text });
      else if (change.removed) pushRun(runs, { del: text, ins: '' });
      else pushRun(runs, { equal: text });
    }
    return { ops: toOps(opts.exact ? runs : foldStrayEquals(runs)), fallback: false };
  } catch {
    return replacement(a, b);
  }
}

function replacement(a: string, b: string): InlineDiffResult {
  return { ops: toOps([{ del: a, ins: b }]), fallback: true };
}

/** Appends a run, merging it into the last one when both are equal or both are changes. */
function pushRun(runs: Run[], run: Run): void {
  const last = runs[runs.length - 1];
  if (last && 'equal' in last && 'equal' in run) last.equal += run.equal;
  else if (last && 'del' in last && 'del' in run) {
    last.del += run.del;
    last.ins += run.ins;
  } else runs.push({ ...run });
}

const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;

/**
 * Whether an equal fragment between two changes is noise that splits one rewrite in two: punctuation or spaces
 * (at most two characters), or text shorter than half of the smaller neighbouring change. A lone 在 between
 * 今天→昨天 and 北京大学→清华大学 stays; a lone 的 inside a rewritten phrase of longer changes goes.
 */
function isStray(equal: string, before: { del: string; ins: string }, after: { del: string; ins: string }): boolean {
  const length = [...equal].length;
  if (length <= 2 && PUNCT_OR_SPACE.test(equal)) return true;
  const size = (run: { del: string; ins: string }) => Math.max([...run.del].length, [...run.ins].length);
  return length * 2 < Math.min(size(before), size(after));
}

/** Folds stray equal runs into both sides of the surrounding changes (a semantic cleanup for CJK text). */
function foldStrayEquals(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    pushRun(out, run);
    // out ends [..., change, equal, change]: fold the middle when it is stray, then re-check the new tail.
    while (out.length >= 3) {
      const [before, middle, after] = out.slice(-3);
      if (!('del' in before) || !('equal' in middle) || !('del' in after)) break;
      if (!isStray(middle.equal, before, after)) break;
      out.splice(-3, 3, {
        del: before.del + middle.equal + after.del,
        ins: before.ins + middle.equal + after.ins,
      });
    }
  }
  return out;
}

function toOps(runs: Run[]): InlineOp[] {
  const ops: InlineOp[] = [];
  for (const run of runs) {
    if ('equal' in run) {
      if (run.equal) ops.push({ op: 'equal', text: run.equal });
      continue;
    }
    if (run.del) ops.push({ op: 'delete', text: run.del });
    if (run.ins) ops.push({ op: 'insert', text: run.ins });
  }
  return ops;
}
