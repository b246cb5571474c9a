import { memo } from 'preact/compat';
import { useRef, useState } from 'preact/hooks';
import { domId, type FlatClause, quoteAt } from '../clauses';
import { Api } from '../endpoints';
import { t } from '../i18n';
import type { Comment } from '../types';
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
  onCommented: (key: string) => void;
}

/** A clause with its comment count; tap "comment", or select words in its text to comment on that passage. */
export const ClauseCard = memo(function ClauseCard({ c, documentId, number, count, canComment, onCommented }: Props) {
  const { node, depth } = c;
  const textRef = useRef<HTMLParagraphElement>(null);
  const [selection, setSelection] = useState<Quote>();
  const [form, setForm] = useState<{ quote?: Quote } | null>(null);
  const [list, setList] = useState<{ items?: Comment[]; error?: Error; open: boolean }>({ open: false });
  const heading = node.kind === 'division' || node.kind === 'title';
  const { user } = useSession();
  const load = () => Api.comments(documentId, number, { clause: node.key, status: 'open' });

  const readSelection = () => {
    const sel = getSelection();
    const el = textRef.current;
    if (!sel || sel.isCollapsed || !el || !sel.rangeCount) return setSelection(undefined);
    const r = sel.getRangeAt(0);
    if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return setSelection(undefined);
    const start = offsetIn(el, r.startContainer, r.startOffset);
    const end = offsetIn(el, r.endContainer, r.endOffset);
    setSelection(end > start ? quoteAt(node.text, start, end) : undefined);
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
  const done = () => {
    setForm(null);
    setSelection(undefined);
    onCommented(node.key);
    if (list.open) load().then((items) => setList({ open: true, items }), (error) => setList({ open: true, error }));
  };

  return (
    <section id={domId(node.key)} class={`clause depth-${Math.min(depth, 4)} kind-${node.kind}`} data-key={node.key} tabIndex={-1} aria-label={node.label || undefined}>
      {heading ? (
        <h2 class="clause-heading">{node.label} {node.text}</h2>
      ) : (
        <p class="clause-text" ref={textRef} onMouseUp={readSelection} onKeyUp={readSelection} onTouchEnd={() => setTimeout(readSelection, 50)}>
          {node.label && <span class="label" aria-hidden="true">{node.label} </span>}
          <span class="body">{node.text}</span>
        </p>
      )}
      <div class="clause-actions">
        {count > 0 && (
          <button type="button" class="count-btn" aria-expanded={list.open} onClick={showComments}>
            {t('reader.comments', { n: count })}
          </button>
        )}
        {canComment && selection && !form && (
          <button type="button" class="primary sel-btn" onClick={() => setForm({ quote: selection })}>{t('reader.commentSel')}</button>
        )}
        {canComment && !heading && !form && (
          <button type="button" class="comment-btn" onClick={() => setForm({})}>{t('reader.comment')}</button>
        )}
      </div>
      {form && (
        <CommentForm documentId={documentId} number={number} clauseKey={node.key} quote={form.quote} onDone={done} onCancel={() => setForm(null)} />
      )}
      {list.open && (
        <div class="comment-list">
          {list.error ? <ErrorNote error={list.error} /> : !list.items ? <Spinner /> : list.items.length === 0 ? <p>{t('reader.noComments')}</p> : list.items.map((x) => (
            <CommentItem key={x.id} c={x}>
              {x.author?.id === user.id && <OwnComment c={x} editable={canComment} onChanged={done} />}
            </CommentItem>
          ))}
        </div>
      )}
    </section>
  );
});

/** Offset of (node, offset) within the clause body (the label span is not part of the clause text). */
function offsetIn(p: HTMLElement, node: Node, offset: number): number {
  const body = p.querySelector('.body');
  if (!body) return 0;
  if (!body.contains(node)) return body.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING ? 0 : (body.textContent ?? '').length;
  const range = document.createRange();
  range.setStart(body, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}
