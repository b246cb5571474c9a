import { useState } from 'preact/hooks';
import { newIdempotencyKey } from '../clauses';
import { Api } from '../endpoints';
import { t } from '../i18n';
import type { Comment } from '../types';
import { ErrorNote, Spinner } from './status';

export interface Quote {
  exact: string;
  prefix: string;
  suffix: string;
}

interface Props {
  /** A new comment on this clause (or the quoted passage in it)… */
  documentId?: string;
  number?: number;
  clauseKey?: string;
  quote?: Quote;
  /** …or an edit of the author's own comment (PATCH; the earlier wording is kept as history). */
  editing?: Comment;
  onDone: (c: Comment) => void;
  onCancel: () => void;
}

/**
 * A comment on a clause or on a passage inside it, or an edit of one. The Idempotency-Key is made once per form, so
 * a retry after a lost answer never creates a second comment.
 */
export function CommentForm(props: Props) {
  const { editing } = props;
  const [key] = useState(newIdempotencyKey);
  const [lengths, setLengths] = useState({ body: editing?.body.length ?? 0, suggestion: editing?.suggestion?.length ?? 0 });
  const onInput = (field: keyof typeof lengths) => (e: Event) =>
    setLengths((l) => ({ ...l, [field]: (e.currentTarget as HTMLTextAreaElement).value.length }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const body = String(f.get('body')).trim();
    if (!body) return setError(t('form.required'));
    const suggestion = String(f.get('suggestion') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      const kind = String(f.get('kind'));
      const c = editing
        ? await Api.editComment(editing.id, { kind, body, suggestion: suggestion || null })
        : await Api.addComment(
            props.documentId!,
            props.number!,
            { clauseKey: props.clauseKey, kind, body, ...(suggestion ? { suggestion } : {}), ...(props.quote ? { quote: props.quote } : {}) },
            key,
          );
      props.onDone(c);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };
  const id = editing ? `e-${editing.id}` : `f-${props.clauseKey}`;
  const quote = editing ? editing.originalAnchor?.quote : props.quote;
  return (
    <form class="comment-form stack" onSubmit={submit} aria-label={t(editing ? 'own.edit' : 'reader.comment')}>
      {quote?.exact && (
        <p class="quote">
          {t('form.quote')}：<mark>{quote.exact}</mark>
        </p>
      )}
      <label for={`${id}-kind`}>{t('form.kind')}</label>
      <select id={`${id}-kind`} name="kind">
        {(['amend', 'add', 'delete', 'remark'] as const).map((k) => <option key={k} value={k} selected={k === editing?.kind}>{t(`kind.${k}`)}</option>)}
      </select>
      <label for={`${id}-body`}>{t('form.body')}</label>
      {/* No maxLength: the browser would cut a long paste silently. The counter warns; the server refuses with its limit. */}
      <textarea id={`${id}-body`} name="body" rows={3} required autofocus defaultValue={editing?.body}
        aria-describedby={`${id}-body-count`} onInput={onInput('body')} />
      <Counter id={`${id}-body-count`} n={lengths.body} />
      <label for={`${id}-sugg`}>{t('form.suggestion')}</label>
      <textarea id={`${id}-sugg`} name="suggestion" rows={2} defaultValue={editing?.suggestion ?? ''}
        aria-describedby={`${id}-sugg-count`} onInput={onInput('suggestion')} />
      <Counter id={`${id}-sugg-count`} n={lengths.suggestion} />
      {busy && <Spinner label={t('form.busy')} />}
      {error && <ErrorNote error={error} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{t(editing ? 'own.save' : 'form.submit')}</button>
        <button type="button" onClick={props.onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** The service's default MAX_COMMENT_CHARS; the counter is a guide, the server's answer (comment_too_long) decides. */
const COMMENT_LIMIT = 5000;

function Counter({ id, n }: { id: string; n: number }) {
  const over = n > COMMENT_LIMIT;
  return (
    <p id={id} class={`counter meta${over ? ' over' : ''}`} aria-live={over ? 'polite' : 'off'}>
      {over ? t('form.tooLong', { n, limit: COMMENT_LIMIT }) : t('form.count', { n, limit: COMMENT_LIMIT })}
    </p>
  );
}
