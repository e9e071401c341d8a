import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/migrate';
import { unitsSeed } from '../../src/units/units.seed';
import { Clock } from '../../src/common/clock';
import { DossierListings } from '../../src/dossiers/dossier-listings.repository';
import { AgencyTreeService } from '../../src/reporting/agency-tree.service';
import { rebuildRollups } from '../../src/reporting/rollup-rebuild';
import { FIGURES, SlaReportService, type GroupBy } from '../../src/reporting/sla-report.service';
import { bruteForce, insertRandomDossiers, rng, type RawDossier } from './random-dossiers';

/**
 * Every figure of the SLA report, for random periods, scopes and groupings, equals a brute-force
 * recount from the raw dossiers (instants, no buckets): carried-over and period-crossing dossiers
 * included. Then the trigger-maintained rollups equal a set-based rebuild.
 */
describe('SLA report = brute-force recount from raw dossiers', () => {
  let ds: DataSource;
  let svc: SlaReportService;
  let tree: AgencyTreeService;
  let rows: RawDossier[];
  const levelOf = new Map<string, string>();
  const district = '026.UBND';
  let districtAgencies: string[];
  let agencies: string[];

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 4 }));
    await ds.initialize();
    await runMigrations(ds);
    const config = loadConfig(process.env);
    await ds.transaction((m) => unitsSeed.run(m, config, () => undefined));
    tree = new AgencyTreeService(ds);
    svc = new SlaReportService(ds, tree, new DossierListings(ds), new Clock());
    districtAgencies = await tree.subtree(district);
    const all = [...(await tree.all()).values()];
    for (const a of all) levelOf.set(a.code, a.level);
    // a district's subtree (district divisions + its communes' agencies) and some outside it
    agencies = [...districtAgencies.filter((_, i) => i % 4 === 0).slice(0, 20), '02.STP', '02.UBND', '024.UBND', '024.PTP'];
    await insertRandomDossiers(ds, 2500, agencies, 20260601);
    // every dossier of the database (other suites' and demo dossiers included): the report covers them all
    rows = await ds.query(`SELECT id, code, agency_code, procedure_code, sector_code, channel, status, received_at, completed_at, processing_ended_at, due_at, paused_at, timeliness FROM dossiers`);
  }, 600_000);

  afterAll(async () => {
    // leave the shared test database as other suites expect it (their queues, their counts)
    await ds?.query(`DELETE FROM dossiers WHERE code LIKE 'T-20260601-%'`);
    await ds?.destroy();
  });

  function keyFn(groupBy: GroupBy) {
    return (d: RawDossier) =>
      groupBy === 'agency' ? d.agency_code : groupBy === 'procedure' ? d.procedure_code : groupBy === 'sector' ? d.sector_code : levelOf.get(d.agency_code)!;
  }

  function pickPeriod(r: ReturnType<typeof rng>): [string, string] {
    const day = (n: number) => new Date(Date.UTC(2023, 11, 1) + n * 86400000).toISOString().slice(0, 10);
    const a = r.int(0, 800);
    const len = r.pick([0, 1, 6, 29, 30, 45, 90, 180, 364, 400]);
    return [day(a), day(a + len)];
  }

  it('has the kinds of dossiers that make the test meaningful', () => {
    const F = new Date('2025-01-01T00:00:00+07:00');
    expect(rows.filter((d) => d.received_at && d.received_at < F && (!d.completed_at || d.completed_at >= F)).length).toBeGreaterThan(20);
    expect(rows.filter((d) => d.paused_at && d.due_at && d.paused_at <= d.due_at).length).toBeGreaterThan(5);
    expect(rows.filter((d) => d.paused_at && d.due_at && d.paused_at > d.due_at).length).toBeGreaterThan(5);
    expect(rows.filter((d) => d.status === 'RETURNED' && d.completed_at && d.processing_ended_at && d.completed_at > d.processing_ended_at).length).toBeGreaterThan(50);
    expect(rows.filter((d) => d.status === 'REFUSED' && !d.received_at).length).toBeGreaterThan(10);
    expect(rows.filter((d) => d.timeliness === 'LATE').length).toBeGreaterThan(50);
    expect(rows.filter((d) => d.received_at && !d.completed_at).length).toBeGreaterThan(50);
  });

  const cases = Array.from({ length: 40 }, (_, i) => i);
  it.each(cases)('random period, scope and grouping #%i', async (i) => {
    const r = rng(1000 + i);
    const [from, to] = pickPeriod(r);
    const groupBy = r.pick<GroupBy>(['agency', 'procedure', 'sector', 'level']);
    const scopeKind = r.pick(['all', 'district', 'one']);
    const scope = scopeKind === 'all' ? null : scopeKind === 'district' ? districtAgencies : await tree.subtree(r.pick(agencies));
    const result = await svc.report({ from, to, groupBy, agencies: scope, root: null });
    const inScope = scope ? new Set(scope) : null;
    const expected = bruteForce(rows.filter((d) => !inScope || inScope.has(d.agency_code)), from, to, keyFn(groupBy));
    const got = new Map(result.rows.map((row) => [row.key, Object.fromEntries(FIGURES.map((f) => [f, row[f]]))]));
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...expected].sort()));
    // total row and on-time rate
    for (const f of FIGURES) expect(result.total[f]).toBe([...expected.values()].reduce((s, v) => s + v[f], 0));
    const t = result.total;
    const resolved = t.resolvedEarly + t.resolvedOnTime + t.resolvedLate;
    expect(t.onTimeRate).toBe(resolved ? Math.round(((t.resolvedEarly + t.resolvedOnTime) / resolved) * 10000) / 10000 : null);
    // balance: carried over + received = resolved + withdrawn + in progress (refusals at reception are outside it)
    expect(t.carriedOver + t.receivedOnline + t.receivedCounter).toBe(resolved + t.withdrawn + t.inProgressOverdue + t.inProgressWithinDeadline);
  });

  it('trigger-maintained rollups equal a set-based rebuild', async () => {
    const snapshot = async () =>
      ds.query(`SELECT 'A' t, grain, bucket::text, agency_code, '' p, '' s, received_online, received_counter, resolved_early, resolved_on_time,
                  resolved_late, refused, withdrawn, overdue_started, overdue_ended, fee_required, paid, resolved_seconds::text, allowed_seconds::text
                FROM report_agency_rollup
                UNION ALL
                SELECT 'P', grain, bucket::text, agency_code, procedure_code, sector_code, received_online, received_counter, resolved_early,
                  resolved_on_time, resolved_late, refused, withdrawn, overdue_started, overdue_ended, fee_required, paid,
                  resolved_seconds::text, allowed_seconds::text
                FROM report_procedure_rollup
                ORDER BY 1, 2, 3, 4, 5, 6`);
    const nonZero = (xs: Record<string, unknown>[]) =>
      xs.filter((x) => ['received_online', 'received_counter', 'resolved_early', 'resolved_on_time', 'resolved_late', 'refused', 'withdrawn',
        'overdue_started', 'overdue_ended', 'fee_required', 'paid', 'resolved_seconds', 'allowed_seconds'].some((k) => Number(x[k]) !== 0));
    const live = nonZero(await snapshot());
    await rebuildRollups(ds);
    const rebuilt = nonZero(await snapshot());
    expect(live.length).toBeGreaterThan(1000);
    expect(live).toEqual(rebuilt);
  });
});
