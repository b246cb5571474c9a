import { memo } from 'preact/compat';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { domId, type FlatClause, quoteAt, sentences } from '../clauses';
import { allComments } from '../api';
import { t } from '../i18n';
import { href } from '../router';
import type { Comment } from '../api';
import { CommentForm, type Quote } from './comment-form';
import { CommentItem } from './comment-item';
import { OwnComment } from './own-comment';
import { useSession } from '../session';
import { ErrorNote, Spinner } from './status';

interface Props {
  c: FlatClause;
  documentId: string;
  number: number;
  count: number;
  canComment: boolean;
  /** Phones: the clause itself is a disclosure that shows its actions, instead of a row of buttons on every card. */
  compact: boolean;
  /** After a change to the clause's comments; `sent` when a new comment was just posted. */
  onCommented: (key: string, sent?: boolean) => void;
}

type Act = 'comment' | 'part' | 'sel' | 'tap';

/**
 * A clause with its comment count; "comment", "comment on part of the text" (sentences to tick, for the keyboard), or
 * select words in its text to comment on that passage. Focus goes into the form as it opens and back to the control
 * that opened it when the form closes.
 */
export const ClauseCard = memo(function ClauseCard({
  c,
  documentId,
  number,
  count,
  canComment,
  compact,
  onCommented,
}: Props) {
  const { node, depth } = c;
  const cardRef = useRef<HTMLElement>(null);
  const textRef = useRef<HTMLParagraphElement>(null);
  const [selection, setSelection] = useState<Quote>();
  const [form, setForm] = useState<{ quote?: Quote; passage?: boolean; from: Act } | null>(null);
  const [list, setList] = useState<{ items?: Comment[]; error?: Error; open: boolean }>({ open: false });
  const [open, setOpen] = useState(false);
  const [focusBack, setFocusBack] = useState<Act | null>(null);
  const heading = node.kind === 'division' || node.kind === 'title';
  const { user } = useSession();
  const canPart = useMemo(() => sentences(node.text).length > 1, [node.text]);
  const load = () => allComments(documentId, number, { clause: node.key, status: 'open' });
  const disclosure = compact && !heading && (canComment || count > 0);
  const actionsId = `${domId(node.key)}-actions`;

  // Back to the control that opened the form (the "comment" button when that one is gone), keeping the clause in view.
  useEffect(() => {
    if (!focusBack) return;
    setFocusBack(null);
    const card = cardRef.current;
    if (!card) return;
    const target = disclosure
      ? card.querySelector<HTMLElement>('[data-act="tap"]')
      : (card.querySelector<HTMLElement>(`[data-act="${focusBack}"]`) ??
        card.querySelector<HTMLElement>('[data-act="comment"]'));
    (target ?? card).focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
    target?.scrollIntoView({ block: 'nearest' }); // a card taller than the screen: at least its control in view
  }, [focusBack, disclosure]);

  const readSelection = () => {
    const sel = getSelection();
    const el = textRef.current;
    if (!sel || sel.isCollapsed || !el || !sel.rangeCount) return setSelection(undefined);
    const r = sel.getRangeAt(0);
    if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return setSelection(undefined);
    const start = offsetIn(el, r.startContainer, r.startOffset);
    const end = offsetIn(el, r.endContainer, r.endOffset);
    setSelection(end > start ? quoteAt(node.text, start, end) : undefined);
    if (end > start) setOpen(true);
  };
  const showComments = async () => {
    if (list.open) return setList({ open: false });
    setList({ open: true });
    try {
      setList({ open: true, items: await load() });
    } catch (error) {
      setList({ open: true, error: error as Error });
    }
  };
  const reloadList = () => {
    // A failure shows in the list itself.
    if (list.open)
      void load().then(
        (items) => setList({ open: true, items }),
        (error: Error) => setList({ open: true, error }),
      );
  };
  const refresh = () => {
    onCommented(node.key);
    reloadList();
  };
  const sent = () => {
    const from = form?.from ?? 'comment';
    setForm(null);
    setSelection(undefined);
    setOpen(false);
    setFocusBack(from);
    onCommented(node.key, true);
    reloadList();
  };
  const cancel = () => {
    setFocusBack(form?.from ?? 'comment');
    setForm(null);
  };
  // The phone's disclosure: a tap (or Enter/Space) shows or hides the actions; a tap that ends a selection shows them.
  const tap = () => {
    const sel = getSelection();
    if (sel && !sel.isCollapsed && textRef.current?.contains(sel.anchorNode)) return setOpen(true);
    setOpen(!open);
  };
  const tapKey = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      setOpen(!open);
    }
    if (e.key === ' ') e.preventDefault();
  };
  const tapKeyUp = (e: KeyboardEvent) => {
    if (e.target === e.currentTarget && e.key === ' ') setOpen(!open);
    else readSelection();
  };

  const text = (
    <p
      class="clause-text"
      ref={textRef}
      onMouseUp={readSelection}
      onKeyUp={disclosure ? undefined : readSelection}
      onTouchEnd={() => setTimeout(readSelection, 50)}
    >
      {node.label && (
        <span class="label" aria-hidden={disclosure ? undefined : 'true'}>
          {node.label}{' '}
        </span>
      )}
      <span class="body">{node.text}</span>
      {disclosure && count > 0 && <span class="count-note"> {t('reader.comments', { n: count })}</span>}
    </p>
  );
  const showActions = !disclosure || open;
  return (
    <section
      ref={cardRef}
      id={domId(node.key)}
      class={`clause depth-${Math.min(depth, 4)} kind-${node.kind}${disclosure ? ' compact' : ''}${open ? ' open' : ''}`}
      data-key={node.key}
      tabIndex={-1}
      aria-label={node.label || undefined}
    >
      {heading ? (
        <h2 class="clause-heading">
          {node.label} {node.text}
        </h2>
      ) : disclosure ? (
        <div
          class="clause-tap"
          role="button"
          tabIndex={0}
          data-act="tap"
          aria-expanded={open}
          aria-controls={actionsId}
          aria-describedby={`${actionsId}-hint`}
          onClick={tap}
          onKeyDown={tapKey}
          onKeyUp={tapKeyUp}
        >
          {text}
        </div>
      ) : (
        text
      )}
      {disclosure && (
        <span id={`${actionsId}-hint`} class="sr-only">
          {t('reader.actionsHint')}
        </span>
      )}
      <div class="clause-actions" id={actionsId} hidden={!showActions}>
        {count > 0 && (
          <button type="button" class="count-btn" aria-expanded={list.open} onClick={showComments}>
            {t('reader.comments', { n: count })}
          </button>
        )}
        {canComment && selection && !form && (
          <button
            type="button"
            class="primary sel-btn"
            data-act="sel"
            onClick={() => setForm({ quote: selection, from: 'sel' })}
          >
            {t('reader.commentSel')}
          </button>
        )}
        {canComment && !heading && !form && canPart && (
          <button
            type="button"
            class="part-btn"
            data-act="part"
            onClick={() => setForm({ passage: true, from: 'part' })}
          >
            {t('reader.commentPart')}
          </button>
        )}
        {canComment && !heading && !form && (
          <button type="button" class="comment-btn" data-act="comment" onClick={() => setForm({ from: 'comment' })}>
            {t('reader.comment')}
          </button>
        )}
        {!heading && !form && (
          <a class="history-link" href={href('documents', documentId, 'clauses', node.key, 'history')}>
            {t('hist.link')}
          </a>
        )}
      </div>
      {form && (
        <CommentForm
          documentId={documentId}
          number={number}
          clauseKey={node.key}
          quote={form.quote}
          passageOf={form.passage ? node.text : undefined}
          onDone={sent}
          onCancel={cancel}
        />
      )}
      {list.open && (
        <div class="comment-list">
          {list.error ? (
            <ErrorNote error={list.error} />
          ) : !list.items ? (
            <Spinner />
          ) : list.items.length === 0 ? (
            <p>{t('reader.noComments')}</p>
          ) : (
            list.items.map((x) => (
              <CommentItem key={x.id} c={x}>
                {x.author?.id === user.id && <OwnComment c={x} editable={canComment} onChanged={refresh} />}
              </CommentItem>
            ))
          )}
        </div>
      )}
    </section>
  );
});

/** Offset of (node, offset) within the clause body (the label span is not part of the clause text). */
function offsetIn(p: HTMLElement, node: Node, offset: number): number {
  const body = p.querySelector('.body');
  if (!body) return 0;
  if (!body.contains(node))
    return body.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING ? 0 : (body.textContent ?? '').length;
  const range = document.createRange();
  range.setStart(body, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}
