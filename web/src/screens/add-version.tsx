import { useState } from 'preact/hooks';
import { ErrorNote, Notice, Spinner } from '../components/status';
import { CHANGE_ORDER } from '../clauses';
import { api, data } from '../api';
import { getLang, type Key, t } from '../i18n';
import type { NewVersion, ReferenceWarning } from '../api';
import { formText } from '../form';

/** Add a version by pasting text or uploading .docx/.md/.txt; reports what the aligner found. */
export function AddVersion({ documentId, onAdded }: { documentId: string; onAdded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string>();
  const [done, setDone] = useState<string>();
  const [warnings, setWarnings] = useState<ReferenceWarning[]>([]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const file = f.get('file') as File | null;
    const text = formText(f, 'text');
    setError(undefined);
    setDone(undefined);
    setWarnings([]);
    if (!(file && file.size) && !text.trim()) return setError(t('add.needText'));
    const fields = { label: formText(f, 'label'), stage: formText(f, 'stage'), note: formText(f, 'note') };
    let body: Record<string, unknown> | FormData;
    if (file && file.size) {
      body = new FormData();
      body.set('file', file);
      for (const [k, v] of Object.entries(fields)) if (v) body.set(k, v);
    } else {
      body = {
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v)),
        text,
        format: formText(f, 'format'),
      };
    }
    setBusy(true);
    try {
      // A FormData body is the multipart form of the same request (the document lists both media types).
      const v = await data(
        api.POST('/api/documents/{id}/versions', { params: { path: { id: documentId } }, body: body as NewVersion }),
      );
      const summary = changesSummary(v.changes ?? {});
      setDone(t('add.done', { label: v.label, summary }));
      // References the new version left stale; the version is stored either way, so a failure here only hides them.
      if (v.basedOn !== null)
        setWarnings(
          await data(
            api.GET('/api/documents/{id}/versions/{number}/warnings', {
              params: { path: { id: documentId, number: v.number } },
            }),
          ).catch(() => []),
        );
      form.reset();
      onAdded();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="add-title">
      <h2 id="add-title">{t('add.title')}</h2>
      <label>
        {t('add.label')}
        <input name="label" maxLength={100} />
      </label>
      <label>
        {t('add.stage')}
        <select name="stage">
          <option value="drafting">{t('stage.drafting')}</option>
          <option value="consultation">{t('stage.consultation')}</option>
          <option value="final">{t('stage.final')}</option>
        </select>
      </label>
      <label>
        {t('add.paste')}
        <textarea name="text" rows={6} />
      </label>
      <label>
        {t('add.format')}
        <select name="format">
          <option value="text">{t('add.fmt.text')}</option>
          <option value="markdown">{t('add.fmt.markdown')}</option>
        </select>
      </label>
      <label>
        {t('add.upload')}
        <input name="file" type="file" accept=".docx,.md,.txt,text/plain,text/markdown" />
      </label>
      <label>
        {t('add.note')}
        <textarea name="note" rows={2} maxLength={10000} />
      </label>
      {busy && <Spinner label={t('add.busy')} />}
      {error && <ErrorNote error={error} />}
      {done && <Notice tone="ok">{done}</Notice>}
      {warnings.length > 0 && (
        <Notice tone="warn">
          {t('add.warnings')}
          <ul>
            {warnings.map((w) => (
              <li key={`${w.clauseKey}:${w.reference}`}>{w.message}</li>
            ))}
          </ul>
        </Notice>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t('add.submit')}
      </button>
    </form>
  );
}

/** What changed from the version it is based on, in words: the server's counts, the same as the compare screen's. */
export function changesSummary(a: Record<string, number>): string {
  const parts = CHANGE_ORDER.filter((k) => a[k]).map((k) => t(`sum.${k}` as Key, { n: a[k] }));
  const changed = CHANGE_ORDER.some((k) => k !== 'unchanged' && a[k]);
  return changed ? parts.join(getLang() === 'zh' ? '，' : ', ') : t('add.same');
}
