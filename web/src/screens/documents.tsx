import { useState } from 'preact/hooks';
import { ErrorNote, Loaded } from '../components/status';
import { api, data } from '../api';
import { useLoad } from '../hooks';
import { fmtDate, t } from '../i18n';
import { go, href } from '../router';
import { formText } from '../form';

export function Documents() {
  const load = useLoad(() => data(api.GET('/api/documents')), []);
  const [error, setError] = useState<Error>();
  const create = async (e: Event) => {
    e.preventDefault();
    const title = formText(new FormData(e.currentTarget as HTMLFormElement), 'title').trim();
    if (!title) return;
    try {
      const d = await data(api.POST('/api/documents', { body: { title } }));
      go(href('documents', d.id));
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <section>
      <h1>{t('docs.title')}</h1>
      <form class="inline-form" onSubmit={create}>
        <label>
          {t('docs.name')}
          <input name="title" required maxLength={300} />
        </label>
        <button type="submit" class="primary">
          {t('docs.create')}
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      <Loaded load={load}>
        {(docs) =>
          docs.length === 0 ? (
            <p>{t('docs.none')}</p>
          ) : (
            <ul class="cards">
              {docs.map((d) => (
                <li key={d.id} class="card">
                  <a href={href('documents', d.id)} class="title">
                    {d.title}
                  </a>
                  <p class="meta">
                    {t('docs.versions', { n: d.versionCount })}
                    {d.latestVersion &&
                      ` · ${d.latestVersion.label} · ${t(`stage.${d.latestVersion.stage}`)} · ${fmtDate(d.latestVersion.createdAt)}`}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
