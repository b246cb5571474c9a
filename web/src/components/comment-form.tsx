import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { newIdempotencyKey, quoteAt, sentences } from '../clauses';
import { api, data } from '../api';
import { t } from '../i18n';
import type { Comment, CommentKind } from '../api';
import { ErrorNote, Spinner } from './status';
import { formText } from '../form';

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
  /** …or a passage of this clause text, chosen sentence by sentence (the keyboard's way to select words)… */
  passageOf?: string;
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
  const [lengths, setLengths] = useState({
    body: editing?.body.length ?? 0,
    suggestion: editing?.suggestion?.length ?? 0,
  });
  const onInput = (field: keyof typeof lengths) => (e: Event) =>
    setLengths((l) => ({ ...l, [field]: (e.currentTarget as HTMLTextAreaElement).value.length }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string>();
  const id = editing ? `e-${editing.id}` : `f-${props.clauseKey}`;
  const formRef = useRef<HTMLFormElement>(null);
  // Focus moves into the form as it opens, so a keyboard or screen-reader user is where the typing happens.
  useEffect(() => formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  const parts = useMemo(() => (props.passageOf === undefined ? [] : sentences(props.passageOf)), [props.passageOf]);
  const [chosen, setChosen] = useState<number[]>([]);
  // Sentences chosen anywhere in the clause quote everything from the first to the last, as a selection would.
  const picked =
    chosen.length && props.passageOf !== undefined
      ? quoteAt(props.passageOf, parts[Math.min(...chosen)].start, parts[Math.max(...chosen)].end)
      : undefined;
  const toggle = (i: number) => setChosen((c) => (c.includes(i) ? c.filter((x) => x !== i) : [...c, i]));
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const body = formText(f, 'body').trim();
    if (parts.length && !picked) return setError(t('form.needPassage'));
    if (!body) return setError(t('form.required'));
    const suggestion = formText(f, 'suggestion').trim();
    setBusy(true);
    setError(undefined);
    try {
      const kind = formText(f, 'kind') as CommentKind;
      const c = editing
        ? await data(
            api.PATCH('/api/comments/{id}', {
              params: { path: { id: editing.id } },
              body: { kind, body, suggestion: suggestion || null },
            }),
          )
        : await data(
            api.POST('/api/documents/{id}/versions/{number}/comments', {
              params: { path: { id: props.documentId!, number: props.number! }, header: { 'Idempotency-Key': key } },
              body: {
                clauseKey: props.clauseKey!,
                kind,
                body,
                ...(suggestion ? { suggestion } : {}),
                ...(quote ? { quote } : {}),
              },
            }),
          );
      props.onDone(c);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };
  const quote = editing ? editing.originalAnchor?.quote : (picked ?? props.quote);
  return (
    <form
      ref={formRef}
      class="comment-form stack"
      onSubmit={submit}
      aria-label={t(editing ? 'own.edit' : parts.length ? 'reader.commentPart' : 'reader.comment')}
    >
      {parts.length > 0 && (
        <fieldset class="passage" aria-describedby={`${id}-passage-hint`}>
          <legend>{t('form.passage')}</legend>
          <p id={`${id}-passage-hint`} class="meta">
            {t('form.passageHint')}
          </p>
          {parts.map((p, i) => (
            <label key={i} class="check">
              <input type="checkbox" checked={chosen.includes(i)} onChange={() => toggle(i)} />
              <span>{p.text}</span>
            </label>
          ))}
        </fieldset>
      )}
      {quote?.exact && (
        <p class="quote">
          {t('form.quote')}：<mark>{quote.exact}</mark>
        </p>
      )}
      <label for={`${id}-kind`}>{t('form.kind')}</label>
      <select id={`${id}-kind`} name="kind">
        {(['amend', 'add', 'delete', 'remark'] as const).map((k) => (
          <option key={k} value={k} selected={k === editing?.kind}>
            {t(`kind.${k}`)}
          </option>
        ))}
      </select>
      <label for={`${id}-body`}>{t('form.body')}</label>
      {/* No maxLength: the browser would cut a long paste silently. The counter warns; the server refuses with its limit. */}
      <textarea
        id={`${id}-body`}
        name="body"
        rows={3}
        required
        defaultValue={editing?.body}
        aria-describedby={`${id}-body-count`}
        onInput={onInput('body')}
      />
      <Counter id={`${id}-body-count`} n={lengths.body} />
      <label for={`${id}-sugg`}>{t('form.suggestion')}</label>
      <textarea
        id={`${id}-sugg`}
        name="suggestion"
        rows={2}
        defaultValue={editing?.suggestion ?? ''}
        aria-describedby={`${id}-sugg-count`}
        onInput={onInput('suggestion')}
      />
      <Counter id={`${id}-sugg-count`} n={lengths.suggestion} />
      {busy && <Spinner label={t('form.busy')} />}
      {error && <ErrorNote error={error} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t(editing ? 'own.save' : 'form.submit')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
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
