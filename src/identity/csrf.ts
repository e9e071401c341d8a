import type { Request } from 'express';
import { csrfSync } from 'csrf-sync';
import { isApiRequest } from '../common/api-request';
import type { IdentityRequest } from './auth-user';

/**
 * Synchronizer-token CSRF protection (token kept in the server session). Forms send `_csrf`;
 * scripts send the `X-CSRF-Token` header; multipart forms (whose body is parsed only inside the
 * route) put `?_csrf=` in their action URL.
 */
export const csrf = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const body = req.body as Record<string, unknown> | undefined;
    const fromBody = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
    const header = req.headers['x-csrf-token'];
    const fromQuery = typeof req.query?._csrf === 'string' ? req.query._csrf : undefined;
    return fromBody ?? (typeof header === 'string' ? header : undefined) ?? fromQuery;
  },
});

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
