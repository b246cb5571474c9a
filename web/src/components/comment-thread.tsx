import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, data } from '../api';
import { fmtDate, t } from '../i18n';
import type { Comment, CommentDetail, Revision } from '../api';
import { ErrorNote, Spinner } from './status';

export interface Detail {
  detail?: CommentDetail;
  error?: Error;
  reload: () => void;
}

/** GET /api/comments/:id, loaded only while `open` (and again on reload, e.g. after a reply or an edit). */
export function useCommentDetail(id: string, open: boolean): Detail {
  const [state, setState] = useState<{ detail?: CommentDetail; error?: Error }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!open) return;
    let live = true;
    data(api.GET('/api/comments/{id}', { params: { path: { id } } })).then(
      (detail) => live && setState({ detail }),
      (error: Error) => live && setState((s) => ({ detail: s.detail, error })),
    );
    return () => void (live = false);
  }, [id, open, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

type Wording = { kind: string; body: string; suggestion?: string | null };
const same = (a: Wording, b: Wording) =>
  a.kind === b.kind && a.body === b.body && (a.suggestion ?? '') === (b.suggestion ?? '');

/** Earlier wordings, oldest first, without repeats (a withdrawal keeps the last wording, which is the current one). */
export function earlierWordings(c: Comment, history: Revision[]): Revision[] {
  const out: Revision[] = [];
  for (const h of history) if (!same(h, c) && !(out.length && same(out[out.length - 1], h))) out.push(h);
  return out;
}

export function History({ c, history }: { c: Comment; history: Revision[] }) {
  const list = earlierWordings(c, history);
  if (!list.length) return null;
  return (
    <section class="history" aria-label={t('own.historyTitle')}>
      <h3 class="meta">{t('own.historyTitle')}</h3>
      <ol>
        {list.map((h) => (
          <li key={h.revision}>
            <span class="meta">
              {t('own.replaced', { when: fmtDate(h.replacedAt) })} · {t(`kind.${h.kind}`)}
            </span>
            <p class="body">{h.body}</p>
            {h.suggestion && (
              <p class="suggestion">
                {t('form.suggestion')}：{h.suggestion}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The whole thread of a comment as the drafting group reads it: replies, every decision, and earlier wordings. */
export function Thread({ c, d }: { c: Comment; d: Detail }) {
  if (d.error && !d.detail) return <ErrorNote error={d.error} onRetry={d.reload} />;
  if (!d.detail) return <Spinner />;
  const { replies, decisions, history } = d.detail;
  return (
    <div class="thread">
      {replies.length === 0 ? (
        <p class="meta">{t('thread.none')}</p>
      ) : (
        <ul class="replies" aria-label={t('mine.replies')}>
          {replies.map((r) => (
            <li key={r.id}>
              <span class="meta">
                {t('thread.by', { who: r.author?.displayName ?? '', when: fmtDate(r.createdAt) })}
              </span>{' '}
              {r.body}
            </li>
          ))}
        </ul>
      )}
      {decisions.length > 1 && (
        <section aria-label={t('thread.decisions')}>
          <h3 class="meta">{t('thread.decisions')}</h3>
          <ol>
            {decisions.map((x, i) => (
              <li key={i}>
                {t(`outcome.${x.outcome}`)} · {x.reason}{' '}
                <span class="meta">
                  {t('thread.by', { who: x.decidedBy?.displayName ?? '', when: fmtDate(x.decidedAt) })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <History c={c} history={history} />
    </div>
  );
}
