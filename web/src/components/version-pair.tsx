import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { go, href } from '../router';
import type { VersionMeta } from '../api';
import { formText } from '../form';

/**
 * Two versions to pick (原稿, 修改稿) for a screen that takes ?from&to (compare, 修改说明); `children` are the
 * screen's own actions beside the button. Without a choice yet, `fallback` says what is preselected.
 */
export function VersionPair(props: {
  documentId: string;
  screen: 'compare' | 'explanation';
  versions: VersionMeta[];
  from: number;
  to: number;
  run: string;
  fallback?: { from: number; to: number };
  children?: ComponentChildren;
}) {
  const { documentId, screen, versions, from, to, run, fallback, children } = props;
  const pick = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    go(`${href('documents', documentId, screen)}?from=${formText(f, 'from')}&to=${formText(f, 'to')}`);
  };
  return (
    <form class="inline-form" onSubmit={pick}>
      {(['from', 'to'] as const).map((side) => (
        <label key={side}>
          {t(`cmp.${side}`)}
          <select name={side} value={String((side === 'from' ? from : to) || (fallback?.[side] ?? ''))}>
            {versions.map((v) => (
              <option key={v.number} value={v.number}>
                {t('ver.labelled', { label: v.label, n: v.number })}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" class="primary">
        {run}
      </button>
      {children}
    </form>
  );
}
