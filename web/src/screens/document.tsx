import { JobProgress } from '../components/job-progress';
import { Loaded } from '../components/status';
import { api, data } from '../api';
import { useLoad } from '../hooks';
import { fmtDate, t } from '../i18n';
import { useLiveReload } from '../live';
import { href } from '../router';
import type { VersionMeta } from '../api';
import { AddVersion } from './add-version';
import { Consultations } from './consultations';

/** A document's version timeline, newest first, with what a drafter does next on each version. */
export function DocumentPage({ documentId }: { documentId: string }) {
  const doc = useLoad(
    () => data(api.GET('/api/documents/{id}', { params: { path: { id: documentId } } })),
    [documentId],
  );
  const versions = useLoad(
    () => data(api.GET('/api/documents/{id}/versions', { params: { path: { id: documentId } } })),
    [documentId],
  );
  // versions added, consultations opened and background work, by anyone on any instance
  useLiveReload(
    documentId,
    (e) =>
      e.kind === 'version.created' ||
      e.kind.startsWith('consultation.') ||
      (e.kind === 'job.progress' && e.status !== 'running'),
    versions.reload,
  );
  return (
    <section>
      <p>
        <a href={href('documents')}>← {t('docs.title')}</a>
      </p>
      <Loaded load={doc}>{(d) => <h1>{d.title}</h1>}</Loaded>
      <div class="columns">
        <div>
          <h2>{t('timeline.title')}</h2>
          <JobProgress documentId={documentId} refresh={versions.data} />
          <Loaded load={versions}>
            {(vs) => (
              <ol class="timeline" reversed>
                {[...vs].reverse().map((v) => (
                  <VersionItem key={v.id} v={v} documentId={documentId} />
                ))}
              </ol>
            )}
          </Loaded>
        </div>
        <div>
          <AddVersion documentId={documentId} onAdded={versions.reload} />
          {versions.data && <Consultations documentId={documentId} versions={versions.data} />}
        </div>
      </div>
    </section>
  );
}

function VersionItem({ v, documentId }: { v: VersionMeta; documentId: string }) {
  return (
    <li class="card version" data-version={v.number}>
      <div class="row">
        <strong>{v.label}</strong>
        <span class={`badge stage-${v.stage}`}>{t(`stage.${v.stage}`)}</span>
        <span class="meta">
          {t('ver.n', { n: v.number })}
          {v.basedOn ? ` · ${t('timeline.basedOn', { n: v.basedOn })}` : ''}
        </span>
      </div>
      <p class="meta">
        {t('timeline.by', { who: v.author.displayName, when: fmtDate(v.createdAt) })} ·{' '}
        {t('reader.clauses', { n: v.clauseCount })}
      </p>
      {v.note && <p class="note">{v.note}</p>}
      <div class="actions">
        <a href={href('documents', documentId, 'v', v.number, 'read')}>{t('timeline.read')}</a>
        {v.basedOn && (
          <a href={`${href('documents', documentId, 'compare')}?from=${v.basedOn}&to=${v.number}`}>
            {t('timeline.compare')}
          </a>
        )}
        {v.basedOn && <a href={href('documents', documentId, 'v', v.number, 'alignment')}>{t('timeline.alignment')}</a>}
        {v.basedOn && (
          <a href={`${href('documents', documentId, 'explanation')}?from=${v.basedOn}&to=${v.number}`}>
            {t('timeline.explain')}
          </a>
        )}
        <a href={href('documents', documentId, 'v', v.number, 'board')}>{t('timeline.board')}</a>
      </div>
    </li>
  );
}
