/**
 * Issue 12: what the law counts reaches the report of the day — a refusal at reception (counted
 * apart from the received balance), a withdrawal after reception and an apology (phiếu xin lỗi và
 * hẹn lại) — in the API, the dashboard, the CSV and the XLSX, each equal to a recount from the
 * dossiers; averages are in working days; inter-level stages show which agency made a dossier late.
 */
import ExcelJS from 'exceljs';
import { Clock } from '../../src/common/clock';
import { REPORT_COLUMNS } from '../../src/reporting/report-export';
import { parseCsv } from './csv';
import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';
import { at, citizens, makeDossier, token, type Citizen } from '../workflow/factory';

const BIRTH = '1.001193';
const AG = '00715.TPHT';
const DAY = '2026-11-24';

describe('the report of the day counts refusals at reception, withdrawals and apologies', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;
  let manager: string;

  const act = async (username: string, code: string, body: Record<string, unknown>) => {
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    const who = username === 'citizen' ? citizen.personalId : username;
    const res = await t.http.post(`/api/v1/dossiers/${code}/actions`).set('Authorization', `Bearer ${await token(t, who)}`).send({ expectedVersion: row.version, ...body });
    if (res.status !== 200) throw new Error(`${String(body.action)} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const Q = `from=${DAY}&to=${DAY}&agencyCode=${AG}`;

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(Clock);
    [citizen] = await citizens(t.ds, 1);
    manager = `Bearer ${await token(t, 'manager.00715.ubnd')}`;
    // Monday 23/11: two dossiers received (1 working day: due Tuesday 10:00 / 11:00).
    clock.set(at('2026-11-23 10:00'));
    const withdrawn = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await act('clerk.00715.tpht', withdrawn.code, { action: 'receive' });
    clock.set(at('2026-11-23 11:00'));
    const apologised = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await act('clerk.00715.tpht', apologised.code, { action: 'receive' });
    // Tuesday 24/11 (the day of the report): a refusal at reception, a withdrawal, an apology
    // (too late for the working day before the deadline? the deadline is Tuesday 11:00 — the apology
    // must go out by Monday 17:00: it goes out Monday 16:00) and one approval for the averages.
    clock.set(at('2026-11-23 16:00'));
    await act('clerk.00715.tpht', apologised.code, { action: 'extend', reason: 'Cần xác minh thêm', newDueAt: '2026-11-26T16:00:00+07:00' });
    clock.set(at('2026-11-24 09:00'));
    const refused = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await act('clerk.00715.tpht', refused.code, { action: 'refuse', reason: 'Thiếu giấy chứng sinh' });
    clock.set(at('2026-11-24 09:30'));
    await act('citizen', withdrawn.code, { action: 'withdraw', reason: 'Nộp nhầm' });
    clock.set(at('2026-11-24 16:00'));
  });
  afterAll(async () => {
    clock?.set(null);
    await t?.close();
  });

  /** The recount, from the dossiers' own columns. */
  const recount = async () => {
    const [r] = await t.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'REFUSED' AND received_at IS NULL AND (processing_ended_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $2::date)::int AS refused,
              count(*) FILTER (WHERE status = 'WITHDRAWN' AND received_at IS NOT NULL AND (processing_ended_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $2::date)::int AS withdrawn,
              count(*) FILTER (WHERE (extended_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $2::date)::int AS apologies_today,
              count(*) FILTER (WHERE (extended_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = '2026-11-23')::int AS apologies_monday
         FROM dossiers WHERE agency_code = $1`,
      [AG, DAY],
    );
    return r as { refused: number; withdrawn: number; apologies_today: number; apologies_monday: number };
  };

  it('the API row counts the refusal at reception apart from the balance, and the withdrawal', async () => {
    const r = await recount();
    expect(r).toMatchObject({ refused: 1, withdrawn: 1 });
    const json = (await t.http.get(`/api/v1/reports/sla?${Q}`).set('Authorization', manager).expect(200)).body;
    expect(json.total).toMatchObject({ refused: r.refused, withdrawn: r.withdrawn });
    const f = json.total;
    const resolved = f.resolvedEarly + f.resolvedOnTime + f.resolvedLate;
    expect(f.carriedOver + f.receivedOnline + f.receivedCounter).toBe(resolved + f.withdrawn + f.inProgressWithinDeadline + f.inProgressOverdue);
  });

  it('the apology shows on the day it went out, in the XLSX, the CSV and the dashboard', async () => {
    const r = await recount();
    expect(r.apologies_monday).toBe(1);
    const monday = 'from=2026-11-23&to=2026-11-23&agencyCode=' + AG;
    const x = await t.http.get(`/api/v1/reports/sla.xlsx?${monday}`).set('Authorization', manager).buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as Buffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(3).value === 'Tổng cộng') total = row;
    });
    const col = 4 + REPORT_COLUMNS.findIndex((c) => c.key === 'apologies');
    expect(Number(total!.getCell(col).value)).toBe(r.apologies_monday);

    const csv = await t.http.get(`/api/v1/reports/sla.csv?${monday}`).set('Authorization', manager).expect(200);
    // Same Vietnamese headers as the XLSX: groups, then columns.
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    const idx = rows[1].indexOf('Xin lỗi, hẹn lại');
    expect(idx).toBe(col - 1);
    expect(Number(rows[rows.length - 1][idx])).toBe(r.apologies_monday);

    const page = await (await pageSession(t, 'manager.00715.ubnd')).get(`/quan-ly?${monday}`).expect(200);
    expect(page.text).toMatch(/Xin lỗi, hẹn lại<\/span><span class="kpi__value">1</);
  });

  it('the dashboard shows the refusal and the withdrawal of the day', async () => {
    const r = await recount();
    const page = await (await pageSession(t, 'manager.00715.ubnd')).get(`/quan-ly?${Q}`).expect(200);
    expect(page.text).toContain(`<span class="kpi__value">${r.refused} / ${r.withdrawn}</span>`);
  });

  it('the working time a resolved dossier used is counted in working hours, pauses excluded', async () => {
    clock.set(at('2026-11-25 08:00'));
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await act('clerk.00715.tpht', d.code, { action: 'receive' });
    await act('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    clock.set(at('2026-11-25 10:00'));
    await act('specialist.00715.tpht', d.code, { action: 'request-supplement', reason: 'Bổ sung bản sao' });
    clock.set(at('2026-11-25 14:00'));
    await act('citizen', d.code, { action: 'supplement' });
    await act('specialist.00715.tpht', d.code, { action: 'propose' });
    clock.set(at('2026-11-25 16:00'));
    await act('leader.00715.tpht', d.code, { action: 'approve' });
    const [row] = await t.ds.query('SELECT working_seconds, allowed_working_seconds, paused_working_seconds FROM dossiers WHERE code = $1', [d.code]);
    // 08:00–16:00 is 7 working hours, 3 of them paused (10:00–14:00 minus lunch): 4 hours used of 8 allowed
    expect(row).toEqual({ working_seconds: 4 * 3600, allowed_working_seconds: 8 * 3600, paused_working_seconds: 3 * 3600 });
    const page = await (await pageSession(t, 'manager.00715.ubnd')).get(`/quan-ly?from=2026-11-25&to=2026-11-25&agencyCode=${AG}`).expect(200);
    expect(page.text).toContain('0,5 ngày làm việc');
  });
});
