import { fmtDate, t } from '../i18n';
import type { Anchor, Comment } from '../api';

/** One comment as anyone allowed to see it reads it: who, what, where it now sits, decision and replies. */
export function CommentItem({ c, children }: { c: Comment; children?: preact.ComponentChildren }) {
  const group = c.group?.name;
  const quote = c.originalAnchor?.quote?.exact;
  return (
    <article class="comment" data-comment={c.id}>
      <p class="meta">
        <span class={`badge kind-${c.kind}`}>{t(`kind.${c.kind}`)}</span> {c.author?.displayName}
        {group ? ` · ${group}` : ''} · {fmtDate(c.createdAt)}
        {c.anchor && (
          <>
            {' '}
            <AnchorBadge a={c.anchor} />
          </>
        )}
        {c.status === 'withdrawn' && (
          <>
            {' '}
            <span class="badge status-withdrawn">{t('own.withdrawn')}</span>
          </>
        )}
      </p>
      {quote && <blockquote>{quote}</blockquote>}
      <p class="body">{c.body}</p>
      {c.suggestion && (
        <p class="suggestion">
          <span class="label">{t('comment.suggestion')}</span>
          {c.suggestion}
        </p>
      )}
      <DecisionLine c={c} />
      {!!c.replies?.length && (
        <ul class="replies" aria-label={t('mine.replies')}>
          {c.replies.map((r) => (
            <li key={r.id}>
              <span class="meta">
                {r.author?.displayName} · {fmtDate(r.createdAt)}
              </span>{' '}
              {r.body}
            </li>
          ))}
        </ul>
      )}
      {children}
    </article>
  );
}

export function DecisionLine({ c }: { c: Comment }) {
  if (c.status === 'withdrawn') return <p class="decision withdrawn">{t('mine.withdrawnNote')}</p>;
  if (!c.decision) return <p class="decision pending">{t('mine.pending')}</p>;
  return (
    <p class={`decision outcome-${c.decision.outcome}`}>
      <strong>{t(`outcome.${c.decision.outcome}`)}</strong>
      {c.decision.reason && (
        <>
          {' '}
          · {t('mine.reason')}：{c.decision.reason}
        </>
      )}
      {c.decision.implementedInVersion ? ` · ${t('ver.n', { n: c.decision.implementedInVersion })}` : ''}
    </p>
  );
}

/** Where the comment stands in this version, in words (原位 / 已移位 / 近似定位 with its score / 已转为整条 / 原条款已删除). */
export function AnchorBadge({ a }: { a: Anchor }) {
  const label = t(`anchor.${a.status}`);
  const score = a.status === 'fuzzy' && a.score != null ? t('anchor.score', { pct: Math.round(a.score * 100) }) : '';
  const text = score ? `${label} · ${score}` : label;
  return (
    <span class={`badge anchor anchor-${a.status}`} title={t('anchor.label', { label: text })}>
      <span class="sr-only">{t('anchor.label', { label: '' })}</span>
      {text}
    </span>
  );
}
