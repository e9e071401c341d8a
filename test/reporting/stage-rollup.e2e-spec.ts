/**
 * Issue 12: the stage-outcome rollup (report_stage_rollup: inter-level stages completed per agency
 * and day, and how many ended late) is kept by its triggers through live transitions — a transfer
 * makes the first stage count, a late stage counts as late, a withdrawal closes the open stage
 * without a timeliness, a dossier of one stage never counts — and equals, after every step, a
 * brute-force recount from `dossier_stages` and the set-based rebuild; the stages report and the
 * dashboard read it.
 */
import { Clock } from '../../src/common/clock';
import { AgencyTreeService } from '../../src/reporting/agency-tree.service';
import { rebuildStageRollupSql } from '../../src/reporting/rollup-rebuild';
import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';
import { act as actThroughApi, BIRTH, COMMUNE as AG, makeThreeLevelProcedure } from '../consistency/support';
import { at, citizens, makeDossier, token, type Citizen } from '../workflow/factory';
import { expectedPeriod, expectedRollup, rawStages, storedRollup, type Query } from './stage-recount';

const PROC = 'TEST.SR3';

describe('stage-outcome rollup through live transitions', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;
  let q: Query;

  const act = (who: string, code: string, body: Record<string, unknown>) => actThroughApi(t, who === 'citizen' ? citizen.personalId : who, code, body);
  /** The rollup as the triggers keep it equals the recount from the raw stages. */
  const checkRollup = async () => {
    const [stored, raw] = await Promise.all([storedRollup(q), rawStages(q)]);
    expect(stored).toEqual(expectedRollup(raw));
    return stored;
  };
  const stageKeys = (stored: Record<string, [number, number]>, day: string) =>
    Object.fromEntries(Object.entries(stored).filter(([k]) => k.startsWith(`D ${day} `)));

  beforeAll(async () => {
    t = await bootApp();
    q = (sql, params) => t.ds.query(sql, params);
    clock = t.app.get(Clock);
    [citizen] = await citizens(t.ds, 1);
    await makeThreeLevelProcedure(t, PROC, 10);
  });
  afterAll(async () => {
    clock?.set(null);
    await t?.close();
  });

  it('equals the recount after every transition, and the stages report and the dashboard read it', async () => {
    await checkRollup(); // the migration's back-fill (and whatever other suites left)
    const submittedAt = at('2026-10-12 08:30');
    const a = await makeDossier(t.ds, { procedureCode: PROC, agencyCode: AG, citizen, submittedAt });
    const b = await makeDossier(t.ds, { procedureCode: PROC, agencyCode: AG, citizen, submittedAt });
    const single = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen, submittedAt });

    // Mon 12/10/2026 (a week no other suite uses): three receptions; one stage each, nothing counts yet.
    clock.set(at('2026-10-12 10:00'));
    await act('clerk.00715.tpht', a.code, { action: 'receive' });
    await act('clerk.00715.tpht', b.code, { action: 'receive' });
    await act('clerk.00715.tpht', single.code, { action: 'receive' });
    expect(stageKeys(await checkRollup(), '2026-10-12')).toEqual({});

    // Tue: the commune transfers A to the district — A's first stage now counts (early), on Tuesday.
    clock.set(at('2026-10-13 09:00'));
    await act('clerk.00715.tpht', a.code, { action: 'transfer', toAgencyCode: '026.PTP' });
    expect(stageKeys(await checkRollup(), '2026-10-13')).toEqual({ [`D 2026-10-13 ${AG}`]: [1, 0] });
    // B too; the one-stage dossier is resolved at the commune and never counts.
    await act('clerk.00715.tpht', b.code, { action: 'transfer', toAgencyCode: '026.PTP' });
    await act('clerk.00715.tpht', single.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    await act('specialist.00715.tpht', single.code, { action: 'propose' });
    await act('leader.00715.tpht', single.code, { action: 'approve' });
    await act('clerk.00715.tpht', single.code, { action: 'return-result' });
    expect(stageKeys(await checkRollup(), '2026-10-13')).toEqual({ [`D 2026-10-13 ${AG}`]: [2, 0] });

    // The district receives both; a supplement request and the supplement move B's stage due date (no count changes).
    await act('clerk.026.ptp', a.code, { action: 'receive' });
    await act('clerk.026.ptp', b.code, { action: 'receive' });
    await act('clerk.026.ptp', a.code, { action: 'assign', assignee: 'specialist.026.ptp' });
    await act('clerk.026.ptp', b.code, { action: 'assign', assignee: 'specialist.026.ptp' });
    await act('specialist.026.ptp', b.code, { action: 'request-supplement', reason: 'Bổ sung bản sao' });
    clock.set(at('2026-10-14 09:00'));
    await act('citizen', b.code, { action: 'supplement' });
    await checkRollup();

    // Mon 19/10: the district sends A on after its 3-day share (late); the citizen withdraws B (stage closed, no timeliness).
    clock.set(at('2026-10-19 10:00'));
    await act('specialist.026.ptp', a.code, { action: 'transfer', toAgencyCode: '02.STP' });
    await act('citizen', b.code, { action: 'withdraw', reason: 'Không còn nhu cầu' });
    expect(stageKeys(await checkRollup(), '2026-10-19')).toEqual({ [`D 2026-10-19 026.PTP`]: [2, 1] });

    // The province approves and sends the result back; the commune returns it.
    await act('clerk.02.stp', a.code, { action: 'receive' });
    await act('leader.02.stp', a.code, { action: 'assign', assignee: 'specialist.02.stp' });
    await act('specialist.02.stp', a.code, { action: 'propose' });
    clock.set(at('2026-10-20 10:00'));
    await act('leader.02.stp', a.code, { action: 'approve' });
    await act('clerk.02.stp', a.code, { action: 'transfer', toAgencyCode: AG });
    clock.set(at('2026-10-21 09:00'));
    await act('clerk.00715.tpht', a.code, { action: 'receive' });
    await act('clerk.00715.tpht', a.code, { action: 'return-result' });
    const stored = await checkRollup();
    expect(stored[`M 2026-10-01 026.PTP`]).toEqual([2, 1]);
    expect(stored[`Y 2026-01-01 ${AG}`]).toEqual([3, 0]);

    // The set-based rebuild (bulk generator, demo purge) writes the same rows.
    await t.ds.transaction(async (m) => {
      for (const sql of rebuildStageRollupSql()) await m.query(sql);
    });
    expect(await storedRollup(q)).toEqual(stored);

    // Deleting stages (as a purge without the rebuild would) takes them out again; rolled back.
    const qr = t.ds.createQueryRunner();
    await qr.startTransaction();
    try {
      await qr.query('DELETE FROM dossier_stages WHERE dossier_id = $1', [b.id]);
      const inTx = await storedRollup((s, p) => qr.query(s, p));
      const raw = await rawStages((s, p) => qr.query(s, p));
      expect(inTx).toEqual(expectedRollup(raw));
      expect(inTx[`D 2026-10-19 026.PTP`]).toEqual([1, 1]);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }

    // GET /api/v1/reports/stages over whole days, months and a year, province-wide and for a district.
    const manager = `Bearer ${await token(t, 'manager.02.ubnd')}`;
    const district = new Set(await t.app.get(AgencyTreeService).subtree('026.UBND'));
    expect(district.has(AG)).toBe(true);
    const raw = await rawStages(q);
    const byAgency = (xs: { agencyCode: string }[]) => [...xs].sort((x, y) => (x.agencyCode < y.agencyCode ? -1 : 1));
    for (const [from, to, agencyCode] of [
      ['2026-10-13', '2026-10-13', undefined], ['2026-10-12', '2026-10-21', undefined], ['2026-10-01', '2026-10-20', undefined],
      ['2026-01-01', '2026-12-31', undefined], ['2026-10-19', '2026-12-31', '026.UBND'],
    ] as const) {
      const res = await t.http.get('/api/v1/reports/stages').query({ from, to, ...(agencyCode ? { agencyCode } : {}) }).set('Authorization', manager).expect(200);
      const items = res.body.items.map((i: { agencyCode: string; completed: number; late: number }) => ({ agencyCode: i.agencyCode, completed: i.completed, late: i.late }));
      expect(byAgency(items)).toEqual(byAgency(expectedPeriod(raw, from, to, agencyCode ? district : null)));
      expect(items.map((i: { late: number }) => i.late)).toEqual([...items.map((i: { late: number }) => i.late)].sort((x: number, y: number) => y - x));
      expect(items.length).toBeGreaterThan(0);
    }

    // The dashboard's stage section (a district manager, the day of the late transfer) shows the same row.
    const [ptp] = await t.ds.query(`SELECT name FROM agencies WHERE code = '026.PTP'`);
    const page = await (await pageSession(t, 'manager.026.ubnd')).get('/quan-ly?from=2026-10-19&to=2026-10-19').expect(200);
    const table = page.text.slice(page.text.indexOf('data-testid="stage-table"'));
    expect(table).toContain(`<th scope="row">${ptp.name}</th><td>2</td><td>1</td>`);
  });
});
