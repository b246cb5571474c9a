import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../accounts/accounts.entities';
import { hashToken, SessionsService } from '../accounts/sessions.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { type AuthUser, IS_PUBLIC, ROLES_KEY, TICKET_KEY } from './auth.decorators';

/** The parts of the HTTP request the guard reads, and what it attaches (the user; the session, for an event stream). */
interface AuthRequest {
  headers?: { authorization?: string };
  query?: { ticket?: unknown };
  method: string;
  user?: AuthUser;
  sessionTokenHash?: string;
}

/** Global guard: every /api route needs a bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthRequest>();
    const header: string | undefined = req.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    let user: AuthUser | null;
    const ticket = req.query?.ticket;
    if (!match && typeof ticket === 'string' && this.reflector.getAllAndOverride<boolean>(TICKET_KEY, targets)) {
      const redeemed = await this.sessions.redeemTicket(ticket);
      if (!redeemed)
        throw new DomainError(
          ErrorCode.Unauthenticated,
          'The ticket has been used or has expired; ask for a new one (POST /api/auth/ticket).',
        );
      user = redeemed.user;
      req.sessionTokenHash = redeemed.tokenHash;
    } else {
      if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'Log in first: send Authorization: Bearer <token>.');
      // A write is checked against the database itself, never the cache: a revoked session cannot change anything.
      user = await this.sessions.userForToken(match[1], req.method !== 'GET' && req.method !== 'HEAD');
      req.sessionTokenHash = hashToken(match[1]);
    }
    if (!user)
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'The session has expired or the token is not valid; log in again.',
      );
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError(ErrorCode.Forbidden, `This needs the role ${roles.join(' or ')}; you are ${user.role}.`);
    }
    return true;
  }
}
