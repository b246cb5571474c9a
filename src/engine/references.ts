/**
 * Cross-references inside clause texts: "依照本法第二十条第二款", "第一百八十一条至第一百八十四条", "前两款",
 * "Art. 5", "Article 3(2)", "§§ 3–5", "Section 4.2". When articles are renumbered, the references to them follow
 * ("条文顺序和引用条文序号作相应调整"); the comparison uses these to tell such follow-up changes from edits, and to
 * warn about references the drafter forgot. One linear regex pass per text; no I/O.
 */
import type { InlineOp } from './inline-diff';
import { chineseNumeralToInt, normalizeForCompare, normalizeLabel } from './normalize';

/**
 * `internal`: names a clause of this document (本法第二十条, or no law named); `external`: of another law
 * (《刑法》第二十条, 民法典第十条, § 5 BGB); `relative`: 前款, 前两款, 本条 — counted from the clause itself.
 */
export type ReferenceScope = 'internal' | 'external' | 'relative';

export interface Reference {
  /** Offsets in the text (UTF-16), of the whole reference including 款/项 or Abs./(2) after the number. */
  start: number;
  end: number;
  /** End of the part that names the article (or chapter): "第二十条" of "第二十条第二款"; the part renumbering changes. */
  headEnd: number;
  /** The reference exactly as written. */
  text: string;
  scope: ReferenceScope;
  /** The target as a comparable id ("条:20", "条:20-1", "章:3", "art:5a", "§:12", "sec:4"); null for relative ones. */
  target: string | null;
}

const CN_DIGITS = '零〇一二三四五六七八九十百千两';
const NUM = `[${CN_DIGITS}0-9０-９]+`;

/** 第X条(之Y), 第X章, 第X编, then the 款/项/目 that narrow it; 前款 and its kin. */
const CN_REF = new RegExp(
  `第(${NUM})(条|章|编)(?:之([${CN_DIGITS}]+))?((?:第${NUM}[款项目])*)|(前(?:[${CN_DIGITS}]+)?款|本条(?!例)|本款)`,
  'gu',
);
/** Chained to the reference before it: "第五十一条、第五十二条", "第一百八十一条至第一百八十四条". */
const CN_CHAIN = /^[ \u3000]*(?:[、，,和或及与至到]|或者|以及)[ \u3000]*$/u;
const CN_OWN_LAW = /本(?:法|法典|条例|规定|办法|决定|细则|规则|章程|准则|意见|措施)[ \u3000]*$/u;
const CN_OTHER_LAW = /(?:》|法|法典|条例|规定|办法|细则|解释|决定|公约|协定|章程|规则|该法|同法)[ \u3000]*$/u;

const W_NUM = '\\d+[a-z]?';
const W_SUB =
  '(?:[ \\u00a0]?\\(\\d+[a-z]?\\)|[ \\u00a0](?:Abs\\.|Absatz|Satz|Nr\\.|Buchstabe|para\\.|paragraph)[ \\u00a0]?\\d+[a-z]?)*';
const W_SEP = '[ \\u00a0]*(?:,|–|—|-|bis|und|and|or|oder|to|through)[ \\u00a0]*';
/** Art. 5, Artikel 5 Abs. 2, Article 3(2), Articles 3 and 4, § 12, §§ 3–5, Section 4.2, Sections 4 and 5. */
const W_REF = new RegExp(
  `(?<![\\p{L}\\d])(Articles|Artikeln|Arts\\.|Article|Artikel|Art\\.?|§§|§|Sections|Section)[ \\u00a0]?(${W_NUM}(?:\\.\\d+)*)(${W_SUB})((?:${W_SEP}${W_NUM}(?:\\.\\d+)*${W_SUB})*)`,
  'gu',
);
const W_LIST_ITEM = new RegExp(`(${W_SEP})(${W_NUM})((?:\\.\\d+)*)(${W_SUB})`, 'gu');
const W_PLURAL = /^(?:Articles|Artikeln|Arts\.|§§|Sections)$/u;
const W_RANGE = /^[ \u00a0]*(?:–|—|-|bis|to|through)[ \u00a0]*$/u;
/** What follows a Western reference: "dieses Gesetzes" / "of this Act" is this law; "des BGB", "BGB", "of the Act" another. */
const W_OWN_LAW = /^[ \u00a0,]*(?:dieses|dieser|this)\b/u;
const W_OTHER_LAW = /^[ \u00a0,]*(?:(?:des|der|of the|of)[ \u00a0]|[A-Z][A-Za-z]*[A-Z]\b)/u;

const familyOf = (word: string): string => (word.startsWith('§') ? '§' : word.startsWith('Sec') ? 'sec' : 'art');

const CN_LABEL = new RegExp(`^第(${NUM})(条|章|编)(?:之([${CN_DIGITS}]+))?$`, 'u');

/** The comparable id of a Chinese article or division number, or null. */
function cnTarget(num: string, unit: string, sub?: string): string | null {
  const n = chineseNumeralToInt(num);
  if (n === null) return null;
  const s = sub ? chineseNumeralToInt(sub) : null;
  return s === null ? `${unit}:${n}` : `${unit}:${n}-${s}`;
}

/**
 * The id by which references name a clause, from its kind and label: articles (第二十条之一, Art 5, § 5a) and the
 * divisions whose numbers run through a document (第三章, 第二编, Section 4); null for anything else (节 restart
 * in each chapter, items restart under each heading).
 */
export function clauseTarget(kind: string, label: string): string | null {
  if ((kind !== 'article' && kind !== 'division') || label === '') return null;
  // Most labels are already plain ("第二十条"): normalise only those that are not.
  const plain = CN_LABEL.exec(label);
  const l = plain ? label : normalizeLabel(label);
  const cn = plain ?? CN_LABEL.exec(l);
  if (cn)
    return kind === 'article'
      ? cn[2] === '条'
        ? cnTarget(cn[1], '条', cn[3])
        : null
      : cn[2] === '条'
        ? null
        : cnTarget(cn[1], cn[2]);
  const art = /^art (\d+[a-z]?)$/u.exec(l);
  if (art && kind === 'article') return `art:${art[1]}`;
  const sec = /^§ (\d+[a-z]?)$/u.exec(l);
  if (sec && kind === 'article') return `§:${sec[1]}`;
  const section = /^section(\d+[a-z]?)$/u.exec(l);
  if (section && kind === 'division') return `sec:${section[1]}`;
  return null;
}

/** Every reference in `text`, in order. */
export function findReferences(text: string): Reference[] {
  const out: Reference[] = [];
  if (text.includes('第') || text.includes('前') || text.includes('本条') || text.includes('本款'))
    findChinese(text, out);
  if (/[§]|Art|Sec/u.test(text)) findWestern(text, out);
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}

function findChinese(text: string, out: Reference[]): void {
  let previous: Reference | null = null;
  for (const m of text.matchAll(CN_REF)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (m[5]) {
      out.push({ start, end, headEnd: end, text: m[0], scope: 'relative', target: null });
      previous = null;
      continue;
    }
    const headEnd = end - (m[4]?.length ?? 0);
    const target = cnTarget(m[1], m[2], m[3]);
    if (target === null) continue;
    let scope: ReferenceScope;
    if (previous && CN_CHAIN.test(text.slice(previous.end, start))) scope = previous.scope;
    else {
      const before = text.slice(Math.max(0, start - 8), start);
      scope = CN_OWN_LAW.test(before) ? 'internal' : CN_OTHER_LAW.test(before) ? 'external' : 'internal';
    }
    const ref: Reference = { start, end, headEnd, text: m[0], scope, target };
    out.push(ref);
    previous = ref;
  }
}

function findWestern(text: string, out: Reference[]): void {
  for (const m of text.matchAll(W_REF)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const family = familyOf(m[1]);
    const after = text.slice(end, end + 24);
    const scope: ReferenceScope = W_OWN_LAW.test(after)
      ? 'internal'
      : W_OTHER_LAW.test(after)
        ? 'external'
        : 'internal';
    const firstEnd = end - m[4].length - m[3].length;
    const numStart = firstEnd - m[2].length;
    const main = m[2].split('.')[0];
    out.push({
      start,
      end: firstEnd + m[3].length,
      headEnd: numStart + main.length,
      text: text.slice(start, firstEnd + m[3].length),
      scope,
      target: `${family}:${main}`,
    });
    // A list or range after the first number: "§§ 3–5", "Articles 3 and 4"; a singular word takes only a range.
    let at = firstEnd + m[3].length;
    for (const item of m[4].matchAll(W_LIST_ITEM)) {
      const itemStart = at + item[1].length;
      if (!W_PLURAL.test(m[1]) && !W_RANGE.test(item[1])) break;
      const itemEnd = at + item[0].length;
      out.push({
        start: itemStart,
        end: itemEnd,
        headEnd: itemStart + item[2].length,
        text: text.slice(itemStart, itemEnd),
        scope,
        target: `${family}:${item[2]}`,
      });
      at = itemEnd;
    }
  }
}

/** Renumbering of a comparison: target id in the old version → target id in the new one, for clauses kept. */
export type Renumbering = ReadonlyMap<string, string>;

export interface TargetClause {
  key: string;
  kind: string;
  label: string;
}

/**
 * The renumbering between two versions: for every clause in both (same key) that references can name, its old
 * id → its new id. An id held by more than one clause on either side names nothing for sure and is left out.
 */
export function renumbering(from: readonly TargetClause[], to: readonly TargetClause[]): Map<string, string> {
  const ids = (cs: readonly TargetClause[]) => {
    const byKey = new Map<string, string>();
    const count = new Map<string, number>();
    for (const c of cs) {
      const id = clauseTarget(c.kind, c.label);
      if (id === null) continue;
      byKey.set(c.key, id);
      count.set(id, (count.get(id) ?? 0) + 1);
    }
    return { byKey, unique: (id: string) => count.get(id) === 1 };
  };
  const a = ids(from);
  const b = ids(to);
  const map = new Map<string, string>();
  for (const [key, oldId] of a.byKey) {
    const newId = b.byKey.get(key);
    if (newId !== undefined && a.unique(oldId) && b.unique(newId)) map.set(oldId, newId);
  }
  return map;
}

const MARK = '\u0001';

/** The text with each internal reference's article number replaced by a mark of its id (mapped through `map`). */
function masked(text: string, refs: readonly Reference[], map?: Renumbering, from = 0, to = text.length): string {
  let s = '';
  let at = from;
  for (const r of refs) {
    if (r.scope !== 'internal' || r.target === null || r.start < from || r.headEnd > to) continue;
    s += text.slice(at, r.start) + MARK + (map?.get(r.target) ?? r.target) + MARK;
    at = r.headEnd;
  }
  return s + text.slice(at, to);
}

/** Whether the renumbering gave the clause this reference names another number. */
function movedBy(r: Reference, map: Renumbering): boolean {
  if (r.scope !== 'internal' || r.target === null) return false;
  const to = map.get(r.target);
  return to !== undefined && to !== r.target;
}

const sameText = (a: string, b: string) => normalizeForCompare(a) === normalizeForCompare(b);

/**
 * Whether `after` differs from `before` only in references that follow the renumbering: each of the old text's
 * references, mapped through `map`, names what the new text's reference at the same place names. `same` compares
 * the two texts as the comparison does (normalised). Call it only for texts that differ.
 */
export function onlyReferencesFollow(
  before: string,
  after: string,
  map: Renumbering,
  same: (a: string, b: string) => boolean = sameText,
): boolean {
  if (map.size === 0) return false;
  const a = findReferences(before);
  // At least one of them must name a clause that moved: "第20条" → "第二十条" is a change of style, not this.
  if (!a.some((r) => movedBy(r, map))) return false;
  const b = findReferences(after);
  if (b.length === 0) return false;
  return same(masked(before, a, map), masked(after, b));
}

/**
 * Marks the inline diff's changes that are the renumbering's, not the drafter's, with `ref: true`: a deletion
 * followed by an insertion whose texts differ only in references that follow `map` ("第二十条" → "第二十一条").
 * With `all`, the whole clause is known to differ only so (see onlyReferencesFollow): every change is marked.
 */
export function markReferenceOps(
  ops: InlineOp[],
  before: string,
  after: string,
  map: Renumbering,
  all = false,
): InlineOp[] {
  if (all) return ops.map((op) => (op.op === 'equal' ? op : { ...op, ref: true }));
  if (map.size === 0) return ops;
  let a: Reference[] | undefined;
  let b: Reference[] | undefined;
  let inA = 0;
  let inB = 0;
  const out = ops.slice();
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    const next = ops[k + 1];
    if (op.op === 'delete' && next?.op === 'insert') {
      a ??= findReferences(before);
      b ??= findReferences(after);
      const [a1, b1] = [inA + op.text.length, inB + next.text.length];
      const named = a.some((r) => r.start >= inA && r.headEnd <= a1 && movedBy(r, map));
      if (named && sameText(masked(before, a, map, inA, a1), masked(after, b, undefined, inB, b1))) {
        out[k] = { ...op, ref: true };
        out[k + 1] = { ...next, ref: true };
      }
      inA = a1;
      inB = b1;
      k++;
      continue;
    }
    if (op.op !== 'insert') inA += op.text.length;
    if (op.op !== 'delete') inB += op.text.length;
  }
  return out;
}
