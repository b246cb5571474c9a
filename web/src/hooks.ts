import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';

export interface Load<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

/** Loads once per `deps`; a late answer to an outdated request is dropped. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Load<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    fn().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => void (live = false);
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * The clock as of the last change of `data` (e.g. a consultation as loaded), so render stays pure. Read again before
 * paint when `data` changes, so a window closed a moment ago never shows as still to come.
 */
export function useNow(data: unknown): number {
  const [now, setNow] = useState(Date.now);
  useLayoutEffect(() => setNow(Date.now()), [data]);
  return now;
}

/** Grows a count in steps between frames so a long list shows its head at once and never blocks input. */
export function useChunked(total: number, first = 60, step = 120): [number, (atLeast: number) => void] {
  const [shown, setShown] = useState(Math.min(total, first));
  useEffect(() => setShown(Math.min(total, first)), [total, first]);
  useEffect(() => {
    if (shown >= total) return;
    const id = setTimeout(() => setShown((n) => Math.min(total, n + step)), 16);
    return () => clearTimeout(id);
  }, [shown, total, step]);
  const ensure = useCallback((atLeast: number) => setShown((n) => Math.max(n, Math.min(total, atLeast))), [total]);
  return [shown, ensure];
}

/** Whether a CSS media query matches now, following changes (e.g. a phone turned sideways). */
export function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const m = matchMedia(query);
    const on = () => setMatches(m.matches);
    on();
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return matches;
}

/** The width below which the reader and the header go compact (the same breakpoint as styles.css). */
export const PHONE_QUERY = '(max-width: 600px)';
