import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarException } from '../calendar/calendar.types';
import { WorkingCalendar } from '../calendar/working-calendar';
import type { DossierStatus } from '../dossiers/dossier.types';
import { availableActions, decide, latestApologyAt, ruleFor, TRANSITIONS, type TransitionContext } from './dossier-state-machine';

/** The seeded calendar (holidays and swapped days of 2026–2027), as the service would load it. */
const VN = new WorkingCalendar(JSON.parse(readFileSync(join(__dirname, '../../seeds/calendar/holidays.json'), 'utf8')) as CalendarException[]);
/** Local (UTC+07:00) instant: at('2026-11-27 16:59'). */
const at = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+07:00`);

const NOW = new Date('2026-11-23T03:00:00Z'); // Monday 10:00 local
const DUE = new Date('2026-11-26T03:00:00Z'); // Thursday 10:00 local

function ctx(status: DossierStatus, over: Partial<TransitionContext> & { role?: string; dossier?: Partial<TransitionContext['dossier']> } = {}): TransitionContext {
  const { role, dossier, ...rest } = over;
  return {
    now: NOW,
    actor: { id: 'u-actor', role: (role ?? 'CLERK') as TransitionContext['actor']['role'], agencyCode: '026.PTP' },
    dossier: {
      status, agencyCode: '026.PTP', receivingAgencyCode: '026.PTP', applicantUserId: 'u-citizen', receivedAt: null,
      dueAt: null, pausedAt: null, extensionCount: 0, assigneeUserId: null, paymentStatus: 'NOT_REQUIRED', feeAmount: 0,
      ...dossier,
    },
    procedure: { requiresPrepayment: false },
    input: {},
    calendar: VN,
    ...rest,
  };
}
const received = { receivedAt: NOW, dueAt: DUE };

describe('table', () => {
  it('every API action except submit has exactly one rule', () => {
    const actions = TRANSITIONS.map((t) => t.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.sort()).toEqual(
      ['approve', 'assign', 'extend', 'propose', 'receive', 'refuse', 'reject', 'request-supplement', 'return-result', 'supplement', 'transfer', 'withdraw'].sort(),
    );
  });
  it('no rule leaves a final status', () => {
    for (const t of TRANSITIONS) for (const f of t.from) expect(['RETURNED', 'REFUSED', 'WITHDRAWN']).not.toContain(f);
  });
  it('unknown action is refused', () => {
    const d = decide('teleport', ctx('SUBMITTED'));
    expect(d).toMatchObject({ ok: false, kind: 'UNKNOWN_ACTION' });
  });
  it('submit is not a workflow action', () => expect(ruleFor('submit')).toBeUndefined());
});

describe('receive', () => {
  it('clerk receives a submitted dossier', () => expect(decide('receive', ctx('SUBMITTED'))).toMatchObject({ ok: true, to: 'RECEIVED' }));
  it('a citizen cannot receive', () => expect(decide('receive', ctx('SUBMITTED', { role: 'CITIZEN' }))).toMatchObject({ ok: false, kind: 'ROLE' }));
  it('a leader cannot receive', () => expect(decide('receive', ctx('SUBMITTED', { role: 'LEADER' }))).toMatchObject({ ok: false, kind: 'ROLE' }));
  it('cannot receive twice', () => {
    const d = decide('receive', ctx('RECEIVED', { dossier: received }));
    expect(d).toMatchObject({ ok: false, kind: 'STATE' });
    if (!d.ok) expect(d.reason).toContain('Đã tiếp nhận');
  });
  it('prepayment required and unpaid → refused with reason', () => {
    const d = decide('receive', ctx('SUBMITTED', { procedure: { requiresPrepayment: true }, dossier: { feeAmount: 50000, paymentStatus: 'PENDING' } }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
    if (!d.ok) expect(d.reason).toMatch(/thanh toán/);
  });
  it('prepayment paid → allowed', () => {
    expect(decide('receive', ctx('SUBMITTED', { procedure: { requiresPrepayment: true }, dossier: { feeAmount: 50000, paymentStatus: 'PAID' } }))).toMatchObject({ ok: true });
  });
  it('prepayment with a zero fee → allowed', () => {
    expect(decide('receive', ctx('SUBMITTED', { procedure: { requiresPrepayment: true } }))).toMatchObject({ ok: true });
  });
  it('transferred dossier is received as RECEIVED', () => expect(decide('receive', ctx('TRANSFERRED', { dossier: received }))).toMatchObject({ ok: true, to: 'RECEIVED' }));
  it('transferred dossier with an approved result comes back RESULT_READY', () => {
    expect(decide('receive', ctx('TRANSFERRED', { dossier: received, resultApproved: true }))).toMatchObject({ ok: true, to: 'RESULT_READY' });
  });
});

describe('supplement', () => {
  it('request at reception needs a reason', () => {
    expect(decide('request-supplement', ctx('SUBMITTED'))).toMatchObject({ ok: false, kind: 'GUARD' });
    expect(decide('request-supplement', ctx('SUBMITTED', { input: { reason: 'Thiếu giấy chứng sinh' } }))).toMatchObject({ ok: true, to: 'SUPPLEMENT_REQUESTED' });
  });
  it('specialist may request during processing', () => {
    expect(decide('request-supplement', ctx('IN_PROGRESS', { role: 'SPECIALIST', dossier: received, input: { reason: 'Ảnh mờ' } }))).toMatchObject({ ok: true });
  });
  it('not while pending approval', () => {
    expect(decide('request-supplement', ctx('PENDING_APPROVAL', { dossier: received, input: { reason: 'Ảnh mờ' } }))).toMatchObject({ ok: false, kind: 'STATE' });
  });
  it('supplement before reception goes back to SUBMITTED', () => {
    expect(decide('supplement', ctx('SUPPLEMENT_REQUESTED', { role: 'CITIZEN', actor: { id: 'u-citizen', role: 'CITIZEN', agencyCode: null } }))).toMatchObject({ ok: true, to: 'SUBMITTED' });
  });
  it('supplement during processing resumes the previous status', () => {
    const c = ctx('SUPPLEMENT_REQUESTED', { dossier: received, statusBeforeSupplementRequest: 'RECEIVED', actor: { id: 'u-citizen', role: 'CITIZEN', agencyCode: null } });
    expect(decide('supplement', c)).toMatchObject({ ok: true, to: 'RECEIVED' });
  });
  it('another citizen cannot supplement', () => {
    const d = decide('supplement', ctx('SUPPLEMENT_REQUESTED', { actor: { id: 'u-other', role: 'CITIZEN', agencyCode: null } }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('cannot supplement when nothing was requested', () => {
    expect(decide('supplement', ctx('IN_PROGRESS', { actor: { id: 'u-citizen', role: 'CITIZEN', agencyCode: null } }))).toMatchObject({ ok: false, kind: 'STATE' });
  });
});

describe('refuse', () => {
  it('needs a reason', () => expect(decide('refuse', ctx('SUBMITTED', { input: { reason: ' ' } }))).toMatchObject({ ok: false, kind: 'GUARD' }));
  it('with a reason → REFUSED', () => expect(decide('refuse', ctx('SUBMITTED', { input: { reason: 'Không thuộc thẩm quyền' } }))).toMatchObject({ ok: true, to: 'REFUSED' }));
  it('not after reception', () => expect(decide('refuse', ctx('RECEIVED', { input: { reason: 'Không thuộc thẩm quyền' } }))).toMatchObject({ ok: false, kind: 'STATE' }));
});

describe('assign', () => {
  const spec = { id: 'u-spec', role: 'SPECIALIST' as const, agencyCode: '026.PTP', disabled: false };
  it('to a specialist of the same agency', () => {
    expect(decide('assign', ctx('RECEIVED', { dossier: received, input: { assignee: 'u-spec' }, assignee: spec }))).toMatchObject({ ok: true, to: 'IN_PROGRESS' });
  });
  it('needs an assignee', () => expect(decide('assign', ctx('RECEIVED', { dossier: received }))).toMatchObject({ ok: false, kind: 'GUARD' }));
  it('unknown assignee', () => expect(decide('assign', ctx('RECEIVED', { dossier: received, input: { assignee: 'x' }, assignee: null }))).toMatchObject({ ok: false }));
  it('assignee of another agency', () => {
    const d = decide('assign', ctx('RECEIVED', { dossier: received, input: { assignee: 'u-spec' }, assignee: { ...spec, agencyCode: '02.STP' } }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
    if (!d.ok) expect(d.reason).toMatch(/cơ quan/);
  });
  it('assignee must be a specialist', () => {
    expect(decide('assign', ctx('RECEIVED', { dossier: received, input: { assignee: 'u' }, assignee: { ...spec, role: 'CLERK' } }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('re-assign while in progress is allowed', () => {
    expect(decide('assign', ctx('IN_PROGRESS', { role: 'LEADER', dossier: received, input: { assignee: 'u-spec' }, assignee: spec }))).toMatchObject({ ok: true });
  });
  it('a specialist cannot assign', () => expect(decide('assign', ctx('RECEIVED', { role: 'SPECIALIST' }))).toMatchObject({ ok: false, kind: 'ROLE' }));
});

describe('propose / approve / reject', () => {
  it('assignee proposes', () => {
    expect(decide('propose', ctx('IN_PROGRESS', { role: 'SPECIALIST', actor: { id: 'u-spec', role: 'SPECIALIST', agencyCode: '026.PTP' }, dossier: { ...received, assigneeUserId: 'u-spec' } }))).toMatchObject({ ok: true, to: 'PENDING_APPROVAL' });
  });
  it('another specialist cannot propose', () => {
    expect(decide('propose', ctx('IN_PROGRESS', { actor: { id: 'u-x', role: 'SPECIALIST', agencyCode: '026.PTP' }, dossier: { ...received, assigneeUserId: 'u-spec' } }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('cannot propose before assignment status', () => expect(decide('propose', ctx('RECEIVED', { role: 'SPECIALIST' }))).toMatchObject({ ok: false, kind: 'STATE' }));
  it('leader approves', () => expect(decide('approve', ctx('PENDING_APPROVAL', { role: 'LEADER' }))).toMatchObject({ ok: true, to: 'RESULT_READY' }));
  it('specialist cannot approve', () => expect(decide('approve', ctx('PENDING_APPROVAL', { role: 'SPECIALIST' }))).toMatchObject({ ok: false, kind: 'ROLE' }));
  it('leader rejects with a reason back to the specialist', () => {
    expect(decide('reject', ctx('PENDING_APPROVAL', { role: 'LEADER', input: { reason: 'Sai họ tên' } }))).toMatchObject({ ok: true, to: 'IN_PROGRESS' });
    expect(decide('reject', ctx('PENDING_APPROVAL', { role: 'LEADER' }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
});

describe('transfer', () => {
  const cur = { code: '00715.TPHT', level: 'COMMUNE', kind: 'JUSTICE' };
  const base = { dossier: { ...received, agencyCode: '00715.TPHT', receivingAgencyCode: '00715.TPHT' }, currentAgency: cur };
  it('to an agency of another level', () => {
    expect(decide('transfer', ctx('RECEIVED', { ...base, input: { toAgencyCode: '026.PTP' }, targetAgency: { code: '026.PTP', level: 'DISTRICT', kind: 'JUSTICE' } }))).toMatchObject({ ok: true, to: 'TRANSFERRED' });
  });
  it('to another sector at the same level', () => {
    expect(decide('transfer', ctx('RECEIVED', { ...base, input: { toAgencyCode: '00715.CA' }, targetAgency: { code: '00715.CA', level: 'COMMUNE', kind: 'POLICE' } }))).toMatchObject({ ok: true });
  });
  it('to a non-existent agency', () => {
    const d = decide('transfer', ctx('RECEIVED', { ...base, input: { toAgencyCode: '999.XYZ' }, targetAgency: null }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
    if (!d.ok) expect(d.reason).toContain('999.XYZ');
  });
  it('to the same agency', () => {
    expect(decide('transfer', ctx('RECEIVED', { ...base, input: { toAgencyCode: '00715.TPHT' }, targetAgency: cur }))).toMatchObject({ ok: false });
  });
  it('to the same level and sector', () => {
    expect(decide('transfer', ctx('RECEIVED', { ...base, input: { toAgencyCode: '00688.TPHT' }, targetAgency: { code: '00688.TPHT', level: 'COMMUNE', kind: 'JUSTICE' } }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('without a target', () => expect(decide('transfer', ctx('RECEIVED', base))).toMatchObject({ ok: false, kind: 'GUARD' }));
  it('a result goes back only to the receiving agency', () => {
    const c = { dossier: { ...received, agencyCode: '02.STP', receivingAgencyCode: '00715.TPHT' }, currentAgency: { code: '02.STP', level: 'PROVINCE', kind: 'JUSTICE' } };
    expect(decide('transfer', ctx('RESULT_READY', { ...c, input: { toAgencyCode: '026.PTP' }, targetAgency: { code: '026.PTP', level: 'DISTRICT', kind: 'JUSTICE' } }))).toMatchObject({ ok: false, kind: 'GUARD' });
    expect(decide('transfer', ctx('RESULT_READY', { ...c, input: { toAgencyCode: '00715.TPHT' }, targetAgency: cur }))).toMatchObject({ ok: true });
  });
  it('not while waiting for a supplement', () => expect(decide('transfer', ctx('SUPPLEMENT_REQUESTED', base))).toMatchObject({ ok: false, kind: 'STATE' }));
});

describe('extend (apology and new appointment)', () => {
  const later = new Date('2026-11-30T10:00:00Z'); // Monday 30/11 17:00 local: the end of a working day
  const ok = { dossier: received, input: { reason: 'Cần xác minh thêm', newDueAt: later } };
  const reasonOf = (d: ReturnType<typeof decide>) => (d.ok ? null : d.reason);
  it('once, before the deadline, with reason and later date; status unchanged', () => {
    expect(decide('extend', ctx('IN_PROGRESS', ok))).toMatchObject({ ok: true, to: 'IN_PROGRESS' });
  });
  it('second extension refused', () => {
    const d = decide('extend', ctx('IN_PROGRESS', { ...ok, dossier: { ...received, extensionCount: 1 } }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
    expect(reasonOf(d)).toMatch(/một lần/);
  });
  it('refused after the deadline passed', () => {
    const d = decide('extend', ctx('IN_PROGRESS', { ...ok, now: new Date('2026-11-26T04:00:00Z') }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
    expect(reasonOf(d)).toMatch(/quá hạn/);
  });
  it('refused on the due day itself (must go out the working day before)', () => {
    expect(decide('extend', ctx('IN_PROGRESS', { ...ok, now: new Date('2026-11-26T01:30:00Z') }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('new date must be after the current one', () => {
    expect(decide('extend', ctx('IN_PROGRESS', { ...ok, input: { reason: 'Cần xác minh', newDueAt: new Date('2026-11-25T00:00:00Z') } }))).toMatchObject({ ok: false });
    expect(reasonOf(decide('extend', ctx('IN_PROGRESS', { ...ok, input: { reason: 'Cần xác minh', newDueAt: DUE } })))).toMatch(/sau ngày hẹn hiện tại \(10:00 thứ Năm 26\/11\/2026\)/);
  });
  it('needs a new date', () => expect(decide('extend', ctx('IN_PROGRESS', { ...ok, input: { reason: 'Cần xác minh' } }))).toMatchObject({ ok: false }));
  it('not when the result is ready', () => expect(decide('extend', ctx('RESULT_READY', ok))).toMatchObject({ ok: false, kind: 'STATE' }));
  it('without a calendar the rule cannot be judged: refused, never guessed from calendar dates', () => {
    const d = decide('extend', ctx('IN_PROGRESS', { ...ok, calendar: undefined }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
    expect(reasonOf(d)).toMatch(/lịch làm việc/);
  });
});

describe('extend: at the latest the working day before the deadline (working days of the calendar)', () => {
  // Monday 30/11/2026 09:00 deadline; the working day before is Friday 27/11, which ends at 17:00.
  const monday = { receivedAt: at('2026-11-23 09:00'), dueAt: at('2026-11-30 09:00') };
  const input = { reason: 'Cần xác minh tại nơi cư trú', newDueAt: at('2026-12-02 16:00') };
  const extendAt = (now: string, dossier: Partial<TransitionContext['dossier']> = monday, newDueAt = input.newDueAt) =>
    decide('extend', ctx('IN_PROGRESS', { now: at(now), dossier, input: { ...input, newDueAt } }));

  it('the limit is 17:00 of the last working day before the deadline', () => {
    expect(latestApologyAt(monday.dueAt, VN)).toEqual(at('2026-11-27 17:00'));
    expect(latestApologyAt(at('2026-11-26 10:00'), VN)).toEqual(at('2026-11-25 17:00'));
    expect(latestApologyAt(at('2026-11-26 08:30'), VN)).toEqual(at('2026-11-25 17:00'));
  });
  it.each(['2026-11-23 09:00', '2026-11-26 23:00', '2026-11-27 08:00', '2026-11-27 12:30', '2026-11-27 16:59', '2026-11-27 17:00'])(
    'Monday 09:00 deadline: apology at %s (up to Friday 17:00) is in time', (now) => {
      expect(extendAt(now)).toMatchObject({ ok: true, to: 'IN_PROGRESS' });
    },
  );
  it.each(['2026-11-27 17:01', '2026-11-27 23:59', '2026-11-28 10:00', '2026-11-29 10:00', '2026-11-29 23:59', '2026-11-30 07:00', '2026-11-30 08:59'])(
    'Monday 09:00 deadline: apology at %s (after Friday 17:00) is refused with the limit named', (now) => {
      const d = extendAt(now);
      expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
      if (!d.ok) {
        expect(d.reason).toContain('ngày làm việc liền trước ngày hết hạn');
        expect(d.reason).toContain('17:00 thứ Sáu 27/11/2026');
        expect(d.reason).toContain('09:00 thứ Hai 30/11/2026');
      }
    },
  );
  it('a holiday before the deadline moves the limit to the working day before it', () => {
    // Tuesday 28/04/2026 10:00 deadline; Monday 27/04 is the compensatory day off for Giỗ Tổ Hùng Vương.
    const tuesday = { receivedAt: at('2026-04-20 10:00'), dueAt: at('2026-04-28 10:00') };
    expect(latestApologyAt(tuesday.dueAt, VN)).toEqual(at('2026-04-24 17:00'));
    expect(extendAt('2026-04-24 16:59', tuesday, at('2026-04-29 10:00'))).toMatchObject({ ok: true });
    expect(extendAt('2026-04-27 09:00', tuesday, at('2026-04-29 10:00'))).toMatchObject({ ok: false, kind: 'GUARD' });
    expect(extendAt('2026-04-25 10:00', tuesday, at('2026-04-29 10:00'))).toMatchObject({ ok: false, kind: 'GUARD' });
    // After Tết Bính Ngọ: a Monday 23/02/2026 deadline must be apologised for by Friday 13/02 17:00.
    const afterTet = { receivedAt: at('2026-02-10 10:00'), dueAt: at('2026-02-23 10:00') };
    expect(extendAt('2026-02-13 16:00', afterTet, at('2026-02-24 10:00'))).toMatchObject({ ok: true });
    expect(extendAt('2026-02-16 09:00', afterTet, at('2026-02-24 10:00'))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('a swapped working Saturday (làm bù) is the working day before', () => {
    // Monday 12/01/2026 deadline: Saturday 10/01/2026 is a working day (swap for Friday 02/01).
    const d = { receivedAt: at('2026-01-05 10:00'), dueAt: at('2026-01-12 10:00') };
    expect(latestApologyAt(d.dueAt, VN)).toEqual(at('2026-01-10 17:00'));
    expect(extendAt('2026-01-10 16:00', d, at('2026-01-13 10:00'))).toMatchObject({ ok: true });
    expect(extendAt('2026-01-11 09:00', d, at('2026-01-13 10:00'))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('working days come from the calendar given: without the swap, Friday is the day before', () => {
    const plain = new WorkingCalendar();
    const d = { receivedAt: at('2026-01-05 10:00'), dueAt: at('2026-01-12 10:00') };
    expect(decide('extend', ctx('IN_PROGRESS', { now: at('2026-01-10 16:00'), dossier: d, input: { ...input, newDueAt: at('2026-01-13 10:00') }, calendar: plain })))
      .toMatchObject({ ok: false, kind: 'GUARD' });
  });
});

describe('extend: the new appointment is a working instant after the old deadline', () => {
  const d = { receivedAt: at('2026-11-23 09:00'), dueAt: at('2026-11-30 09:00') };
  const withNew = (newDueAt: Date) => decide('extend', ctx('IN_PROGRESS', { now: at('2026-11-26 10:00'), dossier: d, input: { reason: 'Cần xác minh', newDueAt } }));
  it.each([
    ['Sunday 03:00', '2026-12-06 03:00', /Chủ nhật 06\/12\/2026 là ngày nghỉ \(nghỉ cuối tuần\)/],
    ['Sunday 10:00', '2026-12-06 10:00', /là ngày nghỉ/],
    ['lunch 12:30', '2026-12-02 12:30', /không phải thời điểm làm việc/],
    ['evening 17:30', '2026-12-02 17:30', /không phải thời điểm làm việc/],
    ['17:01', '2026-12-02 17:01', /08:00–12:00, 13:00–17:00/],
    ['night 03:00 of a working day', '2026-12-02 03:00', /không phải thời điểm làm việc/],
    ['Quốc khánh 2027', '2027-09-02 10:00', /là ngày nghỉ \(Quốc khánh\)/],
  ])('%s is refused', (_label, when, reason) => {
    const r = withNew(at(when));
    expect(r).toMatchObject({ ok: false, kind: 'GUARD' });
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
  it.each(['2026-12-02 16:00', '2026-12-02 08:00', '2026-12-02 12:00', '2026-12-02 13:00', '2026-12-02 17:00', '2026-11-30 09:01'])(
    '%s on a working day is accepted', (when) => {
      expect(withNew(at(when))).toMatchObject({ ok: true });
    },
  );
  it('a swapped working Saturday is a working day for the appointment too', () => {
    const jan = { receivedAt: at('2026-01-05 10:00'), dueAt: at('2026-01-09 10:00') };
    expect(decide('extend', ctx('IN_PROGRESS', { now: at('2026-01-07 10:00'), dossier: jan, input: { reason: 'Cần xác minh', newDueAt: at('2026-01-10 10:00') } }))).toMatchObject({ ok: true });
  });
});

describe('return and withdraw', () => {
  it('clerk returns a ready result at the receiving agency', () => expect(decide('return-result', ctx('RESULT_READY', { dossier: received }))).toMatchObject({ ok: true, to: 'RETURNED' }));
  it('not at another agency', () => {
    expect(decide('return-result', ctx('RESULT_READY', { dossier: { ...received, agencyCode: '02.STP' } }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('cannot return before approval', () => expect(decide('return-result', ctx('PENDING_APPROVAL'))).toMatchObject({ ok: false, kind: 'STATE' }));
  it('owner withdraws before the result', () => {
    for (const s of ['SUBMITTED', 'RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'PENDING_APPROVAL', 'TRANSFERRED'] as const) {
      expect(decide('withdraw', ctx(s, { actor: { id: 'u-citizen', role: 'CITIZEN', agencyCode: null } }))).toMatchObject({ ok: true, to: 'WITHDRAWN' });
    }
  });
  it('no withdrawal once the result is ready', () => {
    expect(decide('withdraw', ctx('RESULT_READY', { actor: { id: 'u-citizen', role: 'CITIZEN', agencyCode: null } }))).toMatchObject({ ok: false, kind: 'STATE' });
  });
  it('staff cannot withdraw for the citizen', () => expect(decide('withdraw', ctx('SUBMITTED'))).toMatchObject({ ok: false, kind: 'ROLE' }));
  it('another citizen cannot withdraw', () => {
    expect(decide('withdraw', ctx('SUBMITTED', { actor: { id: 'u-x', role: 'CITIZEN', agencyCode: null } }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('nothing happens after RETURNED', () => {
    for (const r of TRANSITIONS) expect(decide(r.action, ctx('RETURNED', { role: r.roles[0] })).ok).toBe(false);
  });
});

describe('availableActions', () => {
  it('clerk at a submitted dossier', () => {
    expect(availableActions('SUBMITTED', 'CLERK').map((r) => r.action).sort()).toEqual(['receive', 'refuse', 'request-supplement']);
  });
  it('leader at pending approval', () => {
    expect(availableActions('PENDING_APPROVAL', 'LEADER').map((r) => r.action).sort()).toEqual(['approve', 'extend', 'reject']);
  });
});
