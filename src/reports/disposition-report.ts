/**
 * The 意见采纳情况汇总表 as files: rows by clause order (clause, commenter, group, kind, comment, suggestion,
 * decision, reason) plus counts by decision and by group. Pure rendering; every cell is plain text, and a cell
 * that a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with an apostrophe.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';

export interface ReportRow {
  clauseLabel: string;
  commenter: string;
  group: string;
  kind: string;
  comment: string;
  suggestion: string;
  decision: string;
  reason: string;
}

export interface DispositionReport {
  title: string;
  rows: ReportRow[];
  byDecision: { decision: string; count: number }[];
  byGroup: { group: string; count: number }[];
}

export const HEADERS = ['条款', '提出人', '代表团/部门', '类型', '意见', '修改建议', '处理结果', '理由'];
const FIELDS: (keyof ReportRow)[] = [
  'clauseLabel',
  'commenter',
  'group',
  'kind',
  'comment',
  'suggestion',
  'decision',
  'reason',
];

/** Formula-injection guard (OWASP CSV injection). */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toCsv(r: DispositionReport): Buffer {
  const esc = (v: string) => `"${safeCell(v).replace(/"/g, '""')}"`;
  const lines = [HEADERS.map(esc).join(','), ...r.rows.map((row) => FIELDS.map((f) => esc(row[f])).join(','))];
  lines.push('', [esc('处理结果'), esc('数量')].join(','), ...r.byDecision.map((d) => `${esc(d.decision)},${d.count}`));
  lines.push('', [esc('代表团/部门'), esc('数量')].join(','), ...r.byGroup.map((g) => `${esc(g.group)},${g.count}`));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8'); // BOM: Excel reads UTF-8
}

export async function toXlsx(r: DispositionReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('意见采纳情况汇总表');
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of r.rows) sheet.addRow(FIELDS.map((f) => safeCell(row[f])));
  sheet.columns.forEach((c, i) => (c.width = [12, 12, 14, 8, 50, 40, 10, 40][i]));
  const counts = wb.addWorksheet('统计');
  counts.addRow(['处理结果', '数量']).font = { bold: true };
  for (const d of r.byDecision) counts.addRow([d.decision, d.count]);
  counts.addRow([]);
  counts.addRow(['代表团/部门', '数量']).font = { bold: true };
  for (const g of r.byGroup) counts.addRow([safeCell(g.group), g.count]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function toDocx(r: DispositionReport): Promise<Buffer> {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  const table = (headers: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
        ...rows.map((row) => new TableRow({ children: row.map((v) => cell(v)) })),
      ],
    });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: r.title, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER }),
          table(
            HEADERS,
            r.rows.map((row) => FIELDS.map((f) => row[f])),
          ),
          new Paragraph({ text: '按处理结果统计', heading: HeadingLevel.HEADING_2 }),
          table(
            ['处理结果', '数量'],
            r.byDecision.map((d) => [d.decision, String(d.count)]),
          ),
          new Paragraph({ text: '按代表团/部门统计', heading: HeadingLevel.HEADING_2 }),
          table(
            ['代表团/部门', '数量'],
            r.byGroup.map((g) => [g.group, String(g.count)]),
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
