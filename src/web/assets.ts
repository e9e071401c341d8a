/**
 * Static assets under fingerprinted names: `/public/css/app.css` is linked as
 * `/public/css/app.<content hash>.css` and served with `Cache-Control: public, max-age=31536000,
 * immutable`, so a browser keeps it for a year and a new release (new content, new hash) is
 * fetched at once. The hashes are computed once at startup from public/; views link every asset
 * through the Handlebars helper `fmt-asset` ({{fmt-asset "css/app.css"}}).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export const ASSET_PREFIX = '/public/';
/** One year: the longest lifetime caches honour; `immutable` spares the revalidation on reload. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const HASH_LENGTH = 10;
const FINGERPRINTED = new RegExp(`^(.+)\\.([0-9a-f]{${HASH_LENGTH}})(\\.[A-Za-z0-9]+)$`);

export class AssetManifest {
  /** 'css/app.css' → 'css/app.3f2a9c1b7d.css' */
  private readonly names = new Map<string, string>();
  /** 'css/app.3f2a9c1b7d.css' → absolute file */
  private readonly files = new Map<string, string>();

  constructor(dir: string) {
    for (const file of walk(dir)) {
      const rel = relative(dir, file).split(sep).join('/');
      const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, HASH_LENGTH);
      const dot = rel.lastIndexOf('.');
      const hashed = dot > rel.lastIndexOf('/') ? `${rel.slice(0, dot)}.${hash}${rel.slice(dot)}` : `${rel}.${hash}`;
      this.names.set(rel, hashed);
      this.files.set(hashed, file);
    }
  }

  /** The fingerprinted URL of an asset ('css/app.css' or '/public/css/app.css'); an unknown file is a mistake in a view and throws. */
  url(path: string): string {
    const rel = path.startsWith(ASSET_PREFIX) ? path.slice(ASSET_PREFIX.length) : path.replace(/^\/+/, '');
    const hashed = this.names.get(rel);
    if (!hashed) throw new Error(`fmt-asset: no file public/${rel}`);
    return `${ASSET_PREFIX}${hashed}`;
  }

  /** The file behind a fingerprinted name, or null (an unknown or outdated hash). */
  fileOf(hashedRel: string): string | null {
    return this.files.get(hashedRel) ?? null;
  }

  /**
   * Express middleware: answers fingerprinted asset requests with the immutable lifetime. An
   * outdated hash (a page from before a release) is sent on to the plain file with a short life.
   */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith(ASSET_PREFIX)) return next();
      const rel = req.path.slice(ASSET_PREFIX.length);
      if (!FINGERPRINTED.test(rel)) return next();
      const file = this.fileOf(rel);
      if (!file) {
        const m = FINGERPRINTED.exec(rel)!;
        const plain = `${m[1]}${m[3]}`;
        return this.names.has(plain) ? res.redirect(302, this.url(plain)) : next();
      }
      res.sendFile(file, { headers: { 'Cache-Control': IMMUTABLE_CACHE }, cacheControl: false, dotfiles: 'deny' }, (err) => {
        if (err && !res.headersSent) next(err);
      });
    };
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}
