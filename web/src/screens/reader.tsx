import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { caption, domId, flatten } from '../clauses';
import { ClauseCard } from '../components/clause-card';
import { Outline } from '../components/outline';
import { Loaded, Notice, ProgressBar } from '../components/status';
import { consultationsOf, heatOf, versionOf } from '../api';
import { PHONE_QUERY, useChunked, useLoad, useMedia } from '../hooks';
import { fmtDate, t } from '../i18n';
import { href } from '../router';
import { isNewsFor, noteOnMyComment, useDocumentEvents } from '../live';
import { isDrafter, useSession } from '../session';
import type { Consultation, VersionFull } from '../api';

/** Reads a version clause by clause: outline, cards rendered in chunks, comment counts, the consultation window. */
export function Reader({ documentId, number }: { documentId: string; number: number }) {
  const version = useLoad(() => versionOf(documentId, number), [documentId, number]);
  return <Loaded load={version}>{(v) => <ReaderBody v={v} />}</Loaded>;
}

function ReaderBody({ v }: { v: VersionFull }) {
  const { user } = useSession();
  const flat = useMemo(() => flatten(v.clauses), [v]);
  const [shown, ensure] = useChunked(flat.length);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [outlineOpen, setOutlineOpen] = useState(false);
  const consultation = useLoad(
    () =>
      consultationsOf(v.documentId)
        .then((cs) => cs.find((c) => c.versionNumber === v.number) ?? null)
        .catch(() => null),
    [v.id],
  );
  const refreshCounts = useCallback(() => {
    heatOf(v.documentId, v.number).then(setCounts, () => undefined);
  }, [v.documentId, v.number]);
  useEffect(refreshCounts, [refreshCounts]);
  // counts follow other delegates' comments; the group's decisions and replies on mine light the badge
  useDocumentEvents(v.documentId, (e) => {
    if (e.kind.startsWith('comment.') && e.kind !== 'comment.replied') refreshCounts();
    if (isNewsFor(user?.id, e)) noteOnMyComment();
  });
  const compact = useMedia(PHONE_QUERY);
  // The confirmation of a posted comment, naming the clause by its full path, in a live region that is always there.
  // A new node each time, so a second comment on the same clause is announced again.
  const [sent, setSent] = useState({ text: '', n: 0 });
  const commented = useCallback(
    (key: string, posted?: boolean) => {
      refreshCounts();
      const node = flat.find((f) => f.node.key === key)?.node;
      if (posted && node)
        setSent((s) => ({ text: t('reader.sent', { where: node.path || caption(node) }), n: s.n + 1 }));
    },
    [refreshCounts, flat],
  );
  const skipToClauses = (e: Event) => {
    e.preventDefault();
    const first = document.querySelector<HTMLElement>('.clauses .clause');
    first?.scrollIntoView({ block: 'start' });
    first?.focus({ preventScroll: true });
  };
  const [pendingJump, setPendingJump] = useState<string | null>(null);
  const jump = useCallback(
    (key: string) => {
      const i = flat.findIndex((f) => f.node.key === key);
      ensure(i + 20);
      setPendingJump(key);
      setOutlineOpen(false);
    },
    [flat, ensure],
  );
  useEffect(() => {
    if (!pendingJump) return;
    const el = document.getElementById(domId(pendingJump));
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
    setPendingJump(null);
  }, [pendingJump, shown]);
  const win = windowState(consultation.data ?? null);
  const canComment = user.role === 'delegate' && win.kind === 'open';
  return (
    <div class="reader">
      <a class="skip" href={`#${domId(flat[0]?.node.key ?? '')}`} onClick={skipToClauses}>
        {t('reader.skipClauses')}
      </a>
      <header class="reader-head">
        <p>
          {isDrafter(user) ? (
            <a href={href('documents', v.documentId)}>← {t('back')}</a>
          ) : (
            <a href={href('drafts')}>← {t('nav.drafts')}</a>
          )}
        </p>
        <h1>{v.label}</h1>
        <p class="meta">
          {t('reader.clauses', { n: flat.length })} · {fmtDate(v.createdAt)}
        </p>
        {win.notice}
        <button
          type="button"
          class="outline-toggle"
          aria-expanded={outlineOpen}
          aria-controls="reader-outline"
          onClick={() => setOutlineOpen(!outlineOpen)}
        >
          {t('reader.showOutline')}
        </button>
      </header>
      <div class="reader-grid">
        <aside id="reader-outline" class={outlineOpen ? 'open' : ''}>
          <h2 class="sr-only">{t('reader.outline')}</h2>
          <Outline clauses={v.clauses} counts={counts} onJump={jump} />
        </aside>
        <div class="clauses">
          {shown < flat.length && (
            <ProgressBar
              done={shown}
              total={flat.length}
              label={t('reader.rendering', { done: shown, total: flat.length })}
            />
          )}
          {flat.slice(0, shown).map((c) => (
            <ClauseCard
              key={c.node.key}
              c={c}
              documentId={v.documentId}
              number={v.number}
              count={counts[c.node.key] ?? 0}
              canComment={canComment}
              compact={compact}
              onCommented={commented}
            />
          ))}
        </div>
      </div>
      <div class={`sent-bar${sent.text ? ' shown' : ''}`}>
        <p role="status" aria-live="polite">
          <span key={sent.n}>{sent.text}</span>
        </p>
        {sent.text && (
          <button type="button" class="link" onClick={() => setSent((s) => ({ text: '', n: s.n + 1 }))}>
            {t('close')}
          </button>
        )}
      </div>
    </div>
  );
}

function windowState(c: Consultation | null): {
  kind: 'none' | 'open' | 'closed' | 'notyet';
  notice: preact.ComponentChildren;
} {
  if (!c) return { kind: 'none', notice: null };
  const now = Date.now();
  if (!c.open && Date.parse(c.closesAt) <= now)
    return { kind: 'closed', notice: <Notice tone="warn">{t('window.closed', { date: fmtDate(c.closesAt) })}</Notice> };
  if (!c.open)
    return { kind: 'notyet', notice: <Notice tone="warn">{t('window.notyet', { date: fmtDate(c.opensAt) })}</Notice> };
  return { kind: 'open', notice: <Notice>{t('window.open', { date: fmtDate(c.closesAt) })}</Notice> };
}
