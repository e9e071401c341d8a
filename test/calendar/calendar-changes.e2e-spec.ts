import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';
import { Clock } from '../../src/common/clock';
import { at, citizens, makeDossier, makeProcedure, token, type Citizen } from '../workflow/factory';

const AG = '00715.TPHT';
const FIVE = 'TEST.CAL.FIVE';
const BIRTH = '1.001193'; // one working day
const HOLIDAY = '2027-03-10'; // a Wednesday with nothing around it in the seeded calendar

/**
 * Issue 12, item 6: a newly decreed day off is one admin row, and it re-explains the due dates it
 * moves for open dossiers (src/workflow/holiday-shift.ts); the legal source of every day is data.
 */
describe('calendar changes move the due dates of open dossiers', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(Clock);
    [citizen] = await citizens(t.ds, 1);
    await makeProcedure(t.ds, {
      code: FIVE, value: 5, level: 'COMMUNE', receivingLevel: 'COMMUNE',
      steps: [
        { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'examine', role: 'SPECIALIST', share: 0.5, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'approve', role: 'LEADER', share: 0.3, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      ],
    });
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const act = async (username: string, code: string, body: Record<string, unknown>) => {
    const bearer = await token(t, username);
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    const res = await t.http.post(`/api/v1/dossiers/${code}/actions`).set('Authorization', `Bearer ${bearer}`).send({ expectedVersion: row.version, ...body });
    if (res.status !== 200) throw new Error(`${body.action} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const row = async (code: string) =>
    (await t.ds.query(
      `SELECT to_char(due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') AS due,
              to_char(original_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') AS original, version
         FROM dossiers WHERE code = $1`, [code],
    ))[0];
  const shifts = async (code: string) =>
    t.ds.query(
      `SELECT e.reason, e.data, e.actor_role, e.from_status, e.to_status FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
        WHERE d.code = $1 AND e.action = 'calendar-shift' ORDER BY e.id`, [code],
    );

  let open: string; // received Monday 08/03 10:00, five days: due Monday 15/03 10:00
  let paused: string; // the same, waiting for a supplement since 11:00
  let short: string; // one day: due Tuesday 09/03 10:00, before the new day off
  let ended: string; // five days, result approved: processing ended

  beforeAll(async () => {
    clock.set(at('2027-03-08 10:00'));
    open = (await makeDossier(t.ds, { procedureCode: FIVE, agencyCode: AG, citizen })).code;
    paused = (await makeDossier(t.ds, { procedureCode: FIVE, agencyCode: AG, citizen })).code;
    short = (await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen })).code;
    ended = (await makeDossier(t.ds, { procedureCode: FIVE, agencyCode: AG, citizen })).code;
    for (const code of [open, paused, short, ended]) await act('clerk.00715.tpht', code, { action: 'receive' });
    for (const code of [open, paused, ended]) await act('clerk.00715.tpht', code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    clock.set(at('2027-03-08 11:00'));
    await act('specialist.00715.tpht', paused, { action: 'request-supplement', reason: 'Bổ sung bản sao giấy chứng sinh' });
    await act('specialist.00715.tpht', ended, { action: 'propose' });
    await act('leader.00715.tpht', ended, { action: 'approve' });
  });

  it('a newly decreed day off (API): open dossiers crossing it move, with one explained event each; the others do not', async () => {
    expect((await row(open)).due).toBe('2027-03-15 10:00');
    const versionBefore = (await row(open)).version;
    clock.set(at('2027-03-08 14:00'));
    const admin = await token(t, 'admin.02.ubnd');
    const res = await t.http
      .put(`/api/v1/calendar/exceptions/${HOLIDAY}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Ngày nghỉ mới được công bố', working: false, legalSource: 'Quyết định thử nghiệm 01/2027/QĐ-TTg' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: HOLIDAY, name: 'Ngày nghỉ mới được công bố', working: false, legalSource: 'Quyết định thử nghiệm 01/2027/QĐ-TTg' });
    const moved = res.body.movedDossiers as { code: string; dueAtBefore: string; dueAtAfter: string; explanation: string }[];
    const mine = moved.filter((m) => [open, paused, short, ended].includes(m.code));
    expect(mine.map((m) => m.code).sort()).toEqual([open, paused].sort());
    expect(mine.find((m) => m.code === open)).toMatchObject({
      dueAtBefore: '2027-03-15T10:00:00+07:00',
      dueAtAfter: '2027-03-16T10:00:00+07:00',
      explanation: expect.stringContaining('thứ Tư 10/03/2027 nay là ngày nghỉ (Ngày nghỉ mới được công bố; căn cứ: Quyết định thử nghiệm 01/2027/QĐ-TTg)'),
    });

    expect(await row(open)).toEqual({ due: '2027-03-16 10:00', original: '2027-03-15 10:00', version: versionBefore + 1 });
    expect((await row(paused)).due).toBe('2027-03-16 10:00');
    expect((await row(short)).due).toBe('2027-03-09 10:00');
    expect((await row(ended)).due).toBe('2027-03-15 10:00');
    expect(await shifts(short)).toEqual([]);
    expect(await shifts(ended)).toEqual([]);

    const [e] = await shifts(open);
    expect(e).toMatchObject({ actor_role: 'ADMIN', from_status: 'IN_PROGRESS', to_status: 'IN_PROGRESS' });
    expect(e.reason).toContain('hạn trả kết quả dời từ 10:00 thứ Hai 15/03/2027 sang 10:00 thứ Ba 16/03/2027');
    expect(e.data).toMatchObject({ calendarDate: HOLIDAY, dueAtBefore: '2027-03-15T10:00:00+07:00', dueAtAfter: '2027-03-16T10:00:00+07:00', remainingWorkingMinutes: 37 * 60 });
    const [pe] = await shifts(paused);
    expect(pe.reason).toContain('tạm dừng chờ bổ sung');

    // The due-date change leaves through the outbox like any other (national portal, notice to the citizen).
    const out = await t.ds.query(`SELECT payload FROM outbox WHERE topic = 'dossier.status-changed' AND aggregate_id = $1 ORDER BY id`, [open]);
    expect(out.at(-1).payload).toMatchObject({ action: 'calendar-shift', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', dueAt: '2027-03-16T03:00:00.000Z' });

    // The dossier view (and its history) shows the new due date and why; the workflow goes on from the new version.
    const clerk = await token(t, 'clerk.00715.tpht');
    const view = (await t.http.get(`/api/v1/dossiers/${open}`).set('Authorization', `Bearer ${clerk}`)).body;
    expect(view).toMatchObject({ dueAt: '2027-03-16T10:00:00+07:00', originalDueAt: '2027-03-15T10:00:00+07:00' });
    expect(view.events.at(-1)).toMatchObject({ action: 'calendar-shift', reason: expect.stringContaining('nay là ngày nghỉ') });
    await act('specialist.00715.tpht', open, { action: 'propose' });

    // Supplementing later adds the pause to the moved due date (the clock stopped on Monday 11:00).
    clock.set(at('2027-03-11 09:00'));
    const after = await act(citizen.personalId, paused, { action: 'supplement' });
    // 39 working hours were left at the pause (Mon 11:00); counted again from Thu 09:00 with Wednesday off: Wed 17/03 17:00.
    expect(after.dueAt).toBe('2027-03-17T17:00:00+07:00');
  });

  it('the exceptions list exposes the legal source; every seeded 2026 day names one and none is still "to be checked"', async () => {
    const res = await t.http.get('/api/v1/calendar/exceptions').query({ year: '2027' });
    expect(res.body).toContainEqual({ date: HOLIDAY, name: 'Ngày nghỉ mới được công bố', working: false, legalSource: 'Quyết định thử nghiệm 01/2027/QĐ-TTg' });
    const y2026 = (await t.http.get('/api/v1/calendar/exceptions').query({ year: '2026' })).body as { date: string; legalSource: string | null }[];
    expect(y2026.length).toBeGreaterThanOrEqual(16);
    for (const d of y2026) expect([d.date, typeof d.legalSource]).toEqual([d.date, 'string']);
    const [aug] = await t.ds.query(`SELECT note, legal_source FROM calendar_exceptions WHERE date = '2026-08-22'`);
    expect(aug.note).not.toMatch(/Cần đối chiếu/);
    expect(aug.legal_source).toMatch(/Quốc khánh 2026/);
  });

  it('the admin page: the delete button works, and the page lists the dossiers the deletion moved back', async () => {
    clock.set(at('2027-03-08 15:00'));
    const admin = await pageSession(t, 'admin.02.ubnd');
    const page = await admin.get('/quan-tri/lich?year=2027').expect(200);
    expect(page.text).toContain('Quyết định thử nghiệm 01/2027/QĐ-TTg');
    expect(page.text).not.toMatch(/NaN/);
    // The form's own action (issue 13: it used to post to /quan-tri/lich/NaN/NaN/Na/xoa).
    const action = /<form method="post" action="(\/quan-tri\/lich\/2027-03-10\/xoa)"/.exec(page.text)?.[1];
    expect(action).toBe('/quan-tri/lich/2027-03-10/xoa');
    const del = await admin.post(action!).type('form').send({ _csrf: admin.csrf() });
    expect(del.status).toBe(303);
    const after = await admin.get(del.headers.location).expect(200);
    expect(after.text).toContain('Đã xóa ngày 10/03/2027 khỏi lịch');
    expect(after.text).toContain(paused);
    expect(after.text).toContain('hạn trả kết quả sớm hơn');
    expect(after.text).toContain('đã bỏ &quot;Ngày nghỉ mới được công bố&quot; khỏi lịch làm việc');
    expect(after.text).not.toContain('action="/quan-tri/lich/2027-03-10/xoa"');
    // Shown once (post-redirect-get), not on every later visit.
    expect((await admin.get('/quan-tri/lich?year=2027')).text).not.toContain('Đã xóa ngày 10/03/2027');
    expect((await row(open)).due).toBe('2027-03-15 10:00');
    expect((await shifts(open)).length).toBe(2);
    // Deleting a day that is not there: a Vietnamese message on the page, not the framework's English.
    const missing = await admin.post(action!).type('form').send({ _csrf: admin.csrf() });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Không có ngày ngoại lệ này trong lịch');
  });

  it('the admin page adds a day with its legal source in one row, lists what moved, and edits it', async () => {
    const admin = await pageSession(t, 'admin.02.ubnd');
    const add = await admin.post('/quan-tri/lich').type('form').send({
      _csrf: admin.csrf(), date: HOLIDAY, name: 'Nghỉ lễ thử nghiệm', working: 'false', legalSource: 'Thông báo thử nghiệm 02/TB-VPCP', note: 'Ghi chú thử',
    });
    expect(add.status).toBe(303);
    const page = await admin.get(add.headers.location).expect(200);
    expect(page.text).toContain('Đã lưu ngày 10/03/2027');
    expect(page.text).toContain('hồ sơ đang giải quyết được điều chỉnh hạn trả kết quả');
    expect(page.text).toContain(open);
    expect(page.text).toContain('Thông báo thử nghiệm 02/TB-VPCP');
    expect((await row(open)).due).toBe('2027-03-16 10:00');
    const edit = await admin.get(`/quan-tri/lich?year=2027&sua=${HOLIDAY}`).expect(200);
    expect(edit.text).toContain('Sửa ngày 10/03/2027');
    expect(edit.text).toMatch(/id="legalSource"[^>]*value="Thông báo thử nghiệm 02\/TB-VPCP"/);
    // Renaming (same kind of day) moves nothing.
    const rename = await admin.post('/quan-tri/lich').type('form').send({ _csrf: admin.csrf(), date: HOLIDAY, name: 'Nghỉ lễ (đổi tên)', working: 'false', legalSource: 'Thông báo thử nghiệm 02/TB-VPCP' });
    const renamed = await admin.get(rename.headers.location).expect(200);
    expect(renamed.text).toContain('Không có hồ sơ đang giải quyết nào phải điều chỉnh hạn');
    expect((await row(open)).due).toBe('2027-03-16 10:00');
    // A legal source too long is refused with the field named.
    const bad = await admin.post('/quan-tri/lich').type('form').send({ _csrf: admin.csrf(), date: HOLIDAY, name: 'x y z', working: 'false', legalSource: 'x'.repeat(501) });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#legalSource"');
  });
});
