import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { VIEWS_DIR } from '../config/paths';
import { STARTUP_HELPERS, VIEW_HELPERS } from './view-helpers';

const BUILT_IN = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

function views(dir = VIEWS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? views(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : []));
}

/** Every helper call (a path with arguments) in a template. */
function calls(source: string): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; path?: { original?: string }; params?: unknown[]; hash?: { pairs?: unknown[] } };
    if ((n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement') && typeof n.path?.original === 'string') {
      if ((n.params?.length ?? 0) > 0 || (n.hash?.pairs?.length ?? 0) > 0) out.push(n.path.original);
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') visit(v);
  };
  visit(Handlebars.parse(source));
  return out;
}

describe('view helpers (naming convention: fmt-, vi-, op-, attr- with a hyphen)', () => {
  it('every helper name has a family prefix and a hyphen, so it can never shadow a view-model field', () => {
    for (const name of Object.keys(VIEW_HELPERS)) expect(name).toMatch(/^(fmt|vi|op|attr)-[a-z][a-z-]*$/);
  });

  it('every helper a view calls exists (no old name such as `number` or `date` is left)', () => {
    const unknown: string[] = [];
    for (const file of views()) {
      for (const name of calls(readFileSync(file, 'utf8'))) if (!BUILT_IN.has(name) && !Object.hasOwn(VIEW_HELPERS, name) && !STARTUP_HELPERS.includes(name)) unknown.push(`${file}: ${name}`);
    }
    expect(unknown).toEqual([]);
  });

  it('bare fields named like old helpers print the field (pagination numbers, step shares)', () => {
    const hb = Handlebars.create();
    for (const [k, fn] of Object.entries(VIEW_HELPERS)) hb.registerHelper(k, fn);
    const page = hb.compile('{{#each items}}{{number}} {{/each}}|{{#each steps}}{{fmt-percent share}};{{/each}}|{{fmt-number big}}|{{fmt-date day}}|{{fmt-datetime at}}');
    expect(page({ items: [{ number: 1 }, { number: 2 }], steps: [{ share: 0.356 }, { share: 0.5 }], big: 1234567.25, day: '1994-03-15', at: '2026-03-01T01:30:00Z' }))
      .toBe('1 2 |35,6 %;50 %;|1.234.567,3|15/03/1994|01/03/2026 08:30');
  });

  it('a helper called without its argument prints nothing instead of NaN', () => {
    const hb = Handlebars.create();
    for (const [k, fn] of Object.entries(VIEW_HELPERS)) hb.registerHelper(k, fn);
    expect(hb.compile('[{{fmt-number}}][{{fmt-percent}}][{{fmt-date}}][{{vi-status}}]')({})).toBe('[—][—][][]');
  });
});
