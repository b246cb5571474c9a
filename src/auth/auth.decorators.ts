import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../accounts/accounts.entities';

export const IS_PUBLIC = 'draftline:public';
export const ROLES_KEY = 'draftline:roles';

/** A route anyone may call without a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
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
