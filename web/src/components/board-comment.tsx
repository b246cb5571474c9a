import { useState } from 'preact/hooks';
import { Api } from '../endpoints';
import { t } from '../i18n';
import type { Comment } from '../types';
import { CommentItem } from './comment-item';
import { Thread, useCommentDetail } from './comment-thread';
import { ErrorNote } from './status';

/** A comment on the board: a checkbox for bulk decisions, its reply thread (loaded when expanded) and a reply box. */
export function BoardComment({ c, checked, onCheck, onChange }: { c: Comment; checked: boolean; onCheck: (on: boolean) => void; onChange: () => void }) {
  const [replying, setReplying] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [error, setError] = useState<Error>();
  const detail = useCommentDetail(c.id, expanded);
  const threadId = `thread-${c.id}`;
  const send = async (e: Event) => {
    e.preventDefault();
    const body = String(new FormData(e.currentTarget as HTMLFormElement).get('body')).trim();
    if (!body) return;
    try {
      await Api.reply(c.id, body);
      setReplying(false);
      setError(undefined);
      if (expanded) detail.reload();
      else setExpanded(true);
      onChange();
    } catch (err) {
      setError(err as Error);
    }
  };
  const reopen = async (e: Event) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget as HTMLFormElement).get('reason')).trim();
    if (!reason) return;
    try {
      await Api.reopenDecision(c.id, reason);
      setReopening(false);
      setError(undefined);
      if (expanded) detail.reload();
      onChange();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <div class="board-comment">
      <input type="checkbox" id={`sel-${c.id}`} checked={checked} onChange={(e) => onCheck((e.target as HTMLInputElement).checked)} />
      <label for={`sel-${c.id}`} class="sr-only">{c.body.slice(0, 40)}</label>
      <CommentItem c={c}>
        <div class="actions">
          <button type="button" class="link" aria-expanded={expanded} aria-controls={threadId} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('thread.hide') : t('thread.show')}
          </button>
          {!replying && <button type="button" class="link" onClick={() => setReplying(true)}>{t('board.reply')}</button>}
          {c.decision && !reopening && <button type="button" class="link" onClick={() => setReopening(true)}>{t('board.reopen')}</button>}
        </div>
        {reopening && (
          <form class="stack" onSubmit={reopen}>
            <label>{t('board.reopenReason')}<input name="reason" maxLength={5000} required autofocus /></label>
            <div class="actions">
              <button type="submit" class="primary">{t('board.reopen')}</button>
              <button type="button" onClick={() => setReopening(false)}>{t('cancel')}</button>
            </div>
          </form>
        )}
        {expanded && <div id={threadId}><Thread c={c} d={detail} /></div>}
        {replying && (
          <form class="stack" onSubmit={send}>
            <label>{t('board.reply')}<textarea name="body" rows={2} maxLength={5000} autofocus /></label>
            <div class="actions">
              <button type="submit" class="primary">{t('board.send')}</button>
              <button type="button" onClick={() => setReplying(false)}>{t('cancel')}</button>
            </div>
          </form>
        )}
        {error && <ErrorNote error={error} />}
      </CommentItem>
    </div>
  );
}
