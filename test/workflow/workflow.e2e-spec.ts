import { bootApp, type TestApp } from '../helpers/app';
import { Clock } from '../../src/common/clock';
import { at, citizens, makeDossier, makeProcedure, token, type Citizen } from './factory';

const BIRTH = '1.001193'; // Đăng ký khai sinh — commune JUSTICE, 1 working day, free
const AG = '00715.TPHT';

describe('workflow through the API', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;
  let other: Citizen;

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(Clock);
    [citizen, other] = await citizens(t.ds, 2);
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const act = async (username: string, code: string, body: Record<string, unknown>) => {
    const bearer = await token(t, username === 'citizen' ? citizen.personalId : username === 'other' ? other.personalId : username);
    if (body.expectedVersion === undefined) {
      const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
      body = { ...body, expectedVersion: row?.version ?? 1 };
    }
    return t.http.post(`/api/v1/dossiers/${code}/actions`).set('Authorization', `Bearer ${bearer}`).send(body);
  };
  const ok = async (username: string, code: string, body: Record<string, unknown>) => {
    const res = await act(username, code, body);
    if (res.status !== 200) throw new Error(`${body.action} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const newDossier = (opts: Partial<Parameters<typeof makeDossier>[1]> = {}) =>
    makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen, ...opts });

  describe('calendar API', () => {
    it('computes a deadline with an explanation', async () => {
      const res = await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-11-23T10:00:00+07:00', value: '3', unit: 'WORKING_DAY' });
      expect(res.status).toBe(200);
      expect(res.body.deadline).toBe('2026-11-26T10:00:00+07:00');
      expect(res.body.explanation.text).toContain('hạn trả kết quả');
    });
    it('skips Tết 2026', async () => {
      const res = await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-02-13T16:00:00+07:00', value: '1', unit: 'WORKING_DAY' });
      expect(res.body.deadline).toBe('2026-02-23T16:00:00+07:00');
    });
    it('rejects bad parameters with 400', async () => {
      for (const q of [{ from: 'nope', value: '1', unit: 'WORKING_DAY' }, { from: '2026-11-23T10:00:00+07:00', value: '-1', unit: 'WORKING_DAY' }, { from: '2026-11-23T10:00:00+07:00', value: '1', unit: 'DAY' }, {}]) {
        const res = await t.http.get('/api/v1/calendar/deadline').query(q);
        expect(res.status).toBe(400);
        expect(res.body.message).toBeTruthy();
      }
    });
    it('lists the exceptions of a year from the seeded table', async () => {
      const res = await t.http.get('/api/v1/calendar/exceptions').query({ year: '2026' });
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual({ date: '2026-02-17', name: expect.stringContaining('Tết'), working: false, legalSource: expect.stringContaining('Điều 112') });
      expect(res.body).toContainEqual(expect.objectContaining({ date: '2026-01-10', working: true }));
      expect((await t.http.get('/api/v1/calendar/exceptions').query({ year: '26' })).status).toBe(400);
    });
    it('admins edit; the deadline service sees the edit at once; others cannot', async () => {
      const admin = await token(t, 'admin.02.ubnd');
      const clerk = await token(t, 'clerk.026.ptp');
      expect((await t.http.put('/api/v1/calendar/exceptions/2026-12-01').send({ name: 'Nghỉ thử', working: false })).status).toBe(401);
      expect((await t.http.put('/api/v1/calendar/exceptions/2026-12-01').set('Authorization', `Bearer ${clerk}`).send({ name: 'Nghỉ thử', working: false })).status).toBe(403);
      const districtAdmin = await token(t, 'admin.026.ubnd');
      expect((await t.http.put('/api/v1/calendar/exceptions/2026-12-01').set('Authorization', `Bearer ${districtAdmin}`).send({ name: 'Nghỉ thử', working: false })).status).toBe(403);
      const put = await t.http.put('/api/v1/calendar/exceptions/2026-12-01').set('Authorization', `Bearer ${admin}`).send({ name: 'Nghỉ thử', working: false });
      expect(put.status).toBe(200);
      const res = await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-11-30T10:00:00+07:00', value: '1', unit: 'WORKING_DAY' });
      expect(res.body.deadline).toBe('2026-12-02T10:00:00+07:00');
      expect((await t.http.put('/api/v1/calendar/exceptions/2026-13-01').set('Authorization', `Bearer ${admin}`).send({ name: 'x', working: false })).status).toBe(400);
      expect((await t.http.put('/api/v1/calendar/exceptions/2026-12-02').set('Authorization', `Bearer ${admin}`).send({ working: false })).status).toBe(400);
      expect((await t.http.delete('/api/v1/calendar/exceptions/2026-12-01').set('Authorization', `Bearer ${admin}`)).status).toBe(204);
      const again = await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-11-30T10:00:00+07:00', value: '1', unit: 'WORKING_DAY' });
      expect(again.body.deadline).toBe('2026-12-01T10:00:00+07:00');
      expect((await t.http.delete('/api/v1/calendar/exceptions/2026-12-01').set('Authorization', `Bearer ${admin}`)).status).toBe(404);
    });
  });

  describe('main path: receive → assign → propose → approve → return', () => {
    it('runs on the legal clock and writes one event and one outbox row per move', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      let v = await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      expect(v).toMatchObject({ status: 'RECEIVED', version: 2, receivedAt: '2026-11-23T10:00:00+07:00', dueAt: '2026-11-24T10:00:00+07:00' });
      expect(v.currentStep).toBe('examine');
      // examine = 0.5 of 1 day = 4 working hours from 10:00 → 15:00
      expect(v.currentStepDueAt).toBe('2026-11-23T15:00:00+07:00');
      clock.set(at('2026-11-23 11:00'));
      v = await ok('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
      expect(v.status).toBe('IN_PROGRESS');
      clock.set(at('2026-11-23 14:00'));
      v = await ok('specialist.00715.tpht', d.code, { action: 'propose' });
      expect(v).toMatchObject({ status: 'PENDING_APPROVAL', currentStep: 'approve' });
      clock.set(at('2026-11-23 15:00'));
      v = await ok('leader.00715.tpht', d.code, { action: 'approve' });
      expect(v.status).toBe('RESULT_READY');
      expect(v.resultFileId).toBeTruthy();
      clock.set(at('2026-11-23 16:00'));
      v = await ok('clerk.00715.tpht', d.code, { action: 'return-result' });
      expect(v).toMatchObject({ status: 'RETURNED', timeliness: 'EARLY', completedAt: '2026-11-23T16:00:00+07:00' });
      expect(v.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'receive', 'assign', 'propose', 'approve', 'return-result']);
      expect(v.events[1]).toMatchObject({ fromStatus: 'SUBMITTED', toStatus: 'RECEIVED', agencyCode: AG, stepKey: 'examine' });
      const outbox = await t.ds.query(`SELECT payload FROM outbox WHERE topic = 'dossier.status-changed' AND aggregate_id = $1 ORDER BY id`, [d.code]);
      expect(outbox.map((o: { payload: { action: string } }) => o.payload.action)).toEqual(['receive', 'assign', 'propose', 'approve', 'return-result']);
      expect(outbox[0].payload).toMatchObject({ code: d.code, procedureCode: BIRTH, agencyCode: AG, fromStatus: 'SUBMITTED', toStatus: 'RECEIVED', applicantUserId: citizen.id });
      const [file] = await t.ds.query(`SELECT kind, owner_user_id, mime_type FROM files WHERE id = $1`, [v.resultFileId]);
      expect(file).toEqual({ kind: 'RESULT', owner_user_id: citizen.id, mime_type: 'application/pdf' });
    });

    it('reception after hours starts at the next working instant; Friday 17:01 → Monday', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-27 17:01'));
      const v = await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      // the clock starts Monday 08:00; one working day later is Monday 17:00
      expect(v.dueAt).toBe('2026-11-30T17:00:00+07:00');
      expect(v.events[1].data.effectiveStart).toBe('2026-11-30T08:00:00+07:00');
    });

    it('timeliness is judged when processing ends (the approval), not at hand-over; the leader can send back to the specialist', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      await ok('leader.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
      await ok('specialist.00715.tpht', d.code, { action: 'propose' });
      expect((await act('leader.00715.tpht', d.code, { action: 'reject' })).status).toBe(422);
      const back = await ok('leader.00715.tpht', d.code, { action: 'reject', reason: 'Sai ngày sinh' });
      expect(back).toMatchObject({ status: 'IN_PROGRESS', currentStep: 'examine' });
      await ok('specialist.00715.tpht', d.code, { action: 'propose' });
      const approved = await ok('leader.00715.tpht', d.code, { action: 'approve' });
      // approved Monday 10:00, due Tuesday 10:00: processing ended a day early
      expect(approved).toMatchObject({ status: 'RESULT_READY', timeliness: 'EARLY', processingEndedAt: '2026-11-23T10:00:00+07:00', overdue: false });
      clock.set(at('2026-11-24 10:30'));
      const v = await ok('clerk.00715.tpht', d.code, { action: 'return-result' });
      expect(v).toMatchObject({ status: 'RETURNED', timeliness: 'EARLY', completedAt: '2026-11-24T10:30:00+07:00' });
    });

    it('an approval after the due time is LATE, and a result waiting to be handed over is never overdue', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      await ok('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
      await ok('specialist.00715.tpht', d.code, { action: 'propose' });
      clock.set(new Date(at('2026-11-24 10:00').getTime() + 1000)); // one second past the due time
      const pending = (await t.http.get(`/api/v1/dossiers/${d.code}`).set('Authorization', `Bearer ${await token(t, 'leader.00715.tpht')}`).expect(200)).body;
      expect(pending.overdue).toBe(true);
      const approved = await ok('leader.00715.tpht', d.code, { action: 'approve' });
      expect(approved).toMatchObject({ status: 'RESULT_READY', timeliness: 'LATE', overdue: false });
      clock.set(at('2026-11-30 09:00'));
      const later = (await t.http.get(`/api/v1/dossiers/${d.code}`).set('Authorization', `Bearer ${await token(t, 'clerk.00715.tpht')}`).expect(200)).body;
      expect(later).toMatchObject({ status: 'RESULT_READY', overdue: false, timeliness: 'LATE' });
    });
  });

  describe('refusals of bad moves', () => {
    it('403 wrong role, 404 other agency or other citizen, 422 wrong state, 409 stale version', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      expect((await act('specialist.00715.tpht', d.code, { action: 'receive' })).status).toBe(403);
      expect((await act('clerk.026.ptp', d.code, { action: 'receive' })).status).toBe(404);
      expect((await act('other', d.code, { action: 'withdraw' })).status).toBe(404);
      expect((await act('manager.026.ubnd', d.code, { action: 'receive' })).status).toBe(403);
      const wrong = await act('clerk.00715.tpht', d.code, { action: 'return-result' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.message).toContain('Mới nộp');
      await ok('clerk.00715.tpht', d.code, { action: 'receive', expectedVersion: 1 });
      const stale = await act('clerk.00715.tpht', d.code, { action: 'receive', expectedVersion: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toMatch(/cập nhật bởi .+ lúc 23\/11\/2026 10:00/);
      expect((await act('clerk.00715.tpht', 'KHONG-CO-MA', { action: 'receive' })).status).toBe(404);
      expect((await act('clerk.00715.tpht', d.code, { action: 'fly' })).status).toBe(400);
      expect((await act('clerk.00715.tpht', d.code, { action: 'assign', expectedVersion: 'x' })).status).toBe(400);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1`, [d.id]);
      expect(n).toBe(2);
    });

    it('assignee outside the agency and transfer to a non-existent agency are refused with a message', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      const a = await act('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.026.ptp' });
      expect(a.status).toBe(422);
      expect(a.body.message).toMatch(/cơ quan/);
      const b = await act('clerk.00715.tpht', d.code, { action: 'transfer', toAgencyCode: '999.KHONGCO' });
      expect(b.status).toBe(422);
      expect(b.body.message).toContain('999.KHONGCO');
    });

    it('prepayment: a dossier whose fee is unpaid cannot be received', async () => {
      await makeProcedure(t.ds, {
        code: 'TEST.PREPAY', value: 3, level: 'COMMUNE', receivingLevel: 'COMMUNE', requiresPrepayment: true,
        steps: [
          { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'examine', role: 'SPECIALIST', share: 0.5, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'approve', role: 'LEADER', share: 0.3, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        ],
      });
      const d = await makeDossier(t.ds, { procedureCode: 'TEST.PREPAY', agencyCode: AG, citizen, feeAmount: 8000, paymentStatus: 'PENDING' });
      const res = await act('clerk.00715.tpht', d.code, { action: 'receive' });
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/thanh toán/);
      await t.ds.query(`UPDATE dossiers SET payment_status = 'PAID' WHERE id = $1`, [d.id]);
      expect((await act('clerk.00715.tpht', d.code, { action: 'receive' })).status).toBe(200);
    });
  });

  describe('supplements', () => {
    it('at reception: no clock; the citizen supplements and the dossier is submitted again', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      expect((await act('clerk.00715.tpht', d.code, { action: 'request-supplement' })).status).toBe(422);
      let v = await ok('clerk.00715.tpht', d.code, { action: 'request-supplement', reason: 'Thiếu giấy chứng sinh' });
      expect(v).toMatchObject({ status: 'SUPPLEMENT_REQUESTED' });
      expect(v.receivedAt).toBeUndefined();
      expect(v.pausedAt).toBeUndefined();
      clock.set(at('2026-11-25 09:00'));
      v = await ok('citizen', d.code, { action: 'supplement', data: { ghiChu: 'Đã bổ sung' } });
      expect(v.status).toBe('SUBMITTED');
      v = await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      expect(v.dueAt).toBe('2026-11-26T09:00:00+07:00');
      const [row] = await t.ds.query(`SELECT data FROM dossiers WHERE id = $1`, [d.id]);
      expect(row.data.ghiChu).toBe('Đã bổ sung');
    });

    it('during processing: the clock pauses and the deadline shifts by the working time paused', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      await ok('clerk.00715.tpht', d.code, { action: 'receive' }); // due Tue 24/11 10:00
      await ok('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
      clock.set(at('2026-11-23 14:00'));
      let v = await ok('specialist.00715.tpht', d.code, { action: 'request-supplement', reason: 'Ảnh giấy tờ bị mờ' });
      expect(v).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', pausedAt: '2026-11-23T14:00:00+07:00' });
      clock.set(at('2026-11-25 09:00'));
      v = await ok('citizen', d.code, { action: 'supplement' });
      // 5 working hours were left at 14:00 Monday; resumed Wednesday 09:00 → Wednesday 15:00.
      expect(v).toMatchObject({ status: 'IN_PROGRESS', dueAt: '2026-11-25T15:00:00+07:00', originalDueAt: '2026-11-24T10:00:00+07:00' });
      expect(v.pausedAt).toBeUndefined();
      expect(v.events.at(-1).data.pausedWorkingMinutes).toBe(12 * 60);
    });
  });

  describe('refusal, extension and withdrawal', () => {
    it('refuse needs a reason and ends the dossier', async () => {
      const d = await newDossier();
      expect((await act('clerk.00715.tpht', d.code, { action: 'refuse' })).status).toBe(422);
      const v = await ok('clerk.00715.tpht', d.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền của xã' });
      expect(v.status).toBe('REFUSED');
      expect(v.completedAt).toBeTruthy();
      expect(v.events.at(-1).reason).toBe('Không thuộc thẩm quyền của xã');
    });

    it('extend once before the deadline; a second is refused; the dossier counts as late', async () => {
      await makeProcedure(t.ds, {
        code: 'TEST.FIVE', value: 5, level: 'COMMUNE', receivingLevel: 'COMMUNE',
        steps: [
          { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'examine', role: 'SPECIALIST', share: 0.5, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'approve', role: 'LEADER', share: 0.3, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        ],
      });
      const d = await makeDossier(t.ds, { procedureCode: 'TEST.FIVE', agencyCode: AG, citizen });
      clock.set(at('2026-11-23 10:00'));
      let v = await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      expect(v.dueAt).toBe('2026-11-30T10:00:00+07:00');
      await ok('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
      clock.set(at('2026-11-26 10:00'));
      const noReason = await act('specialist.00715.tpht', d.code, { action: 'extend', newDueAt: '2026-12-03T10:00:00+07:00' });
      expect(noReason.status).toBe(422);
      v = await ok('specialist.00715.tpht', d.code, { action: 'extend', reason: 'Cần xác minh tại nơi cư trú', newDueAt: '2026-12-03T10:00:00+07:00' });
      expect(v).toMatchObject({ status: 'IN_PROGRESS', dueAt: '2026-12-03T10:00:00+07:00', originalDueAt: '2026-11-30T10:00:00+07:00', extensionCount: 1 });
      const second = await act('specialist.00715.tpht', d.code, { action: 'extend', reason: 'Lần nữa', newDueAt: '2026-12-10T10:00:00+07:00' });
      expect(second.status).toBe(422);
      expect(second.body.message).toMatch(/một lần/);
      await ok('specialist.00715.tpht', d.code, { action: 'propose' });
      await ok('leader.00715.tpht', d.code, { action: 'approve' });
      clock.set(at('2026-12-01 09:00'));
      v = await ok('clerk.00715.tpht', d.code, { action: 'return-result' });
      expect(v.timeliness).toBe('LATE');
    });

    it('extension after the deadline passed is refused', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      clock.set(at('2026-11-24 11:00'));
      const res = await act('clerk.00715.tpht', d.code, { action: 'extend', reason: 'Quá tải', newDueAt: '2026-11-30T10:00:00+07:00' });
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/quá hạn/i);
    });

    it('the citizen withdraws before the result, not after', async () => {
      const d = await newDossier();
      clock.set(at('2026-11-23 10:00'));
      await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      expect((await act('clerk.00715.tpht', d.code, { action: 'withdraw' })).status).toBe(403);
      const v = await ok('citizen', d.code, { action: 'withdraw', reason: 'Không còn nhu cầu' });
      expect(v.status).toBe('WITHDRAWN');
      const e = await newDossier();
      await ok('clerk.00715.tpht', e.code, { action: 'receive' });
      await ok('clerk.00715.tpht', e.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
      await ok('specialist.00715.tpht', e.code, { action: 'propose' });
      await ok('leader.00715.tpht', e.code, { action: 'approve' });
      expect((await act('citizen', e.code, { action: 'withdraw' })).status).toBe(422);
    });
  });

  describe('liên thông commune → district → province and back', () => {
    it('keeps one code, gives each stage its own clock and shows which stage was late', async () => {
      await makeProcedure(t.ds, {
        code: 'TEST.LT3', value: 10, level: 'PROVINCE', receivingLevel: 'COMMUNE',
        steps: [
          { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'check', role: 'SPECIALIST', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
          { key: 'verify', role: 'SPECIALIST', share: 0.3, level: 'DISTRICT', agencyKind: 'JUSTICE' },
          { key: 'examine', role: 'SPECIALIST', share: 0.2, level: 'PROVINCE', agencyKind: 'JUSTICE' },
          { key: 'approve', role: 'LEADER', share: 0.2, level: 'PROVINCE', agencyKind: 'JUSTICE' },
          { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        ],
      });
      const d = await makeDossier(t.ds, { procedureCode: 'TEST.LT3', agencyCode: AG, citizen });
      // Commune: received Mon 23/11 10:00; 10 days → due Mon 07/12 10:00; commune share 0.3 = 3 days.
      clock.set(at('2026-11-23 10:00'));
      let v = await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      expect(v.dueAt).toBe('2026-12-07T10:00:00+07:00');
      expect(v.stages).toEqual([expect.objectContaining({ seq: 1, agencyCode: AG, dueAt: '2026-11-26T10:00:00+07:00' })]);
      clock.set(at('2026-11-24 09:00'));
      v = await ok('clerk.00715.tpht', d.code, { action: 'transfer', toAgencyCode: '026.PTP', reason: 'Chuyển Phòng Tư pháp xác minh' });
      expect(v).toMatchObject({ status: 'TRANSFERRED', agencyCode: '026.PTP', code: d.code });
      // Commune cannot act any more; district can.
      expect((await act('clerk.00715.tpht', d.code, { action: 'receive' })).status).toBe(404);
      // District stage: 3 days from Tue 09:00 → Fri 27/11 09:00. District works until Mon 30/11 (late).
      expect(v.stages[1]).toMatchObject({ seq: 2, agencyCode: '026.PTP', dueAt: '2026-11-27T09:00:00+07:00' });
      await ok('clerk.026.ptp', d.code, { action: 'receive' });
      await ok('clerk.026.ptp', d.code, { action: 'assign', assignee: 'specialist.026.ptp' });
      clock.set(at('2026-11-30 10:00'));
      v = await ok('specialist.026.ptp', d.code, { action: 'transfer', toAgencyCode: '02.STP' });
      expect(v.stages[1]).toMatchObject({ timeliness: 'LATE' });
      expect(v.stages[0]).toMatchObject({ timeliness: 'EARLY' });
      // Province stage: 0.4 of 10 days = 4 days from Mon 30/11 10:00 → Fri 04/12 10:00, capped by the dossier's due date.
      expect(v.stages[2]).toMatchObject({ agencyCode: '02.STP', dueAt: '2026-12-04T10:00:00+07:00' });
      await ok('clerk.02.stp', d.code, { action: 'receive' });
      await ok('leader.02.stp', d.code, { action: 'assign', assignee: 'specialist.02.stp' });
      await ok('specialist.02.stp', d.code, { action: 'propose' });
      clock.set(at('2026-12-02 10:00'));
      v = await ok('leader.02.stp', d.code, { action: 'approve' });
      expect(v.status).toBe('RESULT_READY');
      expect((await act('clerk.02.stp', d.code, { action: 'return-result' })).status).toBe(422);
      const wrongWay = await act('clerk.02.stp', d.code, { action: 'transfer', toAgencyCode: '026.PTP' });
      expect(wrongWay.status).toBe(422);
      v = await ok('clerk.02.stp', d.code, { action: 'transfer', toAgencyCode: AG });
      expect(v.stages[2]).toMatchObject({ timeliness: 'EARLY' });
      clock.set(at('2026-12-03 09:00'));
      v = await ok('clerk.00715.tpht', d.code, { action: 'receive' });
      expect(v.status).toBe('RESULT_READY');
      v = await ok('clerk.00715.tpht', d.code, { action: 'return-result' });
      expect(v).toMatchObject({ status: 'RETURNED', timeliness: 'EARLY', code: d.code, agencyCode: AG });
      expect(v.stages.map((s: { agencyCode: string; timeliness: string }) => [s.agencyCode, s.timeliness])).toEqual([
        [AG, 'EARLY'], ['026.PTP', 'LATE'], ['02.STP', 'EARLY'], [AG, 'EARLY'],
      ]);
      const events = await t.ds.query(`SELECT action, from_status, to_status, agency_code FROM dossier_events WHERE dossier_id = $1 ORDER BY id`, [d.id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual([
        'submit', 'receive', 'transfer', 'receive', 'assign', 'transfer', 'receive', 'assign', 'propose', 'approve', 'transfer', 'receive', 'return-result',
      ]);
      expect(events.filter((e: { action: string }) => e.action === 'transfer').map((e: { agency_code: string }) => e.agency_code)).toEqual([AG, '026.PTP', '02.STP']);
      const [{ codes }] = await t.ds.query(`SELECT count(DISTINCT code)::int AS codes FROM dossiers WHERE id = $1`, [d.id]);
      expect(codes).toBe(1);
    });
  });
});
