/**
 * Caches that must agree across app instances (issue 14, item 2): a change made through one
 * instance reaches the others' caches through PostgreSQL LISTEN/NOTIFY, not after their time limit.
 * Two real app instances on one database; the calendar is edited through the first one's API.
 */
import { CalendarService } from '../../src/calendar/calendar.service';
import { CacheBus } from '../../src/database/cache-bus';
import { PolicyService } from '../../src/identity/policy.service';
import { bootApp, type TestApp } from '../helpers/app';
import { token } from '../workflow/factory';

const DAY = '2027-04-14'; // a Wednesday with nothing on it in the seeded calendar

const until = async (check: () => Promise<boolean> | boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
};

describe('cross-instance cache invalidation (LISTEN/NOTIFY)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await bootApp();
    b = await bootApp({ env: { OUTBOX_WORKER: '0', SMTP_CATCHER: '0' } });
    await until(() => a.app.get(CacheBus).listening && b.app.get(CacheBus).listening, 'both instances listen');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a day off decreed through one instance is a day off at once on the other (whose calendar was cached)', async () => {
    const calendarB = b.app.get(CalendarService);
    expect((await calendarB.calendar()).isWorkingDay(DAY)).toBe(true); // now cached in B for a minute
    const received = b.app.get(CacheBus).received;
    const admin = await token(a, 'admin.02.ubnd');
    await a.http.put(`/api/v1/calendar/exceptions/${DAY}`).set('Authorization', `Bearer ${admin}`).send({ name: 'Nghỉ thử nghiệm', working: false }).expect(200);
    await until(() => b.app.get(CacheBus).received > received, 'B receives the notification');
    expect((await calendarB.calendar()).isWorkingDay(DAY)).toBe(false);
    // And back: deleting the exception through B reaches A.
    const admin2 = await token(b, 'admin.02.ubnd');
    expect((await a.app.get(CalendarService).calendar()).isWorkingDay(DAY)).toBe(false);
    const receivedA = a.app.get(CacheBus).received;
    await b.http.delete(`/api/v1/calendar/exceptions/${DAY}`).set('Authorization', `Bearer ${admin2}`).expect(204);
    await until(() => a.app.get(CacheBus).received > receivedA, 'A receives the notification');
    expect((await a.app.get(CalendarService).calendar()).isWorkingDay(DAY)).toBe(true);
  });

  it('an agency added in the database reaches every instance\'s agency tree once "agencies" is published', async () => {
    const policyB = b.app.get(PolicyService);
    expect((await policyB.agencyTree()).has('02.TEST-SCALE')).toBe(false);
    await a.ds.query(
      `INSERT INTO agencies (code, name, kind, level, unit_code, district_code, province_code, parent_code, one_stop_desk)
       SELECT '02.TEST-SCALE', 'Cơ quan thử nghiệm', 'TEST-SCALE', level, unit_code, district_code, province_code, code, false FROM agencies WHERE code = '02.UBND'`,
    );
    expect((await policyB.agencyTree()).has('02.TEST-SCALE')).toBe(false); // still cached
    const received = b.app.get(CacheBus).received;
    await a.app.get(CacheBus).publish('agencies');
    await until(() => b.app.get(CacheBus).received > received, 'B receives the notification');
    expect((await policyB.agencyTree()).has('02.TEST-SCALE')).toBe(true);
  });
});
