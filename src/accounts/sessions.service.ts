import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Bearer-token sessions kept in the database, so several instances of the service share them. */
@Injectable()
export class SessionsService {
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
    const rows = await this.ds.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.group_id AS "groupId"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [hashToken(token)],
    );
    return rows[0] ?? null;
  }

  async revoke(token: string): Promise<void> {
    await this.ds.query(`DELETE FROM sessions WHERE token_hash = $1`, [hashToken(token)]);
  }
}
