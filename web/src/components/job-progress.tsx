import { useEffect, useState } from 'preact/hooks';
import { api, data } from '../api';
import { t } from '../i18n';
import type { JobView } from '../api';
import { Notice, ProgressBar } from './status';

/**
 * Shows background work on a document while it runs — carrying many comments into a new version — polling once a
 * second, and says when it is done. `refresh` changes when a version was just added, to look again at once.
 */
export function JobProgress({ documentId, refresh }: { documentId: string; refresh: unknown }) {
  const [jobs, setJobs] = useState<JobView[]>([]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const list = await data(api.GET('/api/jobs', { params: { query: { documentId } } }));
        if (stopped) return;
        setJobs(list);
        if (list.some((j) => j.status === 'queued' || j.status === 'running'))
          timer = setTimeout(() => void poll(), 1000); // poll catches its own failures
      } catch {
        /* the timeline still works without progress */
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [documentId, refresh]);
  return (
    <>
      {jobs.map((j) =>
        j.status === 'queued' || j.status === 'running' ? (
          <ProgressBar
            key={j.id}
            done={j.done}
            total={Math.max(j.total, 1)}
            label={t('job.carrying', { n: j.versionNumber ?? '?', done: j.done, total: j.total })}
          />
        ) : (
          <Notice key={j.id} tone={j.status === 'done' ? 'ok' : 'warn'}>
            {t(j.status === 'done' ? 'job.done' : 'job.failed', { n: j.versionNumber ?? '?', total: j.total })}
          </Notice>
        ),
      )}
    </>
  );
}
