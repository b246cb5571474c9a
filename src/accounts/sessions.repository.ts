import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { prepared } from '../database/data-source';

/** A live session as the auth guard reads it: its user, its token hash and when it ends. */
export type SessionRow = AuthUser & { tokenHash: string; expiresAt: Date };

/**
 * Named queries over sessions and their tickets. Every method takes the EntityManager (the transaction's inside a
 * use case, the data source's for a statement of its own): nothing runs outside the caller's transaction by accident.
 */
@Injectable()
export class SessionsRepository {
  async insert(em: EntityManager, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await em.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [
      tokenHash,
      userId,
      expiresAt,
    ]);
  }

  /** The unexpired sessions of enabled users among `tokenHashes`, with their users (one query for a batch). */
  liveSessions(em: EntityManager, tokenHashes: string[]): Promise<SessionRow[]> {
    return em.query<SessionRow[]>(
      prepared(
        'session_users_v1',
        `SELECT s.token_hash AS "tokenHash", u.id, u.username, u.display_name AS "displayName", u.role,
                u.group_id AS "groupId", s.expires_at AS "expiresAt"
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND NOT u.disabled`,
      ),
      [tokenHashes],
    );
  }

  async delete(em: EntityManager, tokenHash: string): Promise<void> {
    await em.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
  }

  /** Deletes every session of a user; how many there were. */
  async deleteForUser(em: EntityManager, userId: string): Promise<number> {
    const deleted: unknown = await em.query(`DELETE FROM sessions WHERE user_id = $1 RETURNING token_hash`, [userId]);
    return rowCount(deleted);
  }

  /** Stores a ticket (by its hash) for the session of `tokenHash`, valid for `seconds`; when it expires. */
  async insertTicket(em: EntityManager, ticketHash: string, tokenHash: string, seconds: number): Promise<Date> {
    const [row] = await em.query<{ expiresAt: Date }[]>(
      `INSERT INTO session_tickets (ticket_hash, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at AS "expiresAt"`,
      [ticketHash, tokenHash, seconds],
    );
    return row.expiresAt;
  }

  /** Deletes the tickets that expired more than a minute ago. */
  async sweepTickets(em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM session_tickets WHERE expires_at < now() - interval '1 minute'`);
  }

  /** Deletes a ticket (it is used once); its session's token hash when it had not expired. */
  async useTicket(em: EntityManager, ticketHash: string): Promise<string | undefined> {
    const rows = await em.query<{ tokenHash: string }[]>(
      `WITH used AS (DELETE FROM session_tickets WHERE ticket_hash = $1 RETURNING token_hash, expires_at)
       SELECT used.token_hash AS "tokenHash" FROM used WHERE used.expires_at > now()`,
      [ticketHash],
    );
    return rows[0]?.tokenHash;
  }

  /** Sends a notification on `channel` (delivered to the listeners when, and only if, the transaction commits). */
  async notify(em: EntityManager, channel: string, payload: string): Promise<void> {
    await em.query(`SELECT pg_notify($1, $2)`, [channel, payload]);
  }
}

/** TypeORM answers DELETE … RETURNING with [rows, count] on PostgreSQL. */
function rowCount(result: unknown): number {
  return Array.isArray(result) && Array.isArray(result[0])
    ? result[0].length
    : Array.isArray(result)
      ? result.length
      : 0;
}
