/**
 * What both renderings of the 修改说明 share: which changes get a row, the words of the "依据" cell, the reverse
 * check's sentences. Pure.
 */
import type { ClauseChange } from '../../engine/compare';
import type { Explanation, ExplanationChange, ExplanationComment } from '../explanation.dto';

export const KIND_ZH: Record<string, string> = { amend: '修改', add: '增加', delete: '删除', remark: '其他' };

/** Renumbered clauses and references that followed them share one note row each (as in the comparison table). */
export const isRow = (c: ExplanationChange) =>
  c.type !== 'renumbered' && c.type !== 'references' && c.type !== 'unchanged';

/** The comparison-shaped view of a change, for the shared side renderer (sideParts). */
export const asClauseChange = (c: ExplanationChange): ClauseChange => ({
  type: c.type,
  from: c.from,
  to: c.to,
  ...(c.fromParts ? { fromParts: c.fromParts } : {}),
  ...(c.toParts ? { toParts: c.toParts } : {}),
  inline: c.inline,
});

export const heading = (e: Explanation) => `关于《${e.title}》修改情况的说明`;

/** "与第一稿相比，第二稿共修改…": the opening of the 说明. */
export const opening = (e: Explanation) => `与${e.from.label}相比，${e.to.label}${e.sentence}`;

/** "第一代表团 李明（讨论稿）：…" — who said it, where, and what. */
export const commentLine = (c: ExplanationComment) =>
  `${c.group ? `${c.group.name} ` : ''}${c.author.displayName}（${c.versionLabel}，${KIND_ZH[c.kind] ?? c.kind}）：${c.body}${c.suggestion ? `建议修改为：“${c.suggestion}”` : ''}`;

/** "采纳（修改稿）。理由：…" */
export const decisionLine = (c: ExplanationComment) =>
  `${c.decision.outcomeLabel}（${c.decision.implementedInLabel}）。理由：${c.decision.reason}`;

export const REASON_ZH: Record<string, string> = {
  unchanged: '该条在所称落实的稿中未作修改',
  renumbered: '该条在所称落实的稿中仅序号变化',
  references: '该条在所称落实的稿中仅引用序号变化',
  reverted: '所称落实的稿中作了修改，但之后又改回',
  not_found: '所称落实的稿没有所依据的稿，无法核对',
};

export const adoptedCount = (e: Explanation) => {
  const ids = new Set(e.changes.flatMap((c) => c.comments.map((x) => x.id)));
  const partly = new Set(
    e.changes.flatMap((c) => c.comments.filter((x) => x.decision.outcome === 'partly_adopted').map((x) => x.id)),
  );
  return { all: ids.size, partly: partly.size };
};
