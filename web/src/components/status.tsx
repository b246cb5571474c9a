import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

export function Spinner({ label = t('loading') }: { label?: string }) {
  return (
    <p class="progress" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** A determinate progress bar for work that knows how far it is. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  return (
    <div class="progress" role="status" aria-live="polite">
      <progress max={total} value={done} aria-label={label} /> <span>{label}</span>
    </div>
  );
}

export function ErrorNote({ error, onRetry }: { error: Error | string; onRetry?: () => void }) {
  return (
    <div class="error" role="alert">
      <span>{typeof error === 'string' ? error : error.message}</span>
      {onRetry && (
        <button type="button" class="link" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ComponentChildren; tone?: 'info' | 'warn' | 'ok' }) {
  return (
    <div class={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}

/** Shows a spinner, an error with a retry, or the content. */
export function Loaded<T>({
  load,
  children,
}: {
  load: { data?: T; error?: Error; loading: boolean; reload: () => void };
  children: (d: T) => ComponentChildren;
}) {
  if (load.error && !load.data) return <ErrorNote error={load.error} onRetry={load.reload} />;
  if (load.data === undefined) return <Spinner />;
  return <>{children(load.data)}</>;
}
