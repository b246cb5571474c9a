import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { prepared } from '../database/data-source';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The auth guard looks the session up on every request; a delegate's burst of requests costs one lookup per
 * CACHE_TTL_MS instead of one each. The price: a session revoked (logout) or expired, or a user disabled, through
 * ANOTHER instance is still accepted here for up to CACHE_TTL_MS; logout on this instance drops the entry at once.
 * Apart from that delay, several instances on one database behave as one (the database stays the only truth).
 */
const CACHE_TTL_MS = 5_000;
/** Bounded: the oldest entries go first when full (a Map iterates in insertion order). */
const CACHE_MAX = 10_000;

/** Bearer-token sessions kept in the database, so several instances of the service share them. */
@Injectable()
export class SessionsService {
  private readonly cache = new Map<string, { user: AuthUser; until: number }>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await this.ds.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [
      hashToken(token),
      userId,
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  async userForToken(token: string): Promise<AuthUser | null> {
    const hash = hashToken(token);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.user;
    if (hit) this.cache.delete(hash);
    const rows = await this.ds.query(
      prepared('session_user_v2', `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.group_id AS "groupId",
              s.expires_at AS "expiresAt"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`),
      [hash],
    );
    if (!rows[0]) return null; // not cached: a token that becomes valid (never happens) or a typo costs a lookup
    const { expiresAt, ...user } = rows[0] as AuthUser & { expiresAt: Date };
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, { user, until: Math.min(now + CACHE_TTL_MS, new Date(expiresAt).getTime()) });
    return user;
  }

  /** Logout. Other instances may accept the token for up to CACHE_TTL_MS more (see above). */
  async revoke(token: string): Promise<void> {
    const hash = hashToken(token);
    this.cache.delete(hash);
    await this.ds.query(`DELETE FROM sessions WHERE token_hash = $1`, [hash]);
    this.cache.delete(hash); // a lookup that raced with the delete may have cached it again
  }
}
