import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OpenDatabase } from '../database/data-source';
import { OPEN_DATABASE } from '../database/database.module';
import { PgListener } from '../database/pg-listener';
import { LiveEventsRepository } from './live-events.repository';
import { type ConsultationAudience, type LiveEventRow, type LiveReader, mayReceive } from './live-visibility';

export const EVENTS_CHANNEL = 'draftline_events';
/** Events are kept this long for clients that reconnect (Last-Event-ID); an older position gets a `reset`. */
export const RETENTION_SECONDS = 3600;
/**
 * Event ids come from a sequence, so a transaction that began earlier can commit a smaller id after a larger one was
 * read. A missing id is waited for this long before it counts as a rollback (the position given to clients stays
 * before it meanwhile; events after it are sent at once).
 */
const GAP_SETTLE_MS = 30_000;
const BATCH = 1000;
/** A run of missing ids longer than this is a jump of the sequence, not transactions in flight. */
const MAX_GAP = 100_000;

export interface LiveSubscriber {
  documentId: string;
  reader: LiveReader;
  deliver(e: LiveEventRow): void;
  /** Ends the stream (shutdown, or the session ended). */
  close(reason: 'shutdown' | 'unauthenticated'): void;
}

/**
 * The events of every document, for this instance's open streams. Each instance LISTENs on draftline_events (a
 * dedicated connection on a server; PGlite's in-process LISTEN on the embedded database) and, on every notification,
 * reads the rows after the last one it read, so every instance sees every event whichever instance wrote it. While
 * the listener is down (and every 10 s regardless) it polls once a second.
 */
@Injectable()
export class LiveHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LiveHub');
  private readonly subscribers = new Set<LiveSubscriber>();
  /** In-process listeners by event kind (e.g. the diff cache warming up when a version is added). */
  private readonly listeners = new Map<string, ((e: LiveEventRow) => void)[]>();
  /** Every id up to here has been read (or given up on as a rollback). */
  private floor = 0;
  /** The highest id read: the next read starts after it. */
  private cursor = 0;
  /** Ids above the floor that were read and delivered already. */
  private readonly seen = new Set<number>();
  /** Missing ids above the floor: when each was first missed. */
  private readonly missing = new Map<number, number>();
  private listener: PgListener | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private listening = false;
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private lastRead = 0;
  private lastPurge = 0;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(OPEN_DATABASE) private readonly db: OpenDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: LiveEventsRepository,
  ) {}

  /**
   * True while every event reaches this instance as it is written (the LISTEN connection is up); while it is down
   * events still arrive, by polling, up to a second late. Caches that rely on events for invalidation ask this.
   */
  get isListening(): boolean {
    return this.listening && !this.stopped;
  }

  /** The server process of the LISTEN connection (for tests that cut it); null on the embedded database. */
  get backendPid(): number | null {
    return this.listener?.backendPid ?? null;
  }

  /** The position a client may resume from: every event up to it has been delivered to every open stream. */
  get position(): number {
    return this.floor;
  }

  async onModuleInit(): Promise<void> {
    this.floor = this.cursor = Number(await this.events.latestId(this.ds.manager));
    if (this.db.listen) {
      this.unlisten = await this.db.listen(EVENTS_CHANNEL, () => this.kick());
      this.listening = true;
    } else if (this.config.databaseUrl) {
      this.listener = new PgListener(
        {
          databaseUrl: this.config.databaseUrl,
          connectTimeoutMs: this.config.databaseConnectTimeoutMs,
          channels: [EVENTS_CHANNEL],
          applicationName: 'draftline-event-listener',
        },
        {
          notification: () => this.kick(),
          up: () => {
            this.listening = true;
            this.kick(); // whatever was sent while nobody listened
          },
          down: () => (this.listening = false),
        },
        this.logger,
      );
      await this.listener.start();
    }
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const s of [...this.subscribers]) s.close('shutdown');
    this.subscribers.clear();
    await this.unlisten?.().catch(() => undefined);
    await this.listener?.stop();
    await this.reading?.catch(() => undefined);
  }

  subscribe(s: LiveSubscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  /** `fn` is called on this instance for every event of `kind`, whichever instance wrote it. */
  on(kind: string, fn: (e: LiveEventRow) => void): void {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), fn]);
  }

  /** Every open stream, for re-checking sessions. */
  get streams(): ReadonlySet<LiveSubscriber> {
    return this.subscribers;
  }

  /**
   * A document's events after `afterId` that `reader` may receive, for a client that reconnects; `reset` when events
   * after that position may have been purged (the client must then read everything again).
   */
  async replay(
    documentId: string,
    reader: LiveReader,
    afterId: number,
  ): Promise<{ events: LiveEventRow[]; reset: boolean }> {
    const { events, oldest } = await this.events.forDocumentAfter(this.ds.manager, documentId, String(afterId), BATCH);
    const audiences = await this.audiences(events);
    return {
      events: events.filter((e) => mayReceive(reader, e, audiences.get(e.consultationId ?? ''))),
      reset: events.length === BATCH || (Number(oldest) > afterId + 1 && afterId < this.floor),
    };
  }

  /** Read new events now (a notification came). Reads never overlap; one more follows if asked meanwhile. */
  kick(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.read()
      .catch((e) => this.logger.warn(`reading events failed: ${(e as Error).message}`))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (!this.listening || this.missing.size > 0 || now - this.lastRead > 10_000) this.kick();
    if (now - this.lastPurge > 300_000) {
      this.lastPurge = now;
      void this.events.purge(this.ds.manager, RETENTION_SECONDS).catch(() => undefined);
    }
    this.timer = setTimeout(() => this.tick(), 1000);
    this.timer.unref();
  }

  /**
   * Reads the events after the last one read, and those of the ids still missing below it (transactions that took
   * an id and had not committed when later ones were read). Reading on from the floor instead would read the same
   * batch again and again while a gap holds the floor and more than a batch of events follows it (a burst of comments
   * behind one slow or rolled-back transaction), and deliver nothing new until the gap is given up on.
   */
  private async read(): Promise<void> {
    this.lastRead = Date.now();
    const em = this.ds.manager;
    const [rows, late] = await Promise.all([
      this.events.after(em, String(this.cursor), BATCH),
      this.missing.size ? this.events.byIds(em, [...this.missing.keys()].map(String)) : Promise.resolve([]),
    ]);
    const fresh = [...late, ...rows].filter((r) => !this.seen.has(Number(r.id)));
    fresh.sort((a, b) => Number(a.id) - Number(b.id));
    for (const r of fresh) {
      this.seen.add(Number(r.id));
      this.missing.delete(Number(r.id));
    }
    // the position first, so that each event goes out with the position it allows (LiveService: at most its own id)
    this.advance(rows.map((r) => Number(r.id)));
    if (fresh.length && this.subscribers.size) {
      const audiences = await this.audiences(fresh);
      for (const e of fresh) {
        const audience = audiences.get(e.consultationId ?? '');
        for (const s of this.subscribers)
          if (s.documentId === e.documentId && mayReceive(s.reader, e, audience)) s.deliver(e);
      }
    }
    for (const r of fresh) for (const fn of this.listeners.get(r.kind) ?? []) fn(r);
    if (rows.length === BATCH) this.again = true;
  }

  /**
   * Notes the ids skipped between the rows just read (missing: a transaction may still commit them), moves the cursor
   * to the last row, gives up on missing ids older than GAP_SETTLE_MS, and moves the floor to just below the oldest id
   * still awaited (or to the cursor).
   */
  private advance(ids: number[]): void {
    const now = Date.now();
    let next = this.cursor + 1;
    for (const id of ids) {
      if (id - next > MAX_GAP) {
        // no set of transactions in flight holds this many ids: the sequence jumped (a restore, setval)
        this.logger.warn(`event ids ${next}–${id - 1} skipped by the sequence; not waited for`);
        next = id;
      }
      for (; next < id; next++) if (!this.seen.has(next) && !this.missing.has(next)) this.missing.set(next, now);
      next = id + 1;
    }
    if (ids.length) this.cursor = Math.max(this.cursor, ids[ids.length - 1]);
    let oldest = Infinity;
    for (const [id, since] of this.missing) {
      if (now - since >= GAP_SETTLE_MS) this.missing.delete(id);
      else oldest = Math.min(oldest, id);
    }
    this.settle(oldest === Infinity ? this.cursor : oldest - 1);
  }

  private settle(floor: number): void {
    this.floor = Math.max(this.floor, floor);
    for (const id of this.seen) if (id <= this.floor) this.seen.delete(id);
  }

  private async audiences(events: LiveEventRow[]): Promise<Map<string, ConsultationAudience>> {
    const ids = [...new Set(events.map((e) => e.consultationId).filter((id): id is string => Boolean(id)))];
    return new Map((await this.events.consultations(this.ds.manager, ids)).map((c) => [c.id, c]));
  }
}
