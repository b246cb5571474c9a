import { useMemo, useState } from 'preact/hooks';
import { flatten, titled } from '../clauses';
import { DecideBar } from '../components/decide-bar';
import { BoardComment } from '../components/board-comment';
import { Loaded } from '../components/status';
import { allComments, api, data, versionOf } from '../api';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { useLiveReload } from '../live';
import { go, href } from '../router';
import type { ClauseNode, Comment, CommentKind, Group } from '../api';

/** The drafting group's comment board for one version: by clause, filters, near-identical comments grouped, bulk decisions. */
export function Board({ documentId, number }: { documentId: string; number: number }) {
  const [filter, setFilter] = useState<Record<string, string>>({});
  const version = useLoad(() => versionOf(documentId, number), [documentId, number]);
  const groups = useLoad(() => data(api.GET('/api/groups')).catch(() => [] as Group[]), []);
  // The comments, and the server's grouping of near-identical ones (one grouping for the whole app: engine/similar.ts).
  const comments = useLoad(async () => {
    const [list, similar] = await Promise.all([
      allComments(documentId, number, {
        kind: filter.kind as CommentKind | undefined,
        group: filter.group,
        status: 'open',
      }),
      data(
        api.GET('/api/documents/{id}/versions/{number}/comments/similar', {
          params: { path: { id: documentId, number } },
        }),
      ),
    ]);
    const groupOf = new Map(similar.flatMap((g) => g.commentIds.map((id) => [id, g.groupId] as const)));
    return list.map((c) => ({ ...c, similarGroup: groupOf.get(c.id) ?? c.id }));
  }, [documentId, number, filter.kind, filter.group]);
  // new, edited, withdrawn and decided comments and replies appear without a reload
  useLiveReload(documentId, (e) => e.kind.startsWith('comment.'), comments.reload);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      ids.forEach((id) => (on ? n.add(id) : n.delete(id)));
      return n;
    });
  const set = (k: string) => (e: Event) => setFilter({ ...filter, [k]: (e.target as HTMLSelectElement).value });
  const select = (k: string, opts: [string, string][]) => (
    <label>
      {t(
        k === 'kind' ? 'form.kind' : k === 'status' ? 'board.status' : k === 'group' ? 'board.group' : 'board.decision',
      )}
      <select value={filter[k] ?? ''} onChange={set(k)}>
        <option value="">{t('board.all')}</option>
        {opts.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section class="board">
      <p>
        <a href={href('documents', documentId)}>← {t('back')}</a>
      </p>
      <h1>{t('board.title', { label: version.data?.label ?? t('ver.n', { n: number }) })}</h1>
      <form class="inline-form filters" aria-label={t('board.filters')} onSubmit={(e) => e.preventDefault()}>
        {select(
          'kind',
          (['amend', 'add', 'delete', 'remark'] as const).map((k) => [k, t(`kind.${k}`)]),
        )}
        {select('decision', [
          ['none', t('outcome.none')],
          ...(['adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'under_study'] as const).map(
            (k): [string, string] => [k, t(`outcome.${k}`)],
          ),
        ])}
        {select(
          'group',
          (groups.data ?? []).map((g) => [g.id, g.name]),
        )}
        {select(
          'status',
          (['exact', 'shifted', 'fuzzy', 'clause', 'orphaned'] as const).map((k) => [k, t(`anchor.${k}`)]),
        )}
      </form>
      <DecideBar
        ids={[...selected]}
        versionNumber={number}
        onDone={() => (setSelected(new Set()), comments.reload())}
      />
      <p class="actions">
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() =>
            go(`${href('documents', documentId, 'v', number, 'proposal')}?comments=${[...selected].join(',')}`)
          }
        >
          {t('prop.generate')}
        </button>
      </p>
      <Loaded load={comments}>
        {(cs) => (
          <Loaded load={version}>
            {(v) => (
              <ByClause
                documentId={documentId}
                comments={cs.filter(
                  (c) =>
                    (!filter.decision || (c.decision?.outcome ?? 'none') === filter.decision) &&
                    (!filter.status || c.anchor?.status === filter.status),
                )}
                clauses={flatten(v.clauses).map((f) => f.node)}
                selected={selected}
                toggle={toggle}
                onChange={comments.reload}
              />
            )}
          </Loaded>
        )}
      </Loaded>
    </section>
  );
}

type BoardItem = Comment & { similarGroup: string };

function ByClause(props: {
  documentId: string;
  comments: BoardItem[];
  clauses: ClauseNode[];
  selected: Set<string>;
  toggle: (ids: string[], on: boolean) => void;
  onChange: () => void;
}) {
  const groups = useMemo(() => {
    const byKey = new Map<string, BoardItem[]>();
    for (const c of props.comments) {
      const k = c.anchor?.status === 'orphaned' ? '__orphaned' : (c.anchor?.clauseKey ?? c.clauseKey);
      byKey.set(k, [...(byKey.get(k) ?? []), c]);
    }
    const ordered = props.clauses
      .filter((n) => byKey.has(n.key))
      .map((n) => ({ key: n.key, title: titled(n, 40), items: byKey.get(n.key)! }));
    const known = new Set(ordered.map((g) => g.key));
    const rest = [...byKey.entries()].filter(([k]) => !known.has(k)).flatMap(([, v]) => v);
    if (rest.length) ordered.push({ key: '__orphaned', title: t('anchor.orphaned'), items: rest });
    return ordered;
  }, [props.comments, props.clauses]);
  const max = Math.max(1, ...groups.map((g) => g.items.length));
  if (!groups.length) return <p>{t('board.none')}</p>;
  return (
    <div class="by-clause">
      {groups.map((g) => {
        const similar = new Map<string, BoardItem[]>();
        for (const c of g.items) similar.set(c.similarGroup, [...(similar.get(c.similarGroup) ?? []), c]);
        const ids = g.items.map((c) => c.id);
        return (
          <section key={g.key} class="card clause-group" data-key={g.key}>
            <header class="row">
              <h2>{g.title}</h2>
              <span
                class="heat"
                style={{ '--heat': g.items.length / max }}
                aria-label={t('reader.comments', { n: g.items.length })}
              >
                {g.items.length}
              </span>
              <label class="check">
                <input
                  type="checkbox"
                  checked={ids.every((id) => props.selected.has(id))}
                  onChange={(e) => props.toggle(ids, (e.target as HTMLInputElement).checked)}
                />{' '}
                {t('board.selectAll')}
              </label>
              {g.key !== '__orphaned' && (
                <a href={href('documents', props.documentId, 'clauses', g.key, 'history')}>{t('hist.link')}</a>
              )}
            </header>
            {[...similar.values()].map((list) => (
              <div key={list[0].id} class={list.length > 1 ? 'similar' : ''}>
                {list.length > 1 && <p class="meta">{t('board.similar', { n: list.length })}</p>}
                {list.map((c) => (
                  <BoardComment
                    key={c.id}
                    c={c}
                    checked={props.selected.has(c.id)}
                    onCheck={(on) => props.toggle([c.id], on)}
                    onChange={props.onChange}
                  />
                ))}
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
