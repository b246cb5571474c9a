/**
 * Inline enumerations: "……：一是……；二是……；三是……。" inside one paragraph. The parser cuts the paragraph at each
 * marker so that every "N是……" becomes a clause of its own (kind 'enum') that can be commented on and aligned.
 */

const CN_NUMERALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];
/** A marker counts only after a boundary, so "统一是" or "其一是" are not enumerations. */
const BOUNDARY = /[\s：:；;。.，,！!？?（(）)]/u;

export interface EnumCut {
  /** Offset (in the body) where the paragraph holding the markers ends: the end of its line. */
  lineEnd: number;
  /** Offsets of each marker ("一是", "二是", …) in order; at least two. */
  markers: number[];
  /** The markers themselves. */
  labels: string[];
}

function markerAt(body: string, from: number, to: number, numeral: string): number {
  const marker = `${numeral}是`;
  let at = body.indexOf(marker, from);
  while (at !== -1 && at + marker.length <= to) {
    if (at === 0 || BOUNDARY.test(body[at - 1]) || body[at - 1] === '\n') return at;
    at = body.indexOf(marker, at + 1);
  }
  return -1;
}

/**
 * The first paragraph (line) of `body` that holds at least two markers 一是, 二是 … in order, or null. Markers
 * must follow each other: a 三是 after a missing 二是 is not part of the enumeration.
 */
export function findEnumeration(body: string): EnumCut | null {
  if (!body.includes('一是')) return null;
  let lineStart = 0;
  while (lineStart <= body.length) {
    const nl = body.slice(lineStart).search(/\r\n|\n|\r/u);
    const lineEnd = nl === -1 ? body.length : lineStart + nl;
    const markers: number[] = [];
    const labels: string[] = [];
    let from = lineStart;
    for (const numeral of CN_NUMERALS) {
      const at = markerAt(body, from, lineEnd, numeral);
      if (at === -1) break;
      markers.push(at);
      labels.push(`${numeral}是`);
      from = at + numeral.length + 1;
    }
    if (markers.length >= 2) return { lineEnd, markers, labels };
    if (nl === -1) return null;
    lineStart = lineEnd + (body.startsWith('\r\n', lineEnd) ? 2 : 1);
  }
  return null;
}
