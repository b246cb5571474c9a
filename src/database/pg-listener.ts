import type { Logger } from '@nestjs/common';
import { Client, type Notification } from 'pg';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

export interface PgListenerHandlers {
  /** A NOTIFY on one of the channels. */
  notification(channel: string, payload: string): void;
  /** The connection is (again) up and listening: whatever was sent while it was down was missed. */
  up(): void;
  /** The connection is lost: notifications may be missed until `up`. */
  down(): void;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on some channels and comes back by itself (with backoff) when
 * it is lost. A NOTIFY sent inside a transaction reaches it exactly when (and only if) that transaction commits.
 */
export class PgListener {
  private client: Client | null = null;
  private retryMs = RECONNECT_MIN_MS;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The server process of the connection (for tests that cut it). */
  backendPid: number | null = null;

  constructor(
    private readonly opts: {
      databaseUrl: string;
      connectTimeoutMs: number;
      channels: string[];
      applicationName: string;
    },
    private readonly handlers: PgListenerHandlers,
    private readonly logger: Logger,
  ) {}

  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    // A connection stuck in connecting (a database that hangs) may never end: do not wait on it for ever.
    if (client)
      await Promise.race([client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.opts.databaseUrl,
      application_name: this.opts.applicationName,
      // a database that hangs must not hold the listener (nor shutdown) in connecting for ever
      connectionTimeoutMillis: this.opts.connectTimeoutMs,
      keepAlive: true,
    });
    client.on('notification', (n: Notification) => this.handlers.notification(n.channel, n.payload ?? ''));
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      for (const channel of this.opts.channels) await client.query(`LISTEN ${channel}`);
    } catch (e) {
      this.lost(client, e as Error);
      return;
    }
    if (this.client !== client) return;
    this.backendPid = (client as unknown as { processID: number }).processID;
    this.retryMs = RECONNECT_MIN_MS;
    this.handlers.up();
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return; // an old connection's late event
    this.client = null;
    this.backendPid = null;
    this.handlers.down();
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      `${this.opts.applicationName} lost (${error?.message ?? 'connection ended'}); reconnecting in ${this.retryMs} ms.`,
    );
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }
}
