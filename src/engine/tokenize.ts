/**
 * Splits text into diff tokens: words for Chinese (Intl.Segmenter), words, spaces and punctuation for Latin
 * scripts, and numbers and clause labels kept whole. The tokens always concatenate back to the input.
 */

const CN_DIGIT = '零〇一二三四五六七八九十百千万亿两';
const CN_NUM = `[${CN_DIGIT}]`;
const DIGIT = '[0-9０-９]';

/**
 * Spans the segmenter would cut badly (第十|三条, 1|.|2, Art|.| |93), matched before segmenting.
 * Order matters: the longest, most specific forms come first.
 */
const PROTECTED = new RegExp(
  [
    // 第十三条, 第一百六十五条之一, 第2章, 第十六稿
    `第(?:${CN_NUM}|${DIGIT})+[编章节条款项目次稿](?:之${CN_NUM}+)?`,
    // （二） (3) （12）
    `[（(](?:${CN_NUM}{1,4}|${DIGIT}{1,3})[）)]`,
    // § 5a, §§ 12, Art. 93, Artikel 5, Article 12
    `(?:§+|\\b(?:Art\\.?|Artikel|Article|Abs\\.|Nr\\.))[ \\u00a0]?${DIGIT}+[a-z]?\\b`,
    // 1.2.3, 1,000.50, 2023年, 5a, 30%
    `${DIGIT}+(?:[.,．:]${DIGIT}+)*(?:[a-z](?![a-zA-Z]))?(?:年|月|日|%|％)?`,
    // 一百六十五, 三十日: Chinese numerals with a multiplier (a lone 十 stays a word: 十分)
    `[${CN_DIGIT}]*[十百千万亿][${CN_DIGIT}]+(?:年|个月|日|倍|周岁)?`,
    `[${CN_DIGIT}]+[十百千万亿](?:年|个月|日|倍|周岁)?`,
  ].join('|'),
  'gu',
);

let segmenter: Intl.Segmenter | undefined;

function segment(text: string, out: string[]): void {
  if (text === '') return;
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const piece of segmenter.segment(text)) out.push(piece.segment);
}

/** Tokens of `text` for a word-level diff; `tokenize(s).join('') === s` for every string. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  for (const match of text.matchAll(PROTECTED)) {
    const start = match.index ?? 0;
    if (match[0] === '') continue;
    segment(text.slice(at, start), tokens);
    tokens.push(match[0]);
    at = start + match[0].length;
  }
  segment(text.slice(at), tokens);
  return tokens;
}
