import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../accounts/accounts.entities';

export const IS_PUBLIC = 'draftline:public';
export const ROLES_KEY = 'draftline:roles';
export const TICKET_KEY = 'draftline:ticket';

/** A route anyone may call without a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/**
 * A route that also takes a one-use ticket (`?ticket=`, from POST /api/auth/ticket) instead of the Authorization
 * header: for an EventSource, which cannot send headers. A ticket in a URL may reach logs; it is dead once used.
 */
export const TicketAuth = () => SetMetadata(TICKET_KEY, true);
/** The roles allowed on a route (checked on the server by AuthGuard). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated user, as the guard put it on the request. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  groupId: string | null;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
