import { changeNote, referencesNote, renumberedNote } from '../../src/engine/render/common';
import { isTableRow, renderComparisonDocx } from '../../src/engine/render/docx';
import { renderDiffHtml } from '../../src/engine/render/html';
import { compareVersions } from '../../src/engine/compare';
import { documentXml, referencing1, referencing2, tableRows as rows } from './fixtures';

const result = () => compareVersions(referencing1, referencing2, []);

describe('rendering clauses whose references followed the renumbering', () => {
  it('groups them into one note row of the 对照表, apart from the renumbering note', async () => {
    const xml = await documentXml(
      await renderComparisonDocx(result(), { title: '对照表', fromLabel: '第一稿', toLabel: '第二稿' }),
    );
    // header, added 第二条, modified 第五条; one note row for the renumbered, one for the references.
    expect(rows(xml)).toBe(1 + 2 + 2);
    expect(xml).toContain('以下条文引用的条文序号作相应调整：第四条、第六条。');
    expect(xml).toContain('以下条文序号作相应调整：第二条改为第三条；第三条改为第四条；第五条改为第六条。');
    expect(xml).toContain('修改，引用的条文序号作相应调整');
    expect(
      result()
        .changes.filter((c) => isTableRow(c))
        .map((c) => c.type),
    ).toEqual(['added', 'modified']);
    const oneByOne = await documentXml(
      await renderComparisonDocx(result(), { title: 't', fromLabel: 'a', toLabel: 'b' }, { includeRenumbered: true }),
    );
    expect(rows(oneByOne)).toBe(1 + 5);
    expect(oneByOne).not.toContain('以下条文引用的条文序号作相应调整');
  });

  it('names them in notes, in Chinese and English', () => {
    const { changes } = result();
    expect(referencesNote(changes, 'en')).toBe(
      'References to renumbered clauses adjusted accordingly in: 第四条; 第六条.',
    );
    expect(referencesNote(changes.filter((c) => c.type !== 'references'))).toBeNull();
    expect(renumberedNote(changes)).toContain('第五条改为第六条');
    expect(changeNote(changes.find((c) => c.type === 'references')!)).toBe('引用的条文序号作相应调整');
  });

  it('shows them after the substantive changes in the redline, the reference ops marked apart', () => {
    const html = renderDiffHtml(result(), { title: '办法', fromLabel: '第一稿', toLabel: '第二稿' });
    const section = html.indexOf('<h2 id="references">');
    expect(section).toBeGreaterThan(html.indexOf('class="change t-modified"'));
    expect(html.indexOf('class="change t-references"')).toBeGreaterThan(section);
    expect(html).toContain('<th>引用序号调整</th>');
    expect(html).toMatch(/<del class="ref"[^>]*>第二条<\/del><ins class="ref"[^>]*>第三条<\/ins>/u);
    // the drafter's own words in the same clause stay plain
    expect(html).toContain('<ins>并通报</ins>');
  });
});
