import * as fs from 'fs';
import { parseDocument, renderDocument } from '../../src/engine/parse';
import type { ParsedClause } from '../../src/engine/types';
import { corpusFiles, describeCorpus, readCorpus } from '../support/corpus';

function parse(relative: string): ParsedClause[] {
  return parseDocument(readCorpus(relative)).clauses;
}

function labelsOf(clauses: ParsedClause[], kind: ParsedClause['kind']): string[] {
  return clauses.filter((c) => c.kind === kind).map((c) => c.label);
}

describeCorpus('parseDocument on the real corpus', () => {
  it.each(corpusFiles())('%s round-trips exactly', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    expect(renderDocument(parseDocument(text).clauses)).toBe(text);
  });

  it.each([
    ['accounting-law-cn/2017.txt', 52, '第五十二条'],
    ['accounting-law-cn/2024.txt', 51, '第五十一条'],
    ['admin-reconsideration-law-cn/2023.txt', 90, '第九十条'],
    ['charity-law-cn/2023.txt', 125, '第一百二十五条'],
    ['civil-procedure-law-cn/2021.txt', 291, '第二百九十一条'],
    ['civil-procedure-law-cn/2023.txt', 306, '第三百零六条'],
    ['company-law-cn/2023.txt', 266, '第二百六十六条'],
    ['counter-espionage-law-cn/2023.txt', 71, '第七十一条'],
    ['criminal-law-cn/2020-amend11.txt', 505, '第四百五十二条'],
    ['criminal-law-cn/2023-amend12.txt', 505, '第四百五十二条'],
    ['legislation-law-cn/2023.txt', 120, '第一百二十条'],
    ['supervision-law-cn/2024.txt', 78, '第七十八条'],
  ])('%s has %i articles, the last %s', (file, count, last) => {
    const articles = labelsOf(parse(file), 'article');
    expect(articles).toHaveLength(count);
    expect(articles.at(-1)).toBe(last);
    expect(new Set(articles).size).toBe(count);
  });

  it('keeps the criminal law header, 之一 articles, 附则, the footnote and the annexes', () => {
    const clauses = parse('criminal-law-cn/2023-amend12.txt');
    expect(clauses[0]).toMatchObject({ kind: 'title', text: '中华人民共和国刑法' });
    expect(clauses.filter((c) => c.kind === 'preamble')).toHaveLength(16);
    expect(labelsOf(clauses, 'article')).toContain('第一百二十条之六');
    expect(labelsOf(clauses, 'division')).toEqual(expect.arrayContaining(['第一编', '第二编', '附件一', '附件二']));
    const notes = clauses.filter((c) => c.kind === 'note');
    expect(notes.map((c) => c.label)).toEqual(['①']);
    expect(clauses[clauses.indexOf(notes[0]) - 1].label).toBe('第四百五十二条');
    const chapter = clauses.find((c) => c.label === '第一章')!;
    expect(chapter).toMatchObject({ kind: 'division', level: 1 });
    expect(clauses[chapter.parent!].label).toBe('第一编');
  });

  it('an article keeps all its paragraphs and items', () => {
    const article = parse('criminal-law-cn/2023-amend12.txt').find((c) => c.label === '第三百九十条')!;
    expect(article.text.split('\n\n')).toHaveLength(10);
    expect(article.text).toContain('（七）');
  });

  it('reads the Grundgesetz into its Art and roman divisions', () => {
    const clauses = parse('grundgesetz-de/2020-09-29.txt');
    const articles = labelsOf(clauses, 'article');
    expect(articles).toEqual(expect.arrayContaining(['Art 1', 'Art 12a', 'Art 93', 'Art 146']));
    expect(articles[0]).toBe('Art 1');
    expect(articles.at(-1)).toBe('Art 146');
    expect(new Set(articles).size).toBe(articles.length);
    expect(labelsOf(clauses, 'division')).toEqual(expect.arrayContaining(['I.', 'IV a.', 'X a.', 'XI.']));
    const art1 = clauses.find((c) => c.label === 'Art 1')!;
    expect(art1.text.startsWith('(1) Die Würde des Menschen')).toBe(true);
    expect(clauses[art1.parent!].text).toBe('Die Grundrechte');
  });

  it('reads GWB and VersStG into § articles under Teil/Kapitel/Abschnitt', () => {
    const gwb = parse('gwb-de/2021-07-27.txt');
    const sections = labelsOf(gwb, 'article');
    expect(sections.slice(0, 3)).toEqual(['§ 1', '§ 2', '§ 3']);
    expect(sections.at(-1)).toBe('§ 186');
    expect(new Set(sections).size).toBe(sections.length);
    const s1 = gwb.find((c) => c.label === '§ 1')!;
    expect(s1.text.startsWith('Verbot wettbewerbsbeschränkender Vereinbarungen')).toBe(true);
    expect(gwb[s1.parent!].label).toBe('Kapitel 1');
    expect(labelsOf(parse('gwb-de/2011-12-22.txt'), 'division')).toContain('Erster Teil');
    expect(labelsOf(parse('versstg-de/2021-04-27.txt'), 'article')[0]).toBe('§ 1');
  });

  it('reads the GitHub Terms of Service into lettered sections with numbered items', () => {
    const clauses = parse('github-tos-en/2019-11-13.txt');
    const sections = labelsOf(clauses, 'division');
    expect(sections).toEqual('ABCDEFGHIJKLMNOPQR'.split('').map((l) => `${l}.`));
    const b = clauses.findIndex((c) => c.label === 'B.');
    expect(clauses[b].text).toBe('Account Terms');
    const items = clauses.filter((c) => c.parent === b && c.kind === 'item').map((c) => c.text.split('\n')[0]);
    expect(items).toEqual([
      'Account Controls',
      'Required Information',
      'Account Requirements',
      'User Account Security',
      'Additional Terms',
    ]);
  });
});
