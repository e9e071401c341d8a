/**
 * Rules of the code base's shape (issue 11), checked on the sources:
 * - the dossier core (src/dossiers/) is the only code that reads or writes the four dossier tables;
 * - business time comes from the one injected clock (src/common/clock.ts), never `new Date()` /
 *   `Date.now()` — except where the real clock is meant (caches, timeouts, log timings, tokens);
 * - no file in src/ is over 400 lines.
 * (Cycles between domain folders are checked by dependency-cruiser: `npm run check:deps`.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = __dirname;

function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

const files = sources().map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8') }));

describe('the dossier tables have one owner', () => {
  const TABLE_SQL = /\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+"?(dossiers|dossier_events|dossier_stages|dossier_documents)\b/;
  /** Bulk SQL that runs outside the app's requests, each with why it is not in the repository. */
  const ALLOWED: Record<string, string> = {
    'reporting/rollup-rebuild.ts': "set-based rebuild of the report rollups from all dossiers — the SQL twin of the trigger's report_movements, kept beside it",
    'ops/demo-data.ts': 'the demo purge: bulk deletes of sample dossiers by a command, in one transaction',
    'reporting/bulk/demo-dossiers.seed.ts': 'demo seeding (counts existing sample dossiers before generating)',
    'reporting/bulk/bulk-generator.ts': 'the bulk generator (COPY through the core\'s dossier-copy builders)',
  };
  it.each(files.filter((f) => !f.path.startsWith('dossiers/') && !ALLOWED[f.path]).map((f) => [f.path, f.text] as const))(
    '%s does not query the dossier tables',
    (_path, text) => {
      expect(text.split('\n').filter((line) => TABLE_SQL.test(line))).toEqual([]);
    },
  );
});

describe('business time comes from the one clock', () => {
  const REAL_TIME = /new Date\(\)|Date\.now\(\)/;
  /** Files where the real clock is meant, and why. */
  const ALLOWED: Record<string, string> = {
    'common/clock.ts': 'the clock itself',
    'main.ts': 'start-up timing',
    'database/embedded-postgres.ts': 'waiting for the server',
    'database/seed-runner.ts': 'seed timings',
    'cli/database.ts': 'migration file names',
    'cli/seed-bulk.ts': 'generation timings',
    'registry/population-loader.ts': 'load timing',
    'identity/auth.service.ts': 'token expiry and sign-in times are security, not dossier time',
    'identity/account.service.ts': 'password change time',
    'identity/staff-admin.service.ts': 'password change time',
    'identity/login-throttle.service.ts': 'lock-out windows',
    'identity/policy.service.ts': 'agency tree cache',
    'identity/dto/auth.dto.ts': 'a date of birth cannot be in the real future',
    'reporting/agency-tree.service.ts': 'cache',
    'reporting/transparency.service.ts': 'cache',
    'reporting/sla-report.service.ts': 'name cache',
    'reporting/bulk/bulk-generator.ts': 'generation timings and the default end of generated history',
    'reporting/bulk/demo-dossiers.seed.ts': 'sample submissions just before the demo starts',
    'calendar/calendar.service.ts': 'calendar cache',
    'submission/receiving-agency.service.ts': 'agency cache',
    'partners/partners.service.ts': 'rate-limit windows',
    'outbox/outbox-worker.service.ts': 'delivery scheduling',
    'signing/dev-pki.ts': 'certificate validity',
    'audit/security-log.service.ts': 'the security log records real time',
  };
  const business = files.filter((f) => !ALLOWED[f.path] && !f.path.startsWith('stubs/') && !f.path.startsWith('registry/generator/'));
  it.each(business.map((f) => [f.path, f.text] as const))('%s reads business time from the Clock', (_path, text) => {
    expect(text.split('\n').filter((line) => REAL_TIME.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))).toEqual([]);
  });
});

describe('file size', () => {
  it.each(files.map((f) => [f.path, f.text.split('\n').length] as const))('%s has at most 400 lines', (_path, lines) => {
    expect(lines).toBeLessThanOrEqual(400);
  });
});
