import { CommentItem } from '../components/comment-item';
import { Loaded } from '../components/status';
import { Api } from '../endpoints';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import type { Comment } from '../types';

/** A delegate's comments: where each now sits in the latest version, the decision with its reason, and replies. */
export function MyComments() {
  const load = useLoad(async () => {
    const [cs, docs] = await Promise.all([Api.myComments(), Api.documents().catch(() => [])]);
    const titles = new Map(docs.map((d) => [d.id, d.title]));
    return cs.map((c) => ({ c, title: titles.get(c.documentId) ?? '' }));
  }, []);
  return (
    <section>
      <h1>{t('mine.title')}</h1>
      <Loaded load={load}>
        {(cs) => (cs.length === 0 ? <p>{t('mine.none')}</p> : <div class="cards">{cs.map(({ c, title }) => <Mine key={c.id} c={c} title={title} />)}</div>)}
      </Loaded>
    </section>
  );
}

function Mine({ c, title }: { c: Comment; title: string }) {
  const now = c.latest;
  const where = !now?.status ? null : now.status === 'orphaned' ? t('mine.removed') : `${now.label ?? ''} ${now.clauseLabel ?? ''} · ${t(`anchor.${now.status}`)}`;
  return (
    <div class="card">
      <p class="meta"><a href={href('documents', c.documentId, 'v', c.versionNumber, 'read')}>{title || t('timeline.read')}</a></p>
      {where && <p class={`where ${now?.status === 'orphaned' ? 'orphaned' : ''}`}>{t('mine.now', { where })}</p>}
      <CommentItem c={c} />
    </div>
  );
}
