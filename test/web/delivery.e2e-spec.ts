import { brotliDecompressSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get, type IncomingHttpHeaders } from 'node:http';
import type { Response } from 'supertest';
import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';

/** A plain HTTP GET that keeps the body as the bytes on the wire (no client-side decoding). */
function rawGet(baseUrl: string, path: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function metaDescription(html: string): string | undefined {
  return /<meta name="description" content="([^"]*)">/.exec(html)?.[1];
}

function assetLinks(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(\/public\/[^"]+)"/g)].map((m) => m[1]);
}

describe('Delivery: compression, year-long caching of fingerprinted assets, private pages, meta descriptions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ listen: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends HTML with brotli to a browser that takes it, gzip to one that takes only gzip', async () => {
    const br = await rawGet(t.baseUrl, '/', 'br, gzip');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    const html = brotliDecompressSync(br.body).toString('utf8');
    expect(html).toContain('<html lang="vi">');
    expect(br.body.length).toBeLessThan(Buffer.byteLength(html) / 2);

    const gz = await t.http.get('/thu-tuc').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toContain('<html lang="vi">');

    const plain = await t.http.get('/thu-tuc').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('compresses JSON of the API', async () => {
    const res = await t.http.get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('links every stylesheet and image of the layout by a content-hashed name, cached for a year', async () => {
    const home = await t.http.get('/').expect(200);
    const links = assetLinks(home.text);
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const href of links) expect(href).toMatch(/\.[0-9a-f]{10}\.[a-z]+$/);
    const css = links.find((l) => l.startsWith('/public/css/app.'))!;
    // The hash is the file's own content: a new stylesheet gets a new name.
    const hash = createHash('sha256').update(readFileSync(join(__dirname, '../../public/css/app.css'))).digest('hex').slice(0, 10);
    expect(css).toBe(`/public/css/app.${hash}.css`);

    const res = await rawGet(t.baseUrl, css, 'br');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/text\/css/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(readFileSync(join(__dirname, '../../public/css/app.css'), 'utf8'));

    const svg = links.find((l) => l.endsWith('.svg'))!;
    const img = await t.http.get(svg).expect(200);
    expect(img.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    // A page cached from before a release asks for an old hash: sent on to the current file.
    const old = await t.http.get('/public/css/app.0123456789.css').expect(302);
    expect(old.headers.location).toBe(css);
    await t.http.get('/public/css/nothing.0123456789.css').expect(404);
    // The plain name keeps working (mails, bookmarks), without the year-long lifetime.
    const plainCss = await t.http.get('/public/css/app.css').expect(200);
    expect(plainCss.headers['cache-control']).not.toContain('immutable');
  });

  it('keeps pages out of shared caches: signed-in pages are not stored at all', async () => {
    const anon = await t.http.get('/thu-tuc').expect(200);
    expect(anon.headers['cache-control']).toBe('private, no-cache');
    const s = await pageSession(t, 'clerk.026.ptp');
    const inbox: Response = await s.get('/can-bo').expect(200);
    expect(inbox.headers['cache-control']).toBe('private, no-store');
  });

  it('gives every public page a meta description of its own', async () => {
    const [proc] = await t.ds.query(`SELECT code, name FROM procedures WHERE is_current ORDER BY code LIMIT 1`);
    const pages = ['/', '/thu-tuc', `/thu-tuc/${proc.code}`, '/tra-cuu', '/dang-nhap'];
    const seen = new Set<string>();
    for (const path of pages) {
      const res = await t.http.get(path).expect(200);
      const d = metaDescription(res.text);
      expect({ path, ok: !!d && d.length >= 50 && d.length <= 160 }).toEqual({ path, ok: true });
      seen.add(d!);
    }
    expect(seen.size).toBe(pages.length);
    const procPage = await t.http.get(`/thu-tuc/${proc.code}`).expect(200);
    // Handlebars escapes the text: compare with the name as it appears in HTML.
    expect(metaDescription(procPage.text)).toContain(proc.name.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').slice(0, 30));
  });
});
