import { DOMParser } from '@xmldom/xmldom';
import { alignTexts, compareTexts } from '../../src/cli/compare-texts';
import { renderRevisionsDocx, revisionSegments, revisionsDocumentXml } from '../../src/engine/render/docx-revisions';
import { docxPart, documentText, elementsNamed } from '../support/tracked-changes';

/** Both versions' clauses with keys as the service would give them (a continued clause keeps its key). */
const keyed = (a: string, b: string) => alignTexts({ text: a, format: 'text' }, { text: b, format: 'text' });

function movedKeys(a: string, b: string): Set<string> {
  return new Set(
    compareTexts({ text: a, format: 'text' }, { text: b, format: 'text' })
      .changes.filter((c) => c.type === 'moved')
      .map((c) => c.to!.key),
  );
}

const META = { author: '起草组', date: new Date('2026-12-03T08:00:00Z'), title: '测试' };

async function roundTrip(a: string, b: string) {
  const input = keyed(a, b);
  const docx = await renderRevisionsDocx({ ...input, moved: movedKeys(a, b) }, META);
  const xml = await docxPart(docx, 'word/document.xml');
  return { xml, accepted: documentText(xml, 'accept'), rejected: documentText(xml, 'reject') };
}

const A = [
  '第一条 为了规范社区服务，制定本规定。',
  '第二条 社区服务应当便民利民。',
  '第三条 街道办事处每季度公开服务事项清单。',
  '第四条 依照第三条公开的事项，居民可以查询。',
  '第五条 本规定自发布之日起施行。',
  '',
].join('\n');

describe('version B as a .docx with tracked changes from A', () => {
  it('marks edited words with w:ins and w:del, attributed and dated, and reads back as B accepted and A rejected', async () => {
    const b = A.replace('便民利民', '便民惠民');
    const { xml, accepted, rejected } = await roundTrip(A, b);
    expect(accepted).toBe(b);
    expect(rejected).toBe(A);
    expect(elementsNamed(xml, 'w:ins').map((e) => e.text)).toEqual(['惠民']);
    expect(elementsNamed(xml, 'w:del').map((e) => e.text)).toEqual(['利民']);
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="起草组" w:date="2026-12-03T08:00:00Z">/u);
    expect(xml).toContain('<w:delText xml:space="preserve">利民</w:delText>');
    expect(new DOMParser().parseFromString(xml, 'text/xml').documentElement.nodeName).toBe('w:document');
  });

  it('shows a renumbering as a change of the number and of the reference, not as paragraphs retyped', async () => {
    // a new article 第二条 pushes the rest down; 第四条's reference to 第三条 follows it
    const b = [
      '第一条 为了规范社区服务，制定本规定。',
      '第二条 社区服务中心应当设立意见箱。',
      '第三条 社区服务应当便民利民。',
      '第四条 街道办事处每季度公开服务事项清单。',
      '第五条 依照第四条公开的事项，居民可以查询。',
      '第六条 本规定自发布之日起施行。',
      '',
    ].join('\n');
    const { xml, accepted, rejected } = await roundTrip(A, b);
    expect(accepted).toBe(b);
    expect(rejected).toBe(A);
    const deleted = elementsNamed(xml, 'w:del').map((e) => e.text);
    const inserted = elementsNamed(xml, 'w:ins').map((e) => e.text);
    // every deletion is a single numeral; the only long insertion is the new article
    expect(deleted.every((d) => /^[一二三四五六七八九十]$/u.test(d))).toBe(true);
    expect(inserted.filter((t) => t.length > 1)).toEqual(['第二条 社区服务中心应当设立意见箱。']);
  });

  it('writes a moved clause as w:moveFrom and w:moveTo inside named ranges', async () => {
    const b = [
      '第一条 为了规范社区服务，制定本规定。',
      '第二条 街道办事处每季度公开服务事项清单。',
      '第三条 依照第二条公开的事项，居民可以查询。',
      '第四条 社区服务应当便民利民。',
      '第五条 本规定自发布之日起施行。',
      '',
    ].join('\n');
    const input = keyed(A, b);
    const moved = new Set([input.to[3].key]);
    const docx = await renderRevisionsDocx({ ...input, moved }, META);
    const xml = await docxPart(docx, 'word/document.xml');
    expect(documentText(xml, 'accept')).toBe(b);
    expect(documentText(xml, 'reject')).toBe(A);
    // the whole clause moves from where it stood; where it went, its new number is an insertion
    expect(
      elementsNamed(xml, 'w:moveFrom')
        .map((e) => e.text)
        .join(''),
    ).toBe('第二条 社区服务应当便民利民。');
    expect(
      elementsNamed(xml, 'w:moveTo')
        .map((e) => e.text)
        .join(''),
    ).toBe('第条 社区服务应当便民利民。');
    expect(elementsNamed(xml, 'w:ins').map((e) => e.text)).toContain('四');
    const from = /<w:moveFromRangeStart w:id="(\d+)" w:name="(move\d+)"/u.exec(xml)!;
    const to = /<w:moveToRangeStart w:id="(\d+)" w:name="(move\d+)"/u.exec(xml)!;
    expect(from[2]).toBe(to[2]);
    expect(xml).toContain(`<w:moveFromRangeEnd w:id="${from[1]}"/>`);
    expect(xml).toContain(`<w:moveToRangeEnd w:id="${to[1]}"/>`);
    // the moved paragraph's mark moves with it
    expect(xml).toMatch(/<w:pPr><w:rPr><w:moveFrom w:id="\d+" w:author="起草组"/u);
  });

  it('adds and deletes whole paragraphs with their marks, at the start, in the middle and at the end', async () => {
    const b = [
      '第零条 新增的开头。',
      '第一条 为了规范社区服务，制定本规定。',
      '第三条 街道办事处每季度公开服务事项清单。',
      '第四条 依照第三条公开的事项，居民可以查询。',
      '第五条 本规定自发布之日起施行。',
      '第六条 新增的结尾。',
      '',
    ].join('\n');
    const { accepted, rejected } = await roundTrip(A, b);
    expect(accepted).toBe(b);
    expect(rejected).toBe(A);
    const segments = revisionSegments({ ...keyed(A, b), moved: new Set() });
    expect(segments.at(-1)).toEqual({ kind: 'equal', text: '\n' });
  });

  it('keeps tabs, blank lines and characters XML must escape', async () => {
    const a = '标题\n\n第一条 甲<乙>&丙\t丁。\n\n第二条 原文。\n';
    const b = '标题\n\n第一条 甲<乙>&丙\t戊。\n第二条 原文。\n';
    const { accepted, rejected } = await roundTrip(a, b);
    expect(accepted).toBe(b);
    expect(rejected).toBe(a);
  });

  it('writes a document XML that parses for texts with no change', () => {
    const input = keyed(A, A);
    const xml = revisionsDocumentXml(revisionSegments({ ...input, moved: new Set() }), META);
    expect(xml).not.toMatch(/<w:(ins|del|moveFrom|moveTo)\b/u);
    expect(documentText(xml, 'accept')).toBe(A);
  });
});
