/**
 * The 修改前后对照表 as a Word document: title, then a table 修改前 | 修改后 | 说明 with one row per changed clause.
 * As in the NPC's tables, deleted words are struck through in the original column and inserted words are bold and
 * underlined in the revised column.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ClauseChange, CompareResult } from '../compare';
import {
  changeNote,
  changeTitle,
  referencesNote,
  type RenderLang,
  type RenderMeta,
  renumberedNote,
  type Side,
  sideParts,
} from './common';

export interface ComparisonDocxOptions {
  /**
   * Give every renumbered clause, and every clause whose references alone followed the renumbering, a row of its
   * own instead of one note row for each kind. Default false.
   */
  includeRenumbered?: boolean;
}

const HEADERS: Record<RenderLang, [string, string, string]> = {
  zh: ['修改前', '修改后', '说明'],
  en: ['Before', 'After', 'Note'],
};

const FONT = { ascii: 'Times New Roman', eastAsia: 'FangSong', hAnsi: 'Times New Roman' };
const SIZE = 24; // half-points: 12 pt

/**
 * Whether a change gets a row of its own: every change of the comparison does (a move too, "由第八项移至第五项"),
 * except clauses only renumbered and clauses whose references alone changed with the renumbering, which share a note
 * row each at the end unless asked for one by one.
 */
export function isTableRow(change: ClauseChange, opts: ComparisonDocxOptions = {}): boolean {
  if (change.type === 'unchanged') return false;
  return (change.type !== 'renumbered' && change.type !== 'references') || opts.includeRenumbered === true;
}

export async function renderComparisonDocx(
  result: CompareResult,
  meta: RenderMeta,
  opts: ComparisonDocxOptions = {},
): Promise<Buffer> {
  const lang = meta.lang ?? 'zh';
  const rows = result.changes.filter((c) => isTableRow(c, opts));
  const header = new TableRow({
    tableHeader: true,
    children: HEADERS[lang].map((h) =>
      cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [run(h, { bold: true })] })]),
    ),
  });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [4200, 4200, 1300],
    rows: [
      header,
      ...rows.map((c) => changeRow(c, lang)),
      ...noteRow(opts.includeRenumbered ? null : renumberedNote(result.changes, lang)),
      ...noteRow(opts.includeRenumbered ? null : referencesNote(result.changes, lang)),
    ],
  });
  const doc = new Document({
    title: meta.title,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(meta.title, { bold: true, size: 32 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`${meta.fromLabel} → ${meta.toLabel}`)] }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function run(
  text: string,
  style: { bold?: boolean; strike?: boolean; underline?: boolean; size?: number } = {},
): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: style.size ?? SIZE,
    bold: style.bold,
    strike: style.strike,
    ...(style.underline ? { underline: {} } : {}),
  });
}

function cell(children: Paragraph[]): TableCell {
  return new TableCell({ children: children.length > 0 ? children : [new Paragraph('')] });
}

/** A row across the three columns for a grouped note (renumbering, references that followed it). */
function noteRow(note: string | null): TableRow[] {
  if (!note) return [];
  return [
    new TableRow({
      children: [new TableCell({ columnSpan: 3, children: [new Paragraph({ children: [run(note)] })] })],
    }),
  ];
}

function changeRow(change: ClauseChange, lang: RenderLang): TableRow {
  return new TableRow({
    children: [
      cell(sideParagraphs(change, 'from')),
      cell(sideParagraphs(change, 'to')),
      cell([
        new Paragraph({ children: [run(changeNote(change, lang))] }),
        // Policy items restart their numbering under each heading: name both sides by their full paths.
        ...(where(change) ? [new Paragraph({ children: [run(where(change)!, { size: 18 })] })] : []),
      ]),
    ],
  });
}

const where = (change: ClauseChange): string | undefined => {
  const title = changeTitle(change);
  return title.includes(' › ') ? title : undefined;
};

/**
 * A column's paragraphs: each part's label then its text, one paragraph per line, changed words marked. Blank lines
 * between 款 are dropped so rows stay compact.
 */
function sideParagraphs(change: ClauseChange, side: Side): Paragraph[] {
  const changedStyle = side === 'from' ? { strike: true } : { bold: true, underline: true };
  const lines: TextRun[][] = [];
  for (const part of sideParts(change, side)) {
    let runs: TextRun[] = part.label ? [run(`${part.label}\u3000`, { bold: true })] : [];
    lines.push(runs);
    for (const segment of part.segments) {
      segment.text.split('\n').forEach((line, i) => {
        if (i > 0) lines.push((runs = []));
        if (line) runs.push(run(line, segment.changed ? changedStyle : {}));
      });
    }
  }
  return lines.filter((runs) => runs.length > 0).map((children) => new Paragraph({ children }));
}
