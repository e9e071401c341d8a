import type { Request } from 'express';
import { csrfSync } from 'csrf-sync';
import { isApiRequest } from '../common/api-request';
import type { IdentityRequest } from './auth-user';

/**
 * Synchronizer-token CSRF protection (token kept in the server session). Forms send `_csrf` in
 * the body, scripts the `X-CSRF-Token` header. A token is never read from the URL (it would end
 * up in the address bar, history and logs): multipart forms, whose body is parsed only inside the
 * route, are checked by their upload parser right after parsing (see `CSRF_AFTER_MULTIPART`).
 */
export const csrf = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const body = req.body as Record<string, unknown> | undefined;
    const fromBody = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
    const header = req.headers['x-csrf-token'];
    return fromBody ?? (typeof header === 'string' ? header : undefined);
  },
});

/**
 * Marks an interceptor class that parses a multipart body and then checks the CSRF token of a
 * request the guard deferred (`csrfDeferred`). Only routes using such a parser may defer.
 */
export const CSRF_AFTER_MULTIPART = Symbol.for('motcua.csrfAfterMultipart');

export const CSRF_MESSAGE = 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.';

/** A multipart page post whose route parses the body with a CSRF-checking upload parser. */
export function canDeferCsrf(req: Request, interceptors: unknown[] | undefined): boolean {
  if (!req.is('multipart/form-data') || typeof req.headers['x-csrf-token'] === 'string') return false;
  return (interceptors ?? []).some((i) => typeof i === 'function' && (i as unknown as Record<symbol, unknown>)[CSRF_AFTER_MULTIPART] === true);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Which requests need a CSRF token: state-changing page requests, and API requests that ride on a
 * signed-in browser session. API requests with a bearer token (or with no signed-in session, e.g.
 * the API login and partner callbacks) carry no ambient authority and are exempt.
 */
export function needsCsrfCheck(req: IdentityRequest): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.authMethod === 'bearer') return false;
  if (isApiRequest(req)) return req.authMethod === 'session';
  return true;
}

export function csrfValid(req: Request): boolean {
  if (!req.session) return false;
  return csrf.isRequestValid(req);
}
