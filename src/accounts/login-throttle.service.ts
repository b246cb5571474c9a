import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { audit } from '../audit/audit';
import { DomainError } from '../common/domain-error';
import { inTransaction } from '../common/transaction';
import { APP_CONFIG, type AppConfig, type LoginThrottleSettings } from '../config/app-config';
import type { ThrottleScope } from './accounts.entities';
import { AccountsErrorCode } from './accounts.errors';
import { LoginThrottleRepository } from './login-throttle.repository';

/** How long a lock lasts after `failures` failures: none within the free ones, then base, doubling, up to max. */
export function lockSecondsAfter(
  failures: number,
  free: number,
  s: Pick<LoginThrottleSettings, 'lockSeconds' | 'maxLockSeconds'>,
): number {
  if (failures < free) return 0;
  return Math.min(s.maxLockSeconds, s.lockSeconds * 2 ** Math.min(failures - free, 30));
}

interface Counted {
  scope: ThrottleScope;
  subject: string;
  failures: number;
  /** Seconds of the lock this attempt set, should it fail (0: none). */
  lockSeconds: number;
}

/** An admitted login attempt, already counted as a failure until it turns out not to be one. */
export interface LoginAttempt {
  username: string;
  address: string;
  counted: Counted[];
}

const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Login throttling per user name (lower-cased, whether the user exists or not, so a refusal says nothing about
 * existence) and per client address, kept in login_throttle so every instance counts the same attempts.
 *
 * An attempt is counted BEFORE the password is checked, in one transaction that locks both rows: a burst of
 * concurrent guesses is counted one by one and cannot all pass a check made before any of them failed. A success
 * then takes its count back: the user name's row goes (its failures are forgiven), the address's count drops by one
 * (a login with one's own account does not wipe an address's failures with other names).
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger('LoginThrottle');
  private readonly settings: LoginThrottleSettings;
  private lastSweep = 0;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: LoginThrottleRepository,
  ) {
    this.settings = config.loginThrottle;
  }

  /** Counts an attempt, or refuses it with too_many_attempts (and Retry-After) while the name or address is locked. */
  async admit(username: string, address: string): Promise<LoginAttempt> {
    const keys: [ThrottleScope, string, number][] = [
      ['address', address, this.settings.addressFreeAttempts],
      ['user', username.toLowerCase(), this.settings.freeAttempts],
    ];
    const counted = await inTransaction(this.ds, async (em) => {
      const out: Counted[] = [];
      for (const [scope, subject, free] of keys) {
        // always address then user: concurrent attempts lock rows in one order
        const row = await this.repo.lock(em, scope, subject, this.settings.forgetSeconds);
        if (row.retryAfter) {
          throw new DomainError(
            AccountsErrorCode.TooManyAttempts,
            `Too many failed logins; try again in ${row.retryAfter} s.`,
            { retryAfter: row.retryAfter },
          );
        }
        const failures: number = (row.stale ? 0 : row.failures) + 1;
        const lockSeconds = lockSecondsAfter(failures, free, this.settings);
        await this.repo.recordFailure(em, scope, subject, failures, lockSeconds);
        out.push({ scope, subject, failures, lockSeconds });
      }
      return out;
    });
    return { username, address, counted };
  }

  /** The attempt failed: its count stands; each lock it set goes to the audit log. */
  async failed(attempt: LoginAttempt): Promise<void> {
    const locks = attempt.counted.filter((c) => c.lockSeconds > 0);
    if (locks.length) {
      await inTransaction(this.ds, async (em) => {
        for (const c of locks) {
          const detail = {
            scope: c.scope,
            failures: c.failures,
            lockSeconds: c.lockSeconds,
            ...(c.scope === 'user' ? { address: attempt.address } : { username: attempt.username }),
          };
          await audit(em, null, 'login.lock', 'login', c.subject, detail);
        }
      });
      this.logger.warn(
        `Locked logins for ${locks.map((c) => `${c.scope} ${c.subject} (${c.lockSeconds} s after ${c.failures} failures)`).join(' and ')}`,
      );
    }
    if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) await this.sweep();
  }

  /** The attempt succeeded: the user name's failures are forgiven, and the address's count is taken back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await inTransaction(this.ds, async (em) => {
      // On the address's row, a lock this very attempt set is lifted with its count (no other attempt was admitted
      // while it stood).
      for (const c of attempt.counted) {
        if (c.scope === 'user') await this.repo.forgetUserName(em, c.subject);
        else await this.repo.takeBackFailure(em, c.scope, c.subject, c.lockSeconds > 0);
      }
    });
  }

  /** Drops counts nobody has added to for LOGIN_FORGET_SECONDS, so names sprayed by an attacker do not pile up. */
  private async sweep(): Promise<void> {
    this.lastSweep = Date.now();
    await this.repo.sweep(this.ds.manager, this.settings.forgetSeconds);
  }
}
