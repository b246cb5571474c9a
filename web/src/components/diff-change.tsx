import { memo } from 'preact/compat';
import { t } from '../i18n';
import { href } from '../router';
import type { DiffChange, DiffSide } from '../api';

/** Each side named by its full path (from the server), so an old （二） under 一、 is never read as the new one under 三、. */
const labels = (one: DiffSide | null, parts?: DiffSide[]) =>
  (parts?.length ? parts : one ? [one] : []).map((p) => p.path || p.label || p.text.slice(0, 8) + '…').join(' + ') ||
  '—';

/** A reference that only followed the renumbering is marked apart from the drafter's edits. */
const refMark = (o: DiffChange['inline'][number]) => (o.ref ? { class: 'ref', title: t('cmp.refOp') } : {});

/** One changed clause: inline redline, or the old text beside the new. */
export const ChangeView = memo(function ChangeView({
  c,
  index,
  mode,
  current,
  documentId,
}: {
  c: DiffChange;
  index: number;
  mode: 'side' | 'inline';
  current: boolean;
  documentId?: string;
}) {
  const key = (c.to ?? c.from)?.key;
  const ops = c.inline?.length ? c.inline : fallbackOps(c);
  return (
    <article
      id={`chg-${index}`}
      class={`change type-${c.type}${current ? ' current' : ''}`}
      tabIndex={-1}
      aria-current={current ? 'true' : undefined}
    >
      <header class="row">
        <span class={`badge type-${c.type}`}>{t(`type.${c.type}`)}</span>
        <span class="labels">
          {labels(c.from, c.fromParts)} → {labels(c.to, c.toParts)}
        </span>
        {documentId && key && (
          <a class="history-link" href={href('documents', documentId, 'clauses', key, 'history')}>
            {t('hist.link')}
          </a>
        )}
      </header>
      {mode === 'inline' ? (
        <p class="redline">
          {ops.map((o, i) =>
            o.op === 'insert' ? (
              <ins key={i} {...refMark(o)}>
                {o.text}
              </ins>
            ) : o.op === 'delete' ? (
              <del key={i} {...refMark(o)}>
                {o.text}
              </del>
            ) : (
              <span key={i}>{o.text}</span>
            ),
          )}
        </p>
      ) : (
        <div class="side">
          <p class="redline old" aria-label={t('cmp.from')}>
            {ops.map((o, i) =>
              o.op === 'insert' ? null : o.op === 'delete' ? (
                <del key={i} {...refMark(o)}>
                  {o.text}
                </del>
              ) : (
                <span key={i}>{o.text}</span>
              ),
            )}
          </p>
          <p class="redline new" aria-label={t('cmp.to')}>
            {ops.map((o, i) =>
              o.op === 'delete' ? null : o.op === 'insert' ? (
                <ins key={i} {...refMark(o)}>
                  {o.text}
                </ins>
              ) : (
                <span key={i}>{o.text}</span>
              ),
            )}
          </p>
        </div>
      )}
    </article>
  );
});

function fallbackOps(c: DiffChange): DiffChange['inline'] {
  const from = (c.fromParts?.length ? c.fromParts : c.from ? [c.from] : []).map((p) => p.text).join('\n');
  const to = (c.toParts?.length ? c.toParts : c.to ? [c.to] : []).map((p) => p.text).join('\n');
  if (from === to) return [{ op: 'equal', text: to }];
  return [
    ...(from ? [{ op: 'delete' as const, text: from }] : []),
    ...(to ? [{ op: 'insert' as const, text: to }] : []),
  ];
}
