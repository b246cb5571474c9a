import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

export type Role = 'admin' | 'drafter' | 'delegate';
export const ROLES: Role[] = ['admin', 'drafter', 'delegate'];
export type GroupKind = 'delegation' | 'department';

/** A delegation (代表团) or a department (部门): delegates comment as members of one. */
@Entity('groups')
@Check('ck_groups_kind', `"kind" IN ('delegation', 'department')`)
export class Group {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_groups' })
  id: string;

  @Index('uq_groups_name', { unique: true })
  @Column('text')
  name: string;

  @Column('text', { default: 'delegation' })
  kind: GroupKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('users')
@Check('ck_users_role', `"role" IN ('admin', 'drafter', 'delegate')`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column('text')
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text')
  role: Role;

  @Index('ix_users_group')
  @Column('uuid', { name: 'group_id', nullable: true })
  groupId: string | null;

  @ManyToOne(() => Group, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_users_group' })
  group?: Group | null;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('boolean', { default: false })
  disabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A login session: the bearer token is random; only its SHA-256 is stored, so a database leak yields no tokens. */
@Entity('sessions')
export class Session {
  @PrimaryColumn('text', { name: 'token_hash', primaryKeyConstraintName: 'pk_sessions' })
  tokenHash: string;

  @Index('ix_sessions_user')
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sessions_user' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}

/** A one-use ticket standing for a session for a few seconds, where a URL must carry it (an EventSource). */
@Entity('session_tickets')
export class SessionTicket {
  @PrimaryColumn('text', { name: 'ticket_hash', primaryKeyConstraintName: 'pk_session_tickets' })
  ticketHash: string;

  @Index('ix_session_tickets_token')
  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'token_hash', foreignKeyConstraintName: 'fk_session_tickets_session' })
  session?: Session;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}

export type ThrottleScope = 'user' | 'address';

/**
 * Failed logins per user name (lower-cased, existing or not) and per client address, shared by every instance.
 * A row is written before the password is checked, so a burst of guesses cannot slip past the count.
 */
@Entity('login_throttle')
@Check('ck_login_throttle_scope', `"scope" IN ('user', 'address')`)
@Check('ck_login_throttle_failures', `"failures" >= 0`)
@Index('ix_login_throttle_last_failure', ['lastFailureAt'])
export class LoginThrottle {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_login_throttle' })
  scope: ThrottleScope;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_login_throttle' })
  subject: string;

  @Column('integer', { default: 0 })
  failures: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { name: 'last_failure_at', default: () => 'now()' })
  lastFailureAt: Date;
}
