import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app';
import { postComment, scenario } from './helpers';

/** Collects a binary body (superagent's parser signature: the response is a readable stream here). */
const binary = (res: import('superagent').Response, cb: (e: Error | null, b: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('reports: 意见采纳情况汇总表 as JSON, CSV, XLSX and DOCX', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('lists comments by clause with decisions and reasons, counts them, and neutralises formulas', async () => {
    const s = await scenario(t, { audience: 'all' });
    const late = (
      await postComment(t, s.a1, s.doc, 1, {
        clauseKey: s.key('清单'),
        kind: 'amend',
        body: '=HYPERLINK("http://x","点")',
        suggestion: '每月公开',
      }).expect(201)
    ).body.id;
    const early = (
      await postComment(t, s.b1, s.doc, 1, {
        clauseKey: s.key('便民利民'),
        kind: 'remark',
        body: '<b>同意</b>',
      }).expect(201)
    ).body.id;
    await t
      .http()
      .put(`/api/comments/${late}/decision`)
      .set(s.drafter.auth)
      .send({ outcome: 'adopted', reason: '已改为每月' })
      .expect(200);
    const base = `/api/consultations/${s.consultation.id}/report`;
    const json = (await t.http().get(base).set(s.drafter.auth).expect(200)).body;
    expect(json.rows.map((r: { clauseLabel: string }) => r.clauseLabel)).toEqual(['第二条', '第三条']);
    expect(json.rows[1]).toMatchObject({
      decision: '采纳',
      reason: '已改为每月',
      kind: '修改',
      suggestion: '每月公开',
    });
    expect(json.byDecision).toEqual(
      expect.arrayContaining([
        { decision: '采纳', count: 1 },
        { decision: '未处理', count: 1 },
      ]),
    );
    expect(json.byGroup).toHaveLength(2);
    expect(early).toBeDefined();

    const csv = await t.http().get(`${base}?format=csv`).set(s.drafter.auth).buffer(true).parse(binary).expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { relax_column_count: true });
    expect(rows[0][0]).toBe('条款');
    expect(rows[2][4]).toBe(`'=HYPERLINK("http://x","点")`);
    expect(rows[1][4]).toBe('<b>同意</b>');

    const xlsx = await t.http().get(`${base}?format=xlsx`).set(s.drafter.auth).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(3).getCell(5).value).toBe(`'=HYPERLINK("http://x","点")`);
    expect(sheet.getRow(3).getCell(7).value).toBe('采纳');
    expect(wb.worksheets[1].getRow(2).values).toBeDefined();

    const docx = await t.http().get(`${base}?format=docx`).set(s.drafter.auth).buffer(true).parse(binary).expect(200);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    await t.http().get(base).set(s.a1.auth).expect(403);
  });
});
