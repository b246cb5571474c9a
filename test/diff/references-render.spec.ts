import JSZip from 'jszip';
import { changeNote, referencesNote, renumberedNote } from '../../src/diff/render/common';
import { isTableRow, renderComparisonDocx } from '../../src/diff/render/docx';
import { renderDiffHtml } from '../../src/diff/render/html';
import { compareVersions, type CompareClause } from '../../src/engine/compare';

const article = (key: string, label: string, text: string): CompareClause => ({ key, label, text, kind: 'article', level: 0 });

/** A new article 2 renumbers the rest; 第四条 and 第六条 change only in references, 第五条 also in words. */
const before = [
  article('a', '第一条', '为了规范起草工作，制定本办法。'),
  article('b', '第二条', '起草组应当广泛征求意见。'),
  article('c', '第三条', '依照本办法第二条征求的意见，应当在十五日内答复。'),
  article('d', '第四条', '违反本办法第二条规定的，责令改正。'),
  article('e', '第五条', '本办法第三条的答复应当公开。'),
];
const after = [
  before[0],
  article('n', '第二条', '起草组由各部门组成。'),
  { ...before[1], label: '第三条' },
  article('c', '第四条', '依照本办法第三条征求的意见，应当在十五日内答复。'),
  article('d', '第五条', '违反本办法第三条规定的，责令改正并通报。'),
  article('e', '第六条', '本办法第四条的答复应当公开。'),
];
const result = () => compareVersions(before, after, []);

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return zip.file('word/document.xml')!.async('string');
}
const rows = (xml: string) => xml.match(/<w:tr[ >]/g)?.length ?? 0;

describe('rendering clauses whose references followed the renumbering', () => {
  it('groups them into one note row of the 对照表, apart from the renumbering note', async () => {
    const xml = await documentXml(await renderComparisonDocx(result(), { title: '对照表', fromLabel: '第一稿', toLabel: '第二稿' }));
    // header, added 第二条, modified 第五条; one note row for the renumbered, one for the references.
    expect(rows(xml)).toBe(1 + 2 + 2);
    expect(xml).toContain('以下条文引用的条文序号作相应调整：第四条、第六条。');
    expect(xml).toContain('以下条文序号作相应调整：第二条改为第三条；第三条改为第四条；第五条改为第六条。');
    expect(xml).toContain('修改，引用的条文序号作相应调整');
    expect(result().changes.filter((c) => isTableRow(c)).map((c) => c.type)).toEqual(['added', 'modified']);
    const oneByOne = await documentXml(await renderComparisonDocx(result(), { title: 't', fromLabel: 'a', toLabel: 'b' }, { includeRenumbered: true }));
    expect(rows(oneByOne)).toBe(1 + 5);
    expect(oneByOne).not.toContain('以下条文引用的条文序号作相应调整');
  });

  it('names them in notes, in Chinese and English', () => {
    const { changes } = result();
    expect(referencesNote(changes, 'en')).toBe('References to renumbered clauses adjusted accordingly in: 第四条; 第六条.');
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
