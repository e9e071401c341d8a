import type { Request } from 'express';

/** Machine endpoints answer errors in the API shape: the API, stubs, health, and open-data files. */
export function isApiRequest(req: Request): boolean {
  return (
    req.path.startsWith('/api/') ||
    req.path.startsWith('/stubs/') ||
    req.path.startsWith('/health') ||
    /\.(json|csv)$/.test(req.path)
  );
}
