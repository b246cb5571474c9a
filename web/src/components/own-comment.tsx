import { useEffect, useRef, useState } from 'preact/hooks';
import { api, data } from '../api';
import { t } from '../i18n';
import type { Comment } from '../api';
import { CommentForm } from './comment-form';
import { History, useCommentDetail } from './comment-thread';
import { ErrorNote, Notice } from './status';

/**
 * The author's own comment: edit or withdraw it while the window is open (`editable`), and read its earlier
 * wordings. Withdrawal asks for a second, explicit click.
 */
export function OwnComment({
  c,
  editable,
  onChanged,
}: {
  c: Comment;
  editable: boolean;
  onChanged: (c: Comment) => void;
}) {
  const [mode, setMode] = useState<'idle' | 'edit' | 'confirm'>('idle');
  const [showHistory, setShowHistory] = useState(false);
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<Error>();
  const detail = useCommentDetail(c.id, showHistory);
  const editBtn = useRef<HTMLButtonElement>(null);
  const confirmBtn = useRef<HTMLButtonElement>(null);
  useEffect(() => void (mode === 'confirm' && confirmBtn.current?.focus()), [mode]);
  const withdrawn = c.status === 'withdrawn';
  // A decision is about these words: once the drafting group has decided, the comment is frozen (a reply is still open).
  const decided = !withdrawn && Boolean(c.decision);
  const canEdit = editable && !withdrawn && !decided;
  const edited = (next: Comment) => {
    setMode('idle');
    setMsg(t('own.saved'));
    detail.reload();
    onChanged(next);
    setTimeout(() => editBtn.current?.focus(), 0);
  };
  const withdraw = async () => {
    setError(undefined);
    try {
      onChanged(await data(api.POST('/api/comments/{id}/withdraw', { params: { path: { id: c.id } } })));
      setMode('idle');
    } catch (e) {
      setError(e as Error);
    }
  };
  if (mode === 'edit') return <CommentForm editing={c} onDone={edited} onCancel={() => setMode('idle')} />;
  return (
    <div class="own">
      {withdrawn && <p class="badge status-withdrawn">{t('own.withdrawn')}</p>}
      {decided && editable && <p class="meta">{t('own.decided')}</p>}
      {msg && <Notice tone="ok">{msg}</Notice>}
      {mode === 'confirm' && (
        <div class="confirm notice notice-warn" role="alertdialog" aria-label={t('own.withdraw')}>
          <p>{t('own.confirmText')}</p>
          <div class="actions">
            <button type="button" class="danger" ref={confirmBtn} onClick={withdraw}>
              {t('own.confirm')}
            </button>
            <button type="button" onClick={() => (setMode('idle'), setTimeout(() => editBtn.current?.focus(), 0))}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <div class="actions">
        {canEdit && mode === 'idle' && (
          <>
            <button type="button" ref={editBtn} onClick={() => (setMsg(undefined), setMode('edit'))}>
              {t('own.edit')}
            </button>
            <button type="button" onClick={() => setMode('confirm')}>
              {t('own.withdraw')}
            </button>
          </>
        )}
        {(c.revision ?? 1) > 1 && (
          <button type="button" class="link" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
            {showHistory ? t('own.hideHistory') : t('own.history')}
          </button>
        )}
      </div>
      {showHistory && detail.detail && <History c={c} history={detail.detail.history} />}
      {(error || (showHistory && detail.error)) && <ErrorNote error={(error ?? detail.error)!} />}
    </div>
  );
}
