/**
 * A self-contained HTML page of a comparison: summary with links, an inline view (<ins>/<del>) and a
 * side-by-side view, toggled by a few lines of inline script. No external assets; every text is escaped.
 */
import { createHash } from 'node:crypto';
import { CHANGE_TYPES, type ClauseChange, type CompareResult } from '../compare';
import {
  changeNote,
  changeTitle,
  type RenderLang,
  type RenderMeta,
  type Segment,
  type Side,
  sideParts,
  TYPE_NAMES,
} from './common';

const UI: Record<RenderLang, Record<string, string>> = {
  zh: {
    summary: '变化概要',
    changes: '变化条文',
    inline: '合并视图',
    sideBySide: '左右对照',
    none: '两个版本的条文没有变化。',
    from: '修改前',
    to: '修改后',
    total: '合计',
    references: '引用的条文序号作相应调整',
    refNote: '以下条文只有引用的条文序号随条文顺序调整，未作其他修改。',
    refOp: '引用的条文序号随条文顺序调整',
  },
  en: {
    summary: 'Summary',
    changes: 'Changes',
    inline: 'Inline',
    sideBySide: 'Side by side',
    none: 'No clause changed.',
    from: 'Before',
    to: 'After',
    total: 'Total',
    references: 'References renumbered accordingly',
    refNote: 'In these clauses only references to renumbered clauses changed, following the renumbering.',
    refOp: 'a reference that followed the renumbering',
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const CSS = `
body{font-family:"Noto Serif CJK SC","Songti SC",SimSun,serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222;line-height:1.7}
h1{font-size:1.5em;margin-bottom:.2em}.versions{color:#555;margin-top:0}
table.counts{border-collapse:collapse;margin:.5em 0}table.counts td,table.counts th{border:1px solid #ccc;padding:.2em .8em;text-align:center}
ol.toc{columns:2;font-size:.95em}
.views button{font:inherit;padding:.3em 1em;margin-right:.5em;cursor:pointer}
section.change{border-top:1px solid #ddd;padding:.6em 0}
section.change h3{font-size:1.05em;margin:.2em 0}
.badge{display:inline-block;font-size:.8em;padding:0 .5em;margin-left:.6em;border-radius:3px;background:#eee}
.t-added .badge{background:#d4f4dd}.t-deleted .badge{background:#fbd7d7}.t-modified .badge{background:#fff2c2}
.t-moved .badge,.t-renumbered .badge,.t-references .badge{background:#dde8fb}
ins.ref,del.ref{background:#e6eefc;color:#1d3f8a}.t-split .badge,.t-merged .badge{background:#eadcf8}
.text{white-space:pre-wrap}
ins{background:#d4f4dd;color:#0a5d1e;text-decoration:none}
del{background:#fbd7d7;color:#9b1c1c;text-decoration:line-through}
.side{display:none;grid-template-columns:1fr 1fr;gap:1.5em}
body.side-by-side .side{display:grid}body.side-by-side .inline{display:none}
.col h4{margin:.2em 0;font-size:.9em;color:#666}.label{font-weight:bold;margin-right:.5em}
`;

const SCRIPT = `
document.querySelectorAll('[data-view]').forEach(function(b){b.addEventListener('click',function(){
document.body.classList.toggle('side-by-side',b.getAttribute('data-view')==='side');});});
`;

export const cspHash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/**
 * The Content-Security-Policy the redline is sent with: nothing loads from anywhere, and only the page's own inline
 * style and script run, named by their hashes (no 'unsafe-inline'), so text that slipped past escaping could not run.
 */
export const DIFF_HTML_CSP = [
  "default-src 'none'",
  `style-src ${cspHash(CSS)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export function renderDiffHtml(result: CompareResult, meta: RenderMeta): string {
  const lang = meta.lang ?? 'zh';
  const ui = UI[lang];
  const changes = result.changes;
  const counts = CHANGE_TYPES.filter((t) => result.summary[t] > 0 || t !== 'unchanged');
  const total = CHANGE_TYPES.filter((t) => t !== 'unchanged').reduce((n, t) => n + result.summary[t], 0);
  // Clauses whose references alone followed the renumbering stand apart, after the substantive changes.
  const numbered = changes.map((c, i) => ({ c, i }));
  const references = numbered.filter(({ c }) => c.type === 'references');
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(meta.title)}</h1>
<p class="versions">${escapeHtml(meta.fromLabel)} → ${escapeHtml(meta.toLabel)}</p>
<h2>${ui.summary}</h2>
<table class="counts"><tr>${counts.map((t) => `<th>${TYPE_NAMES[lang][t]}</th>`).join('')}<th>${ui.total}</th></tr>
<tr>${counts.map((t) => `<td>${result.summary[t]}</td>`).join('')}<td>${total}</td></tr></table>
${changes.length === 0 ? `<p>${ui.none}</p>` : `<ol class="toc">${changes.map((c, i) => tocEntry(c, i, lang)).join('')}</ol>`}
<h2>${ui.changes}</h2>
<p class="views"><button type="button" data-view="inline">${ui.inline}</button><button type="button" data-view="side">${ui.sideBySide}</button></p>
${numbered
  .filter(({ c }) => c.type !== 'references')
  .map(({ c, i }) => renderChange(c, i, lang))
  .join('\n')}
${references.length ? `<h2 id="references">${ui.references}</h2>\n<p>${ui.refNote}</p>\n${references.map(({ c, i }) => renderChange(c, i, lang)).join('\n')}` : ''}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function tocEntry(change: ClauseChange, index: number, lang: RenderLang): string {
  return `<li><a href="#change-${index + 1}">${escapeHtml(changeTitle(change) || '…')}</a> ${TYPE_NAMES[lang][change.type]}</li>`;
}

function renderChange(change: ClauseChange, index: number, lang: RenderLang): string {
  const ui = UI[lang];
  const note = changeNote(change, lang);
  const name = TYPE_NAMES[lang][change.type];
  const inline = change.inline
    .map((op) => {
      const text = escapeHtml(op.text);
      const ref = op.ref ? ` class="ref" title="${ui.refOp}"` : '';
      return op.op === 'insert' ? `<ins${ref}>${text}</ins>` : op.op === 'delete' ? `<del${ref}>${text}</del>` : text;
    })
    .join('');
  return `<section class="change t-${change.type}" id="change-${index + 1}">
<h3>${escapeHtml(changeTitle(change) || '…')}<span class="badge">${name}</span>${note !== name ? ` <small>${escapeHtml(note)}</small>` : ''}</h3>
<div class="inline text">${inline}</div>
<div class="side"><div class="col"><h4>${ui.from}</h4>${renderSide(change, 'from')}</div><div class="col"><h4>${ui.to}</h4>${renderSide(change, 'to')}</div></div>
</section>`;
}

function renderSide(change: ClauseChange, side: Side): string {
  const tag = side === 'from' ? 'del' : 'ins';
  const segment = ({ text, changed }: Segment) => (changed ? `<${tag}>${escapeHtml(text)}</${tag}>` : escapeHtml(text));
  return sideParts(change, side)
    .map(
      (part) =>
        `<p class="text">${part.label ? `<span class="label">${escapeHtml(part.label)}</span>` : ''}${part.segments.map(segment).join('')}</p>`,
    )
    .join('');
}
