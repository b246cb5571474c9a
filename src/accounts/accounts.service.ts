import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { parse as parseCsv } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { inTransaction } from '../common/transaction';
import { isUuid } from '../common/uuid';
import { ROLES, type Role } from './accounts.entities';
import type { CreateGroupDto, CreateUserDto, UpdateUserDto } from './accounts.dto';
import { passwordMessage, passwordProblem } from './password-policy';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsService } from './sessions.service';
import { AccountsErrorCode } from './accounts.errors';
import { AccountsRepository, type UserView } from './accounts.repository';

export type { UserView } from './accounts.repository';

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  groupId?: string | null;
  password: string;
}

// A hash to compare against when the user does not exist, so a wrong username costs as long as a wrong password.
let dummyHash: Promise<string> | null = null;

@Injectable()
export class AccountsService {
  private readonly logger = new Logger('AccountsService');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly repo: AccountsRepository,
  ) {}

  /**
   * Checks a password, throttled per user name and client address (login-throttle.service.ts). A missing or disabled
   * user costs the same hash verification and the same throttling as a wrong password, so neither the answer nor
   * its timing tells whether the name exists.
   */
  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ token: string; expiresAt: Date; user: UserView }> {
    const attempt = await this.throttle.admit(username, address);
    const found = await this.repo.credentials(this.ds.manager, username);
    dummyHash ??= argon2.hash('not-a-password');
    const ok = await argon2.verify(found?.passwordHash ?? (await dummyHash), password);
    if (!found || !ok) {
      await this.throttle.failed(attempt);
      throw new DomainError(AccountsErrorCode.InvalidCredentials, 'Wrong username or password.');
    }
    await this.throttle.succeeded(attempt);
    const session = await this.sessions.create(found.id);
    return { ...session, user: await this.getUser(found.id) };
  }

  async getUser(id: string): Promise<UserView> {
    const user = await this.repo.user(this.ds.manager, id);
    if (!user) throw new DomainError(ErrorCode.NotFound, `No user ${id}.`);
    return user;
  }

  listUsers(): Promise<UserView[]> {
    return this.repo.users(this.ds.manager);
  }

  listGroups(): Promise<{ id: string; name: string; kind: string; members: number }[]> {
    return this.repo.groups(this.ds.manager);
  }

  async createGroup(actor: AuthUser | null, dto: CreateGroupDto): Promise<{ id: string; name: string; kind: string }> {
    return inTransaction(this.ds, async (em) => {
      if (await this.repo.groupIdByName(em, dto.name))
        throw new DomainError(ErrorCode.Conflict, `A group named "${dto.name}" already exists.`);
      const g = await this.repo.insertGroup(em, dto.name, dto.kind ?? 'delegation');
      await audit(em, actor?.id ?? null, 'group.create', 'group', g.id, { name: g.name });
      return g;
    });
  }

  async createUser(actor: AuthUser | null, dto: CreateUserDto | NewUser): Promise<UserView> {
    const id = await inTransaction(this.ds, (em) => this.insertUser(em, actor, dto));
    return this.getUser(id);
  }

  /** Creates every user of a CSV file, or none: one bad row rejects the import and names the row. */
  async importCsv(actor: AuthUser, csv: string): Promise<{ created: number; groupsCreated: number }> {
    let records: Record<string, string>[];
    try {
      records = parseCsv(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (e) {
      throw new DomainError(ErrorCode.ValidationFailed, `The CSV could not be read: ${(e as Error).message}`);
    }
    if (!records.length) throw new DomainError(ErrorCode.ValidationFailed, 'The CSV has no rows below its header.');
    const missing = ['username', 'role', 'password'].filter((c) => !(c in records[0]));
    if (missing.length) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `The CSV header lacks ${missing.join(', ')} (expected username,displayName,role,group,password).`,
      );
    }
    return inTransaction(this.ds, async (em) => {
      let groupsCreated = 0;
      const groupIds = new Map<string, string>();
      for (const [i, r] of records.entries()) {
        const row = i + 2; // header is line 1
        const role = r.role as Role;
        if (!ROLES.includes(role))
          throw new DomainError(ErrorCode.ValidationFailed, `Row ${row}: role must be one of ${ROLES.join(', ')}.`);
        let groupId: string | null = null;
        const groupName = r.group?.trim();
        if (groupName) {
          if (!groupIds.has(groupName)) {
            const found = await this.repo.groupIdByName(em, groupName);
            if (found) groupIds.set(groupName, found);
            else {
              groupIds.set(groupName, (await this.repo.insertGroup(em, groupName)).id);
              groupsCreated++;
            }
          }
          groupId = groupIds.get(groupName)!;
        }
        try {
          await this.insertUser(em, actor, {
            username: r.username,
            displayName: r.displayName,
            role,
            groupId,
            password: r.password,
          });
        } catch (e) {
          if (e instanceof DomainError) throw new DomainError(e.code, `Row ${row}: ${e.message}`, e.details);
          throw e;
        }
      }
      return { created: records.length, groupsCreated };
    });
  }

  /**
   * An admin's change to a user. A change to what the user may do — disabled, role, group — or a new password ends
   * all their sessions in the same transaction, on every instance (SessionsService.revokeUser). An admin cannot
   * disable or demote themselves, so there is always one who can undo a mistake. Audited without the password.
   */
  async updateUser(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    if (!isUuid(id)) throw new DomainError(ErrorCode.NotFound, `No user ${id}.`);
    const fields = (['displayName', 'role', 'groupId', 'disabled', 'password'] as const).filter(
      (f) => dto[f] !== undefined,
    );
    if (!fields.length)
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'Nothing to change: send displayName, role, groupId, disabled or password.',
      );
    if (actor.id === id && (dto.disabled === true || (dto.role !== undefined && dto.role !== 'admin'))) {
      throw new DomainError(
        AccountsErrorCode.OwnAccount,
        'You cannot disable your own account or take away your own admin role; ask another admin.',
      );
    }
    await inTransaction(this.ds, async (em) => {
      const user = await this.repo.lockUser(em, id);
      if (!user) throw new DomainError(ErrorCode.NotFound, `No user ${id}.`);
      const next = {
        displayName: dto.displayName ?? user.displayName,
        role: dto.role ?? user.role,
        groupId: dto.groupId !== undefined ? dto.groupId : user.groupId,
        disabled: dto.disabled ?? user.disabled,
      };
      await this.assertGroupFits(em, user.username, next.role, next.groupId);
      const changes: Record<string, unknown> = {};
      for (const f of ['displayName', 'role', 'groupId', 'disabled'] as const) {
        if (next[f] !== user[f]) changes[f] = { from: user[f], to: next[f] };
      }
      let hash: string | null = null;
      if (dto.password !== undefined) {
        assertPasswordAcceptable(dto.password, user.username);
        hash = await argon2.hash(dto.password);
        changes.password = 'reset';
      }
      if (!Object.keys(changes).length) return;
      await this.repo.updateUser(em, id, { ...next, passwordHash: hash });
      const rightsChanged = ['role', 'groupId', 'password'].some((f) => f in changes) || next.disabled;
      const sessionsEnded = rightsChanged
        ? await this.sessions.revokeUser(em, id)
        : (await this.sessions.forgetUser(em, id), 0);
      await audit(em, actor.id, 'user.update', 'user', id, { username: user.username, changes, sessionsEnded });
    });
    return this.getUser(id);
  }

  /** With no users at all, creates the first admin. Returns whether it did. */
  async bootstrapAdmin(password: string | null): Promise<boolean> {
    if ((await this.repo.countUsers(this.ds.manager)) > 0) return false;
    if (!password) {
      throw new Error(
        'The database has no users: set BOOTSTRAP_ADMIN_PASSWORD (10+ characters, not a common password) to create the first admin.',
      );
    }
    try {
      await this.createUser(null, { username: 'admin', displayName: 'Administrator', role: 'admin', password });
    } catch (e) {
      // Another instance starting at the same moment created it first.
      if (e instanceof DomainError && e.code === AccountsErrorCode.UsernameTaken) return false;
      if ((e as { code?: string }).code === '23505') return false;
      throw e;
    }
    this.logger.log('Created the first admin user "admin" with the password from BOOTSTRAP_ADMIN_PASSWORD.');
    return true;
  }

  private async insertUser(em: EntityManager, actor: AuthUser | null, dto: NewUser): Promise<string> {
    if (!dto.username || !/^[\p{L}\p{N}._-]{2,64}$/u.test(dto.username)) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `Username "${dto.username ?? ''}" must be 2–64 letters, digits, dots, dashes or underscores.`,
      );
    }
    assertPasswordAcceptable(dto.password, dto.username);
    await this.assertGroupFits(em, dto.username, dto.role, dto.groupId ?? null);
    if (await this.repo.usernameTaken(em, dto.username)) {
      throw new DomainError(AccountsErrorCode.UsernameTaken, `The username ${dto.username} is taken.`);
    }
    const passwordHash = await argon2.hash(dto.password);
    const id = await this.repo.insertUser(em, {
      username: dto.username,
      displayName: dto.displayName || dto.username,
      role: dto.role,
      groupId: dto.groupId ?? null,
      passwordHash,
    });
    await audit(em, actor?.id ?? null, 'user.create', 'user', id, { username: dto.username, role: dto.role });
    return id;
  }

  /** A delegate comments as a member of a group: they need one, and it must exist. */
  private async assertGroupFits(
    em: EntityManager,
    username: string,
    role: Role,
    groupId: string | null,
  ): Promise<void> {
    if (role === 'delegate' && !groupId)
      throw new DomainError(ErrorCode.ValidationFailed, `A delegate needs a group; ${username} would have none.`);
    if (groupId && !(await this.repo.groupExists(em, groupId)))
      throw new DomainError(ErrorCode.ValidationFailed, `No group ${groupId}.`);
  }
}

/** The one check of a new password (user creation, CSV import, bootstrap admin, reset): see password-policy.ts. */
function assertPasswordAcceptable(password: string | undefined, username: string): void {
  const problem = passwordProblem(password ?? '', username);
  if (problem) throw new DomainError(AccountsErrorCode.WeakPassword, passwordMessage(problem), { problem });
}
