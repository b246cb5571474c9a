import { Loaded, Notice } from '../components/status';
import { api, consultationsOf, data } from '../api';
import { useLoad, useNow } from '../hooks';
import { fmtDate, t } from '../i18n';
import { href } from '../router';
import type { Consultation, DocumentView } from '../api';

/** A delegate's start page: the versions released to them, each with its window. */
export function Drafts() {
  const load = useLoad(async () => {
    const docs = await data(api.GET('/api/documents'));
    const lists = await Promise.all(docs.map((d) => consultationsOf(d.id).catch(() => [] as Consultation[])));
    return docs.flatMap((d, i) => lists[i].map((c) => ({ d, c })));
  }, []);
  return (
    <section>
      <h1>{t('drafts.title')}</h1>
      <Loaded load={load}>
        {(rows) =>
          rows.length === 0 ? (
            <p>{t('drafts.none')}</p>
          ) : (
            <ul class="cards">
              {rows.map((r) => (
                <Row key={r.c.id} {...r} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function Row({ d, c }: { d: DocumentView; c: Consultation }) {
  const now = useNow(c);
  const closed = !c.open && Date.parse(c.closesAt) <= now;
  const notYet = !c.open && !closed;
  return (
    <li class="card" data-consultation={c.id}>
      <a class="title" href={href('documents', d.id, 'v', c.versionNumber, 'read')}>
        {d.title}
      </a>
      <p class="meta">{c.title}</p>
      {c.open && (
        <p class="deadline">
          <strong>{t('drafts.deadline', { date: fmtDate(c.closesAt) })}</strong>
        </p>
      )}
      {closed && <Notice tone="warn">{t('window.closed', { date: fmtDate(c.closesAt) })}</Notice>}
      {notYet && <Notice tone="warn">{t('window.notyet', { date: fmtDate(c.opensAt) })}</Notice>}
      <a class="button" href={href('documents', d.id, 'v', c.versionNumber, 'read')}>
        {t('drafts.read')}
      </a>
    </li>
  );
}
