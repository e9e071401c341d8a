/**
 * The identity part of the HTTP pipeline, called once from app.factory.ts:
 * server-side sessions in PostgreSQL (connect-pg-simple on the `sessions` table, sharing the
 * TypeORM pool), the middleware that resolves `req.user` from a bearer token or the session, and
 * the view locals the layout needs (currentUser, csrfToken, demo panel, registry banner).
 * CSRF tokens are *checked* by IdentityGuard, because the body is parsed only after middleware.
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { isApiRequest } from '../common/api-request';
import type { AppConfig } from '../config/app-config';
import { RegistryClient } from '../registry/registry.client';
import { AuthService } from './auth.service';
import type { IdentityRequest } from './auth-user';
import { csrf } from './csrf';
import { DEMO_PANEL } from './demo-accounts';
import { RouteGatesService, WORK_MENU } from './route-gates.service';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

export const SESSION_COOKIE = 'motcua.sid';
/**
 * Set at sign-in, cleared at sign-out, outliving the session in the browser: a page request that
 * carries it without a session means the session ran out ("Phiên làm việc đã hết hạn").
 */
export const SIGNED_IN_MARK = 'motcua.dn';
/** Absolute session lifetime: a working day, then sign in again. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

/** Holds the session store so that it is closed with the app (its prune timer would keep tests alive). */
@Injectable()
export class SessionStoreHolder implements OnApplicationShutdown {
  store: { close(): void } | null = null;
  onApplicationShutdown(): void {
    this.store?.close();
    this.store = null;
  }
}

const REGISTRY_BANNER = 'Hệ thống dữ liệu dân cư đang tạm gián đoạn: việc xác thực và điền sẵn thông tin công dân có thể chưa thực hiện được.';

export function configureIdentityHttp(app: NestExpressApplication, config: AppConfig): void {
  const ds = app.get(DataSource);
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool,
    tableName: 'sessions',
    createTableIfMissing: false,
    disableTouch: true,
    pruneSessionInterval: config.nodeEnv === 'test' ? false : 15 * 60,
  });
  app.get(SessionStoreHolder).store = store;

  const sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.nodeEnv === 'production', maxAge: SESSION_MAX_AGE_MS },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/public/') || req.path.startsWith('/health')) return next();
    // Machine clients with a bearer token never need a session.
    if (req.headers.authorization?.startsWith('Bearer ')) return next();
    sessionMiddleware(req, res, next);
  });

  const auth = app.get(AuthService);
  const registry = app.get(RegistryClient);
  const gates = app.get(RouteGatesService);
  app.use((req: Request, res: Response, next: NextFunction) => {
    resolveUser(req as IdentityRequest, auth)
      .then(async () => {
        const r = req as IdentityRequest;
        if (!isApiRequest(req)) {
          res.locals.currentUser = r.user;
          // The header's work links: only the pages this user's role may open (the routes' own gates).
          if (r.user) {
            res.locals.workMenu = await gates.allowed(r.user, WORK_MENU);
            // The signed-in user's own home (inbox, dashboard, administration) for "back" links.
            res.locals.homeHref = await gates.homeFor(r.user);
          }
          if (req.session) {
            // Lazy: only pages that are rendered create a token (and thereby a session row).
            Object.defineProperty(res.locals, 'csrfToken', {
              enumerable: true,
              configurable: true,
              get: () => csrf.generateToken(req),
            });
          }
          if (r.user?.isStaff && registry.isDegraded()) res.locals.banner = REGISTRY_BANNER;
          if (config.demo && req.path === '/') res.locals.demoPanel = DEMO_PANEL;
        }
        next();
      })
      .catch(next);
  });
}

async function resolveUser(req: IdentityRequest, auth: AuthService): Promise<void> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    const user = await auth.userForToken(token);
    if (user) {
      req.user = user;
      req.authMethod = 'bearer';
      req.bearerToken = token;
    } else {
      req.invalidBearer = true;
    }
    return;
  }
  const userId = req.session?.userId;
  if (userId) {
    const user = await auth.userForSession(userId);
    if (user) {
      req.user = user;
      req.authMethod = 'session';
    } else if (req.session) {
      // Account disabled or removed since sign-in.
      delete req.session.userId;
    }
  }
}

/** Regenerates the session id at sign-in (against session fixation) and stores the user in it. */
export function startSession(req: Request, userId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!req.session) return reject(new Error('session middleware missing'));
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.userId = userId;
      csrf.generateToken(req, true);
      req.session.save((err2) => (err2 ? reject(err2) : resolve()));
    });
  });
}

/** Marks the browser as signed in (see SIGNED_IN_MARK); call after startSession. */
export function markSignedIn(req: Request, res: Response): void {
  res.cookie(SIGNED_IN_MARK, '1', { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** Whether the request carries the signed-in mark (the cookie header is read as is: no parser needed). */
export function hasSignedInMark(req: Request): boolean {
  return (req.headers.cookie ?? '').split(';').some((c) => c.trim() === `${SIGNED_IN_MARK}=1`);
}

export function endSession(req: Request, res: Response): Promise<void> {
  return new Promise((resolve) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(SIGNED_IN_MARK, { path: '/' });
    if (!req.session) return resolve();
    req.session.destroy(() => resolve());
  });
}
