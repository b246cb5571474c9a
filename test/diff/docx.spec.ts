import { renderComparisonDocx } from '../../src/engine/render/docx';
import { documentXml, result, tableRows as rows } from './fixtures';

describe('renderComparisonDocx', () => {
  it('writes the comparison table: a header, a row for every change and one note row for the renumbered', async () => {
    const buffer = await renderComparisonDocx(result(), {
      title: '修改前后对照表',
      fromLabel: '第一稿',
      toLabel: '第二稿',
    });
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const xml = await documentXml(buffer);
    // modified a, moved e, deleted c, split d, added g; renumbered b and f share the last row.
    expect(rows(xml)).toBe(1 + 5 + 1);
    for (const text of [
      '修改前',
      '修改后',
      '说明',
      '修改前后对照表',
      '结合本区实际，',
      '设立制造业发展专项资金。',
      '拆分为第四条、第五条',
      '新增',
      '删除',
      '由第五条移至第二条',
      '以下条文序号作相应调整：第二条改为第三条；第六条改为第七条。',
    ]) {
      expect(xml).toContain(text);
    }
  });

  it('strikes deleted words in the original and underlines inserted words in the revision', async () => {
    const xml = await documentXml(await renderComparisonDocx(result(), { title: 't', fromLabel: 'a', toLabel: 'b' }));
    const runWith = (text: string) => xml.split('</w:r>').find((r) => r.includes(`>${text}<`)) ?? '';
    expect(runWith('结合本区实际，')).toMatch(/<w:u /);
    expect(runWith('结合本区实际，')).toMatch(/<w:b\/>|<w:b /);
    expect(runWith('本措施由区工业和信息化局负责解释。')).toMatch(/<w:strike\/>|<w:strike /);
  });

  it('gives each renumbered clause a row of its own on request', async () => {
    const buffer = await renderComparisonDocx(
      result(),
      { title: 't', fromLabel: 'a', toLabel: 'b' },
      { includeRenumbered: true },
    );
    const xml = await documentXml(buffer);
    expect(rows(xml)).toBe(1 + 7);
    expect(xml).not.toContain('以下条文序号作相应调整');
    expect(xml).toContain('条文序号调整');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
