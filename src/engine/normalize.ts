/**
 * Normalisation for comparison only: the parser keeps every clause's text exactly as given, and these functions
 * produce the keys that the aligner and label lookups compare.
 */

/** Whitespace of every kind, including the ideographic space, plus zero-width characters and the BOM. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff\u00ad]+/gu;

/** Punctuation that NFKC leaves alone but drafters use interchangeably. */
const PUNCT_MAP: Record<string, string> = {
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"', // „
  '\u201f': '"',
  '\u300c': '"', // 「
  '\u300d': '"', // 」
  '\u300e': '"', // 『
  '\u300f': '"', // 』
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201a': "'",
  '\u201b': "'",
  '\u3008': '<', // 〈
  '\u3009': '>', // 〉
  '\u3002': '.', // 。
  '\uff61': '.', // ｡
  '\u2014': '-', // —
  '\u2013': '-', // –
  '\u2012': '-',
  '\u2015': '-',
  '\u2212': '-', // −
  '\u2026': '...', // …
};
const PUNCT_RE = new RegExp(`[${Object.keys(PUNCT_MAP).join('')}]`, 'gu');

/**
 * A clause body reduced to what matters for "is this the same text": NFKC (full-width → half-width), no whitespace
 * or zero-width characters, one form of each quote, dash and full stop.
 */
export function normalizeForCompare(s: string): string {
  return s
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(PUNCT_RE, (c) => PUNCT_MAP[c] ?? c);
}

const WESTERN_ARTICLE = /^(?:art(?:ikel|icle)?\.?)(\d.*)$/i;
const SECTION_SIGN = /^§(\d.*)$/;

/**
 * A label reduced to a comparable number: "第 十三 条" → "第十三条", "（二）" → "(二)", "Art. 5" / "Artikel 5" →
 * "art 5", "§5a" → "§ 5a". Full-width digits become ASCII.
 */
export function normalizeLabel(label: string): string {
  const compact = label.normalize('NFKC').replace(INVISIBLE, '');
  const art = WESTERN_ARTICLE.exec(compact);
  if (art) return `art ${art[1].toLowerCase()}`;
  const sec = SECTION_SIGN.exec(compact);
  if (sec) return `§ ${sec[1].toLowerCase()}`;
  return compact.toLowerCase();
}

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * "一百二十三" → 123, "十三" → 13, "二〇二三" → 2023, "１２" → 12. Returns null when the string is not a number.
 */
export function chineseNumeralToInt(s: string): number | null {
  const t = s.normalize('NFKC').trim();
  if (t === '') return null;
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十百千万]+$/u.test(t)) return null;
  if (!/[十百千万]/u.test(t)) {
    // Digit by digit, as in years: 二〇二三.
    return Number(Array.from(t, (c) => String(DIGIT[c])).join(''));
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of t) {
    if (c in DIGIT) {
      digit = DIGIT[c];
    } else if (c === '万') {
      total += (section + digit) * 10000;
      section = 0;
      digit = 0;
    } else {
      section += (digit === 0 ? 1 : digit) * UNIT[c];
      digit = 0;
    }
  }
  return total + section + digit;
}
