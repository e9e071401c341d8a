import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { SecurityLogService } from '../audit/security-log.service';
import { isApiRequest } from '../common/api-request';
import { AUTH_ROLES_KEY, PROVINCE_ADMIN_KEY } from './auth.decorators';
import type { IdentityRequest } from './auth-user';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { canDeferCsrf, CSRF_MESSAGE, csrfValid, needsCsrfCheck } from './csrf';
import { hasSignedInMark, SIGNED_IN_MARK } from './http-setup';
import { mayOpen } from './policy';
import { PolicyService } from './policy.service';
import type { Role } from './user.entity';

/** The query parameter that tells the sign-in page why the person was sent there. */
export const LOGIN_REASON_PARAM = 'ly-do';
export const LOGIN_REASON_EXPIRED = 'het-han';

/** Only same-site relative paths may be used as the post-login destination. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 500) return '/';
  return next;
}

/**
 * Global guard: CSRF check for state-changing browser requests, then `@Authenticated(...)`.
 * `req.user` itself is set earlier by the identity middleware (see http-setup.ts).
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: PolicyService,
    private readonly securityLog: SecurityLogService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<IdentityRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();

    if (needsCsrfCheck(req) && !csrfValid(req)) {
      const interceptors = this.reflector.getAllAndMerge<unknown[]>(INTERCEPTORS_METADATA, [ctx.getHandler(), ctx.getClass()]);
      if (req.session && canDeferCsrf(req, interceptors)) req.csrfDeferred = true;
      else {
        await this.policy.logDenial(req.user, 'csrf', req.path, 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)', 'csrf.rejected');
        throw new ForbiddenException(CSRF_MESSAGE);
      }
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(AUTH_ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!roles) return true;
    const user = req.user;
    if (!user) {
      if (isApiRequest(req)) {
        if (req.invalidBearer) {
          this.securityLog.record({ type: 'auth.token.invalid', outcome: 'failure', actor: null, action: 'auth.bearer', target: req.path, reason: 'unknown, expired or revoked token' });
        }
        throw new UnauthorizedException(req.invalidBearer ? 'Mã truy cập không hợp lệ hoặc đã hết hạn' : 'Bạn cần đăng nhập');
      }
      const next = req.method === 'GET' ? safeNext(req.originalUrl) : '/';
      // A browser that was signed in and lost its session: tell the person why (once).
      const expired = hasSignedInMark(req);
      if (expired) res.clearCookie(SIGNED_IN_MARK, { path: '/' });
      res.redirect(302, `/dang-nhap?next=${encodeURIComponent(next)}${expired ? `&${LOGIN_REASON_PARAM}=${LOGIN_REASON_EXPIRED}` : ''}`);
      // The response is already sent; the exception only stops the pipeline (the filter skips it).
      throw new UnauthorizedException('Bạn cần đăng nhập');
    }
    // The role part of the route's gate, decided by the same rule the menus use (policy.ts mayOpen).
    const byRole = mayOpen(user, { roles }, await this.policy.agencyTree());
    if (!byRole.allowed) {
      await this.policy.logDenial(user, `route:${req.method} ${req.route?.path ?? req.path}`.slice(0, 60), req.path, byRole.reason);
      throw new ForbiddenException('Bạn không có quyền truy cập chức năng này');
    }
    if (this.reflector.getAllAndOverride<boolean | undefined>(PROVINCE_ADMIN_KEY, [ctx.getHandler(), ctx.getClass()])) {
      await this.policy.assert(user, 'admin.province', { ref: `route:${req.method} ${req.route?.path ?? req.path}`.slice(0, 120) });
    }
    return true;
  }
}
