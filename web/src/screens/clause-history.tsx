import { useState } from 'preact/hooks';
import { Loaded } from '../components/status';
import { api, data } from '../api';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import type { BlameSpan, HistoryComment, HistoryEntry } from '../api';

/**
 * 本条沿革: a clause through every draft — a vertical timeline of the drafts in which it changed, each with its
 * inline diff and the comments made on it, and its wording coloured by the draft that wrote it (a tap on a run
 * shows the comments carried out there). All from the server: GET …/clauses/:key/history and …/blame.
 */
export function ClauseHistory({ documentId, clauseKey }: { documentId: string; clauseKey: string }) {
  const load = useLoad(async () => {
    const entries = await data(
      api.GET('/api/documents/{id}/clauses/{key}/history', { params: { path: { id: documentId, key: clauseKey } } }),
    );
    const last = [...entries].reverse().find((e) => e.clause?.key === clauseKey);
    const blame = last
      ? await data(
          api.GET('/api/documents/{id}/versions/{number}/clauses/{key}/blame', {
            params: { path: { id: documentId, number: last.versionNumber, key: clauseKey } },
          }),
        )
      : null;
    return { entries, blame };
  }, [documentId, clauseKey]);
  return (
    <section class="clause-history">
      <p>
        <a href={href('documents', documentId)}>← {t('back')}</a>
      </p>
      <Loaded load={load}>
        {({ entries, blame }) => {
          const versions = entries.map((e) => e.versionNumber);
          const hue = (n: number) => Math.round((versions.indexOf(n) * 137.5) % 360);
          const changed = entries.filter((e) => e.change && e.change.type !== 'unchanged');
          return (
            <>
              <h1>
                {t('hist.title', { path: blame?.clause.path ?? entries.find((e) => e.clause)?.clause?.path ?? '' })}
              </h1>
              {blame && <Blame spans={blame.spans} hue={hue} />}
              <h2>{t('hist.timeline')}</h2>
              <ol class="timeline" aria-label={t('hist.timeline')}>
                {changed.map((e) => (
                  <Step key={e.versionNumber} e={e} hue={hue(e.versionNumber)} />
                ))}
              </ol>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function Blame({ spans, hue }: { spans: BlameSpan[]; hue: (n: number) => number }) {
  const [open, setOpen] = useState<number | null>(null);
  const shown = spans.find((s) => s.versionNumber === open);
  const legend = [...new Map(spans.map((s) => [s.versionNumber, s.versionLabel])).entries()];
  return (
    <section aria-label={t('hist.blame')}>
      <h2>{t('hist.blame')}</h2>
      <p class="blame-legend">
        {legend.map(([n, label]) => (
          <span key={n} class="blame-chip" style={{ '--hue': hue(n) }}>
            {label}
          </span>
        ))}
      </p>
      <p class="blame-text">
        {spans.map((s, i) => (
          <button
            key={i}
            type="button"
            class="blame-run"
            style={{ '--hue': hue(s.versionNumber) }}
            aria-pressed={open === s.versionNumber}
            title={s.versionLabel}
            onClick={() => setOpen(open === s.versionNumber ? null : s.versionNumber)}
          >
            {s.text}
          </button>
        ))}
      </p>
      {shown && (
        <div class="card" role="region" aria-live="polite" aria-label={t('hist.behind', { label: shown.versionLabel })}>
          <h3>{t('hist.behind', { label: shown.versionLabel })}</h3>
          {shown.comments.length ? <Comments list={shown.comments} /> : <p class="meta">{t('hist.noComments')}</p>}
        </div>
      )}
    </section>
  );
}

function Step({ e, hue }: { e: HistoryEntry; hue: number }) {
  const ops = e.change?.inline ?? [];
  return (
    <li class="timeline-step" style={{ '--hue': hue }}>
      <h3>
        {e.versionLabel} <span class={`badge type-${e.change!.type}`}>{t(`type.${e.change!.type}`)}</span>
        {e.clause && <span class="meta"> {e.clause.path}</span>}
      </h3>
      {e.lineage.length > 0 && <p class="meta">{e.lineage.map((l) => t(`kindEdge.${l.kind}`)).join('、')}</p>}
      <p class="redline">
        {ops.map((o, i) =>
          o.op === 'insert' ? (
            <ins key={i}>{o.text}</ins>
          ) : o.op === 'delete' ? (
            <del key={i}>{o.text}</del>
          ) : (
            <span key={i}>{o.text}</span>
          ),
        )}
      </p>
      {e.comments.length > 0 && <Comments list={e.comments} />}
      {(e.implemented?.length ?? 0) > 0 && (
        <>
          <h4>{t('hist.implemented')}</h4>
          <Comments list={e.implemented} />
        </>
      )}
    </li>
  );
}

function Comments({ list }: { list: HistoryComment[] }) {
  return (
    <ul class="history-comments">
      {list.map((c) => (
        <li key={c.id}>
          <span class={`badge kind-${c.kind}`}>{t(`kind.${c.kind}`)}</span> {c.author.displayName}
          {c.group ? ` · ${c.group.name}` : ''}
          {' · '}
          {c.decision ? <strong>{t(`outcome.${c.decision.outcome}`)}</strong> : t('outcome.none')}
          {c.decision?.reason ? ` · ${c.decision.reason}` : ''}
          <p class="body">{c.body}</p>
        </li>
      ))}
    </ul>
  );
}
