import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from './accounts.entities';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  groupId: string | null;
  groupName: string | null;
  disabled: boolean;
}

export interface GroupRow {
  id: string;
  name: string;
  kind: string;
}

/** What an admin's change to a user starts from (the row locked). */
export interface EditableUser {
  username: string;
  displayName: string;
  role: Role;
  groupId: string | null;
  disabled: boolean;
}

const USER_SELECT = `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.group_id AS "groupId", g.name AS "groupName",
       u.disabled
  FROM users u LEFT JOIN groups g ON g.id = u.group_id`;

/**
 * Named queries over users and groups. Every method takes the EntityManager (the transaction's inside a use case,
 * the data source's for a plain read): nothing runs outside the caller's transaction by accident.
 */
@Injectable()
export class AccountsRepository {
  /** An enabled user's id and password hash, for a login. */
  async credentials(em: EntityManager, username: string): Promise<{ id: string; passwordHash: string } | undefined> {
    const [row] = await em.query<{ id: string; passwordHash: string }[]>(
      `SELECT id, password_hash AS "passwordHash" FROM users WHERE username = $1 AND NOT disabled`,
      [username],
    );
    return row;
  }

  async user(em: EntityManager, id: string): Promise<UserView | undefined> {
    const [row] = await em.query<UserView[]>(`${USER_SELECT} WHERE u.id = $1`, [id]);
    return row;
  }

  async users(em: EntityManager): Promise<UserView[]> {
    return em.query<UserView[]>(`${USER_SELECT} ORDER BY u.role, g.name NULLS FIRST, u.username`);
  }

  async countUsers(em: EntityManager): Promise<number> {
    const [{ n }] = await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM users`);
    return n;
  }

  async usernameTaken(em: EntityManager, username: string): Promise<boolean> {
    return (await em.query<unknown[]>(`SELECT 1 FROM users WHERE username = $1`, [username])).length > 0;
  }

  async insertUser(
    em: EntityManager,
    u: { username: string; displayName: string; role: Role; groupId: string | null; passwordHash: string },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO users (username, display_name, role, group_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [u.username, u.displayName, u.role, u.groupId, u.passwordHash],
    );
    return row.id;
  }

  /** The user's row, locked until the transaction ends. */
  async lockUser(em: EntityManager, id: string): Promise<EditableUser | undefined> {
    const [row] = await em.query<EditableUser[]>(
      `SELECT username, display_name AS "displayName", role, group_id AS "groupId", disabled FROM users WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** Writes the user's fields; a null hash keeps the password. */
  async updateUser(
    em: EntityManager,
    id: string,
    u: { displayName: string; role: Role; groupId: string | null; disabled: boolean; passwordHash: string | null },
  ): Promise<void> {
    await em.query(
      `UPDATE users SET display_name = $2, role = $3, group_id = $4, disabled = $5, password_hash = coalesce($6, password_hash) WHERE id = $1`,
      [id, u.displayName, u.role, u.groupId, u.disabled, u.passwordHash],
    );
  }

  async groups(em: EntityManager): Promise<(GroupRow & { members: number })[]> {
    return em.query<(GroupRow & { members: number })[]>(
      `SELECT g.id, g.name, g.kind, count(u.id)::int AS members
         FROM groups g LEFT JOIN users u ON u.group_id = g.id GROUP BY g.id ORDER BY g.name`,
    );
  }

  async groupIdByName(em: EntityManager, name: string): Promise<string | undefined> {
    const [row] = await em.query<{ id: string }[]>(`SELECT id FROM groups WHERE name = $1`, [name]);
    return row?.id;
  }

  async groupExists(em: EntityManager, id: string): Promise<boolean> {
    return (await em.query<unknown[]>(`SELECT 1 FROM groups WHERE id = $1`, [id])).length > 0;
  }

  async insertGroup(em: EntityManager, name: string, kind = 'delegation'): Promise<GroupRow> {
    const [row] = await em.query<GroupRow[]>(
      `INSERT INTO groups (name, kind) VALUES ($1, $2) RETURNING id, name, kind`,
      [name, kind],
    );
    return row;
  }
}
