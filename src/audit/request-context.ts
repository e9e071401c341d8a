/**
 * The HTTP request a piece of code runs for, without passing it down through every service:
 * the security log takes the client address, the request id and the signed-in user from here
 * when a caller does not give them. Registered as Nest middleware (after the body parsers and
 * the identity middleware, like nestjs-pino's own context), so guards, handlers and the services
 * they call all see it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

const storage = new AsyncLocalStorage<Request>();

export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  storage.run(req, next);
}

/** The request being served, or undefined outside a request (workers, CLI, timers). */
export function currentRequest(): Request | undefined {
  return storage.getStore();
}
