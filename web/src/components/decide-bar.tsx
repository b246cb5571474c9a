import { useState } from 'preact/hooks';
import { api, data } from '../api';
import { t } from '../i18n';
import type { Outcome } from '../api';
import { ErrorNote, Notice } from './status';
import { formText } from '../form';

const OUTCOMES: Outcome[] = ['adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'under_study'];

/** Decide the selected comments at once, with one reason the delegates will read. */
export function DecideBar({
  ids,
  versionNumber,
  onDone,
}: {
  ids: string[];
  versionNumber: number;
  onDone: () => void;
}) {
  const [error, setError] = useState<Error | string>();
  const [msg, setMsg] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>('adopted');
  // Only what is adopted is carried out in a version, and only in a later one; nothing is pre-filled.
  const implementable = outcome === 'adopted' || outcome === 'partly_adopted';
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const reason = formText(f, 'reason').trim();
    if (!reason) return setError(t('board.reasonNeeded'));
    const carried = implementable ? Number(f.get('carried')) || undefined : undefined;
    setBusy(true);
    setError(undefined);
    try {
      await data(
        api.POST('/api/comments/decisions', {
          body: {
            commentIds: ids,
            outcome: f.get('outcome') as Outcome,
            reason,
            ...(carried ? { implementedInVersion: carried } : {}),
          },
        }),
      );
      setMsg(t('board.decided', { n: ids.length }));
      (e.target as HTMLFormElement).reset();
      setOutcome('adopted');
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="decide-bar card" onSubmit={submit} aria-label={t('board.decide')}>
      <strong aria-live="polite">{t('board.selected', { n: ids.length })}</strong>
      <label>
        {t('board.decision')}
        <select
          name="outcome"
          value={outcome}
          onChange={(e) => setOutcome((e.target as HTMLSelectElement).value as Outcome)}
        >
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="grow">
        {t('board.reason')}
        <input name="reason" maxLength={5000} />
      </label>
      {implementable && (
        <label>
          {t('board.carriedIn')}
          <input name="carried" type="number" min={versionNumber + 1} step={1} />
        </label>
      )}
      <button type="submit" class="primary" disabled={busy || ids.length === 0}>
        {t('board.decide')}
      </button>
      {error && <ErrorNote error={error} />}
      {msg && <Notice tone="ok">{msg}</Notice>}
    </form>
  );
}
