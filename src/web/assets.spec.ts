import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetManifest } from './assets';

describe('AssetManifest: content-hashed asset names', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'assets-'));
    mkdirSync(join(dir, 'css'));
    writeFileSync(join(dir, 'css', 'app.css'), 'body { color: red; }');
    writeFileSync(join(dir, 'css', 'print.css'), 'body { color: black; }');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names each file by its content, with or without the /public/ prefix', () => {
    const m = new AssetManifest(dir);
    const url = m.url('css/app.css');
    expect(url).toMatch(/^\/public\/css\/app\.[0-9a-f]{10}\.css$/);
    expect(m.url('/public/css/app.css')).toBe(url);
    expect(m.url('css/print.css')).not.toBe(url.replace('app', 'print'));
    expect(m.fileOf(url.slice('/public/'.length))).toBe(join(dir, 'css', 'app.css'));
  });

  it('gives a changed file a new name', () => {
    const before = new AssetManifest(dir).url('css/app.css');
    writeFileSync(join(dir, 'css', 'app.css'), 'body { color: blue; }');
    expect(new AssetManifest(dir).url('css/app.css')).not.toBe(before);
  });

  it('refuses a link to a file that does not exist (a typo in a view)', () => {
    expect(() => new AssetManifest(dir).url('css/missing.css')).toThrow(/no file public\/css\/missing\.css/);
  });
});
