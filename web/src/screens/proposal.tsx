import { useState } from 'preact/hooks';
import { api, data, type NewVersion, type Proposal } from '../api';
import { ErrorNote, Loaded, Notice } from '../components/status';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import { DiffBody } from './compare';

/**
 * From the board's selected comments to the next draft: their suggestions applied to this version by the server
 * (POST …/proposals), reviewed as a comparison with it, conflicts set apart, the text edited, then saved as the next
 * draft with `implements` (the comments it carries out, recorded in their decisions).
 */
export function ProposalScreen({
  documentId,
  number,
  commentIds,
}: {
  documentId: string;
  number: number;
  commentIds: string[];
}) {
  const proposal = useLoad(
    () =>
      commentIds.length
        ? data(
            api.POST('/api/documents/{id}/proposals', {
              params: { path: { id: documentId } },
              body: { baseVersion: number, commentIds },
            }),
          )
        : Promise.resolve(null),
    [documentId, number, commentIds.join(',')],
  );
  const doc = useLoad(
    () => data(api.GET('/api/documents/{id}', { params: { path: { id: documentId } } })),
    [documentId],
  );
  return (
    <section class="proposal">
      <p>
        <a href={href('documents', documentId, 'v', number, 'board')}>← {t('back')}</a>
      </p>
      <Loaded load={proposal}>
        {(p) =>
          p ? (
            <Loaded load={doc}>{(d) => <Review p={p} documentId={documentId} next={d.versionCount + 1} />}</Loaded>
          ) : (
            <p>{t('prop.none')}</p>
          )
        }
      </Loaded>
    </section>
  );
}

function Review({ p, documentId, next }: { p: Proposal; documentId: string; next: number }) {
  const [text, setText] = useState(p.text);
  const [carried, setCarried] = useState<Set<string>>(() => new Set(p.applied.map((a) => a.commentId)));
  const [saved, setSaved] = useState<{ number: number; label: string; n: number }>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const toggle = (id: string, on: boolean) =>
    setCarried((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const pathOf = new Map(p.applied.map((a) => [a.commentId, a.clausePath]));
  const save = async (e: Event) => {
    e.preventDefault();
    const field = new FormData(e.currentTarget as HTMLFormElement).get('label');
    const label = typeof field === 'string' ? field.trim() : '';
    setBusy(true);
    setError(undefined);
    try {
      const body: NewVersion = {
        text,
        format: p.format,
        stage: 'drafting',
        basedOn: p.baseVersion.number,
        implements: [...carried],
        ...(label ? { label } : {}),
      };
      const v = await data(api.POST('/api/documents/{id}/versions', { params: { path: { id: documentId } }, body }));
      setSaved({ number: v.number, label: v.label, n: carried.size });
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{t('prop.title', { label: p.baseVersion.label })}</h1>
      <Notice tone="ok">{t('prop.applied', { n: p.applied.length })}</Notice>
      {p.conflicts.length > 0 && (
        <section class="card conflicts" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">{t('prop.conflicts')}</h2>
          {p.conflicts.map((c) => (
            <article key={`${c.clauseKey}:${c.start}`} class="conflict">
              <h3>{t('prop.conflictAt', { path: c.clausePath, quote: c.quote || t('prop.wholeClause') })}</h3>
              <ul>
                {c.suggestions.map((s) => (
                  <li key={s.commentId}>
                    <label class="check">
                      <input
                        type="checkbox"
                        checked={carried.has(s.commentId)}
                        onChange={(e) => toggle(s.commentId, (e.target as HTMLInputElement).checked)}
                      />{' '}
                      {t('prop.suggestion', { kind: t(`kind.${s.kind}`), wording: s.wording ?? t('prop.deletion') })}
                    </label>
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </section>
      )}
      {p.skipped.length > 0 && (
        <section class="card" aria-labelledby="skipped-title">
          <h2 id="skipped-title">{t('prop.skipped')}</h2>
          <ul>
            {p.skipped.map((s) => (
              <li key={s.commentId}>{s.message}</li>
            ))}
          </ul>
        </section>
      )}
      <h2>{t('prop.diff', { label: p.baseVersion.label })}</h2>
      {/* no 本条沿革 links: a clause the candidate adds has no history yet */}
      <DiffBody d={p.diff} />
      {saved ? (
        <Notice tone="ok">
          {t('prop.saved', { label: saved.label, n: saved.n })}{' '}
          <a href={`${href('documents', documentId, 'compare')}?from=${p.baseVersion.number}&to=${saved.number}`}>
            {t('prop.compare')}
          </a>
        </Notice>
      ) : (
        <form class="card stack" onSubmit={save} aria-label={t('prop.save', { n: next })}>
          <label>
            {t('prop.edit')}
            <textarea
              name="text"
              rows={16}
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            />
          </label>
          {p.applied.length > 0 && (
            <fieldset>
              <legend>{t('prop.implements')}</legend>
              {p.applied.map((a) => (
                <label key={a.commentId} class="check">
                  <input
                    type="checkbox"
                    checked={carried.has(a.commentId)}
                    onChange={(e) => toggle(a.commentId, (e.target as HTMLInputElement).checked)}
                  />{' '}
                  {t(`kind.${a.kind}`)} · {pathOf.get(a.commentId)}
                </label>
              ))}
            </fieldset>
          )}
          <label>
            {t('add.label')}
            <input name="label" maxLength={100} placeholder={`第${next}稿`} />
          </label>
          {error && <ErrorNote error={error} />}
          <button type="submit" class="primary" disabled={busy}>
            {t('prop.save', { n: next })}
          </button>
        </form>
      )}
    </>
  );
}
