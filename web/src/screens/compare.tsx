import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, data, download } from '../api';
import { CHANGE_ORDER } from '../clauses';
import { ChangeView } from '../components/diff-change';
import { VersionPair } from '../components/version-pair';
import { ErrorNote, Loaded, ProgressBar, Spinner } from '../components/status';
import { useChunked, useLoad } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import { isDrafter, useSession } from '../session';
import type { DiffResult } from '../api';

/** Compare any two versions: summary counts, side by side or inline, next/previous change, the comparison table. */
export function Compare({ documentId, from, to }: { documentId: string; from: number; to: number }) {
  const versions = useLoad(
    () => data(api.GET('/api/documents/{id}/versions', { params: { path: { id: documentId } } })),
    [documentId],
  );
  const diff = useLoad(
    () =>
      from && to
        ? (data(
            api.GET('/api/documents/{id}/diff', {
              params: { path: { id: documentId }, query: { from, to, format: 'json' } },
            }),
          ) as Promise<DiffResult>)
        : Promise.resolve(null),
    [documentId, from, to],
  );
  const [error, setError] = useState<Error>();
  const { user } = useSession();
  return (
    <section class="compare">
      <p>
        <a href={href('documents', documentId)}>← {t('back')}</a>
      </p>
      <h1>{t('cmp.title')}</h1>
      <Loaded load={versions}>
        {(vs) => (
          <VersionPair documentId={documentId} screen="compare" versions={vs} from={from} to={to} run={t('cmp.run')}>
            {from > 0 && to > 0 && (
              <button
                type="button"
                onClick={() =>
                  download(
                    '/api/documents/{id}/diff',
                    { path: { id: documentId }, query: { from, to, format: 'docx' } },
                    '修改前后对照表.docx',
                  ).catch(setError)
                }
              >
                {t('cmp.docx')}
              </button>
            )}
            {from > 0 && to > 0 && from !== to && (
              <button
                type="button"
                onClick={() =>
                  download(
                    '/api/documents/{id}/diff',
                    { path: { id: documentId }, query: { from, to, format: 'docx-revisions' } },
                    '修订稿.docx',
                  ).catch(setError)
                }
              >
                {t('cmp.revisions')}
              </button>
            )}
            {from > 0 && to > from && isDrafter(user) && (
              <a href={`${href('documents', documentId, 'explanation')}?from=${from}&to=${to}`}>
                {t('timeline.explain')}
              </a>
            )}
          </VersionPair>
        )}
      </Loaded>
      {error && <ErrorNote error={error} />}
      {diff.loading ? (
        <Spinner label={t('cmp.busy')} />
      ) : diff.error ? (
        <ErrorNote error={diff.error} onRetry={diff.reload} />
      ) : (
        diff.data && <DiffBody d={diff.data} documentId={documentId} />
      )}
    </section>
  );
}

/** Summary, toolbar and changes of a comparison (also a proposal's candidate against its base). */
export function DiffBody({ d, documentId }: { d: Pick<DiffResult, 'summary' | 'changes'>; documentId?: string }) {
  const changes = useMemo(() => d.changes.filter((c) => c.type !== 'unchanged'), [d]);
  const [mode, setMode] = useState<'side' | 'inline'>(() => (innerWidth < 720 ? 'inline' : 'side'));
  const [shown, ensure] = useChunked(changes.length, 40, 80);
  const [cur, setCur] = useState(-1);
  useEffect(() => {
    if (cur < 0) return;
    const el = document.getElementById(`chg-${cur}`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    }
  }, [cur, shown]);
  const move = (delta: number) => {
    const next = Math.max(0, Math.min(changes.length - 1, cur + delta));
    ensure(next + 10);
    setCur(next);
  };
  return (
    <>
      <ul class="summary" aria-label={t('cmp.summary')}>
        {CHANGE_ORDER.filter((k) => d.summary[k]).map((k) => (
          <li key={k} class={`badge type-${k}`}>
            {t(`type.${k}`)} <strong>{d.summary[k]}</strong>
          </li>
        ))}
      </ul>
      {changes.length === 0 ? (
        <p>{t('cmp.none')}</p>
      ) : (
        <div class="toolbar" role="toolbar">
          <button type="button" aria-pressed={mode === 'side'} onClick={() => setMode('side')}>
            {t('cmp.side')}
          </button>
          <button type="button" aria-pressed={mode === 'inline'} onClick={() => setMode('inline')}>
            {t('cmp.inline')}
          </button>
          <button type="button" onClick={() => move(-1)} disabled={cur <= 0}>
            ↑ {t('cmp.prev')}
          </button>
          <button type="button" onClick={() => move(1)} disabled={cur >= changes.length - 1}>
            ↓ {t('cmp.next')}
          </button>
          <span class="meta" aria-live="polite">
            {cur >= 0 ? t('cmp.pos', { i: cur + 1, n: changes.length }) : ''}
          </span>
        </div>
      )}
      {shown < changes.length && (
        <ProgressBar
          done={shown}
          total={changes.length}
          label={t('cmp.rendering', { done: shown, total: changes.length })}
        />
      )}
      <div class={`changes mode-${mode}`}>
        {changes.slice(0, shown).map((c, i) => (
          <ChangeView key={i} c={c} index={i} mode={mode} current={i === cur} documentId={documentId} />
        ))}
      </div>
    </>
  );
}
