/**
 * Recognising the first line of a clause. Each matcher looks at one line (without its line break) and says where the
 * label starts and ends and how long the gap after it is; the parser cuts the document with these offsets, so a
 * match never changes a character.
 */
import type { SourceFormat } from './types';

export type StructuralKind = 'division' | 'article' | 'item' | 'note';

export interface LineMatch {
  kind: StructuralKind;
  /**
   * Nesting rank: for divisions 编/Buch = 1 … 节/Abschnitt deeper; for items the numbering family
   * (一、 = 1, （一） = 2, 1. = 3, （1） = 4, (a) = 5). A clause nests under the nearest open one of lower rank.
   */
  rank: number;
  /** Characters before the label: indentation, a BOM, a Markdown "## ". */
  leadLen: number;
  labelLen: number;
  gapLen: number;
  /**
   * Roman and lettered headings ("I. - …", "A. …") have no fixed rank: they sit one below the nearest open keyword
   * division (GWB 2011 numbers sections "I." inside "Abschnitt"), or at the top when there is none.
   */
  relative?: boolean;
}

const CN_NUM = '[一二三四五六七八九十百千零〇两]+';
const DIGITS = '[0-9\\uff10-\\uff19]+';
const NUM = `(?:${CN_NUM}|${DIGITS})`;
/** Horizontal space only: a gap never swallows a line break. */
const GAP = '[ \\t\\u3000\\u00a0]*';
const INDENT = /^[ \t\u3000\u00a0\ufeff\u200b]*/u;

const CN_DIVISION = new RegExp(`^(第${NUM}(编|部分|章|节))(${GAP})([\\s\\S]*)$`, 'u');
const CN_DIVISION_RANK: Record<string, number> = { 编: 1, 部分: 1, 章: 2, 节: 3 };
const CN_ARTICLE = new RegExp(`^(第${NUM}条(?:之${CN_NUM})?)(${GAP})([\\s\\S]*)$`, 'u');
/** After "第十条" without a gap, these characters mean a reference ("第十条规定的…"), not an article. */
const CN_REFERENCE_NEXT = /^[的规所中第、，,至和或及以款项之前后到也同就与]/u;
const CN_STANDALONE = new RegExp(`^(?:(附则|总则|分则)|(附件|附录|附表)${GAP}(${NUM})?)${GAP}$`, 'u');

const ITEM_PATTERNS: Array<[RegExp, number]> = [
  [new RegExp(`^(${CN_NUM}、)(${GAP})`, 'u'), 1],
  [new RegExp(`^([（(]${CN_NUM}[）)])(${GAP})`, 'u'), 2],
  [new RegExp(`^(${DIGITS}(?:[．.](?![0-9\\uff10-\\uff19])|、))(${GAP})`, 'u'), 3],
  [new RegExp(`^([（(]${DIGITS}[）)])(${GAP})`, 'u'), 4],
  [/^([（(][a-z][）)]|[a-z]\))([ \t\u3000]*)/u, 5],
];

const WESTERN_ARTICLE =
  /^((?:Art\.?|Artikel|Article|ARTICLE)[ \t]*\d+[a-z]?|§[ \t]*\d+[a-z]*)(?=[ \t]|$)([ \t]*)([\s\S]*)$/u;
const WESTERN_DIVISION_RANK: Record<string, number> = {
  Buch: 1,
  Teil: 2,
  Part: 2,
  PART: 2,
  Kapitel: 3,
  Chapter: 3,
  CHAPTER: 3,
  Abschnitt: 4,
  Section: 4,
  SECTION: 4,
  Unterabschnitt: 5,
  Titel: 6,
  Untertitel: 7,
};
const WESTERN_DIVISION = new RegExp(
  `^((${Object.keys(WESTERN_DIVISION_RANK).join('|')})[ \\t]+(?:\\d+[a-z]?|[IVXLC]+))(?=[ \\t]|$)([ \\t]+[-–—:][ \\t]+|[ \\t]*)([\\s\\S]*)$`,
  'u',
);
const GERMAN_ORDINAL =
  '(?:Erster|Zweiter|Dritter|Vierter|Fünfter|Sechster|Siebter|Siebenter|Achter|Neunter|Zehnter|Elfter|Zwölfter)';
const ORDINAL_DIVISION = new RegExp(
  `^(${GERMAN_ORDINAL}[ \\t]+(Buch|Teil|Kapitel|Abschnitt|Unterabschnitt|Titel|Untertitel))(?=[ \\t]|$)([ \\t]+[-–—:][ \\t]+|[ \\t]*)([\\s\\S]*)$`,
  'u',
);
/** "I. - Die Grundrechte", "IV a. - Gemeinsamer Ausschuß", and lettered sections "A. Definitions". */
const ROMAN_OR_LETTER = /^([IVXLC]+(?:[ \t]?[a-z])?\.|[A-Z]\.)([ \t]+-[ \t]+|[ \t]+)(\S[\s\S]*)$/u;
const ANNEX = /^(Anhang|Anlage|Annex|Appendix|Schedule)(?:([ \t]+)(\S[\s\S]{0,30}))?$/u;

const NOTE =
  /^([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]|(?:注|说明|备注)[：:]|Fußnote|Fussnote|Anmerkung:)([ \t\u3000]*)/u;
const MD_HEADING = /^(#{1,6})[ \t]+/u;

/** Short, and not ending like a sentence: a heading, not a paragraph that happens to start with "§ 60". */
export function isHeadingLike(rest: string, max: number): boolean {
  const t = rest.trim();
  return t.length <= max && !/[.;:,。；：，]$/u.test(t) && !t.includes(' — ');
}

function match(kind: StructuralKind, rank: number, leadLen: number, label: string, gap: string): LineMatch {
  return { kind, rank, leadLen, labelLen: label.length, gapLen: gap.length };
}

/** Labels that start a clause in any context (they end an open article). */
function matchHeadingOrArticle(s: string, lead: number): LineMatch | null {
  let m = CN_DIVISION.exec(s);
  if (m && (m[3] !== '' || m[4] === '' || m[4].length <= 30) && isHeadingLike(m[4], 80)) {
    return match('division', CN_DIVISION_RANK[m[2]], lead, m[1], m[3]);
  }
  m = CN_ARTICLE.exec(s);
  if (m && (m[2] !== '' || m[3] === '' || !CN_REFERENCE_NEXT.test(m[3]))) {
    return match('article', 0, lead, m[1], m[2]);
  }
  m = CN_STANDALONE.exec(s);
  if (m) {
    // 附则 is a heading without a number; 附件一 is a number without a title.
    if (m[1]) return match('division', 1, lead, '', '');
    return match('division', 1, lead, s.trimEnd(), '');
  }
  m = WESTERN_ARTICLE.exec(s);
  if (m && isHeadingLike(m[3], 200)) return match('article', 0, lead, m[1], m[2]);
  m = WESTERN_DIVISION.exec(s);
  if (m && isHeadingLike(m[4], 150)) return match('division', WESTERN_DIVISION_RANK[m[2]], lead, m[1], m[3]);
  m = ORDINAL_DIVISION.exec(s);
  if (m && isHeadingLike(m[4], 150)) return match('division', WESTERN_DIVISION_RANK[m[2]], lead, m[1], m[3]);
  m = ROMAN_OR_LETTER.exec(s);
  if (m && isHeadingLike(m[3], 80) && /^\p{Lu}/u.test(m[3])) {
    return { ...match('division', 0, lead, m[1], m[2]), relative: true };
  }
  m = ANNEX.exec(s);
  if (m) return match('division', 1, lead, m[1], m[2] ?? '');
  return null;
}

function matchNote(s: string, lead: number): LineMatch | null {
  const m = NOTE.exec(s);
  return m ? match('note', 0, lead, m[1], m[2]) : null;
}

function matchItem(s: string, lead: number): LineMatch | null {
  for (const [re, rank] of ITEM_PATTERNS) {
    const m = re.exec(s);
    if (m) return match('item', rank, lead, m[1], m[2]);
  }
  return null;
}

/**
 * What clause, if any, this line starts. Inside an article numbered items are part of its body, so items are only
 * looked for when `inArticle` is false.
 */
export function classifyLine(line: string, format: SourceFormat, inArticle: boolean): LineMatch | null {
  const indent = INDENT.exec(line)![0].length;
  let s = line.slice(indent);
  if (format === 'markdown') {
    const md = MD_HEADING.exec(s);
    if (md) {
      const lead = indent + md[0].length;
      s = s.slice(md[0].length);
      const inner = matchHeadingOrArticle(s, lead);
      if (inner?.kind === 'article') return inner;
      // The number of # is the rank in Markdown, whatever the heading's own label says.
      if (inner) return { ...inner, rank: md[1].length };
      return { kind: 'division', rank: md[1].length, leadLen: lead, labelLen: 0, gapLen: 0 };
    }
  }
  return matchHeadingOrArticle(s, indent) ?? matchNote(s, indent) ?? (inArticle ? null : matchItem(s, indent));
}

/** Length of the indentation (and BOM) before a line's content. */
export function indentLength(line: string): number {
  return INDENT.exec(line)![0].length;
}

/** The first block of a document is its title when it is one to three short lines that do not read as sentences. */
export function looksLikeTitle(lines: string[]): boolean {
  if (lines.length === 0 || lines.length > 3) return false;
  return lines.every((l) => {
    const t = l.trim();
    return t.length > 0 && t.length <= 100 && !/[.。;；:：,，!！?？]$/u.test(t) && !/[:：]\s/u.test(t);
  });
}
