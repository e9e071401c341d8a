import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';
import { Clock } from '../../src/common/clock';
import { at, citizens, makeDossier, token, type Citizen } from './factory';

const BIRTH = '1.001193'; // Đăng ký khai sinh — commune JUSTICE, 1 working day, free
const AG = '00715.TPHT';
const CLERK = 'clerk.00715.tpht';

/** Issue 12, items 4 and 5: the apology's limits through the API, and instants without an offset. */
describe('clock rules through the API', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(Clock);
    [citizen] = await citizens(t.ds, 1);
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const act = async (code: string, body: Record<string, unknown>) => {
    const bearer = await token(t, CLERK);
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    return t.http.post(`/api/v1/dossiers/${code}/actions`).set('Authorization', `Bearer ${bearer}`).send({ expectedVersion: row.version, ...body });
  };
  const state = async (code: string) =>
    (await t.ds.query(`SELECT due_at, extension_count, version, (SELECT count(*)::int FROM dossier_events e WHERE e.dossier_id = d.id) AS events FROM dossiers d WHERE code = $1`, [code]))[0];

  /** A dossier received Friday 27/11/2026 09:00 with one working day: due Monday 30/11 09:00. */
  async function dueMonday0900(): Promise<string> {
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    clock.set(at('2026-11-27 09:00'));
    const res = await act(d.code, { action: 'receive' });
    expect(res.status).toBe(200);
    expect(res.body.dueAt).toBe('2026-11-30T09:00:00+07:00');
    return d.code;
  }
  const apology = { action: 'extend', reason: 'Cần xác minh thông tin tại nơi cư trú' };

  describe('the apology: at the latest the working day before the deadline (Monday 09:00 deadline)', () => {
    it.each(['2026-11-29 10:00', '2026-11-28 09:00', '2026-11-27 17:01', '2026-11-30 08:00'])('at %s it is refused with 422 and a Vietnamese reason; nothing changes', async (now) => {
      const code = await dueMonday0900();
      const before = await state(code);
      clock.set(at(now));
      const res = await act(code, { ...apology, newDueAt: '2026-12-01T16:00:00+07:00' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: expect.any(String) });
      expect(res.body.message).toContain('ngày làm việc liền trước ngày hết hạn');
      expect(res.body.message).toContain('17:00 thứ Sáu 27/11/2026');
      expect(await state(code)).toEqual(before);
    });

    it('Friday 16:59 is in time; the new appointment given without an offset is Vietnam time', async () => {
      const code = await dueMonday0900();
      clock.set(at('2026-11-27 16:59'));
      const res = await act(code, { ...apology, newDueAt: '2026-12-01T16:00:00' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dueAt: '2026-12-01T16:00:00+07:00', originalDueAt: '2026-11-30T09:00:00+07:00', extensionCount: 1 });
      expect(res.body.events.at(-1)).toMatchObject({ action: 'extend', data: { previousDueAt: '2026-11-30T09:00:00+07:00', newDueAt: '2026-12-01T16:00:00+07:00' } });
    });
  });

  describe('the staff page', () => {
    it('says by when the apology may be sent, and reads the form\'s local date-time as Vietnam time', async () => {
      const code = await dueMonday0900();
      clock.set(at('2026-11-27 16:00'));
      const s = await pageSession(t, CLERK);
      const page = await s.get(`/can-bo/ho-so/${code}`).expect(200);
      expect(page.text).toContain('Phiếu xin lỗi và hẹn lại phải gửi chậm nhất 17:00 thứ Sáu 27/11/2026');
      const [{ version }] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
      const post = (newDueAt: string) =>
        s.post(`/can-bo/ho-so/${code}/thao-tac`).type('form').send({ _csrf: s.csrf(), action: 'extend', expectedVersion: String(version), reason: apology.reason, newDueAt });
      const bad = await post('2026-12-01');
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Ngày hẹn mới không hợp lệ');
      const night = await post('2026-12-01T20:00');
      expect(night.status).toBe(422);
      expect(night.text).toContain('không phải thời điểm làm việc');
      expect((await post('2026-12-01T16:00')).status).toBe(303);
      expect((await state(code)).due_at.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    });
  });

  describe('the new appointment: a working instant after the old deadline', () => {
    it.each([
      ['Sunday 03:00', '2026-12-06T03:00:00+07:00', 'là ngày nghỉ'],
      ['Tuesday 12:30 (lunch)', '2026-12-01T12:30:00+07:00', 'không phải thời điểm làm việc'],
      ['Tuesday 17:30', '2026-12-01T17:30:00+07:00', 'không phải thời điểm làm việc'],
      ['a date before the old deadline', '2026-09-02T10:00:00+07:00', 'sau ngày hẹn hiện tại'],
    ])('%s is refused with 422; nothing changes', async (_label, newDueAt, reason) => {
      const code = await dueMonday0900();
      const before = await state(code);
      clock.set(at('2026-11-26 10:00'));
      const res = await act(code, { ...apology, newDueAt });
      expect(res.status).toBe(422);
      expect(res.body.message).toContain(reason);
      expect(await state(code)).toEqual(before);
    });

    it('16:00 on a working day is accepted', async () => {
      const code = await dueMonday0900();
      clock.set(at('2026-11-26 10:00'));
      const res = await act(code, { ...apology, newDueAt: '2026-12-02T16:00:00+07:00' });
      expect(res.status).toBe(200);
      expect(res.body.dueAt).toBe('2026-12-02T16:00:00+07:00');
    });

    it('a malformed newDueAt is a 400 in the API error shape, not a guess', async () => {
      const code = await dueMonday0900();
      clock.set(at('2026-11-26 10:00'));
      for (const newDueAt of ['02/12/2026 16:00', '2026-12-02', '2026-12-02T25:00', 'Wed Dec 02 2026 16:00:00 GMT+0700', 12345]) {
        const res = await act(code, { ...apology, newDueAt });
        expect([String(newDueAt), res.status]).toEqual([String(newDueAt), 400]);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'newDueAt' })]);
      }
      expect((await state(code)).extension_count).toBe(0);
    });
  });

  describe('instants without an offset are Vietnam time (API.md)', () => {
    const deadline = (from: string) => t.http.get('/api/v1/calendar/deadline').query({ from, value: '3', unit: 'WORKING_DAY' });

    it('from=2026-11-23T10:00:00 gives the same deadline as from=2026-11-23T10:00:00+07:00', async () => {
      const bare = await deadline('2026-11-23T10:00:00');
      const withOffset = await deadline('2026-11-23T10:00:00+07:00');
      expect(bare.status).toBe(200);
      expect(bare.body.deadline).toBe('2026-11-26T10:00:00+07:00');
      expect(bare.body).toEqual(withOffset.body);
      expect(bare.body.explanation.requestedStart).toBe('2026-11-23T10:00:00+07:00');
    });
    it('an explicit offset is honoured (03:00Z is 10:00 in Vietnam)', async () => {
      expect((await deadline('2026-11-23T03:00:00Z')).body.deadline).toBe('2026-11-26T10:00:00+07:00');
      expect((await deadline('2026-11-23T10:00')).body.deadline).toBe('2026-11-26T10:00:00+07:00');
    });
    it('a bare date is that day in Vietnam: the clock starts at 08:00', async () => {
      const res = await deadline('2026-11-23');
      expect(res.status).toBe(200);
      expect(res.body.explanation.effectiveStart).toBe('2026-11-23T08:00:00+07:00');
      expect(res.body.deadline).toBe('2026-11-25T17:00:00+07:00');
    });
    it('malformed instants are 400 with a Vietnamese message', async () => {
      for (const from of ['2026-11-23T10', '23/11/2026', '2026-11-23T10:00:00+25:00', '1763866800000']) {
        const res = await deadline(from);
        expect([from, res.status]).toEqual([from, 400]);
        expect(res.body.message).toContain('ISO 8601');
      }
    });
    it('the OpenAPI document says so for from and newDueAt', async () => {
      const doc = (await t.http.get('/api/docs-json')).body;
      const from = doc.paths['/api/v1/calendar/deadline'].get.parameters.find((p: { name: string }) => p.name === 'from');
      expect(from.description).toContain('giờ Việt Nam (UTC+07:00)');
      const schemas = doc.components.schemas;
      expect(schemas.DossierActionDto.properties.newDueAt.description).toContain('giờ Việt Nam (UTC+07:00)');
    });
  });
});
