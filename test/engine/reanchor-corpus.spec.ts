import { diffChars } from 'diff';
import { levenshtein } from '../../src/engine/fuzzy-match';
import { type Anchor, makeQuote, reanchor } from '../../src/engine/reanchor';
import { describeCorpus, readCorpus } from '../support/corpus';

/** Re-anchoring on real amendments: 刑法修正案（十二） and the 2023 revision of the civil procedure law. */

const ARTICLE = /^(第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?)\s+(.*)$/;
const HEADING = /^第[一二三四五六七八九十百千零〇]+[编章节]\s/;

/** Articles by label, naively: a line starting with 第…条 opens one; its later lines belong to it. */
function articles(file: string): Map<string, string> {
  const out = new Map<string, string>();
  let label: string | null = null;
  for (const line of readCorpus(file).split('\n')) {
    const m = ARTICLE.exec(line);
    if (m) {
      [label] = [m[1]];
      out.set(label, m[2]);
    } else if (HEADING.test(line)) {
      label = null;
    } else if (label && line.trim()) {
      out.set(label, `${out.get(label)}\n${line}`);
    }
  }
  return out;
}

function anchorOn(text: string, phrase: string): Anchor {
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`fixture: ${phrase} not in text`);
  return { start: at, end: at + phrase.length, quote: makeQuote(text, at, at + phrase.length) };
}

/** Where [start, end) of a went in b, by a plain whole-text diff: an oracle independent of reanchor's own path. */
function imageOf(a: string, b: string, start: number, end: number): { start: number; end: number } {
  let oldPos = 0;
  let newPos = 0;
  let s = -1;
  let e = -1;
  for (const c of diffChars(a, b)) {
    const len = c.value.length;
    if (s < 0 && !c.added && start < oldPos + len) s = newPos + (c.removed ? 0 : start - oldPos);
    if (e < 0 && !c.added && end <= oldPos + len) e = newPos + (c.removed ? 0 : end - oldPos);
    if (!c.added) oldPos += len;
    if (!c.removed) newPos += len;
  }
  return { start: s < 0 ? newPos : s, end: e < 0 ? newPos : e };
}

describeCorpus('reanchor on 刑法修正案（十二） (criminal law, amendment 11 → 12)', () => {
  const before = articles('criminal-law-cn/2020-amend11.txt');
  const after = articles('criminal-law-cn/2023-amend12.txt');
  const amended = [
    '第一百六十五条',
    '第一百六十六条',
    '第一百六十九条',
    '第三百八十七条',
    '第三百九十条',
    '第三百九十一条',
    '第三百九十三条',
  ];

  it('splits both versions into the same articles, the amended ones differing', () => {
    expect(before.size).toBeGreaterThan(480);
    expect([...before.keys()]).toEqual([...after.keys()]);
    for (const label of amended) expect(after.get(label)).not.toBe(before.get(label));
  });

  it('keeps every quote on an unchanged article exact', () => {
    let n = 0;
    for (const [label, text] of before) {
      if (amended.includes(label) || after.get(label) !== text || text.length < 12) continue;
      const start = Math.floor(text.length / 3);
      const a = { start, end: start + 8, quote: makeQuote(text, start, start + 8) };
      expect(reanchor(a, text, after.get(label)!)).toEqual({ status: 'exact', start, end: start + 8 });
      n++;
    }
    expect(n).toBeGreaterThan(480);
  });

  it.each([
    [
      '第三百九十条',
      '情节特别严重的，或者使国家利益遭受特别重大损失的',
      'shifted',
      '情节特别严重的，或者使国家利益遭受特别重大损失的',
    ],
    ['第三百九十条', '并处罚金或者没收财产', 'shifted', '并处罚金或者没收财产'],
    ['第三百九十条', '行贿人在被追诉前主动交待行贿行为的', 'shifted', '行贿人在被追诉前主动交待行贿行为的'],
    ['第三百九十条', '处五年以下有期徒刑或者拘役', 'fuzzy', '处三年以下有期徒刑或者拘役'],
    ['第三百九十条', '处五年以上十年以下有期徒刑', 'fuzzy', '处三年以上十年以下有期徒刑'],
    ['第三百九十条', '对侦破重大案件起关键作用的', 'fuzzy', '对调查突破、侦破重大案件起关键作用的'],
    ['第一百六十五条', '自己经营或者为他人经营', 'shifted', '自己经营或者为他人经营'],
    ['第一百六十五条', '处三年以上七年以下有期徒刑', 'shifted', '处三年以上七年以下有期徒刑'],
    ['第一百六十五条', '经理', 'clause', ''],
    ['第一百六十六条', '使国家利益遭受重大损失的', 'shifted', '使国家利益遭受重大损失的'],
    [
      '第一百六十六条',
      '以明显高于市场的价格向自己的亲友经营管理的单位采购商品',
      'fuzzy',
      '以明显高于市场的价格从自己的亲友经营管理的单位采购商品',
    ],
  ])('%s: %s → %s', (label, phrase, status, words) => {
    const oldText = before.get(label)!;
    const newText = after.get(label)!;
    const r = reanchor(anchorOn(oldText, phrase), oldText, newText);
    expect(r.status).toBe(status);
    expect(newText.slice(r.start, r.end)).toBe(words);
    if (status === 'fuzzy') expect(r.score).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ['第三百九十条', '在国家重点工程、重大项目中行贿的'],
    ['第三百九十条', '有下列情形之一的，从重处罚'],
    ['第一百六十五条', '其他公司、企业的董事、监事、高级管理人员违反法律'],
    ['第一百六十六条', '致使公司、企业利益遭受重大损失的'],
    ['第三百九十一条', '情节严重的，处三年以上七年以下有期徒刑'],
    ['第三百八十七条', '情节特别严重的，处三年以上十年以下有期徒刑'],
  ])('back from amendment 12 to 11, %s: the added phrase %s is gone → clause', (label, phrase) => {
    const newer = after.get(label)!;
    expect(reanchor(anchorOn(newer, phrase), newer, before.get(label)!)).toEqual({
      status: 'clause',
      start: 0,
      end: 0,
    });
  });

  it('never places a quote of an amended article on other words, in either direction', () => {
    const counts = { exact: 0, shifted: 0, fuzzy: 0, clause: 0, orphaned: 0 };
    for (const label of amended) {
      for (const [a, b] of [
        [before.get(label)!, after.get(label)!],
        [after.get(label)!, before.get(label)!],
      ]) {
        for (let start = 0; start + 10 <= a.length; start += 3) {
          const end = start + 10;
          const r = reanchor({ start, end, quote: makeQuote(a, start, end) }, a, b);
          counts[r.status]++;
          const words = b.slice(r.start, r.end);
          if (r.status === 'shifted') expect(words).toBe(a.slice(start, end));
          if (r.status !== 'fuzzy') continue;
          expect(levenshtein(a.slice(start, end), words)).toBeLessThanOrEqual(Math.max(10, words.length) / 2);
          const image = imageOf(a, b, start, end);
          expect(r.start).toBeLessThanOrEqual(image.end + 2);
          expect(r.end).toBeGreaterThanOrEqual(image.start - 2);
        }
      }
    }
    expect(counts.shifted).toBeGreaterThan(counts.fuzzy + counts.clause);
  });
});

describeCorpus('reanchor on the civil procedure law, 2021 → 2023 (renumbered articles)', () => {
  it('keeps quotes exact on articles that moved to a new number unchanged', () => {
    const before = articles('civil-procedure-law-cn/2021.txt');
    const after = articles('civil-procedure-law-cn/2023.txt');
    const byBody = new Map([...after].map(([label, text]) => [text, label]));
    let renumbered = 0;
    for (const [label, text] of before) {
      const newLabel = byBody.get(text);
      if (!newLabel || newLabel === label || text.length < 20) continue;
      renumbered++;
      const a = anchorOn(text, text.slice(5, 15));
      const newText = after.get(newLabel)!;
      expect(reanchor(a, text, newText)).toEqual({ status: 'exact', start: a.start, end: a.end });
    }
    expect(renumbered).toBeGreaterThan(50);
  });
});
