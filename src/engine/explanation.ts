/**
 * The 修改说明 from plain data: which adopted comment caused which change of a comparison, the standard summary
 * sentence, and the reverse check (adopted comments whose clause did not change where the decision says it was
 * carried out; changes nothing explains). No I/O: the explanation service feeds it cached comparisons and the
 * comments' stored anchors.
 */
import { type ChangeType, type ClauseChange, type CompareSummary, hasEdits } from './compare';

/** An adopted (or partly adopted) comment as the explanation needs it. */
export interface AdoptedComment {
  id: string;
  /** The version it was written on. */
  versionNumber: number;
  kind: string;
  /** The clause key it stood on in each version (its original key, then its carried anchors), by version number. */
  keyIn: ReadonlyMap<number, string>;
  implementedInVersion: number;
}

/** Changes that rewrite, add, remove or move a clause; renumbering and references that followed it are consequences. */
export const SUBSTANTIVE: readonly ChangeType[] = ['modified', 'moved', 'added', 'deleted', 'split', 'merged'];

export const isSubstantive = (c: ClauseChange) => SUBSTANTIVE.includes(c.type);

/** Every clause key a change involves, on both sides. */
export function changeKeys(c: ClauseChange): string[] {
  return [c.from, c.to, ...(c.fromParts ?? []), ...(c.toParts ?? [])].filter((r) => r !== null).map((r) => r.key);
}

/** The keys a comment stood on up to version `upTo`, the latest first (a comment follows its clause forward). */
export function keysUpTo(keyIn: ReadonlyMap<number, string>, upTo: number): string[] {
  const keys: string[] = [];
  for (const v of [...keyIn.keys()].filter((n) => n <= upTo).sort((a, b) => b - a)) {
    const k = keyIn.get(v)!;
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

/**
 * The change of a comparison that a comment concerns: the one involving the latest key it stood on (up to the new
 * version), else an earlier one. A comment that asks for a new clause (kind `add`) concerns the clause added next to
 * the one it was written on (`order`: the new version's keys in document order) when its own clause did not change.
 * -1 when no change concerns it.
 */
export function changeOf(
  changes: readonly ClauseChange[],
  keys: readonly string[],
  kind: string,
  order: readonly string[],
): number {
  const involving = (k: string) => changes.findIndex((c) => c.type !== 'unchanged' && changeKeys(c).includes(k));
  let found = -1;
  for (const k of keys) if ((found = involving(k)) >= 0) break;
  if (kind !== 'add' || (found >= 0 && isSubstantive(changes[found]))) return found;
  for (const k of keys) {
    const at = order.indexOf(k);
    if (at < 0) continue;
    for (const near of [order[at + 1], order[at - 1]]) {
      const i = near === undefined ? -1 : changes.findIndex((c) => c.type === 'added' && c.to?.key === near);
      if (i >= 0) return i;
    }
  }
  return found;
}

export interface SummaryCounts {
  /** 修改: words edited (modified, split, merged, and moved clauses whose words changed too). */
  modified: number;
  added: number;
  deleted: number;
  /** Clauses renumbered, moved or with references that followed the renumbering: 条文顺序和引用条文序号作相应调整. */
  adjusted: number;
  sentence: string;
}

/**
 * "共修改 X 条，新增 Y 条，删除 Z 条，条文顺序和引用条文序号作相应调整。" from the comparison's own counts. Parts that are
 * zero are left out, as a drafter would write it; nothing at all → "未作修改。".
 */
export function summarySentence(summary: CompareSummary, changes: readonly ClauseChange[]): SummaryCounts {
  const movedWithEdits = changes.filter((c) => c.type === 'moved' && hasEdits(c)).length;
  const modified = summary.modified + summary.split + summary.merged + movedWithEdits;
  const adjusted = summary.renumbered + summary.references + summary.moved;
  const parts: string[] = [];
  if (modified) parts.push(`修改${modified}条`);
  if (summary.added) parts.push(`新增${summary.added}条`);
  if (summary.deleted) parts.push(`删除${summary.deleted}条`);
  let sentence = parts.length ? `共${parts.join('，')}` : '';
  if (adjusted) sentence += `${sentence ? '，' : ''}条文顺序和引用条文序号作相应调整`;
  return {
    modified,
    added: summary.added,
    deleted: summary.deleted,
    adjusted,
    sentence: sentence ? `${sentence}。` : '未作修改。',
  };
}

/** Why an adopted comment is flagged: what happened to its clause in the version said to carry it out. */
export type NotCarriedOutReason = 'unchanged' | 'renumbered' | 'references' | 'not_found';

/**
 * Whether the version that a decision names as carrying out a comment changed the comment's clause: `step` is the
 * comparison of that version with the one it was based on (`prev`). Null when it did (a substantive change concerns
 * the comment), else what happened instead.
 */
export function notCarriedOut(
  step: readonly ClauseChange[],
  comment: AdoptedComment,
  prev: number,
  order: readonly string[],
): NotCarriedOutReason | null {
  const keys = keysUpTo(comment.keyIn, comment.implementedInVersion);
  const i = changeOf(step, keys, comment.kind, order);
  if (i >= 0 && isSubstantive(step[i])) return null;
  if (i >= 0) return step[i].type as NotCarriedOutReason;
  return keysUpTo(comment.keyIn, prev).length ? 'unchanged' : 'not_found';
}

/** Article labels (第十条, 第十条之一) named in a version note, exactly (第十条 is not named by 第十条之一 or 第二十条). */
export function noteNames(note: string, change: ClauseChange): boolean {
  if (!note.trim()) return false;
  const refs = [change.from, change.to, ...(change.fromParts ?? []), ...(change.toParts ?? [])].filter(
    (r) => r !== null,
  );
  return refs.some((r) => {
    const label = r.label.trim();
    if (/^第.+条(之[一二三四五六七八九十]+)?$/u.test(label)) return new RegExp(`${label}(?!之)`, 'u').test(note);
    // Policy items restart their numbering: name them by the words they open with ("加大研发支持").
    const lead = r.text.split(/[。；：;:\n]/u)[0].trim();
    return lead.length >= 4 && lead.length <= 24 && note.includes(lead);
  });
}
