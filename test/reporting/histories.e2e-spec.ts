/**
 * The replay checker agrees with the live workflow: histories made through the real API (every kind
 * of move, a pause, an apology, an inter-level transfer and back, a holiday decreed while a dossier
 * is open) replay without a single violation; then one history of each kind is corrupted in SQL and
 * the checker reports each, with the right kind, on the right dossier.
 */
import { spawn } from 'node:child_process';
import { Clock } from '../../src/common/clock';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { checkHistories } from '../../src/reporting/histories/check-histories';
import { bootApp, type TestApp } from '../helpers/app';
import { at, citizens, makeDossier, makeProcedure, token, type Citizen } from '../workflow/factory';

const BIRTH = '1.001193'; // Đăng ký khai sinh — commune JUSTICE, 1 working day, free
const AG = '00715.TPHT';

describe('replay checker against live histories', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;
  let cutoff: number | null;
  const lawful: string[] = [];
  const corrupted: string[] = [];
  let checkedBefore = 0;

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(Clock);
    cutoff = t.app.get<AppConfig>(APP_CONFIG).lateReceptionCutoffMinutes;
    [citizen] = await citizens(t.ds, 1);
    await makeProcedure(t.ds, {
      code: 'TEST.RPL5', value: 5, level: 'COMMUNE', receivingLevel: 'COMMUNE',
      steps: [
        { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'examine', role: 'SPECIALIST', share: 0.5, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'approve', role: 'LEADER', share: 0.3, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      ],
    });
    await makeProcedure(t.ds, {
      code: 'TEST.RPLT', value: 5, level: 'DISTRICT', receivingLevel: 'COMMUNE',
      steps: [
        { key: 'receive', role: 'CLERK', share: 0.2, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'examine', role: 'SPECIALIST', share: 0.4, level: 'DISTRICT', agencyKind: 'JUSTICE' },
        { key: 'approve', role: 'LEADER', share: 0.3, level: 'DISTRICT', agencyKind: 'JUSTICE' },
        { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      ],
    });
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const ok = async (username: string, code: string, body: Record<string, unknown>) => {
    const bearer = await token(t, username === 'citizen' ? citizen.personalId : username);
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    const res = await t.http.post(`/api/v1/dossiers/${code}/actions`).set('Authorization', `Bearer ${bearer}`).send({ expectedVersion: row.version, ...body });
    if (res.status !== 200) throw new Error(`${body.action} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const dossier = async (procedureCode = BIRTH, submittedAt = at('2026-11-23 08:30')) => {
    const d = await makeDossier(t.ds, { procedureCode, agencyCode: AG, citizen, submittedAt });
    return d.code;
  };
  const step = async (when: string, username: string, code: string, body: Record<string, unknown>) => {
    clock.set(at(when));
    return ok(username, code, body);
  };
  const clerk = 'clerk.00715.tpht';
  const specialist = 'specialist.00715.tpht';
  const leader = 'leader.00715.tpht';
  /** Received, assigned, proposed, approved: the main path up to the result. */
  const upToResult = async (code: string, day: string) => {
    await step(`${day} 10:00`, clerk, code, { action: 'receive' });
    await step(`${day} 10:30`, clerk, code, { action: 'assign', assignee: specialist });
    await step(`${day} 14:00`, specialist, code, { action: 'propose' });
    await step(`${day} 15:00`, leader, code, { action: 'approve' });
  };

  it('histories made through the API replay without a violation', async () => {
    // main path, returned the next morning
    const main = await dossier();
    await upToResult(main, '2026-11-23');
    await step('2026-11-24 09:00', clerk, main, { action: 'return-result' });
    // received after hours (Friday 17:30 → the clock starts Monday 08:00), sent back once, returned late
    const late = await dossier(BIRTH, at('2026-11-27 17:00'));
    await step('2026-11-27 17:30', clerk, late, { action: 'receive' });
    await step('2026-11-30 09:00', clerk, late, { action: 'assign', assignee: specialist });
    await step('2026-11-30 10:00', specialist, late, { action: 'propose' });
    await step('2026-11-30 11:00', leader, late, { action: 'reject', reason: 'Sai ngày sinh' });
    await step('2026-12-01 09:00', specialist, late, { action: 'propose' });
    await step('2026-12-01 10:00', leader, late, { action: 'approve' });
    await step('2026-12-01 11:00', clerk, late, { action: 'return-result' });
    // supplement at reception (no clock), then a pause during processing and its supplement
    const supplemented = await dossier();
    await step('2026-11-23 09:00', clerk, supplemented, { action: 'request-supplement', reason: 'Thiếu giấy chứng sinh' });
    await step('2026-11-23 09:30', 'citizen', supplemented, { action: 'supplement' });
    await step('2026-11-23 10:00', clerk, supplemented, { action: 'receive' });
    await step('2026-11-23 10:30', clerk, supplemented, { action: 'assign', assignee: specialist });
    await step('2026-11-23 11:00', specialist, supplemented, { action: 'request-supplement', reason: 'Ảnh giấy tờ bị mờ' });
    await step('2026-11-24 11:00', 'citizen', supplemented, { action: 'supplement' });
    await step('2026-11-24 14:00', specialist, supplemented, { action: 'propose' });
    await step('2026-11-24 15:00', leader, supplemented, { action: 'approve' });
    // still waiting for its supplement
    const waiting = await dossier();
    await step('2026-11-23 10:00', clerk, waiting, { action: 'receive' });
    await step('2026-11-23 11:00', clerk, waiting, { action: 'request-supplement', reason: 'Thiếu tờ khai' });
    // refused at reception; withdrawn after reception
    const refused = await dossier();
    await step('2026-11-23 10:00', clerk, refused, { action: 'refuse', reason: 'Không thuộc thẩm quyền của xã' });
    const withdrawn = await dossier();
    await step('2026-11-23 10:00', clerk, withdrawn, { action: 'receive' });
    await step('2026-11-23 14:00', 'citizen', withdrawn, { action: 'withdraw', reason: 'Không còn nhu cầu' });
    // an apology with a new appointment, in time; returned late
    const extended = await dossier('TEST.RPL5');
    await step('2026-11-23 10:00', clerk, extended, { action: 'receive' });
    await step('2026-11-23 10:30', clerk, extended, { action: 'assign', assignee: specialist });
    await step('2026-11-26 10:00', specialist, extended, { action: 'extend', reason: 'Cần xác minh tại nơi cư trú', newDueAt: '2026-12-03T10:00:00+07:00' });
    await step('2026-12-01 10:00', specialist, extended, { action: 'propose' });
    await step('2026-12-01 11:00', leader, extended, { action: 'approve' });
    await step('2026-12-02 09:00', clerk, extended, { action: 'return-result' });
    // commune → district and back with the result
    const transferred = await dossier('TEST.RPLT');
    await step('2026-11-23 10:00', clerk, transferred, { action: 'receive' });
    await step('2026-11-24 09:00', clerk, transferred, { action: 'transfer', toAgencyCode: '026.PTP', reason: 'Chuyển Phòng Tư pháp' });
    await step('2026-11-24 10:00', 'clerk.026.ptp', transferred, { action: 'receive' });
    await step('2026-11-24 10:30', 'clerk.026.ptp', transferred, { action: 'assign', assignee: 'specialist.026.ptp' });
    await step('2026-11-25 10:00', 'specialist.026.ptp', transferred, { action: 'propose' });
    await step('2026-11-25 11:00', 'leader.026.ptp', transferred, { action: 'approve' });
    await step('2026-11-25 14:00', 'clerk.026.ptp', transferred, { action: 'transfer', toAgencyCode: AG });
    await step('2026-11-26 09:00', clerk, transferred, { action: 'receive' });
    await step('2026-11-26 10:00', clerk, transferred, { action: 'return-result' });
    // a day off decreed while a dossier is open moves its due date (calendar-shift event)
    const shifted = await dossier('TEST.RPL5', at('2026-12-07 08:30'));
    await step('2026-12-07 10:00', clerk, shifted, { action: 'receive' });
    await step('2026-12-07 10:30', clerk, shifted, { action: 'assign', assignee: specialist });
    clock.set(at('2026-12-08 09:00'));
    const admin = await token(t, 'admin.02.ubnd');
    const put = await t.http.put('/api/v1/calendar/exceptions/2026-12-10').set('Authorization', `Bearer ${admin}`).send({ name: 'Nghỉ thử nghiệm', working: false });
    expect(put.status).toBe(200);
    expect(put.body.movedDossiers.map((m: { code: string }) => m.code)).toContain(shifted);
    await step('2026-12-14 10:00', specialist, shifted, { action: 'propose' });
    // …and one left waiting for reception
    const submitted = await dossier();
    lawful.push(main, late, supplemented, waiting, refused, withdrawn, extended, transferred, shifted, submitted);

    const events = await t.ds.query(`SELECT count(*)::int AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ANY($1)`, [lawful]);
    expect(events[0].n).toBeGreaterThan(45);
    const r = await checkHistories(t.ds, { lateReceptionCutoffMinutes: cutoff });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM dossiers`);
    expect(r.checked).toBe(n);
    expect(r.checked).toBeGreaterThanOrEqual(lawful.length);
    expect(r.violations).toEqual([]);
    expect(r.dossiersWithViolations).toBe(0);
  });

  it('reports a corrupted history of each kind on its dossier', async () => {
    expect(lawful.length).toBe(10);
    // a night due date
    const night = await dossier();
    await step('2026-11-23 10:00', clerk, night, { action: 'receive' });
    await t.ds.query(`UPDATE dossiers SET due_at = '2026-11-24T00:51:00+07:00' WHERE code = $1`, [night]);
    // a refusal after reception
    const refusedLate = await dossier();
    await step('2026-11-23 10:00', clerk, refusedLate, { action: 'receive' });
    await t.ds.query(
      `INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_name, actor_role, agency_code, reason)
       SELECT id, '2026-11-23T14:00:00+07:00', 'refuse', 'RECEIVED', 'REFUSED', 'Cán bộ một cửa', 'CLERK', agency_code, 'Không đủ điều kiện' FROM dossiers WHERE code = $1`,
      [refusedLate],
    );
    await t.ds.query(`UPDATE dossiers SET status = 'REFUSED', completed_at = '2026-11-23T14:00:00+07:00' WHERE code = $1`, [refusedLate]);
    // a pause without its supplement-request event
    const paused = await dossier();
    await step('2026-11-23 10:00', clerk, paused, { action: 'receive' });
    await t.ds.query(`UPDATE dossiers SET status = 'SUPPLEMENT_REQUESTED', paused_at = '2026-11-23T11:00:00+07:00' WHERE code = $1`, [paused]);
    // an approval without a proposal
    const unproposed = await dossier();
    await step('2026-11-23 10:00', clerk, unproposed, { action: 'receive' });
    await step('2026-11-23 10:30', clerk, unproposed, { action: 'assign', assignee: specialist });
    await t.ds.query(
      `INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_name, actor_role, agency_code)
       SELECT id, '2026-11-23T15:00:00+07:00', 'approve', 'PENDING_APPROVAL', 'RESULT_READY', 'Lãnh đạo', 'LEADER', agency_code FROM dossiers WHERE code = $1`,
      [unproposed],
    );
    await t.ds.query(`UPDATE dossiers SET status = 'RESULT_READY', processing_ended_at = '2026-11-23T15:00:00+07:00', timeliness = 'EARLY' WHERE code = $1`, [unproposed]);

    const r = await checkHistories(t.ds, { lateReceptionCutoffMinutes: cutoff });
    const kindsOf = (code: string) => [...new Set(r.violations.filter((v) => v.code === code).map((v) => v.kind))].sort();
    expect(kindsOf(night)).toEqual(['due-date', 'night-due-date']);
    expect(kindsOf(refusedLate)).toEqual(expect.arrayContaining(['forbidden-move']));
    expect(r.violations.find((v) => v.code === refusedLate && v.kind === 'forbidden-move')!.vi).toContain('Từ chối tiếp nhận');
    expect(kindsOf(paused)).toEqual(['pause', 'status']);
    expect(r.violations.find((v) => v.code === paused && v.kind === 'pause')!.vi).toContain('không có sự kiện yêu cầu bổ sung');
    expect(kindsOf(unproposed)).toEqual(expect.arrayContaining(['forbidden-move']));
    expect(r.violations.find((v) => v.code === unproposed && v.kind === 'forbidden-move')!.vi).toContain('Phê duyệt');
    // nothing else: the lawful histories are still clean
    expect(new Set(r.violations.map((v) => v.code))).toEqual(new Set([night, refusedLate, paused, unproposed]));
    expect(r.dossiersWithViolations).toBe(4);
    expect(r.byKind['night-due-date']).toBe(1);
    expect(r.byKind.pause).toBe(1);
    // a limit stops the walk; a small page size walks the same dossiers
    expect((await checkHistories(t.ds, { limit: 3 })).checked).toBe(3);
    const paged = await checkHistories(t.ds, { pageSize: 2, lateReceptionCutoffMinutes: cutoff });
    expect(paged.checked).toBe(r.checked);
    expect(paged.byKind).toEqual(r.byKind);
    corrupted.push(night, refusedLate, paused, unproposed);
    checkedBefore = r.checked;
  });

  it('npm run check:histories (the same entry, through ts-node) prints the summary as JSON and exits 1', async () => {
    expect(corrupted).toHaveLength(4);
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/check-histories.ts', '--json', '--examples', '50'], {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', () => undefined);
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, out: stdout }));
    });
    expect(code).toBe(1);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ checked: checkedBefore, dossiersWithViolations: 4 });
    expect(summary.dossiersByKind).toMatchObject({ 'night-due-date': 1, pause: 1, 'forbidden-move': 2 });
    expect(summary.forbiddenMoves).toMatchObject({ 'refuse ← RECEIVED': 1, 'approve ← IN_PROGRESS': 1 });
    expect(new Set(summary.examples.map((v: { code: string }) => v.code))).toEqual(new Set(corrupted));
  }, 180_000);
});
