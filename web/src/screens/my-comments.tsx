import { CommentItem } from '../components/comment-item';
import { OwnComment } from '../components/own-comment';
import { Loaded } from '../components/status';
import { api, consultationsOf, data } from '../api';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { clearUnseen, useLiveReload } from '../live';
import { useEffect } from 'preact/hooks';
import { href } from '../router';
import type { Comment, Consultation } from '../api';

/** A delegate's comments: where each now sits in the latest version, the decision with its reason, and replies. */
export function MyComments() {
  const load = useLoad(async () => {
    const [cs, docs] = await Promise.all([
      data(api.GET('/api/me/comments')),
      data(api.GET('/api/documents')).catch(() => []),
    ]);
    const titles = new Map(docs.map((d) => [d.id, d.title]));
    // Whether each comment's window is open now decides whether it may still be edited or withdrawn.
    const ids = [...new Set(cs.map((c) => c.documentId))];
    const lists = await Promise.all(ids.map((id) => consultationsOf(id).catch(() => [] as Consultation[])));
    const open = new Set(
      lists
        .flat()
        .filter((k) => k.open)
        .map((k) => k.id),
    );
    return cs.map((c) => ({
      c,
      title: titles.get(c.documentId) ?? '',
      editable: !!c.consultationId && open.has(c.consultationId),
    }));
  }, []);
  useEffect(clearUnseen, [load.data]);
  const docs = [...new Set((load.data ?? []).map((x) => x.c.documentId))];
  return (
    <section>
      {docs.map((id) => (
        <Follow key={id} documentId={id} reload={load.reload} />
      ))}
      <h1>{t('mine.title')}</h1>
      <Loaded load={load}>
        {(cs) =>
          cs.length === 0 ? (
            <p>{t('mine.none')}</p>
          ) : (
            <div class="cards">
              {cs.map((x) => (
                <Mine key={x.c.id} {...x} onChanged={load.reload} />
              ))}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

/** Follows one document's events: a decision, a reply or an edit on one of these comments reloads the list. */
function Follow({ documentId, reload }: { documentId: string; reload: () => void }) {
  useLiveReload(documentId, (e) => e.kind.startsWith('comment.'), reload);
  return null;
}

function Mine({
  c,
  title,
  editable,
  onChanged,
}: {
  c: Comment;
  title: string;
  editable: boolean;
  onChanged: () => void;
}) {
  const now = c.latest;
  const where = !now?.status
    ? null
    : now.status === 'orphaned'
      ? t('mine.removed')
      : `${now.label ?? ''} ${now.clausePath ?? now.clauseLabel ?? ''} · ${t(`anchor.${now.status}`)}`;
  return (
    <div class="card">
      <p class="meta">
        <a href={href('documents', c.documentId, 'v', c.versionNumber, 'read')}>{title || t('timeline.read')}</a>
      </p>
      {where && <p class={`where ${now?.status === 'orphaned' ? 'orphaned' : ''}`}>{t('mine.now', { where })}</p>}
      <CommentItem c={c}>
        <OwnComment c={c} editable={editable} onChanged={onChanged} />
      </CommentItem>
    </div>
  );
}
