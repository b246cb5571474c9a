import * as fs from 'node:fs';
import { compareTexts } from '../../src/cli/compare-texts';
import { DEFAULT_DOCX_LIMITS } from '../../src/config/app-config';
import { fromJson, fromUpload, type DraftText } from '../../src/documents/version-input';
import { normalizeForCompare } from '../../src/engine/normalize';
import { parseDocument } from '../../src/engine/parse';
import { corpusFiles, describeCorpus } from '../support/corpus';
import { docxOfLines } from '../support/docx';
import { describeWithSoffice, docxFromTexts } from '../support/soffice';

const LIMITS = { maxTextBytes: 2 * 1024 * 1024, docx: DEFAULT_DOCX_LIMITS };

/** The clauses a draft imports into, as the comparison sees them: kind, level, label, normalised text, in order. */
function clausesOf(draft: DraftText): string[] {
  return parseDocument(draft.text, { format: draft.format }).clauses.map(
    (c) => `${c.kind}/${c.level} ${c.label} | ${normalizeForCompare(c.text)}`,
  );
}

const pasted = (text: string) => fromJson(text, 'text', LIMITS.maxTextBytes);
const uploaded = (docx: Buffer, name = 'draft.docx') =>
  fromUpload({ originalname: name, buffer: docx, size: docx.length }, LIMITS);

/**
 * A .docx written from a text the way Word and LibreOffice open a .txt: one paragraph per line, an empty paragraph
 * for a blank line. A document typed in Word with no empty paragraphs is the same thing for a text without blank
 * lines (which is what copying it out of Word gives).
 */
const docxOfText = (text: string) => docxOfLines(text.replace(/\n$/, '').split('\n'));

const HARD_WRAPPED = [
  'Terms of Use',
  '',
  'These terms apply to everyone who uses the service,',
  'whether or not they have an account, and whether',
  'they pay for it or not.',
  '',
  'Read them before you sign up.',
  '',
  'A. Accounts',
  'Short version: keep your account to',
  'yourself.',
  '',
  'You must keep your password secret and',
  'tell us when it leaks.',
  '',
  '1. Controls',
  'You control your account and what',
  'is in it.',
  '2. Security',
  'Use two factors.',
  '',
].join('\n');

const SINGLE_NEWLINE_PARAGRAPHS = [
  '关于推动社区服务发展的若干措施',
  '各街道办事处，区直各部门：',
  '为推动社区服务高质量发展，结合本区实际，制定本措施。',
  '一、总体要求',
  '坚持便民利民。',
  '（一）指导思想。坚持稳中求进。',
  '（二）主要目标。到2027年，覆盖全区。',
  '二、保障措施',
  '加强组织领导；强化考核。',
  '',
].join('\n');

const NUMBERED_ITEMS = [
  'Summary',
  '',
  'Section — What can you find there?',
  'A. Definitions — Some basic terms.',
  'B. Account Terms — The rules.',
  '',
  'The Terms of Service',
  'Effective date: November 13, 2019',
  '',
  'A. Definitions',
  'Short version: terms.',
  '',
  '1. An "Account" is yours.',
  '2. The "Service" is ours.',
  '',
  'B. Account Terms',
  '1. Controls',
  '- Users. You control your account.',
  '',
  '- Organizations. Owners control theirs.',
  '2. Required Information',
  'A valid email address.',
  '',
].join('\n');

describe('a .docx imports into the same clauses as the text it was written from', () => {
  it.each([
    ['hard-wrapped English paragraphs', HARD_WRAPPED],
    ['paragraphs one per line (pasted from Word)', SINGLE_NEWLINE_PARAGRAPHS],
    ['numbered items, summary lines and blank lines', NUMBERED_ITEMS],
  ])('%s', async (_name, text) => {
    const draft = await uploaded(await docxOfText(text));
    expect(clausesOf(draft)).toEqual(clausesOf(pasted(text)));
    // and it is stored as that text: a line per paragraph, a blank line per empty paragraph
    expect(draft.text).toBe(text);
  });

  it('keeps a hard-wrapped paragraph whole and a blank line between paragraphs, from either path', async () => {
    for (const draft of [pasted(HARD_WRAPPED), await uploaded(await docxOfText(HARD_WRAPPED))]) {
      const clauses = parseDocument(draft.text).clauses;
      expect(clauses.map((c) => [c.kind, c.label, c.text.split('\n').length])).toEqual([
        ['title', '', 1],
        ['preamble', '', 3],
        ['preamble', '', 1],
        ['division', 'A.', 1],
        ['paragraph', '', 2],
        ['paragraph', '', 2],
        ['item', '1.', 3],
        ['item', '2.', 2],
      ]);
    }
  });

  it('keeps the title of a Word document typed without empty paragraphs', async () => {
    const draft = await uploaded(
      await docxOfLines(['示例管理条例', '第一章 总则', '第一条 为了规范示例管理，制定本条例。']),
    );
    expect(draft.text).toBe('示例管理条例\n第一章 总则\n第一条 为了规范示例管理，制定本条例。\n');
    expect(parseDocument(draft.text).clauses.map((c) => [c.kind, c.label])).toEqual([
      ['title', ''],
      ['division', '第一章'],
      ['article', '第一条'],
    ]);
  });

  it('reads runs of empty paragraphs as one blank line, and drops leading and trailing ones', async () => {
    const draft = await uploaded(
      await docxOfLines(['', '第一章 总则', '', '', '', '第一条 目的。', '第二款。', '', '']),
    );
    expect(draft.text).toBe('第一章 总则\n\n第一条 目的。\n第二款。\n');
  });
});

describeCorpus('a .docx written by LibreOffice from each corpus text imports into the same clauses as the text', () => {
  describeWithSoffice('through fromUpload, as an upload', () => {
    const files = corpusFiles();
    const docx = new Map<string, Buffer>();

    beforeAll(async () => {
      const texts = files.map(([, file]) => fs.readFileSync(file, 'utf8'));
      const written = await docxFromTexts(texts);
      files.forEach(([name], i) => docx.set(name, written[i]));
    }, 600_000);

    it.each(files)('%s', async (name, file) => {
      const text = fs.readFileSync(file, 'utf8');
      const fromText = clausesOf(pasted(text));
      const fromDocx = clausesOf(await uploaded(docx.get(name)!, `${name.replace('/', '-')}.docx`));
      expect(fromDocx.length).toBe(fromText.length);
      expect(fromDocx).toEqual(fromText);
    });

    it.each(files.filter(([name]) => name.includes('-en/')))(
      '%s pasted, then uploaded as .docx, compares as unchanged',
      async (name, file) => {
        const text = pasted(fs.readFileSync(file, 'utf8'));
        const { summary } = compareTexts(text, await uploaded(docx.get(name)!));
        expect(Object.entries(summary).filter(([type, n]) => type !== 'unchanged' && n > 0)).toEqual([]);
      },
    );
  });
});
