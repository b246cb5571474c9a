import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { inTransaction } from '../common/transaction';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { type Revocation, SessionRevocations } from './session-revocations';
import { type SessionRow, SessionsRepository } from './sessions.repository';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a ticket (a session in a URL, for an EventSource) may wait to be used; it is used once. */
export const TICKET_SECONDS = 30;

/**
 * The auth guard looks the session up on every request; a delegate's burst of reads costs one lookup per
 * CACHE_TTL_MS instead of one each. Revocations (logout; a user disabled, re-roled, moved or given a new password)
 * reach every instance's cache at once through SessionRevocations; while that channel is down nothing is cached.
 * Writes (any method but GET/HEAD) always ask the database, whatever is cached.
 */
const CACHE_TTL_MS = 5_000;
/** Bounded: the least recently used entries go first when full. */
const CACHE_MAX = 10_000;

/** Bearer-token sessions kept in the database, so several instances of the service share them. */
@Injectable()
export class SessionsService {
  /** Token hash → user, each for CACHE_TTL_MS at most (less when the session ends sooner). */
  private readonly cache = new LRUCache<string, AuthUser>({ max: CACHE_MAX, ttl: CACHE_TTL_MS, ttlAutopurge: false });
  /** Bumped by every revocation: a lookup that overlapped one does not cache what it read. */
  private epoch = 0;
  /** Database lookups waiting for this turn's query (see lookup). */
  private batch: Map<string, { resolve: (r: SessionRow | undefined) => void; reject: (e: unknown) => void }[]> | null =
    null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
    private readonly repo: SessionsRepository,
  ) {
    revocations.subscribe((r) => this.drop(r));
  }

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await this.repo.insert(this.ds.manager, hashToken(token), userId, expiresAt);
    return { token, expiresAt };
  }

  /** The user behind a token, or null. `fresh`: ask the database even when the session is cached (writes). */
  userForToken(token: string, fresh = false): Promise<AuthUser | null> {
    return this.userForTokenHash(hashToken(token), fresh);
  }

  /** The user of a cached session that may be trusted now, or undefined: never asks the database (fast reads). */
  peekToken(token: string): AuthUser | undefined {
    return this.revocations.trusted ? this.cache.get(hashToken(token)) : undefined;
  }

  /** As userForToken, for a session known by its hash (a long-lived event stream re-checks its session so). */
  async userForTokenHash(hash: string, fresh = false): Promise<AuthUser | null> {
    const hit = this.cache.get(hash);
    if (hit && !fresh && this.revocations.trusted) return hit;
    if (hit) this.cache.delete(hash);
    const epoch = this.epoch;
    const row = await this.lookup(hash);
    if (!row) return null; // not cached: a token that becomes valid (never happens) or a typo costs a lookup
    const { expiresAt, tokenHash: _hash, ...user } = row;
    if (epoch === this.epoch && this.revocations.trusted) {
      const left = new Date(expiresAt).getTime() - Date.now();
      if (left > 0) this.cache.set(hash, user, { ttl: Math.min(CACHE_TTL_MS, left) });
    }
    return user;
  }

  /**
   * Looks a session up in the database. Lookups made in the same turn of the event loop share one query (every write
   * asks the database, so a burst of delegates' comments would otherwise cost a round trip each).
   */
  private lookup(hash: string): Promise<SessionRow | undefined> {
    if (!this.batch) {
      this.batch = new Map();
      setImmediate(() => void this.flush());
    }
    const batch = this.batch;
    return new Promise((resolve, reject) => batch.set(hash, [...(batch.get(hash) ?? []), { resolve, reject }]));
  }

  private async flush(): Promise<void> {
    const batch = this.batch!;
    this.batch = null;
    try {
      const rows = await this.repo.liveSessions(this.ds.manager, [...batch.keys()]);
      const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
      for (const [hash, waiters] of batch) for (const w of waiters) w.resolve(byHash.get(hash));
    } catch (e) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
    }
  }

  /**
   * A ticket for the session of `token`: a random string that stands for it once, within TICKET_SECONDS, where a
   * header cannot be sent (an EventSource's URL). Stored as a hash, like tokens; it dies with the session.
   */
  async issueTicket(token: string): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = await this.repo.insertTicket(
      this.ds.manager,
      hashToken(ticket),
      hashToken(token),
      TICKET_SECONDS,
    );
    // tickets never used are swept by the next issue: a few rows at most
    await this.repo.sweepTickets(this.ds.manager);
    return { ticket, expiresAt };
  }

  /** Uses a ticket up: its session's user and token hash when it was valid and unused, else null. */
  async redeemTicket(ticket: string): Promise<{ user: AuthUser; tokenHash: string } | null> {
    const tokenHash = await this.repo.useTicket(this.ds.manager, hashToken(ticket));
    if (tokenHash === undefined) return null;
    const user = await this.userForTokenHash(tokenHash, true);
    return user ? { user, tokenHash } : null;
  }

  /** Logout: the token stops working on every instance once this returns. */
  async revoke(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    await inTransaction(this.ds, async (em) => {
      await this.repo.delete(em, tokenHash);
      await this.revocations.publish(em, { tokenHash }); // dropped again from the cache once committed
    });
  }

  /** Ends every session of a user, inside the caller's transaction; every instance forgets them at commit. */
  async revokeUser(em: EntityManager, userId: string): Promise<number> {
    const deleted = await this.repo.deleteForUser(em, userId);
    await this.revocations.publish(em, { userId });
    return deleted;
  }

  /** The user's details changed (not their rights): every instance re-reads their sessions. */
  async forgetUser(em: EntityManager, userId: string): Promise<void> {
    await this.revocations.publish(em, { userId });
  }

  private drop(r: Revocation | null): void {
    this.epoch++;
    if (!r) this.cache.clear();
    else if ('tokenHash' in r) this.cache.delete(r.tokenHash);
    else
      for (const [hash] of [...this.cache.entries()].filter(([, user]) => user.id === r.userId))
        this.cache.delete(hash);
  }
}
