/**
 * What every diff renderer needs from a comparison: the names of change types, a note per change, and each side
 * of a change as labelled parts whose text is cut into changed and unchanged segments.
 */
import { type ChangeType, type ClauseChange, type ClauseRef, hasEdits } from '../compare';
import type { InlineOp } from '../inline-diff';

export type RenderLang = 'zh' | 'en';

export interface RenderMeta {
  title: string;
  fromLabel: string;
  toLabel: string;
  lang?: RenderLang;
}

export const TYPE_NAMES: Record<RenderLang, Record<ChangeType, string>> = {
  zh: {
    unchanged: '未变',
    modified: '修改',
    references: '引用序号调整',
    renumbered: '编号变化',
    moved: '移动',
    added: '新增',
    deleted: '删除',
    split: '拆分',
    merged: '合并',
  },
  en: {
    unchanged: 'unchanged',
    modified: 'modified',
    references: 'references renumbered',
    renumbered: 'renumbered',
    moved: 'moved',
    added: 'added',
    deleted: 'deleted',
    split: 'split',
    merged: 'merged',
  },
};

/** A piece of one side's text: `changed` is deleted text on the old side, inserted text on the new side. */
export interface Segment {
  text: string;
  changed: boolean;
}

export interface SidePart {
  label: string;
  segments: Segment[];
}

export type Side = 'from' | 'to';

export { hasEdits };

/** Whether some of the change's text changed only because references followed a renumbering. */
export function hasReferenceOps(change: ClauseChange): boolean {
  return change.inline.some((op) => op.ref === true);
}

/**
 * "第三条 → 第四条", or one name when it did not change; split and merge list all parts. Each side is named by its
 * full path when the comparison has one ("一、… › （二） → 三、… › （五）"), else by its headings and label.
 */
export function changeTitle(change: ClauseChange): string {
  const names = (refs: ClauseRef[]) =>
    refs
      .map((r) => r.path || (r.context && r.label ? `${r.context} › ${r.label}` : r.label))
      .filter(Boolean)
      .join('、');
  const from = names(change.fromParts ?? (change.from ? [change.from] : []));
  const to = names(change.toParts ?? (change.to ? [change.to] : []));
  return !from || !to || from === to ? from || to : `${from} → ${to}`;
}

/**
 * A number as a drafter says it in a note: articles keep their label ("第八条"), numbered items become "第八项"
 * ("八、", "（八）", "8."); anything else stays as it is.
 */
export function ordinalName(label: string, lang: RenderLang = 'zh'): string {
  const l = label.trim();
  if (lang === 'en' || /^第/.test(l)) return l;
  const core = l
    .replace(/^[（(]\s*/, '')
    .replace(/\s*[）)]$/, '')
    .replace(/[、．.，,]$/, '');
  return /^[0-9零〇一二三四五六七八九十百千]+$/.test(core) ? `第${core}项` : l;
}

/** The note of the comparison table's 说明 column. */
export function changeNote(change: ClauseChange, lang: RenderLang = 'zh'): string {
  const zh = lang === 'zh';
  const list = (refs: ClauseRef[] | undefined) => (refs ?? []).map((r) => r.label || '…').join(zh ? '、' : ', ');
  switch (change.type) {
    case 'split':
      return zh ? `拆分为${list(change.toParts)}` : `split into ${list(change.toParts)}`;
    case 'merged':
      return zh ? `由${list(change.fromParts)}合并` : `merged from ${list(change.fromParts)}`;
    case 'moved': {
      const [from, to] = [change.from?.label ?? '', change.to?.label ?? ''];
      const edited = hasEdits(change);
      if (!from || !to || from === to) {
        if (zh) return edited ? '条文顺序调整，并作修改' : '条文顺序调整';
        return edited ? 'moved and modified' : 'moved';
      }
      if (zh) return `由${ordinalName(from)}移至${ordinalName(to)}${edited ? '，并作修改' : ''}`;
      return `moved from ${from} to ${to}${edited ? ' and modified' : ''}`;
    }
    case 'renumbered':
      return zh ? '条文序号调整' : 'renumbered';
    case 'references':
      return zh ? '引用的条文序号作相应调整' : 'references renumbered accordingly';
    case 'modified':
      if (hasReferenceOps(change))
        return zh ? '修改，引用的条文序号作相应调整' : 'modified; references renumbered accordingly';
      return TYPE_NAMES[lang][change.type];
    default:
      return TYPE_NAMES[lang][change.type];
  }
}

/**
 * The one note that stands for every clause only renumbered (its own words unchanged), as NPC tables group them:
 * "以下条文序号作相应调整：第二条改为第三条；第六条改为第七条". Null when there is none.
 */
export function renumberedNote(changes: ClauseChange[], lang: RenderLang = 'zh'): string | null {
  // A clause whose references alone changed may have been renumbered too: its number belongs in this list.
  const moves = changes.filter(
    (c) => (c.type === 'renumbered' || (c.type === 'references' && c.from?.label !== c.to?.label)) && c.from && c.to,
  );
  if (!moves.length) return null;
  // Numbers restart under each heading: the heading is named where there is one (the same on both sides).
  const name = (r: ClauseRef) => [r.context, ordinalName(r.label, lang)].filter(Boolean).join(' › ');
  if (lang === 'en')
    return `Renumbered accordingly: ${moves.map((c) => `${name(c.from!)} → ${ordinalName(c.to!.label, lang)}`).join('; ')}.`;
  return `以下条文序号作相应调整：${moves.map((c) => `${name(c.from!)}改为${ordinalName(c.to!.label)}`).join('；')}。`;
}

/**
 * The one note that stands for every clause whose words changed only in references that followed the renumbering:
 * "以下条文引用的条文序号作相应调整：第三十条、第四十一条". Named by their new numbers. Null when there is none.
 */
export function referencesNote(changes: ClauseChange[], lang: RenderLang = 'zh'): string | null {
  const refs = changes.filter((c) => c.type === 'references' && c.to);
  if (!refs.length) return null;
  const name = (r: ClauseRef) => [r.context, ordinalName(r.label, lang)].filter(Boolean).join(' › ');
  if (lang === 'en')
    return `References to renumbered clauses adjusted accordingly in: ${refs.map((c) => name(c.to!)).join('; ')}.`;
  return `以下条文引用的条文序号作相应调整：${refs.map((c) => name(c.to!)).join('、')}。`;
}

/** One side of an inline diff as segments (the other side's changes left out), neighbours of a kind merged. */
export function sideSegments(ops: InlineOp[], side: Side): Segment[] {
  const skip = side === 'from' ? 'insert' : 'delete';
  const segments: Segment[] = [];
  for (const op of ops) {
    if (op.op === skip) continue;
    const changed = op.op !== 'equal';
    const last = segments[segments.length - 1];
    if (last && last.changed === changed) last.text += op.text;
    else segments.push({ text: op.text, changed });
  }
  return segments;
}

/**
 * One side of a change as labelled parts. The inline diff runs over the parts' texts joined by "\n" (see
 * compareVersions), so the side's segments are cut back at those joins.
 */
export function sideParts(change: ClauseChange, side: Side): SidePart[] {
  const refs =
    side === 'from'
      ? (change.fromParts ?? (change.from ? [change.from] : []))
      : (change.toParts ?? (change.to ? [change.to] : []));
  const segments = sideSegments(change.inline, side);
  const parts: SidePart[] = [];
  let segment = 0;
  let offset = 0;
  refs.forEach((ref, i) => {
    const part: SidePart = { label: ref.label, segments: [] };
    // A part's text, then the "\n" that joins it to the next one (dropped).
    let need = ref.text.length + (i < refs.length - 1 ? 1 : 0);
    let keep = ref.text.length;
    while (need > 0 && segment < segments.length) {
      const { text, changed } = segments[segment];
      const take = Math.min(need, text.length - offset);
      const kept = Math.min(take, keep);
      if (kept > 0) part.segments.push({ text: text.slice(offset, offset + kept), changed });
      keep -= kept;
      need -= take;
      offset += take;
      if (offset >= text.length) {
        segment += 1;
        offset = 0;
      }
    }
    parts.push(part);
  });
  return parts;
}
