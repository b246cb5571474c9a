import { useState } from 'preact/hooks';
import { api, data } from '../api';
import { t } from '../i18n';
import type { Comment } from '../api';
import { CommentItem } from './comment-item';
import { Thread, useCommentDetail } from './comment-thread';
import { ErrorNote } from './status';
import { formText } from '../form';

/** A comment on the board: a checkbox for bulk decisions, its reply thread (loaded when expanded) and a reply box. */
export function BoardComment({
  c,
  checked,
  onCheck,
  onChange,
}: {
  c: Comment;
  checked: boolean;
  onCheck: (on: boolean) => void;
  onChange: () => void;
}) {
  const [replying, setReplying] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [error, setError] = useState<Error>();
  const detail = useCommentDetail(c.id, expanded);
  const threadId = `thread-${c.id}`;
  /** A one-field form (reply, reopen): sends the trimmed text, then closes the form and refreshes the thread. */
  const submit =
    (field: string, action: (text: string) => Promise<unknown>, close: () => void, open = false) =>
    async (e: Event) => {
      e.preventDefault();
      const text = formText(new FormData(e.currentTarget as HTMLFormElement), field).trim();
      if (!text) return;
      try {
        await action(text);
        close();
        setError(undefined);
        if (expanded) detail.reload();
        else if (open) setExpanded(true);
        onChange();
      } catch (err) {
        setError(err as Error);
      }
    };
  const send = submit(
    'body',
    (body) => data(api.POST('/api/comments/{id}/replies', { params: { path: { id: c.id } }, body: { body } })),
    () => setReplying(false),
    true,
  );
  const reopen = submit(
    'reason',
    (reason) =>
      data(api.POST('/api/comments/{id}/decision/reopen', { params: { path: { id: c.id } }, body: { reason } })),
    () => setReopening(false),
  );
  return (
    <div class="board-comment">
      <input
        type="checkbox"
        id={`sel-${c.id}`}
        checked={checked}
        onChange={(e) => onCheck((e.target as HTMLInputElement).checked)}
      />
      <label for={`sel-${c.id}`} class="sr-only">
        {c.body.slice(0, 40)}
      </label>
      <CommentItem c={c}>
        <div class="actions">
          <button
            type="button"
            class="link"
            aria-expanded={expanded}
            aria-controls={threadId}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? t('thread.hide') : t('thread.show')}
          </button>
          {!replying && (
            <button type="button" class="link" onClick={() => setReplying(true)}>
              {t('board.reply')}
            </button>
          )}
          {c.decision && !reopening && (
            <button type="button" class="link" onClick={() => setReopening(true)}>
              {t('board.reopen')}
            </button>
          )}
        </div>
        {reopening && (
          <form class="stack" onSubmit={reopen}>
            <label>
              {t('board.reopenReason')}
              <input name="reason" maxLength={5000} required autofocus />
            </label>
            <div class="actions">
              <button type="submit" class="primary">
                {t('board.reopen')}
              </button>
              <button type="button" onClick={() => setReopening(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
        {expanded && (
          <div id={threadId}>
            <Thread c={c} d={detail} />
          </div>
        )}
        {replying && (
          <form class="stack" onSubmit={send}>
            <label>
              {t('board.reply')}
              <textarea name="body" rows={2} maxLength={5000} autofocus />
            </label>
            <div class="actions">
              <button type="submit" class="primary">
                {t('board.send')}
              </button>
              <button type="button" onClick={() => setReplying(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
        {error && <ErrorNote error={error} />}
      </CommentItem>
    </div>
  );
}
