/**
 * What every diff renderer needs from a comparison: the names of change types, a note per change, and each side
 * of a change as labelled parts whose text is cut into changed and unchanged segments.
 */
import type { ChangeType, ClauseChange, ClauseRef } from '../../engine/compare';
import type { InlineOp } from '../../engine/inline-diff';

export type RenderLang = 'zh' | 'en';

export interface RenderMeta {
  title: string;
  fromLabel: string;
  toLabel: string;
  lang?: RenderLang;
}

export const TYPE_NAMES: Record<RenderLang, Record<ChangeType, string>> = {
  zh: {
    unchanged: '未变', modified: '修改', renumbered: '编号变化', moved: '移动',
    added: '新增', deleted: '删除', split: '拆分', merged: '合并',
  },
  en: {
    unchanged: 'unchanged', modified: 'modified', renumbered: 'renumbered', moved: 'moved',
    added: 'added', deleted: 'deleted', split: 'split', merged: 'merged',
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

/** Whether the change edited any text (a move or renumbering alone does not). */
export function hasEdits(change: ClauseChange): boolean {
  return change.inline.some((op) => op.op !== 'equal');
}

/** "第三条 → 第四条", or one label when it did not change; split and merge list all parts. */
export function changeTitle(change: ClauseChange): string {
  const labels = (refs: ClauseRef[]) => refs.map((r) => r.label).filter(Boolean).join('、');
  const from = labels(change.fromParts ?? (change.from ? [change.from] : []));
  const to = labels(change.toParts ?? (change.to ? [change.to] : []));
  const where = (change.to ?? change.from)?.context;
  const labels2 = !from || !to || from === to ? from || to : `${from} → ${to}`;
  return where ? `${where} › ${labels2}` : labels2;
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
    case 'moved':
      if (zh) return hasEdits(change) ? '条文顺序调整，并作修改' : '条文顺序调整';
      return hasEdits(change) ? 'moved and modified' : 'moved';
    case 'renumbered':
      return zh ? '条文序号调整' : 'renumbered';
    default:
      return TYPE_NAMES[lang][change.type];
  }
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
  const refs = side === 'from' ? (change.fromParts ?? (change.from ? [change.from] : [])) : (change.toParts ?? (change.to ? [change.to] : []));
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
