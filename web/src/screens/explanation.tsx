import { useState } from 'preact/hooks';
import { api, data, download, type Explanation, type ExplanationComment } from '../api';
import { ChangeView } from '../components/diff-change';
import { VersionPair } from '../components/version-pair';
import { ErrorNote, Loaded } from '../components/status';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';

/**
 * 修改说明 (drafting group): pick two versions; the summary sentence, every change with the adopted comments behind
 * it (and the version notes that name it), then the reverse check — adopted comments whose clause did not change
 * where the decision says, and changes nothing explains. Downloads the .docx for the standing committee.
 */
export function ExplanationScreen({ documentId, from, to }: { documentId: string; from: number; to: number }) {
  const versions = useLoad(
    () => data(api.GET('/api/documents/{id}/versions', { params: { path: { id: documentId } } })),
    [documentId],
  );
  const ready = from > 0 && to > from;
  const load = useLoad(
    () =>
      ready
        ? (data(
            api.GET('/api/documents/{id}/explanation', { params: { path: { id: documentId }, query: { from, to } } }),
          ) as Promise<Explanation>)
        : Promise.resolve(null),
    [documentId, from, to],
  );
  const [error, setError] = useState<Error>();
  return (
    <section class="explanation">
      <p>
        <a href={href('documents', documentId)}>← {t('back')}</a>
      </p>
      <h1>{t('expl.title')}</h1>
      <Loaded load={versions}>
        {(vs) => (
          <VersionPair
            documentId={documentId}
            screen="explanation"
            versions={vs}
            from={from}
            to={to}
            run={t('expl.run')}
            fallback={{ from: vs[Math.max(0, vs.length - 2)]?.number, to: vs[vs.length - 1]?.number }}
          >
            {ready && (
              <button
                type="button"
                onClick={() =>
                  download(
                    '/api/documents/{id}/explanation',
                    { path: { id: documentId }, query: { from, to, format: 'docx' } },
                    '修改说明.docx',
                  ).catch(setError)
                }
              >
                {t('expl.docx')}
              </button>
            )}
            {ready && (
              <a href={`${href('documents', documentId, 'compare')}?from=${from}&to=${to}`}>{t('expl.compare')}</a>
            )}
          </VersionPair>
        )}
      </Loaded>
      {!ready && from > 0 && to > 0 && <p role="alert">{t('expl.order')}</p>}
      {error && <ErrorNote error={error} />}
      <Loaded load={load}>{(e) => e && <Body e={e} documentId={documentId} />}</Loaded>
    </section>
  );
}

function Body({ e, documentId }: { e: Explanation; documentId: string }) {
  const mode = innerWidth < 720 ? 'inline' : 'side';
  const rows = e.changes.filter((c) => c.type !== 'renumbered' && c.type !== 'references');
  const flagged = e.check.adoptedNotCarriedOut;
  return (
    <>
      <p class="sentence">
        <strong>{t('expl.sentence', { from: e.from.label, to: e.to.label })}</strong>
        {e.sentence}
      </p>
      {e.versions.some((v) => v.note) && (
        <details>
          <summary>{t('expl.notes')}</summary>
          <ul>
            {e.versions
              .filter((v) => v.note)
              .map((v) => (
                <li key={v.number}>
                  <strong>{v.label}</strong>：{v.note}
                </li>
              ))}
          </ul>
        </details>
      )}
      <section aria-labelledby="expl-check" class="card check">
        <h2 id="expl-check">{t('expl.check')}</h2>
        <h3>{t('expl.notCarried', { n: flagged.length })}</h3>
        {flagged.length ? (
          <ul class="history-comments">
            {flagged.map((x) => (
              <li key={x.comment.id}>
                <Comment c={x.comment} />
                <p class="warn">{t(`expl.reason.${x.reason}`)}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="meta">{t('expl.allCarried')}</p>
        )}
        <h3>{t('expl.unexplained', { n: e.check.unexplained.length })}</h3>
        {e.check.unexplained.length ? (
          <ul>
            {e.check.unexplained.map((u) => (
              <li key={u.index}>
                <a href={`#expl-${u.index}`}>{u.title}</a>{' '}
                <span class={`badge type-${u.type}`}>{t(`type.${u.type}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="meta">{t('expl.allExplained')}</p>
        )}
      </section>
      <h2>{t('expl.changes', { n: rows.length })}</h2>
      <ol class="explanation-changes">
        {rows.map((c) => (
          <li key={c.index} id={`expl-${c.index}`} class={c.explained ? '' : 'unexplained'}>
            <ChangeView c={c} index={c.index} mode={mode} current={false} documentId={documentId} />
            <p class="meta">{c.note}</p>
            {c.comments.length > 0 && (
              <div class="behind">
                <h3>{t('expl.behind', { n: c.comments.length })}</h3>
                <ul class="history-comments">
                  {c.comments.map((x) => (
                    <li key={x.id}>
                      <Comment c={x} />
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {c.notes.map((n) => (
              <p key={n.number} class="note">
                {t('expl.noteOf', { label: n.label })}
                {n.note}
              </p>
            ))}
            {!c.explained && <p class="warn">{t('expl.noBasis')}</p>}
          </li>
        ))}
      </ol>
      {[e.renumberedNote, e.referencesNote].filter(Boolean).map((n) => (
        <p key={n!} class="meta">
          {n}
        </p>
      ))}
    </>
  );
}

function Comment({ c }: { c: ExplanationComment }) {
  return (
    <>
      <span class={`badge kind-${c.kind}`}>{t(`kind.${c.kind}`)}</span> {c.author.displayName}
      {c.group ? ` · ${c.group.name}` : ''} · {c.versionLabel}
      <p class="body">
        {c.body}
        {c.suggestion ? ` ${t('expl.suggestion', { s: c.suggestion })}` : ''}
      </p>
      <p>
        <strong>{t(`outcome.${c.decision.outcome}`)}</strong>（{c.decision.implementedInLabel}）· {c.decision.reason}
      </p>
    </>
  );
}
