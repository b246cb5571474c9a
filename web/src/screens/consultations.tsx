import { useState } from 'preact/hooks';
import { api, consultationsOf, data, download } from '../api';
import { ErrorNote, Loaded } from '../components/status';
import { useLoad, useNow } from '../hooks';
import { fmtDate, t } from '../i18n';
import type { Consultation, VersionMeta } from '../api';
import { formText } from '../form';

const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

/** Open and close consultations on a document's versions; who has not commented yet, by group. */
export function Consultations({ documentId, versions }: { documentId: string; versions: VersionMeta[] }) {
  const list = useLoad(() => consultationsOf(documentId), [documentId]);
  const groups = useLoad(() => data(api.GET('/api/groups')), []);
  const [error, setError] = useState<Error | string>();
  const [audience, setAudience] = useState<'all' | 'groups'>('all');
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const chosen = f.getAll('group').map(String);
    setError(undefined);
    try {
      await api.POST('/api/documents/{id}/consultations', {
        params: { path: { id: documentId } },
        body: {
          versionNumber: Number(f.get('version')),
          opensAt: new Date(formText(f, 'opensAt')).toISOString(),
          closesAt: new Date(formText(f, 'closesAt')).toISOString(),
          audience: audience === 'all' ? 'all' : chosen,
          visibility: formText(f, 'visibility') as Consultation['visibility'],
        },
      });
      list.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const now = new Date();
  return (
    <section class="card stack" aria-labelledby="cons-title">
      <h2 id="cons-title">{t('cons.title')}</h2>
      <Loaded load={list}>
        {(cs) =>
          cs.length === 0 ? (
            <p>{t('cons.none')}</p>
          ) : (
            <ul class="plain">
              {cs.map((c) => (
                <Item key={c.id} c={c} onChange={list.reload} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <form class="stack" onSubmit={submit}>
        <h3>{t('cons.open')}</h3>
        <label>
          {t('cons.version')}
          <select name="version">
            {[...versions].reverse().map((v) => (
              <option key={v.number} value={v.number}>
                {t('ver.labelled', { label: v.label, n: v.number })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cons.opensAt')}
          <input name="opensAt" type="datetime-local" required value={local(now)} />
        </label>
        <label>
          {t('cons.closesAt')}
          <input
            name="closesAt"
            type="datetime-local"
            required
            value={local(new Date(now.getTime() + 14 * 86400000))}
          />
        </label>
        <fieldset>
          <legend>{t('cons.audience')}</legend>
          <label class="check">
            <input type="radio" name="aud" checked={audience === 'all'} onChange={() => setAudience('all')} />{' '}
            {t('cons.all')}
          </label>
          <label class="check">
            <input type="radio" name="aud" checked={audience === 'groups'} onChange={() => setAudience('groups')} />{' '}
            {t('cons.groups')}
          </label>
          {audience === 'groups' &&
            groups.data?.map((g) => (
              <label class="check" key={g.id}>
                <input type="checkbox" name="group" value={g.id} /> {g.name}
              </label>
            ))}
        </fieldset>
        <label>
          {t('cons.visibility')}
          <select name="visibility">
            <option value="drafters">{t('cons.vis.drafters')}</option>
            <option value="participants">{t('cons.vis.participants')}</option>
          </select>
        </label>
        {error && <ErrorNote error={error} />}
        <button type="submit" class="primary">
          {t('cons.open')}
        </button>
      </form>
    </section>
  );
}

function Item({ c, onChange }: { c: Consultation; onChange: () => void }) {
  const pending = useLoad(
    () => data(api.GET('/api/consultations/{id}/pending', { params: { path: { id: c.id } } })),
    [c.id],
  );
  const [error, setError] = useState<Error>();
  const now = useNow(c);
  const status = c.open ? 'open' : Date.parse(c.closesAt) <= now ? 'closed' : 'scheduled';
  const act = (fn: () => Promise<unknown>) => fn().then(onChange, setError);
  return (
    <li class="consultation" data-consultation={c.id}>
      <p>
        <strong>{c.title}</strong> <span class={`badge status-${status}`}>{t(`cons.status.${status}`)}</span>
      </p>
      <p class="meta">
        {t('ver.n', { n: c.versionNumber })} · {fmtDate(c.opensAt)} – {fmtDate(c.closesAt)} ·{' '}
        {t(`cons.vis.${c.visibility}`)}
      </p>
      <div class="actions">
        {status !== 'closed' && (
          <button
            type="button"
            onClick={() => act(() => api.POST('/api/consultations/{id}/close', { params: { path: { id: c.id } } }))}
          >
            {t('cons.close')}
          </button>
        )}
        {(['docx', 'xlsx', 'csv'] as const).map((f) => (
          <button
            key={f}
            type="button"
            onClick={() =>
              act(() =>
                download(
                  '/api/consultations/{id}/report',
                  { path: { id: c.id }, query: { format: f } },
                  `意见采纳情况汇总表.${f}`,
                ),
              )
            }
          >
            {t('cons.report')} ({f.toUpperCase()})
          </button>
        ))}
      </div>
      {error && <ErrorNote error={error} />}
      <Loaded load={pending}>
        {(gs) => {
          const open = gs.filter((g) => g.pending.length);
          return open.length === 0 ? (
            <p class="meta">{t('cons.allDone')}</p>
          ) : (
            <details>
              <summary>
                {t('cons.silent')} ({open.reduce((n, g) => n + g.pending.length, 0)})
              </summary>
              <ul>
                {open.map((g) => (
                  <li key={g.group.id}>
                    {g.group.name}（{g.commented}/{g.delegates}）：{g.pending.map((p) => p.displayName).join('、')}
                  </li>
                ))}
              </ul>
            </details>
          );
        }}
      </Loaded>
    </li>
  );
}
