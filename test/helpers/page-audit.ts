import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './browser';

/**
 * What every page a person reads must satisfy (issue 13, "Done when"): no internals in the visible
 * text (NaN, undefined, [object …], an enum token, an ISO date), no horizontal overflow on a 360 px
 * phone, no serious or critical axe violation, and every link answering 2xx/3xx. Screenshots of
 * each audited page go to SCREENSHOT_DIR so a reviewer can look at them (README, "Tests").
 */
export const SCREENSHOT_DIR = join(__dirname, '..', '.artifacts', 'screenshots');

/** Patterns that must never appear in what a person reads. */
export const FORBIDDEN_TEXT: { name: string; re: RegExp }[] = [
  { name: 'NaN', re: /\bNaN\b/ },
  { name: 'undefined', re: /\bundefined\b/ },
  { name: '[object', re: /\[object/ },
  { name: 'enum token', re: /\b[A-Z]{3,}(_[A-Z]+)+\b/ },
  { name: 'ISO date', re: /\b\d{4}-\d{2}-\d{2}\b/ },
];

/** The visible text of the page's body (what a sighted person reads), scripts and styles left out. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

export function internalsIn(text: string): string[] {
  const found: string[] = [];
  for (const { name, re } of FORBIDDEN_TEXT) {
    const m = re.exec(text);
    if (m) {
      const i = m.index;
      found.push(`${name}: …${text.slice(Math.max(0, i - 40), i + m[0].length + 40).replace(/\s+/g, ' ')}…`);
    }
  }
  return found;
}

export interface AuditOptions {
  /** Name of the screenshot (role/page-width). */
  shot: string;
  /** Skip the link check (pages whose links were checked already on a sibling page). */
  links?: boolean;
  /** Links already answered in this run (shared across pages to keep the run short). */
  seen?: Map<string, number>;
}

export interface AuditResult {
  url: string;
  internals: string[];
  overflow: number;
  a11y: Awaited<ReturnType<typeof seriousA11yViolations>>;
  badLinks: string[];
}

/** Same-origin links of the page, without fragments, downloads or sign-out. */
async function linksOf(page: Page): Promise<string[]> {
  const hrefs: string[] = await page.$$eval('a[href]', (as) =>
    // An <a> inside an SVG chart has an SVGAnimatedString for href: resolve its attribute the same way.
    as.filter((a) => !a.hasAttribute('download') && a.getAttribute('href') !== null).map((a) => new URL(a.getAttribute('href')!, document.baseURI).href),
  );
  const origin = new URL(page.url()).origin;
  return [...new Set(hrefs.map((h) => h.split('#')[0]).filter((h) => h.startsWith(origin) && !/dang-xuat/.test(h)))];
}

export async function auditPage(page: Page, opts: AuditOptions): Promise<AuditResult> {
  const url = page.url();
  const internals = internalsIn(await visibleText(page));
  const width = page.viewportSize()?.width ?? 1366;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const a11y = await seriousA11yViolations(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${opts.shot}-${width}.png`), fullPage: true });
  const badLinks: string[] = [];
  if (opts.links !== false) {
    const seen = opts.seen ?? new Map<string, number>();
    const todo = (await linksOf(page)).filter((h) => !seen.has(h));
    // A few at a time: the app is local, and a list page can hold a hundred links.
    for (let i = 0; i < todo.length; i += 8) {
      await Promise.all(
        todo.slice(i, i + 8).map(async (href) => {
          const res = await page.request.get(href, { maxRedirects: 0, failOnStatusCode: false });
          seen.set(href, res.status());
        }),
      );
    }
    for (const href of await linksOf(page)) {
      const status = seen.get(href)!;
      if (status >= 400) badLinks.push(`${status} ${href}`);
    }
  }
  return { url, internals, overflow: width <= 360 ? Math.max(0, overflow) : 0, a11y, badLinks };
}

/** The problems of an audit, empty when the page passes (so a failure prints what to fix). */
export function problems(r: AuditResult): string[] {
  return [
    ...r.internals.map((i) => `${r.url} shows ${i}`),
    ...(r.overflow > 0 ? [`${r.url} overflows a 360 px phone by ${r.overflow} px`] : []),
    ...r.a11y.map((v) => `${r.url} axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`),
    ...r.badLinks.map((l) => `${r.url} links to ${l}`),
  ];
}
