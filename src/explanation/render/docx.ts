/**
 * The 修改说明 as a standing committee receives it: A4, 仿宋 for the text and 黑体 for the title and headings (the
 * names Word resolves on a Chinese system; elsewhere the reader substitutes glyph by glyph, LibreOffice included),
 * page numbers "— 1 —" at the foot. One, 修改概况 (the summary sentence and each draft's note); two, a table of the
 * changes with the comments behind each; three, the reverse check.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { sideParts, type Side } from '../../engine/render/common';
import type { Explanation, ExplanationChange } from '../explanation.dto';
import { adoptedCount, asClauseChange, commentLine, decisionLine, heading, isRow, opening, REASON_ZH } from './common';

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };
const BODY = 32; // half-points: 三号 (16 pt), the 公文 text size
const CELL = 21; // 五号 (10.5 pt) inside tables
const MM = 56.7; // twips per millimetre

type Style = { bold?: boolean; strike?: boolean; underline?: boolean; size?: number; hei?: boolean };

const run = (text: string, s: Style = {}) =>
  new TextRun({
    text,
    font: s.hei ? HEITI : FANGSONG,
    size: s.size ?? BODY,
    bold: s.bold,
    strike: s.strike,
    ...(s.underline ? { underline: {} } : {}),
  });

const para = (text: string, s: Style = {}, indent = true) =>
  new Paragraph({
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    indent: indent ? { firstLine: 640 } : undefined,
    children: [run(text, s)],
  });

const cellPara = (text: string, s: Style = {}) => new Paragraph({ children: [run(text, { size: CELL, ...s })] });

const cell = (children: Paragraph[], width?: number) =>
  new TableCell({
    ...(width ? { width: { size: width, type: WidthType.DXA } } : {}),
    children: children.length ? children : [cellPara('')],
  });

const COLS = [520, 2450, 2450, 1250, 2175]; // the text width of A4 with these margins: 8845 twips
const HEAD = ['序号', '修改前', '修改后', '修改情况', '所依据的意见或说明'];

function sideCell(c: ExplanationChange, side: Side): Paragraph[] {
  const changed: Style = side === 'from' ? { strike: true } : { bold: true, underline: true };
  const out: Paragraph[] = [];
  for (const part of sideParts(asClauseChange(c), side)) {
    let runs: TextRun[] = part.label ? [run(`${part.label}\u3000`, { size: CELL, bold: true })] : [];
    const lines = [runs];
    for (const seg of part.segments) {
      seg.text.split('\n').forEach((line, i) => {
        if (i > 0) lines.push((runs = []));
        if (line) runs.push(run(line, { size: CELL, ...(seg.changed ? changed : {}) }));
      });
    }
    out.push(...lines.filter((r) => r.length).map((children) => new Paragraph({ children })));
  }
  return out;
}

function basisCell(c: ExplanationChange): Paragraph[] {
  const out: Paragraph[] = [];
  for (const x of c.comments) out.push(cellPara(commentLine(x)), cellPara(decisionLine(x), { bold: true }));
  for (const n of c.notes) out.push(cellPara(`${n.label}说明：${n.note}`));
  if (!out.length) out.push(cellPara('（未见所依据的意见或说明）'));
  return out;
}

function changeRow(c: ExplanationChange, n: number): TableRow {
  return new TableRow({
    cantSplit: false,
    children: [
      cell([cellPara(String(n))], COLS[0]),
      cell(sideCell(c, 'from'), COLS[1]),
      cell(sideCell(c, 'to'), COLS[2]),
      cell([cellPara(c.note), ...(c.title.includes(' › ') ? [cellPara(c.title, { size: 18 })] : [])], COLS[3]),
      cell(basisCell(c), COLS[4]),
    ],
  });
}

const noteRow = (text: string) =>
  new TableRow({ children: [new TableCell({ columnSpan: COLS.length, children: [cellPara(text)] })] });

function table(header: string[], widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) =>
          cell(
            [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(h, { size: CELL, hei: true })] })],
            widths[i],
          ),
        ),
      }),
      ...rows,
    ],
  });
}

const h1 = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { before: 240, after: 120 },
    children: [run(text, { hei: true })],
  });

export async function renderExplanationDocx(e: Explanation): Promise<Buffer> {
  const rows = e.changes.filter(isRow);
  const adopted = adoptedCount(e);
  const notes = e.versions.filter((v) => v.note.trim());
  const check = e.check;
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(heading(e), { hei: true, size: 44 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [run(`（${e.from.label}→${e.to.label}）`)],
    }),
    h1('一、修改概况'),
    para(opening(e)),
    para(
      adopted.all
        ? `其中，采纳代表和各方面意见${adopted.all}条${adopted.partly ? `（部分采纳${adopted.partly}条）` : ''}，逐条列于下表。`
        : '本次修改未涉及已采纳的意见。',
    ),
    ...(notes.length ? [para('各稿修改情况如下：'), ...notes.map((v) => para(`${v.label}：${v.note}`))] : []),
    h1('二、主要修改内容及所依据的意见'),
    ...(rows.length || e.renumberedNote || e.referencesNote
      ? [
          table(HEAD, COLS, [
            ...rows.map((c, i) => changeRow(c, i + 1)),
            ...(e.renumberedNote ? [noteRow(e.renumberedNote)] : []),
            ...(e.referencesNote ? [noteRow(e.referencesNote)] : []),
          ]),
        ]
      : [para('两稿条文没有变化。')]),
    h1('三、核对情况'),
    new Paragraph({
      spacing: { before: 120 },
      children: [run('（一）已采纳但所称落实的稿中相关条文未见修改的意见', { hei: true })],
    }),
    ...(check.adoptedNotCarriedOut.length
      ? [
          table(
            ['序号', '意见', '处理', '核对结果'],
            [520, 4125, 2100, 2100],
            check.adoptedNotCarriedOut.map(
              (x, i) =>
                new TableRow({
                  children: [
                    cell([cellPara(String(i + 1))]),
                    cell([cellPara(commentLine(x.comment))]),
                    cell([cellPara(decisionLine(x.comment))]),
                    cell([cellPara(REASON_ZH[x.reason] ?? x.reason)]),
                  ],
                }),
            ),
          ),
        ]
      : [para('经核对，已采纳的意见均在所称落实的稿中作了相应修改。')]),
    new Paragraph({ spacing: { before: 120 }, children: [run('（二）未见所依据的意见或说明的修改', { hei: true })] }),
    ...(check.unexplained.length
      ? check.unexplained.map((u, i) =>
          para(`${i + 1}. ${u.title}（${rows.find((r) => r.index === u.index)?.note ?? u.type}）`),
        )
      : [para('经核对，各项修改均有所依据的意见或说明。')]),
  ];
  const doc = new Document({
    title: heading(e),
    styles: { default: { document: { run: { font: FANGSONG, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: FANGSONG, size: 28, children: ['— ', PageNumber.CURRENT, ' —'] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
