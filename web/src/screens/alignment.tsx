import { useMemo, useState } from 'preact/hooks';
import { flatten, titled } from '../clauses';
import { ErrorNote, Loaded, Notice, ProgressBar } from '../components/status';
import { api, data, versionOf } from '../api';
import { useChunked, useLoad } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import type { AlignmentRow, ClauseNode, DiffSide, LineageEdge } from '../api';

/** How each clause of a version continues the clauses of the version it is based on, with a correction per row. */
export function AlignmentView({ documentId, number }: { documentId: string; number: number }) {
  const load = useLoad(async () => {
    const al = await data(
      api.GET('/api/documents/{id}/versions/{number}/alignment', { params: { path: { id: documentId, number } } }),
    );
    const cur = await versionOf(documentId, number);
    const prev = al.basedOn ? await versionOf(documentId, al.basedOn) : null;
    return { al, cur, prev };
  }, [documentId, number]);
  return (
    <section>
      <p>
        <a href={href('documents', documentId)}>← {t('back')}</a>
      </p>
      <Loaded load={load}>
        {({ al, cur, prev }) =>
          !prev ? (
            <p>{t('align.none')}</p>
          ) : (
            <Table
              documentId={documentId}
              number={number}
              basedOn={al.basedOn!}
              edges={al.edges}
              rows={al.rows}
              cur={cur.clauses}
              prev={prev.clauses}
              onSaved={load.reload}
            />
          )
        }
      </Loaded>
    </section>
  );
}

interface TableProps {
  documentId: string;
  number: number;
  basedOn: number;
  edges: LineageEdge[];
  rows: AlignmentRow[];
  cur: ClauseNode[];
  prev: ClauseNode[];
  onSaved: () => void;
}

/**
 * Every clause of both versions in the new version's order, as the comparison sees it: continued (unchanged,
 * edited, renumbered, moved), added, deleted where it stood, split and merged — what a drafter checks before
 * correcting. Each row with a clause of this version can be corrected.
 */
function Table({ documentId, number, basedOn, edges, rows, cur, prev, onSaved }: TableProps) {
  const prevFlat = useMemo(() => flatten(prev), [prev]);
  const byKey = useMemo(
    () => ({
      cur: new Map(flatten(cur).map((f) => [f.node.key, f.node])),
      prev: new Map(prevFlat.map((f) => [f.node.key, f.node])),
    }),
    [cur, prevFlat],
  );
  const into = useMemo(() => {
    const m = new Map<string, LineageEdge[]>();
    for (const e of edges) m.set(e.toKey, [...(m.get(e.toKey) ?? []), e]);
    return m;
  }, [edges]);
  const [shown] = useChunked(rows.length, 80, 150);
  const [editing, setEditing] = useState<string | null>(null);
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<Error>();
  const save = async (clauseKey: string, previousKey: string | null) => {
    setError(undefined);
    try {
      await data(
        api.PUT('/api/documents/{id}/versions/{number}/alignment', {
          params: { path: { id: documentId, number } },
          body: { clauseKey, previousKey },
        }),
      );
      setEditing(null);
      setMsg(t('align.saved'));
      onSaved();
    } catch (e) {
      setError(e as Error);
    }
  };
  const name = (side: 'cur' | 'prev', r: DiffSide) => {
    const node = byKey[side].get(r.key);
    return node ? titled(node, 30) : r.path || r.label;
  };
  return (
    <>
      <h1>{t('align.title', { n: number, b: basedOn })}</h1>
      {msg && <Notice tone="ok">{msg}</Notice>}
      {error && <ErrorNote error={error} />}
      {shown < rows.length && (
        <ProgressBar
          done={shown}
          total={rows.length}
          label={t('align.rendering', { done: shown, total: rows.length })}
        />
      )}
      <div class="table-wrap">
        <table class="align">
          <thead>
            <tr>
              <th scope="col">{t('align.to')}</th>
              <th scope="col">{t('align.from')}</th>
              <th scope="col">{t('align.kind')}</th>
              <th scope="col">{t('align.score')}</th>
              <th scope="col">
                <span class="sr-only">{t('align.fix')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((row) => {
              const news = row.toParts ?? (row.to ? [row.to] : []);
              const olds = row.fromParts ?? (row.from ? [row.from] : []);
              const target = row.to;
              const es = target ? (into.get(target.key) ?? []) : [];
              const continued = es.find((e) => e.kind === 'continue');
              const kind = [
                continued ? `${t('kindEdge.continue')}${continued.source === 'drafter' ? ' ✎' : ''}` : '',
                row.type === 'unchanged' ? '' : t(`type.${row.type}`),
              ]
                .filter(Boolean)
                .join(' · ');
              return (
                <tr
                  key={`${row.type}:${olds.map((o) => o.key).join('+')}:${news.map((n) => n.key).join('+')}`}
                  data-key={target?.key}
                  class={`type-${row.type}`}
                >
                  <td>
                    {news.length ? (
                      news.map((n) => <div key={n.key}>{name('cur', n)}</div>)
                    ) : (
                      <em>{t('align.isDeleted')}</em>
                    )}
                  </td>
                  <td>
                    {olds.length ? (
                      olds.map((o) => <div key={o.key}>{name('prev', o)}</div>)
                    ) : (
                      <em>{t('align.isNew')}</em>
                    )}
                  </td>
                  <td>{kind}</td>
                  <td>{es.map((e) => Math.round(e.score * 100) + '%').join(', ')}</td>
                  <td>
                    {!target ? null : editing === target.key ? (
                      <Fix
                        options={prevFlat.map((f) => f.node)}
                        current={continued?.fromKey ?? ''}
                        onSave={(k) => save(target.key, k)}
                        onCancel={() => setEditing(null)}
                      />
                    ) : (
                      <button type="button" onClick={() => setEditing(target.key)}>
                        {t('align.fix')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Fix({
  options,
  current,
  onSave,
  onCancel,
}: {
  options: ClauseNode[];
  current: string;
  onSave: (k: string | null) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(current);
  return (
    <span class="fix">
      <label class="sr-only" for="fix-select">
        {t('align.from')}
      </label>
      <select id="fix-select" value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
        <option value="">{t('align.isNew')}</option>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {titled(o, 30)}
          </option>
        ))}
      </select>
      <button type="button" class="primary" onClick={() => onSave(value || null)}>
        {t('save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </span>
  );
}
