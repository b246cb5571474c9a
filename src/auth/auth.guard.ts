import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../accounts/accounts.entities';
import { SessionsService } from '../accounts/sessions.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { type AuthUser, IS_PUBLIC, ROLES_KEY } from './auth.decorators';

/** The parts of the HTTP request the guard reads, and the user it attaches. */
interface AuthRequest {
  headers?: { authorization?: string };
  method: string;
  user?: AuthUser;
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
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'Log in first: send Authorization: Bearer <token>.');
    // A write is checked against the database itself, never the cache: a revoked session cannot change anything.
    const user = await this.sessions.userForToken(match[1], req.method !== 'GET' && req.method !== 'HEAD');
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'The session has expired or the token is not valid; log in again.');
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError(ErrorCode.Forbidden, `This needs the role ${roles.join(' or ')}; you are ${user.role}.`);
    }
    return true;
  }
}
