/**
 * Cutting a document into clauses without changing a character: renderDocument(parseDocument(t).clauses) === t for
 * every string t. Each line either starts a clause (a heading, an article, a numbered item, a note, a new block) or
 * continues the current one; blank lines and trailing spaces go to the tail of the clause before them.
 */
import { normalizeLabel } from './normalize';
import { findEnumeration } from './parse-enum';
import { classifyLine, indentLength, looksLikeTitle } from './parse-patterns';
import type { ClauseKind, ParsedClause, ParsedDocument, SourceFormat } from './types';

export interface ParseOptions {
  format?: SourceFormat;
}

/** Where a clause starts, before its text is cut. */
interface Start {
  kind: ClauseKind;
  /** Offset of the start of its first line. */
  pos: number;
  leadLen: number;
  labelLen: number;
  gapLen: number;
  /** Index in the starts array, or null. */
  parent: number | null;
}

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
}

const TRAILING_SPACE = /\s+$/u;
const LEADING_SPACE = /^\s+/u;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

function isBlank(s: string): boolean {
  return /^[\s\u200b-\u200d\u2060\ufeff]*$/u.test(s);
}

/** A roman or lettered heading sits one below the nearest open keyword division, or at rank 2 without one. */
function relativeRank(divisions: ReadonlyArray<{ rank: number; relative: boolean }>): number {
  for (let k = divisions.length - 1; k >= 0; k--) if (!divisions[k].relative) return divisions[k].rank + 1;
  return 2;
}

/** Finds the clause starts: one pass over the lines, keeping the open divisions and items as stacks. */
function findStarts(text: string, format: SourceFormat): Start[] {
  const lines = splitLines(text);
  const starts: Start[] = [];
  const divisions: Array<{ index: number; rank: number; relative: boolean }> = [];
  let items: Array<{ index: number; rank: number }> = [];
  let inArticle = false;
  let seenStructure = false;
  let prevBlank = false;
  const innermostDivision = (): number | null => divisions.at(-1)?.index ?? null;
  const add = (start: Start): void => {
    starts.push(start);
  };

  for (let i = 0; i < lines.length; i++) {
    const content = text.slice(lines[i].start, lines[i].end);
    if (isBlank(content)) {
      prevBlank = true;
      continue;
    }
    const pos = lines[i].start;
    const m = classifyLine(content, format, inArticle);
    if (m) {
      const base = { pos, leadLen: m.leadLen, labelLen: m.labelLen, gapLen: m.gapLen };
      if (m.kind === 'division') {
        const rank = m.relative ? relativeRank(divisions) : m.rank;
        while (divisions.length && divisions.at(-1)!.rank >= rank) divisions.pop();
        add({ ...base, kind: 'division', parent: innermostDivision() });
        divisions.push({ index: starts.length - 1, rank, relative: m.relative === true });
        items = [];
        inArticle = false;
        seenStructure = true;
      } else if (m.kind === 'article') {
        add({ ...base, kind: 'article', parent: innermostDivision() });
        items = [];
        inArticle = true;
        seenStructure = true;
      } else if (m.kind === 'item') {
        while (items.length && items.at(-1)!.rank >= m.rank) items.pop();
        add({ ...base, kind: 'item', parent: items.at(-1)?.index ?? innermostDivision() });
        items.push({ index: starts.length - 1, rank: m.rank });
        seenStructure = true;
      } else {
        add({ ...base, kind: 'note', parent: innermostDivision() });
        inArticle = false;
      }
      prevBlank = false;
      continue;
    }

    const current = starts.at(-1)?.kind;
    const unnumbered = { pos, leadLen: indentLength(content), labelLen: 0, gapLen: 0 };
    if (current === undefined) {
      // The first paragraph, as the rule for paragraphs reads it: up to a blank line or a numbered line (four lines
      // are enough to tell: a title has at most three).
      const block = [content];
      for (let j = i + 1; j < lines.length && block.length <= 3; j++) {
        const next = text.slice(lines[j].start, lines[j].end);
        if (isBlank(next) || classifyLine(next, format, false)) break;
        block.push(next);
      }
      add({ ...unnumbered, kind: looksLikeTitle(block) ? 'title' : 'preamble', parent: null });
    } else if (current === 'division') {
      add({ ...unnumbered, kind: 'paragraph', parent: innermostDivision() });
    } else if (current === 'article' || current === 'item') {
      // An article's or item's text runs on to the next numbered line or heading.
    } else if (prevBlank) {
      if (seenStructure) add({ ...unnumbered, kind: 'paragraph', parent: items.at(-1)?.index ?? innermostDivision() });
      else add({ ...unnumbered, kind: 'preamble', parent: null });
    }
    prevBlank = false;
  }
  return starts;
}

function makeClause(
  kind: ClauseKind,
  lead: string,
  label: string,
  gap: string,
  body: string,
  parent: number | null,
  out: ParsedClause[],
): ParsedClause {
  const tail = TRAILING_SPACE.exec(body)?.[0] ?? '';
  if (label !== '' && tail.length < body.length) {
    // A label alone on its line ("Art 1", "§ 5a"): the line break after it is gap, so the text starts with words.
    const leading = LEADING_SPACE.exec(body)?.[0] ?? '';
    gap += leading;
    body = body.slice(leading.length);
  }
  return {
    kind,
    level: parent === null ? 0 : out[parent].level + 1,
    parent,
    label,
    number: label === '' ? '' : normalizeLabel(label),
    gap,
    text: body.slice(0, body.length - tail.length),
    lead,
    tail,
  };
}

/**
 * Pushes a paragraph or item and, when its body holds an inline enumeration, the enumeration members as children
 * (and whatever follows the enumerating paragraph as a paragraph of the same clause, which may enumerate again).
 */
function pushWithEnumerations(clause: ParsedClause, out: ParsedClause[]): void {
  const cut = findEnumeration(clause.text);
  if (!cut) {
    out.push(clause);
    return;
  }
  const body = clause.text;
  const container = out.length;
  out.push({ ...clause, text: body.slice(0, cut.markers[0]), tail: '' });
  const enumLevel = clause.level + 1;
  for (let k = 0; k < cut.markers.length; k++) {
    const label = cut.labels[k];
    const from = cut.markers[k] + label.length;
    const last = k === cut.markers.length - 1;
    const segment = last ? body.slice(from, cut.lineEnd) : body.slice(from, cut.markers[k + 1]);
    const restStart = last ? cut.lineEnd + (LEADING_SPACE.exec(body.slice(cut.lineEnd))?.[0].length ?? 0) : 0;
    const trailing = last ? body.slice(cut.lineEnd, restStart) : '';
    const done = last && restStart >= body.length;
    out.push({
      kind: 'enum',
      level: enumLevel,
      parent: container,
      label,
      number: label,
      gap: '',
      text: segment,
      lead: '',
      tail: last ? (done ? trailing + clause.tail : trailing) : '',
    });
    if (last && !done) {
      // Leading spaces of the next paragraph belong to the tail above, so the new paragraph starts at its text.
      const rest = makeClause('paragraph', '', '', '', body.slice(restStart), container, out);
      pushWithEnumerations({ ...rest, tail: rest.tail + clause.tail }, out);
    }
  }
}

/**
 * Parses a document into clauses. Never throws; the clauses concatenate back to exactly `text`.
 */
export function parseDocument(text: string, opts: ParseOptions = {}): ParsedDocument {
  const format = opts.format ?? 'text';
  if (text === '') return { clauses: [] };
  const starts = findStarts(text, format);
  if (starts.length === 0) {
    return {
      clauses: [
        { kind: 'preamble', level: 0, parent: null, label: '', number: '', gap: '', text: '', lead: text, tail: '' },
      ],
    };
  }
  const out: ParsedClause[] = [];
  const indexOfStart: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const from = i === 0 ? 0 : s.pos;
    const labelStart = s.pos + s.leadLen;
    const gapStart = labelStart + s.labelLen;
    const bodyStart = gapStart + s.gapLen;
    const end = i + 1 < starts.length ? starts[i + 1].pos : text.length;
    const parent = s.parent === null ? null : indexOfStart[s.parent];
    const clause = makeClause(
      s.kind,
      text.slice(from, labelStart),
      text.slice(labelStart, gapStart),
      text.slice(gapStart, bodyStart),
      text.slice(bodyStart, end),
      parent,
      out,
    );
    indexOfStart.push(out.length);
    if (s.kind === 'paragraph' || s.kind === 'item' || s.kind === 'preamble') pushWithEnumerations(clause, out);
    else out.push(clause);
  }
  return { clauses: out };
}

/** The document text back from its clauses: lead + label + gap + text + tail, in order. */
export function renderDocument(clauses: readonly ParsedClause[]): string {
  let s = '';
  for (const c of clauses) s += c.lead + c.label + c.gap + c.text + c.tail;
  return s;
}
