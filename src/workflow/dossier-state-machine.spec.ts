import type { DossierStatus } from '../dossiers/dossier.types';
import { availableActions, decide, ruleFor, TRANSITIONS, type TransitionContext } from './dossier-state-machine';

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
    today: '2026-11-23',
    dueDay: '2026-11-26',
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
  const later = new Date('2026-11-30T10:00:00Z');
  const ok = { dossier: received, input: { reason: 'Cần xác minh thêm', newDueAt: later } };
  it('once, before the deadline, with reason and later date; status unchanged', () => {
    expect(decide('extend', ctx('IN_PROGRESS', ok))).toMatchObject({ ok: true, to: 'IN_PROGRESS' });
  });
  it('second extension refused', () => {
    const d = decide('extend', ctx('IN_PROGRESS', { ...ok, dossier: { ...received, extensionCount: 1 } }));
    expect(d).toMatchObject({ ok: false, kind: 'GUARD' });
    if (!d.ok) expect(d.reason).toMatch(/một lần/);
  });
  it('refused after the deadline passed', () => {
    expect(decide('extend', ctx('IN_PROGRESS', { ...ok, now: new Date('2026-11-26T04:00:00Z'), today: '2026-11-26' }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('refused on the due day itself (must go out the working day before)', () => {
    expect(decide('extend', ctx('IN_PROGRESS', { ...ok, now: new Date('2026-11-26T01:30:00Z'), today: '2026-11-26' }))).toMatchObject({ ok: false, kind: 'GUARD' });
  });
  it('new date must be after the current one', () => {
    expect(decide('extend', ctx('IN_PROGRESS', { ...ok, input: { reason: 'Cần xác minh', newDueAt: new Date('2026-11-25T00:00:00Z') } }))).toMatchObject({ ok: false });
  });
  it('needs a new date', () => expect(decide('extend', ctx('IN_PROGRESS', { ...ok, input: { reason: 'Cần xác minh' } }))).toMatchObject({ ok: false }));
  it('not when the result is ready', () => expect(decide('extend', ctx('RESULT_READY', ok))).toMatchObject({ ok: false, kind: 'STATE' }));
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
