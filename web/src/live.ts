/**
 * Live updates: a document's Server-Sent Events (GET /api/documents/:id/events). An EventSource cannot send the
 * Authorization header, so each connection takes a one-use ticket (POST /api/auth/ticket) and reconnects by itself
 * with a fresh one, resuming from the last position it got (the server replays what was missed). Events carry ids
 * only: screens reload what they show.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, data, getToken, type LiveEvent } from './api';

export type { LiveEvent } from './api';

const KINDS = [
  'comment.created',
  'comment.edited',
  'comment.withdrawn',
  'comment.decided',
  'comment.reopened',
  'comment.replied',
  'version.created',
  'consultation.opened',
  'consultation.changed',
  'job.progress',
  'reset',
];

/** Calls `onEvent` for each event of the document (once per event, even when a reconnect sends it again). */
export function useDocumentEvents(documentId: string | undefined, onEvent: (e: LiveEvent) => void): void {
  const handlerRef = useRef(onEvent);
  useEffect(() => {
    handlerRef.current = onEvent;
  });
  useEffect(() => {
    if (!documentId || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let position: string | null = null;
    let stopped = false;
    const seen = new Set<string>();
    const reconnect = (ms: number) => {
      source?.close();
      source = null;
      if (!stopped) timer = setTimeout(() => void connect(), ms);
    };
    async function connect() {
      if (stopped || !getToken()) return;
      let ticket: string;
      try {
        ticket = (await data(api.POST('/api/auth/ticket'))).ticket;
      } catch {
        return reconnect(5000);
      }
      if (stopped) return;
      const q = new URLSearchParams({ ticket, ...(position ? { lastEventId: position } : {}) });
      const es = (source = new EventSource(`/api/documents/${documentId}/events?${q}`));
      const take = (m: MessageEvent) => {
        if (m.lastEventId) position = m.lastEventId;
        const e = JSON.parse(m.data as string) as LiveEvent;
        if (e.id && seen.has(e.id)) return;
        if (e.id) seen.add(e.id);
        handlerRef.current(e);
      };
      for (const k of KINDS) es.addEventListener(k, take as EventListener);
      es.addEventListener('unauthenticated', () => ((stopped = true), es.close()));
      es.addEventListener('shutdown', () => reconnect(500));
      // the ticket is spent: the browser's own retry would be refused, so reconnect with a new one
      es.onerror = () => reconnect(2000);
    }
    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [documentId]);
}

/** Reloads (at most every 300 ms) when an event `wanted` accepts arrives for the document. */
export function useLiveReload(
  documentId: string | undefined,
  wanted: (e: LiveEvent) => boolean,
  reload: () => void,
): void {
  const pendingRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (pendingRef.current && clearTimeout(pendingRef.current)), []);
  useDocumentEvents(documentId, (e) => {
    if (e.kind !== 'reset' && !wanted(e)) return;
    if (pendingRef.current) return;
    pendingRef.current = setTimeout(() => {
      pendingRef.current = null;
      reload();
    }, 300);
  });
}

/** Decisions and replies on the delegate's own comments not yet seen on "My comments" (the badge). */
const BADGE_KEY = 'draftline.unseen';
const listeners = new Set<(n: number) => void>();
const readUnseen = () => Number(sessionStorage.getItem(BADGE_KEY) ?? '0') || 0;

export function noteOnMyComment(): void {
  const n = readUnseen() + 1;
  sessionStorage.setItem(BADGE_KEY, String(n));
  listeners.forEach((fn) => fn(n));
}

export function clearUnseen(): void {
  sessionStorage.removeItem(BADGE_KEY);
  listeners.forEach((fn) => fn(0));
}

export function useUnseen(): number {
  const [n, setN] = useState(readUnseen);
  useEffect(() => {
    listeners.add(setN);
    return () => void listeners.delete(setN);
  }, []);
  return n;
}

/** What the group did on a comment of `me` (a decision, a reopening, or a reply not by the author). */
export const isNewsFor = (me: string | undefined, e: LiveEvent) =>
  Boolean(me) &&
  e.authorId === me &&
  (e.kind === 'comment.decided' ||
    e.kind === 'comment.reopened' ||
    (e.kind === 'comment.replied' && e.byAuthor === false));
