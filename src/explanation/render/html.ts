/**
 * The 修改说明 as a printable page: the same three parts as the .docx (概况, the changes with the comments behind
 * each, the reverse check), A4 when printed. Self-contained, no script; every text is escaped and the one inline
 * style is allowed by its hash.
 */
import { sideParts, type Side } from '../../engine/render/common';
import { cspHash, escapeHtml as esc } from '../../engine/render/html';
import type { Explanation, ExplanationChange } from '../explanation.dto';
import { adoptedCount, asClauseChange, commentLine, decisionLine, heading, isRow, opening, REASON_ZH } from './common';

const CSS = `
@page{size:A4;margin:37mm 26mm 35mm 28mm}
body{font-family:FangSong,"仿宋","FangSong_GB2312","Noto Serif CJK SC",serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.8;color:#111}
h1{font-family:SimHei,"黑体","Noto Sans CJK SC",sans-serif;text-align:center;font-size:1.6em;margin-bottom:0}
h2{font-family:SimHei,"黑体","Noto Sans CJK SC",sans-serif;font-size:1.15em;margin-top:1.5em}
.range{text-align:center;margin-top:.2em}p.body{text-indent:2em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #444;padding:.3em .5em;vertical-align:top}
th{font-family:SimHei,"黑体",sans-serif;font-weight:normal}tr{break-inside:avoid}
del{text-decoration:line-through;color:#8a1c1c}ins{text-decoration:underline;font-weight:bold;color:#0b5a1e}
.lbl{font-weight:bold;margin-right:.4em}.where{font-size:.85em;color:#555}.decision{font-weight:bold}
.missing{color:#8a1c1c}.text{white-space:pre-wrap}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}
`;

export const EXPLANATION_HTML_CSP = [
  "default-src 'none'",
  `style-src ${cspHash(CSS)}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

function side(c: ExplanationChange, s: Side): string {
  const tag = s === 'from' ? 'del' : 'ins';
  return sideParts(asClauseChange(c), s)
    .map(
      (p) =>
        `<div class="text">${p.label ? `<span class="lbl">${esc(p.label)}</span>` : ''}${p.segments.map((g) => (g.changed ? `<${tag}>${esc(g.text)}</${tag}>` : esc(g.text))).join('')}</div>`,
    )
    .join('');
}

function basis(c: ExplanationChange): string {
  const parts = [
    ...c.comments.map((x) => `<p>${esc(commentLine(x))}</p><p class="decision">${esc(decisionLine(x))}</p>`),
    ...c.notes.map((n) => `<p>${esc(`${n.label}说明：${n.note}`)}</p>`),
  ];
  return parts.length ? parts.join('') : '<p class="missing">（未见所依据的意见或说明）</p>';
}

export function renderExplanationHtml(e: Explanation): string {
  const rows = e.changes.filter(isRow);
  const adopted = adoptedCount(e);
  const notes = e.versions.filter((v) => v.note.trim());
  const p = (t: string) => `<p class="body">${esc(t)}</p>`;
  const noteRow = (t: string | null) => (t ? `<tr><td colspan="5">${esc(t)}</td></tr>` : '');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(heading(e))}</title><style>${CSS}</style></head><body>
<h1>${esc(heading(e))}</h1><p class="range">（${esc(e.from.label)}→${esc(e.to.label)}）</p>
<h2>一、修改概况</h2>
${p(opening(e))}
${p(adopted.all ? `其中，采纳代表和各方面意见${adopted.all}条${adopted.partly ? `（部分采纳${adopted.partly}条）` : ''}，逐条列于下表。` : '本次修改未涉及已采纳的意见。')}
${notes.length ? p('各稿修改情况如下：') + notes.map((v) => p(`${v.label}：${v.note}`)).join('') : ''}
<h2>二、主要修改内容及所依据的意见</h2>
${
  rows.length || e.renumberedNote || e.referencesNote
    ? `<table><thead><tr><th>序号</th><th>修改前</th><th>修改后</th><th>修改情况</th><th>所依据的意见或说明</th></tr></thead><tbody>
${rows.map((c, i) => `<tr id="change-${c.index}"><td>${i + 1}</td><td>${side(c, 'from')}</td><td>${side(c, 'to')}</td><td>${esc(c.note)}${c.title.includes(' › ') ? `<div class="where">${esc(c.title)}</div>` : ''}</td><td>${basis(c)}</td></tr>`).join('\n')}
${noteRow(e.renumberedNote)}${noteRow(e.referencesNote)}
</tbody></table>`
    : p('两稿条文没有变化。')
}
<h2>三、核对情况</h2>
<h3>（一）已采纳但所称落实的稿中相关条文未见修改的意见</h3>
${
  e.check.adoptedNotCarriedOut.length
    ? `<table><thead><tr><th>序号</th><th>意见</th><th>处理</th><th>核对结果</th></tr></thead><tbody>
${e.check.adoptedNotCarriedOut.map((x, i) => `<tr><td>${i + 1}</td><td>${esc(commentLine(x.comment))}</td><td>${esc(decisionLine(x.comment))}</td><td class="missing">${esc(REASON_ZH[x.reason] ?? x.reason)}</td></tr>`).join('\n')}
</tbody></table>`
    : p('经核对，已采纳的意见均在所称落实的稿中作了相应修改。')
}
<h3>（二）未见所依据的意见或说明的修改</h3>
${e.check.unexplained.length ? `<ol>${e.check.unexplained.map((u) => `<li><a href="#change-${u.index}">${esc(u.title)}</a>（${esc(rows.find((r) => r.index === u.index)?.note ?? u.type)}）</li>`).join('')}</ol>` : p('经核对，各项修改均有所依据的意见或说明。')}
</body></html>
`;
}
