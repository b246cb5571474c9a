import fc from 'fast-check';
import { chineseNumeralToInt, normalizeForCompare, normalizeLabel } from '../../src/engine/normalize';
import { parseDocument, renderDocument } from '../../src/engine/parse';
import type { ParsedClause } from '../../src/engine/types';

/** Compact view of the clauses for assertions: kind, label, text, parent label. */
function outline(text: string, format: 'text' | 'markdown' = 'text') {
  const { clauses } = parseDocument(text, { format });
  expect(renderDocument(clauses)).toBe(text);
  return clauses.map((c: ParsedClause) => ({
    kind: c.kind,
    label: c.label,
    text: c.text,
    parent: c.parent === null ? null : clauses[c.parent].label || clauses[c.parent].text,
    level: c.level,
  }));
}

describe('normalize', () => {
  it('reduces full-width forms, spaces and zero-width characters for comparison', () => {
    expect(normalizeForCompare('第一条　为了（测试）ＡＢＣ１２３\u200b “引号”')).toBe('第一条为了(测试)ABC123"引号"');
    expect(normalizeForCompare('总 则')).toBe(normalizeForCompare('总则'));
  });

  it('normalises labels of every numbering family', () => {
    expect(normalizeLabel('第 十三 条')).toBe('第十三条');
    expect(normalizeLabel('Art. 5')).toBe('art 5');
    expect(normalizeLabel('Art 5')).toBe('art 5');
    expect(normalizeLabel('Artikel 5')).toBe('art 5');
    expect(normalizeLabel('§5a')).toBe('§ 5a');
    expect(normalizeLabel('§ 5a')).toBe('§ 5a');
    expect(normalizeLabel('第１３条')).toBe('第13条');
    expect(normalizeLabel('（二）')).toBe('(二)');
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumeralToInt('十三')).toBe(13);
    expect(chineseNumeralToInt('一百零五')).toBe(105);
    expect(chineseNumeralToInt('四百五十二')).toBe(452);
    expect(chineseNumeralToInt('二〇二三')).toBe(2023);
    expect(chineseNumeralToInt('１２')).toBe(12);
    expect(chineseNumeralToInt('abc')).toBeNull();
  });
});

describe('parseDocument: Chinese legal numbering', () => {
  const law = [
    '示例管理条例',
    '',
    '2020年1月1日 某机关通过',
    '',
    '第一章 总 则',
    '',
    '第一条 为了规范示例管理，制定本条例。',
    '',
    '第二条 本条例适用于下列事项：',
    '',
    '（一）甲事项；',
    '',
    '（二）乙事项。',
    '',
    '前款规定以外的事项，参照适用。',
    '',
    '第二条之一 新增的一条。',
    '',
    '第二章 管理',
    '',
    '第一节 一般规定',
    '',
    '第３条 全角数字的条。',
    '',
  ].join('\n');

  it('finds the title, preamble, chapters, sections and articles with their bodies', () => {
    const o = outline(law);
    expect(o.map((c) => [c.kind, c.label])).toEqual([
      ['title', ''],
      ['preamble', ''],
      ['division', '第一章'],
      ['article', '第一条'],
      ['article', '第二条'],
      ['article', '第二条之一'],
      ['division', '第二章'],
      ['division', '第一节'],
      ['article', '第３条'],
    ]);
    expect(o[2].text).toBe('总 则');
    expect(o[4].text).toBe(
      '本条例适用于下列事项：\n\n（一）甲事项；\n\n（二）乙事项。\n\n前款规定以外的事项，参照适用。',
    );
    expect(o[8]).toMatchObject({ parent: '第一节', level: 2 });
    expect(o[3]).toMatchObject({ parent: '第一章', level: 1 });
  });

  it('keeps label, gap and number apart', () => {
    const { clauses } = parseDocument('第十三条　正文。\n');
    expect(clauses[0]).toMatchObject({ label: '第十三条', gap: '　', text: '正文。', tail: '\n', number: '第十三条' });
  });

  it('does not take a reference at the start of a paragraph for an article', () => {
    const o = outline('第一条 正文。\n\n第十条规定的情形除外。\n');
    expect(o.filter((c) => c.kind === 'article')).toHaveLength(1);
  });

  it('nests 编 > 章 > 节', () => {
    const o = outline(
      '第一编 总则\n第一章 任务\n第一节 犯罪\n第一条 甲。\n第二章 刑罚\n第二条 乙。\n第二编 分则\n第三条 丙。\n',
    );
    expect(o.map((c) => [c.label, c.parent, c.level])).toEqual([
      ['第一编', null, 0],
      ['第一章', '第一编', 1],
      ['第一节', '第一章', 2],
      ['第一条', '第一节', 3],
      ['第二章', '第一编', 1],
      ['第二条', '第二章', 2],
      ['第二编', null, 0],
      ['第三条', '第二编', 1],
    ]);
  });

  it('keeps footnotes, 附则 and annexes as their own clauses', () => {
    const o = outline(
      '附则\n\n第九条 本法自公布之日起施行。\n\n① 编者注文字。\n\n附件一\n\n下列规定废止：\n\n1．甲规定\n\n2．乙规定\n',
    );
    expect(o.map((c) => [c.kind, c.label, c.parent])).toEqual([
      ['division', '', null],
      ['article', '第九条', '附则'],
      ['note', '①', '附则'],
      ['division', '附件一', null],
      ['paragraph', '', '附件一'],
      ['item', '1．', '附件一'],
      ['item', '2．', '附件一'],
    ]);
  });
});

describe('parseDocument: policy numbering', () => {
  it('nests 一、 > （一） > 1. > （1） by numbering family', () => {
    const o = outline(
      [
        '关于推动发展的若干措施',
        '',
        '为推动发展，制定本措施。',
        '',
        '一、总体要求',
        '（一）指导思想。坚持稳中求进。',
        '1．第一点。',
        '（1）细项甲；',
        '（2）细项乙。',
        '2. 第二点。',
        '续行文字。',
        '(二)主要目标。',
        '二、保障措施',
      ].join('\n'),
    );
    expect(o.map((c) => [c.kind, c.label, c.parent])).toEqual([
      ['title', '', null],
      ['preamble', '', null],
      ['item', '一、', null],
      ['item', '（一）', '一、'],
      ['item', '1．', '（一）'],
      ['item', '（1）', '1．'],
      ['item', '（2）', '1．'],
      ['item', '2.', '（一）'],
      ['item', '(二)', '一、'],
      ['item', '二、', null],
    ]);
    expect(o[7].text).toBe('第二点。\n续行文字。');
  });

  it('splits an inline enumeration 一是……二是…… into enum clauses', () => {
    const text =
      '（一）加强保障。重点做好三项工作：一是加强组织；二是统一是非标准；三是强化考核。\n下一段文字。\n（二）其他。';
    const { clauses } = parseDocument(text);
    expect(renderDocument(clauses)).toBe(text);
    const view = clauses.map((c) => [c.kind, c.label, c.text, c.parent]);
    expect(view).toEqual([
      ['item', '（一）', '加强保障。重点做好三项工作：', null],
      ['enum', '一是', '加强组织；', 0],
      ['enum', '二是', '统一是非标准；', 0],
      ['enum', '三是', '强化考核。', 0],
      ['paragraph', '', '下一段文字。', 0],
      ['item', '（二）', '其他。', null],
    ]);
    expect(clauses[1]).toMatchObject({ lead: '', gap: '', tail: '', level: 1 });
  });

  it('needs two markers in order before it splits', () => {
    const o = outline('一、标题\n\n只有一是一个标记。\n\n一是甲；三是丙。\n');
    expect(o.some((c) => c.kind === 'enum')).toBe(false);
  });

  it('splits a standalone paragraph that enumerates', () => {
    const o = outline('一、标题\n\n二、要求\n\n主要任务：一是甲，二是乙。\n');
    expect(o.map((c) => [c.kind, c.label])).toEqual([
      ['item', '一、'],
      ['item', '二、'],
      ['enum', '一是'],
      ['enum', '二是'],
    ]);
    // The paragraph after an item belongs to the item's text, so the item is the container here.
    expect(o[1].text).toBe('要求\n\n主要任务：');
  });
});

describe('parseDocument: Western numbering', () => {
  it('reads Art and § articles with headings and paragraphs', () => {
    const o = outline(
      'Beispielgesetz (BspG)\n\nI. - Allgemeines\n\nArt 1\n\n(1) Satz.\n\n(2) Satz.\n\nArt 2a (weggefallen)\n\n' +
        'Abschnitt 1 - Steuer\n\n§ 1 Gegenstand\n\n(1) Text.\n\n§ 5a\n\nText.\n\n§ 60 gilt entsprechend.\n',
    );
    expect(o.map((c) => [c.kind, c.label])).toEqual([
      ['title', ''],
      ['division', 'I.'],
      ['article', 'Art 1'],
      ['article', 'Art 2a'],
      ['division', 'Abschnitt 1'],
      ['article', '§ 1'],
      ['article', '§ 5a'],
    ]);
    expect(o[5].text).toBe('Gegenstand\n\n(1) Text.');
    expect(o[6].text).toBe('Text.\n\n§ 60 gilt entsprechend.');
  });

  it('reads Article / Artikel / Art. labels', () => {
    const o = outline('Article 5\nText.\nArtikel 6 Titel\nText.\nArt. 7\nText.\n');
    expect(o.map((c) => c.label)).toEqual(['Article 5', 'Artikel 6', 'Art. 7']);
    expect(parseDocument('Art. 7\n').clauses[0].number).toBe('art 7');
  });

  it('reads lettered sections with numbered items, skipping a summary table', () => {
    const o = outline(
      'Summary\n\nA. Definitions — Some terms, defined here.\nB. Account Terms — The rules.\n\n' +
        'A. Definitions\nShort version: terms.\n\n1. An "Account" is yours.\n2. The "Service" is ours.\n\nB. Account Terms\n1. Controls\n- Users. You control.\n',
    );
    expect(o.map((c) => [c.kind, c.label, c.parent])).toEqual([
      ['title', '', null],
      ['preamble', '', null],
      ['division', 'A.', null],
      ['paragraph', '', 'A.'],
      ['item', '1.', 'A.'],
      ['item', '2.', 'A.'],
      ['division', 'B.', null],
      ['item', '1.', 'B.'],
    ]);
  });

  it('reads Markdown headings as divisions in markdown format', () => {
    const text = '# Title\n\nIntro.\n\n## Part one\n\nBody.\n\n### Sub\n\n1. Item\n';
    const { clauses } = parseDocument(text, { format: 'markdown' });
    expect(renderDocument(clauses)).toBe(text);
    expect(clauses.map((c) => [c.kind, c.lead, c.text, c.level])).toEqual([
      ['division', '# ', 'Title', 0],
      ['paragraph', '', 'Intro.', 1],
      ['division', '## ', 'Part one', 1],
      ['paragraph', '', 'Body.', 2],
      ['division', '### ', 'Sub', 2],
      ['item', '', 'Item', 3],
    ]);
  });
});

describe('parseDocument: one rule for paragraphs (text, pasted or from .docx, and Markdown)', () => {
  const shape = (text: string, format: 'text' | 'markdown' = 'text') =>
    outline(text, format).map((c) => [c.kind, c.label, c.text.split('\n').filter((l) => l.trim()).length]);

  it.each(['text', 'markdown'] as const)(
    'keeps a hard-wrapped paragraph whole; a blank line starts the next (%s)',
    (format) => {
      const text =
        'A. Accounts\nYou must keep your password\nsecret, and tell us\nwhen it leaks.\n\nWe may close an account\nthat is misused.\n';
      expect(shape(text, format)).toEqual([
        ['division', 'A.', 1],
        ['paragraph', '', 3],
        ['paragraph', '', 2],
      ]);
    },
  );

  it('reads unnumbered lines one after another as one paragraph, as in any text pasted from Word', () => {
    expect(shape('第一章 总则\n本章规定目的。\n本章规定范围。\n\n另一段。\n')).toEqual([
      ['division', '第一章', 1],
      ['paragraph', '', 2],
      ['paragraph', '', 1],
    ]);
  });

  it('starts a clause at a numbered line or heading whether a line break or a blank line comes before it', () => {
    const lines = [
      'Rules',
      'A. Accounts',
      'Keep it safe.',
      '1. Controls',
      'You control it.',
      '2. Security',
      'B. Content',
      '一、总体要求',
      '（一）指导思想。',
      '第一条 目的。',
    ];
    const single = shape(lines.join('\n') + '\n');
    expect(shape(lines.join('\n\n') + '\n').map(([kind, label]) => [kind, label])).toEqual(
      single.map(([kind, label]) => [kind, label]),
    );
    expect(single.map(([, label]) => label)).toEqual(['', 'A.', '', '1.', '2.', 'B.', '一、', '（一）', '第一条']);
  });

  it('takes the first paragraph for a title up to a blank line or a numbered line', () => {
    expect(shape('示例管理条例\n第一条 目的。\n')).toEqual([
      ['title', '', 1],
      ['article', '第一条', 1],
    ]);
    expect(shape('示例管理条例\n\n第一条 目的。\n')[0]).toEqual(['title', '', 1]);
    expect(shape('Short title\nA sentence that says something.\n1. Item\n')[0]).toEqual(['preamble', '', 2]);
  });
});

describe('parseDocument: round trip', () => {
  it.each([
    '',
    '\n',
    '   ',
    '\ufeff第一条 正文。\r\n\r\n第二条 正文。',
    '标题  \r\n\r\n\r\n正文   ',
    '第一章\n',
    '\u3000\u3000第一条\u3000缩进的条。\n\u3000\u3000第二款。',
    '一是\n二是',
  ])('renders %j back exactly', (text) => {
    expect(renderDocument(parseDocument(text).clauses)).toBe(text);
  });

  const pieces = fc.constantFrom(
    '第一条',
    '第十三条之一',
    '第一章',
    '总 则',
    '一、',
    '（一）',
    '(2)',
    '1．',
    '2. ',
    '一是',
    '二是',
    '三是',
    '：',
    '；',
    '。',
    'Art 5',
    '§ 5a',
    'A. ',
    'I. - ',
    '# ',
    '## ',
    '①',
    '注：',
    '附件一',
    '附则',
    '\n',
    '\r\n',
    '\r',
    '\n\n',
    ' ',
    '\u3000',
    '\t',
    '\u200b',
    '\ufeff',
    '\u2028',
    'abc',
    '正文',
    '😀',
    '',
  );
  const docs = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ maxLength: 200 }),
    fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
  );

  it('never throws and round-trips any string', () => {
    fc.assert(
      fc.property(docs, fc.constantFrom('text' as const, 'markdown' as const), (text, format) => {
        const { clauses } = parseDocument(text, { format });
        expect(renderDocument(clauses)).toBe(text);
        clauses.forEach((c, i) => {
          if (c.parent !== null) {
            expect(c.parent).toBeLessThan(i);
            expect(c.level).toBe(clauses[c.parent].level + 1);
          } else {
            expect(c.level).toBe(0);
          }
        });
      }),
      { numRuns: 2000 },
    );
  });
});
