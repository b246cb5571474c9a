import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { afterCommit } from '../common/transaction';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OpenDatabase } from '../database/data-source';
import { OPEN_DATABASE } from '../database/database.module';
import { PgListener } from '../database/pg-listener';
import { SessionsRepository } from './sessions.repository';

/** What to drop from every instance's session cache: one token, or every session of a user. */
export type Revocation = { tokenHash: string } | { userId: string };

const CHANNEL = 'draftline_sessions';

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
  private listener: PgListener | null = null;
  /** True while the LISTEN connection is up (always on the embedded database). */
  listening: boolean;

  constructor(
    @Inject(OPEN_DATABASE) private readonly db: OpenDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
  ) {
    this.listening = db.embedded;
  }

  /** The server process of the LISTEN connection (for tests that cut it). */
  get backendPid(): number | null {
    return this.listener?.backendPid ?? null;
  }

  /** Whether a cached session may be served: only while no revocation can have been missed. */
  get trusted(): boolean {
    return this.listening;
  }

  /** `fn` is called with each revocation, or with null when everything cached must go. */
  subscribe(fn: (r: Revocation | null) => void): void {
    this.subscribers.add(fn);
  }

  /**
   * Announces a revocation inside the transaction that makes it. This instance drops its cache at once, and again
   * when the transaction commits: a lookup in between may have read the session before the delete was visible, and a
   * stream that re-checks its session must do so once the delete is visible (other instances hear the NOTIFY then).
   */
  async publish(em: EntityManager, r: Revocation): Promise<void> {
    if (!this.db.embedded) await this.sessions.notify(em, CHANNEL, JSON.stringify(r));
    this.emit(r);
    afterCommit(em, () => this.emit(r));
  }

  async onModuleInit(): Promise<void> {
    if (this.db.embedded || !this.config.databaseUrl) return;
    this.listener = new PgListener(
      {
        databaseUrl: this.config.databaseUrl,
        connectTimeoutMs: this.config.databaseConnectTimeoutMs,
        channels: [CHANNEL],
        applicationName: 'draftline-session-listener',
      },
      {
        notification: (_channel, payload) => this.received(payload),
        up: () => {
          this.emit(null); // whatever was cached before may have been revoked while nobody listened
          this.listening = true;
        },
        down: () => {
          this.listening = false;
          this.emit(null);
        },
      },
      this.logger,
    );
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.listening = this.db.embedded;
    await this.listener?.stop();
  }

  private emit(r: Revocation | null): void {
    for (const fn of this.subscribers) fn(r);
  }

  private received(payload: string): void {
    try {
      this.emit(JSON.parse(payload) as Revocation);
    } catch {
      this.emit(null);
    }
  }
}
