import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { AuthUser, IdentityRequest } from './auth-user';
import type { Role } from './user.entity';

export const AUTH_ROLES_KEY = 'motcua:auth-roles';
export const PROVINCE_ADMIN_KEY = 'motcua:province-admin';

/** The signed-in user (AuthUser) or undefined for anonymous requests. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<IdentityRequest>().user;
});

/**
 * Requires a signed-in user, optionally with one of the given roles. Anonymous: API 401 / page
 * redirect to /dang-nhap?next=…; signed in with another role: 403 (and the denial is logged).
 */
export function Authenticated(...roles: Role[]) {
  return applyDecorators(SetMetadata(AUTH_ROLES_KEY, roles), ApiBearerAuth());
}

/**
 * Province-wide administration (partner clients, the outbox, the test stubs): administrators of
 * the province's root agency only — the policy's `admin.*` rule for a resource without an agency.
 */
export function ProvinceAdmin() {
  return applyDecorators(SetMetadata(AUTH_ROLES_KEY, ['ADMIN']), SetMetadata(PROVINCE_ADMIN_KEY, true), ApiBearerAuth());
}
