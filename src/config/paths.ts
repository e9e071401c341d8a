import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (where package.json lives), found from this file whether run from src/ or dist/src/. */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRoot(__dirname);
export const SEEDS_DIR = join(REPO_ROOT, 'seeds');
export const VIEWS_DIR = join(REPO_ROOT, 'views');
export const PUBLIC_DIR = join(REPO_ROOT, 'public');
