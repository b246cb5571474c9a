import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OpenDatabase } from '../database/data-source';
import { OPEN_DATABASE } from '../database/database.module';

/** What to drop from every instance's session cache: one token, or every session of a user. */
export type Revocation = { tokenHash: string } | { userId: string };

const CHANNEL = 'draftline_sessions';
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * Tells every instance at once that sessions are gone, so none serves a revoked token from its cache.
 *
 * On a PostgreSQL server each instance keeps one dedicated connection that LISTENs; a revocation is a pg_notify
 * inside the transaction that deletes the sessions, so it reaches the others exactly when (and only if) that
 * transaction commits. While that connection is down, notifications may be missed: `trusted` is false and the
 * session cache must not be used until it is back (then everything cached before is dropped). The embedded
 * database belongs to one process: there the local cache is all there is to drop.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionRevocations');
  private readonly subscribers = new Set<(r: Revocation | null) => void>();
  private client: Client | null = null;
  private retryMs = RECONNECT_MIN_MS;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** True while the LISTEN connection is up (always on the embedded database). */
  listening: boolean;
  /** The server process of the LISTEN connection (for tests that cut it). */
  backendPid: number | null = null;

  constructor(
    @Inject(OPEN_DATABASE) private readonly db: OpenDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.listening = db.embedded;
  }

  /** Whether a cached session may be served: only while no revocation can have been missed. */
  get trusted(): boolean {
    return this.listening;
  }

  /** `fn` is called with each revocation, or with null when everything cached must go. */
  subscribe(fn: (r: Revocation | null) => void): void {
    this.subscribers.add(fn);
  }

  /** Announces a revocation inside the transaction that makes it; this instance drops its cache at once too. */
  async publish(em: EntityManager, r: Revocation): Promise<void> {
    if (!this.db.embedded) await em.query(`SELECT pg_notify($1, $2)`, [CHANNEL, JSON.stringify(r)]);
    this.emit(r);
  }

  async onModuleInit(): Promise<void> {
    if (!this.db.embedded && this.config.databaseUrl) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    this.listening = this.db.embedded;
    // A connection stuck in connecting (a database that hangs) may never end: do not wait on it for ever.
    if (client) await Promise.race([client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  }

  private emit(r: Revocation | null): void {
    for (const fn of this.subscribers) fn(r);
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl!,
      application_name: 'draftline-session-listener',
      // a database that hangs must not hold the listener (nor shutdown) in connecting for ever
      connectionTimeoutMillis: this.config.databaseConnectTimeoutMs,
      keepAlive: true,
    });
    client.on('notification', (n: Notification) => this.received(n));
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      this.lost(client, e as Error);
      return;
    }
    if (this.client !== client) return;
    this.backendPid = (client as unknown as { processID: number }).processID;
    this.retryMs = RECONNECT_MIN_MS;
    this.emit(null); // whatever was cached before may have been revoked while nobody listened
    this.listening = true;
  }

  private received(n: Notification): void {
    try {
      this.emit(JSON.parse(n.payload ?? '') as Revocation);
    } catch {
      this.emit(null);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return; // an old connection's late event
    this.listening = false;
    this.client = null;
    this.backendPid = null;
    this.emit(null);
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(`Session revocation listener lost (${error?.message ?? 'connection ended'}); sessions are checked in the database until it is back.`);
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }
}
