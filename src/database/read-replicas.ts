import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isDatabaseUnavailable } from './connection-errors';
import { ENTITIES } from './entities';

/**
 * Read replicas (DATABASE_READ_URLS): reads of immutable data — versions, diffs, a clause's wording through the
 * versions, reports of closed consultations — go to a PostgreSQL streaming replica that is up, no further behind the
 * primary than DATABASE_READ_MAX_LAG_MS, and past the user's own last write; everything else, and every read when no
 * replica qualifies, goes to the primary. Callers opt in per use case with `read(work)`; what decides who may see
 * what (sessions, consultations, comments' visibility) stays on the primary.
 *
 * Read-your-writes: after each successful write (any method but GET/HEAD) the primary's WAL position
 * (pg_current_wal_lsn(), one query per event-loop turn for all writes finished in it) is remembered for the user in
 * this process and sent to the client in a cookie, so that the user's next read — on this instance or, through the
 * cookie, on another one behind the same proxy — uses only a replica whose replayed position has passed it (as of the
 * last check), else the primary. A replica within the lag bound has replayed everything the primary had that long
 * ago, so the mark only needs to live that long (plus two checks); after that every eligible replica has passed it.
 *
 * Lag: every DATABASE_READ_CHECK_INTERVAL_MS the primary's position is sampled and each replica's replayed position
 * (pg_last_wal_replay_lsn()) read; a replica's lag is the age of the oldest sample it has not yet replayed (0 when it
 * has replayed them all). Measured like this it is right when the primary is idle (no false lag), when replay is
 * paused, and when the replica stops receiving WAL. A replica that does not answer, is no longer in recovery
 * (promoted: no longer a copy of the primary) or lags beyond the bound is skipped until a later check says otherwise;
 * a read that fails on a replica because it became unreachable, or that a replica answers "not found" (it may not
 * have the row yet), is run again on the primary.
 *
 * Why one DataSource per replica rather than TypeORM's `replication` option: TypeORM picks a slave at random for each
 * slave query runner and knows nothing of a replica's health or lag, so it can neither skip a lagging or dead replica
 * nor honour a read-your-writes position. Here each replica is its own pool, and the router chooses.
 */

/** A position in the write-ahead log, `X/Y` in hex, as a number for comparison. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? '');
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** What a request's reads must see: the position of the user's last write, if recent (see ReadConsistencyInterceptor). */
export interface ReadConsistency {
  userId: string | null;
  /** From the client's cookie: the primary's position after this client's last write (another instance may have made it). */
  minLsn: bigint | null;
}

export const readConsistency = new AsyncLocalStorage<ReadConsistency>();

/** The name of the read-your-writes cookie. */
export const WRITE_POSITION_COOKIE = 'draftline_wal';

export interface ReplicaStatus {
  /** host:port/database, without credentials. */
  name: string;
  state: 'up' | 'down' | 'lagging' | 'not_replica';
  /** Milliseconds behind the primary at the last check; null when unknown (down). */
  lagMs: number | null;
  replayLsn: string | null;
  /** Reads served by this replica since start. */
  reads: number;
  lastError: string | null;
}

interface Replica {
  name: string;
  ds: DataSource;
  state: ReplicaStatus['state'];
  lagMs: number | null;
  replayLsn: bigint | null;
  reads: number;
  lastError: string | null;
}

/** "Not found" in any area (`not_found`, `document_not_found`, `version_not_found`, …): a replica behind may say it. */
const isNotFound = (e: unknown) => e instanceof DomainError && /(^|_)not_found$/.test(e.code);
/** A query cancelled by a conflict with recovery (the replica replays a change the query still needed). */
const RECOVERY_CONFLICT = new Set(['40001', '40P01']);

/** Primary-position samples kept: enough to measure any lag up to the bound. */
const MAX_SAMPLES = 10_000;

@Injectable()
export class ReadReplicas implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadReplicas');
  private readonly replicas: Replica[];
  private readonly samples: { at: number; lsn: bigint }[] = [];
  /** Position of each user's last write, and until when it matters. */
  private readonly writes = new Map<string, { lsn: bigint; until: number }>();
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private checking: Promise<void> | null = null;
  private positionBatch: Promise<bigint | null> | null = null;
  /** Reads that were eligible for a replica but ran on the primary. */
  primaryReads = 0;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const settings = config.readReplicas;
    this.replicas = settings.urls.map((url) => ({
      name: describe(url),
      ds: new DataSource({
        type: 'postgres',
        url,
        entities: ENTITIES,
        synchronize: false,
        migrationsRun: false,
        installExtensions: false, // a standby is read-only: never try CREATE EXTENSION there
        logging: false,
        extra: {
          max: settings.poolSize,
          connectionTimeoutMillis: Math.min(config.databaseConnectTimeoutMs, 2000),
          application_name: 'draftline-read',
        },
      }),
      state: 'down',
      lagMs: null,
      replayLsn: null,
      reads: 0,
      lastError: 'not checked yet',
    }));
  }

  /** True when replicas are configured (a PostgreSQL server with DATABASE_READ_URLS). */
  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** Whether `em` (one that `read` gave its work) is the primary's: there nothing is behind what the primary said. */
  isPrimary(em: EntityManager): boolean {
    return em.connection === this.primary;
  }

  /** Runs `work` on the primary, for reads that must agree with what the primary says (e.g. a cache key read there). */
  onPrimary<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return work(this.primary.manager);
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    await this.check();
    for (const r of this.replicas) {
      if (r.state !== 'up')
        this.logger.warn(
          `Read replica ${r.name} is ${r.state} at start-up (${r.lastError ?? `lag ${r.lagMs} ms`}); reads go to the primary until it is up.`,
        );
    }
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.checking?.catch(() => undefined);
    const open = this.replicas.filter((r) => r.ds.isInitialized);
    await Promise.all(open.map((r) => r.ds.destroy().catch(() => undefined)));
  }

  /**
   * Runs `work` (reads only) on a replica when one may serve this request, else on the primary. Give every query of
   * one answer the same manager, so that they all see one server. A cache must not store what a replica read under a
   * key read elsewhere (e.g. a keys generation read on the primary): read the key with the same manager, or check it
   * there and throw a not-found DomainError when it differs, which sends the work to the primary.
   */
  async read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const replica = this.enabled ? this.pick() : null;
    if (!replica) {
      if (this.enabled) this.primaryReads++;
      return work(this.primary.manager);
    }
    // One connection for the whole answer: its queries queue once for the pool, not once each, and see one server.
    const runner = replica.ds.createQueryRunner();
    let failure: unknown;
    try {
      replica.reads++;
      return await work(runner.manager);
    } catch (e) {
      failure = e;
    } finally {
      await runner.release().catch(() => undefined);
    }
    if (isDatabaseUnavailable(failure)) {
      // Every connection busy for longer than the connect timeout is a replica at capacity, not one that is down:
      // this read goes to the primary, and the replica stays in use.
      if (!saturated(replica.ds)) this.markDown(replica, failure);
    } else if (!isNotFound(failure) && !RECOVERY_CONFLICT.has(sqlState(failure))) {
      throw failure;
    }
    replica.reads--;
    this.primaryReads++;
    return work(this.primary.manager);
  }

  /**
   * Remembers that `userId` has just written (call after the commit): the primary's position now, which the user's
   * reads must see. Writes finished in one turn of the event loop share one query. Resolves to the position.
   */
  async noteWrite(userId: string): Promise<string | null> {
    if (!this.enabled) return null;
    if (!this.positionBatch) {
      this.positionBatch = new Promise((resolve) =>
        setImmediate(() => {
          this.positionBatch = null;
          this.primary.query<LsnRow[]>(`SELECT pg_current_wal_lsn()::text AS lsn`).then(
            ([row]) => resolve(parseLsn(row.lsn)),
            () => resolve(null),
          );
        }),
      );
    }
    const lsn = await this.positionBatch;
    if (lsn === null) return null;
    const previous = this.writes.get(userId);
    this.writes.set(userId, {
      lsn: previous && previous.lsn > lsn ? previous.lsn : lsn,
      until: Date.now() + this.markLifetimeMs,
    });
    return formatLsn(lsn);
  }

  /** How long a write's position matters (also the cookie's lifetime): the lag bound and two checks. */
  get markLifetimeMs(): number {
    return this.config.readReplicas.maxLagMs + 2 * this.config.readReplicas.checkIntervalMs;
  }

  /** Each replica as the last check saw it. */
  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      name: r.name,
      state: r.state,
      lagMs: r.lagMs,
      replayLsn: r.replayLsn === null ? null : formatLsn(r.replayLsn),
      reads: r.reads,
      lastError: r.lastError,
    }));
  }

  /** One check of the primary's position and every replica's state (also run by tests instead of waiting for one). */
  check(): Promise<void> {
    if (!this.checking) this.checking = this.checkOnce().finally(() => (this.checking = null));
    return this.checking;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.check().finally(() => this.schedule()),
      this.config.readReplicas.checkIntervalMs,
    );
    this.timer.unref();
  }

  private async checkOnce(): Promise<void> {
    const now = Date.now();
    for (const [user, mark] of this.writes) if (mark.until <= now) this.writes.delete(user);
    try {
      const [row] = await this.primary.query<LsnRow[]>(`SELECT pg_current_wal_lsn()::text AS lsn`);
      const lsn = parseLsn(row.lsn);
      if (lsn !== null) this.samples.push({ at: now, lsn });
    } catch {
      return; // the primary is unreachable: requests answer 503 anyway; measure again next time
    }
    const keepFrom = now - this.config.readReplicas.maxLagMs - 3 * this.config.readReplicas.checkIntervalMs;
    while (this.samples.length > 1 && (this.samples[0].at < keepFrom || this.samples.length > MAX_SAMPLES))
      this.samples.shift();
    await Promise.all(this.replicas.map((r) => this.checkReplica(r)));
  }

  private async checkReplica(r: Replica): Promise<void> {
    const timeoutMs = Math.max(2 * this.config.readReplicas.checkIntervalMs, 2000);
    let timer: NodeJS.Timeout | undefined;
    try {
      const probe = (async () => {
        if (!r.ds.isInitialized) await r.ds.initialize();
        const [row] = await r.ds.query<{ recovery: boolean; replay: string | null }[]>(
          `SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replay`,
        );
        return row;
      })();
      const row = await Promise.race([
        probe,
        new Promise<never>(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
        ),
      ]);
      const before = r.state;
      r.lastError = null;
      r.replayLsn = parseLsn(row.replay);
      if (!row.recovery || r.replayLsn === null) {
        r.state = 'not_replica';
        r.lagMs = null;
        r.lastError = 'not in recovery: this server is no streaming replica (promoted?)';
      } else {
        r.lagMs = this.lagOf(r.replayLsn);
        r.state = r.lagMs <= this.config.readReplicas.maxLagMs ? 'up' : 'lagging';
      }
      if (before !== r.state) this.logTransition(r, before);
    } catch (e) {
      this.markDown(r, e);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The age of the oldest sample of the primary's position that `replayed` has not reached. */
  private lagOf(replayed: bigint): number {
    const behind = this.samples.find((s) => s.lsn > replayed);
    return behind ? Date.now() - behind.at : 0;
  }

  /** A replica that may serve this request: up, within the lag bound, past the user's last write; round robin. */
  private pick(): Replica | null {
    const ctx = readConsistency.getStore();
    let floor = ctx?.minLsn ?? null;
    const mark = ctx?.userId ? this.writes.get(ctx.userId) : undefined;
    if (mark && mark.until > Date.now() && (floor === null || mark.lsn > floor)) floor = mark.lsn;
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.next + i) % n];
      if (r.state !== 'up' || r.replayLsn === null) continue;
      if (floor !== null && r.replayLsn < floor) continue;
      this.next = (this.next + i + 1) % n;
      return r;
    }
    return null;
  }

  private markDown(r: Replica, e: unknown): void {
    const before = r.state;
    r.state = 'down';
    r.lagMs = null;
    r.lastError = (e as Error)?.message ?? String(e);
    if (before !== 'down') this.logTransition(r, before);
  }

  private logTransition(r: Replica, before: ReplicaStatus['state']): void {
    const what =
      r.state === 'up'
        ? `is up (lag ${r.lagMs} ms)`
        : r.state === 'lagging'
          ? `lags ${r.lagMs} ms, beyond DATABASE_READ_MAX_LAG_MS; skipped`
          : `is ${r.state} (${r.lastError}); skipped`;
    (r.state === 'up' ? this.logger.log.bind(this.logger) : this.logger.warn.bind(this.logger))(
      `Read replica ${r.name} ${what} (was ${before}).`,
    );
  }
}

/** All of the pool's connections are in use and requests wait for one (pg-pool's counters). */
function saturated(ds: DataSource): boolean {
  const pool = (
    ds.driver as unknown as {
      master?: { totalCount: number; idleCount: number; waitingCount: number; options: { max: number } };
    }
  ).master;
  return Boolean(pool && pool.totalCount >= pool.options.max && pool.idleCount === 0);
}

type LsnRow = { lsn: string };

function sqlState(e: unknown): string {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.code ?? err?.driverError?.code;
  return typeof code === 'string' ? code : '';
}

/** host:port/database of a URL, without user or password, for logs and status. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}
