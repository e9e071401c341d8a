/**
 * Issue 11 — "One dossier, one truth", the overdue half.
 *
 * The rule (DESIGN.md "When a dossier is late"), written once here as the expected table:
 * processing ends at RESULT_READY, refusal or withdrawal; a dossier is overdue at instant t when
 * its processing has not ended and t is strictly after its due date; while it waits for a
 * supplement (paused) its clock is stopped, so it is not overdue then unless it already was when
 * the pause began (paused_at > due_at). A dossier that was never received has no due date and is
 * never overdue.
 *
 * Every dossier below is received at R = Mon 23/11/2026 09:00 (1 working day → due D = Tue
 * 24/11/2026 09:00) or never received. Each case exists twice: copy A takes its last action at
 * D−1s, copy B at D+1s (so the action response is seen at both instants; for the pause, B is the
 * dossier that was already overdue when the pause began). Business "now" is set ONLY through
 * WorkflowClock; every surface must agree with the table at D−1s and at D+1s:
 * API detail, the action response, the API list (item flag, ?overdue=true, ?overdue=false), the
 * staff inbox (/can-bo?han=qua-han and the row's due--late marker), the staff dossier page banner,
 * the manager's dossier page, the dashboard's overdue table and KPI, the report drill-down rows,
 * and GET /api/v1/reports/sla (inProgressOverdue) for periods that include today.
 */
import { bootApp, type TestApp } from '../helpers/app';
import { WorkflowClock } from '../../src/workflow/clock';
import { makeDossier, type Citizen } from '../workflow/factory';
import {
  act, bearer, citizenByPersonalId, COMMUNE, DISTRICT, makeCommuneProcedure, makeThreeLevelProcedure, OWNER_ID, rowWith, table, writeReport,
} from './support';

const P_COMMUNE = 'TEST.OVERDUE.XA';
const P_TRANSFER = 'TEST.OVERDUE.LT';
const R = new Date('2026-11-23T09:00:00+07:00');
const DUE = '2026-11-24T09:00:00+07:00';
const D = new Date(DUE);
const BEFORE = new Date(D.getTime() - 1000); // 08:59:59
const AFTER = new Date(D.getTime() + 1000); // 09:00:01
const TODAY = '2026-11-24';
const MONTH_START = '2026-11-01';
const MONTH_END = '2026-11-30';
const MANAGER = 'manager.026.ubnd'; // district 026: the commune 00715 and the district's divisions

type Step = [string, string, Record<string, unknown>?];
const receive: Step = ['clerk.00715.tpht', 'receive'];
const assign: Step = ['clerk.00715.tpht', 'assign', { assignee: 'specialist.00715.tpht' }];
const propose: Step = ['specialist.00715.tpht', 'propose'];
const approve: Step = ['leader.00715.tpht', 'approve'];

interface Case {
  key: string;
  label: string;
  procedure: string;
  /** Actions at R, R+1min, … */
  history: Step[];
  /** The last action: at D−1s for copy A, at D+1s for copy B. */
  last: Step;
  status: string;
  holder: string;
  received: boolean;
  /** THE EXPECTED TABLE: overdue? [B before its last action at D−1s, A at D−1s, A at D+1s, B at D+1s] */
  overdue: [boolean, boolean, boolean, boolean];
}

const N = false;
const Y = true;
const CASES: Case[] = [
  {
    key: 'SUB', label: 'SUBMITTED again after a supplement at reception (never received)', procedure: P_COMMUNE, status: 'SUBMITTED', holder: COMMUNE, received: false,
    history: [['clerk.00715.tpht', 'request-supplement', { reason: 'Thiếu giấy chứng sinh' }]], last: ['OWNER', 'supplement'], overdue: [N, N, N, N],
  },
  {
    key: 'SUP-R', label: 'SUPPLEMENT_REQUESTED at reception (never received)', procedure: P_COMMUNE, status: 'SUPPLEMENT_REQUESTED', holder: COMMUNE, received: false,
    history: [], last: ['clerk.00715.tpht', 'request-supplement', { reason: 'Thiếu giấy chứng sinh' }], overdue: [N, N, N, N],
  },
  {
    key: 'REC', label: 'RECEIVED at the district after a transfer', procedure: P_TRANSFER, status: 'RECEIVED', holder: DISTRICT, received: true,
    history: [receive, ['clerk.00715.tpht', 'transfer', { toAgencyCode: DISTRICT, reason: 'Chuyển Phòng Tư pháp xác minh' }]], last: ['clerk.026.ptp', 'receive'],
    overdue: [N, N, Y, Y],
  },
  {
    key: 'INP', label: 'IN_PROGRESS (re-assigned)', procedure: P_COMMUNE, status: 'IN_PROGRESS', holder: COMMUNE, received: true,
    history: [receive, assign], last: ['leader.00715.tpht', 'assign', { assignee: 'specialist.00715.tpht' }], overdue: [N, N, Y, Y],
  },
  {
    key: 'PEN', label: 'PENDING_APPROVAL', procedure: P_COMMUNE, status: 'PENDING_APPROVAL', holder: COMMUNE, received: true,
    history: [receive, assign], last: propose, overdue: [N, N, Y, Y],
  },
  {
    key: 'TRA', label: 'TRANSFERRED to the district', procedure: P_TRANSFER, status: 'TRANSFERRED', holder: DISTRICT, received: true,
    history: [receive], last: ['clerk.00715.tpht', 'transfer', { toAgencyCode: DISTRICT, reason: 'Chuyển Phòng Tư pháp xác minh' }], overdue: [N, N, Y, Y],
  },
  {
    key: 'PAUSE', label: 'SUPPLEMENT_REQUESTED during processing (paused: A before the due time, B after it)', procedure: P_COMMUNE, status: 'SUPPLEMENT_REQUESTED',
    holder: COMMUNE, received: true, history: [receive, assign], last: ['specialist.00715.tpht', 'request-supplement', { reason: 'Ảnh giấy tờ bị mờ' }],
    overdue: [N, N, N, Y],
  },
  {
    key: 'READY', label: 'RESULT_READY (processing ended)', procedure: P_COMMUNE, status: 'RESULT_READY', holder: COMMUNE, received: true,
    history: [receive, assign, propose], last: approve, overdue: [N, N, N, N],
  },
  {
    key: 'RET', label: 'RETURNED', procedure: P_COMMUNE, status: 'RETURNED', holder: COMMUNE, received: true,
    history: [receive, assign, propose, approve], last: ['clerk.00715.tpht', 'return-result'], overdue: [N, N, N, N],
  },
  {
    key: 'REF', label: 'REFUSED at reception', procedure: P_COMMUNE, status: 'REFUSED', holder: COMMUNE, received: false,
    history: [], last: ['clerk.00715.tpht', 'refuse', { reason: 'Không thuộc thẩm quyền của xã' }], overdue: [N, N, N, N],
  },
  {
    key: 'WD', label: 'WITHDRAWN after reception', procedure: P_COMMUNE, status: 'WITHDRAWN', holder: COMMUNE, received: true,
    history: [receive], last: ['OWNER', 'withdraw', { reason: 'Không còn nhu cầu' }], overdue: [N, N, N, N],
  },
];

interface Made {
  c: Case;
  copy: 'A' | 'B';
  code: string;
  /** Its last action has run. */
  done: boolean;
  /** Status before the last action (for messages about B at D−1s). */
  statusBefore: string;
  holderBefore: string;
}

interface Obs {
  instant: 'due−1s' | 'due+1s';
  surface: string;
  subject: string;
  expected: string;
  actual: string;
}

const clerkOf = (agency: string) => `clerk.${agency.toLowerCase()}`;

describe('consistency: "overdue" agrees everywhere at one second before and after the due time (issue 11)', () => {
  let t: TestApp;
  let clock: WorkflowClock;
  let owner: Citizen;
  const made: Made[] = [];
  const observations: Obs[] = [];

  const who = (u: string) => (u === 'OWNER' ? owner.personalId : u);
  const overdueOf = (m: Made, instant: 'due−1s' | 'due+1s'): boolean =>
    instant === 'due−1s' ? (m.copy === 'A' ? m.c.overdue[1] : m.c.overdue[0]) : m.copy === 'A' ? m.c.overdue[2] : m.c.overdue[3];
  const status = (m: Made) => (m.done ? m.c.status : m.statusBefore);
  const holder = (m: Made) => (m.done ? m.c.holder : m.holderBefore);
  const subject = (m: Made, instant: string) =>
    `${m.c.key}-${m.copy} ${status(m)} at ${holder(m)}${m.done ? '' : ' (before its last action)'} [${m.code}], due ${m.c.received ? DUE : '—'}, at ${instant}`;

  function record(instant: Obs['instant'], surface: string, subj: string, expected: unknown, actual: unknown): void {
    observations.push({ instant, surface, subject: subj, expected: String(expected), actual: String(actual) });
  }

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(WorkflowClock);
    owner = await citizenByPersonalId(t, OWNER_ID);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM dossiers`);
    if (n !== 0) throw new Error(`setup: this file's database should start without dossiers (found ${n}); the dashboard and report counts assume it`);
    await makeCommuneProcedure(t, P_COMMUNE, 1);
    await makeThreeLevelProcedure(t, P_TRANSFER, 1);
    for (const c of CASES) {
      for (const copy of ['A', 'B'] as const) {
        clock.set(new Date(R.getTime() - 3_600_000));
        const d = await makeDossier(t.ds, { procedureCode: c.procedure, agencyCode: COMMUNE, citizen: owner, submittedAt: new Date(R.getTime() - 3_600_000) });
        let i = 0;
        for (const [u, action, extra] of c.history) {
          clock.set(new Date(R.getTime() + i++ * 60_000));
          await act(t, who(u), d.code, { action, ...(extra ?? {}) });
        }
        const [row] = await t.ds.query(`SELECT status, agency_code, due_at FROM dossiers WHERE code = $1`, [d.code]);
        if (c.received && new Date(row.due_at).getTime() !== D.getTime()) throw new Error(`setup: ${c.key}-${copy} is due ${row.due_at}, the table assumes ${DUE}`);
        made.push({ c, copy, code: d.code, done: false, statusBefore: row.status, holderBefore: row.agency_code });
      }
    }
  }, 600_000);

  afterAll(async () => {
    clock?.set(null);
    if (observations.length) printSummary();
    await t?.close();
  });

  /** Runs the last action of the given copies at `at`, recording the action response's flag. */
  async function lastActions(copy: 'A' | 'B', at: Date, instant: Obs['instant']): Promise<void> {
    clock.set(at);
    for (const m of made.filter((x) => x.copy === copy)) {
      const [u, action, extra] = m.c.last;
      const body = await act(t, who(u), m.code, { action, ...(extra ?? {}) });
      m.done = true;
      if (body.status !== m.c.status) throw new Error(`setup: ${m.c.key}-${copy} became ${body.status}, the table expects ${m.c.status}`);
      if (m.c.received && body.dueAt !== DUE) throw new Error(`setup: ${m.c.key}-${copy} is due ${body.dueAt} after "${action}", the table assumes ${DUE}`);
      record(instant, `action response (POST /api/v1/dossiers/{code}/actions "${action}")`, subject(m, instant), overdueOf(m, instant), body.overdue);
    }
  }

  /** Reads every surface for every dossier at the clock's current instant. */
  async function observe(instant: Obs['instant']): Promise<void> {
    const manager = await bearer(t, MANAGER);
    for (const m of made) {
      const exp = overdueOf(m, instant);
      const subj = subject(m, instant);
      const clerk = await bearer(t, clerkOf(holder(m)));
      const code = encodeURIComponent(m.code);

      const detail = await t.http.get(`/api/v1/dossiers/${code}`).set('Authorization', clerk);
      record(instant, 'API detail (GET /api/v1/dossiers/{code} `overdue`)', subj, exp, detail.status === 200 ? detail.body.overdue : `HTTP ${detail.status}`);

      const page = await t.http.get(`/can-bo/ho-so/${code}`).set('Authorization', clerk);
      record(instant, 'staff dossier page banner "Hồ sơ đã quá hạn giải quyết."', subj, exp, page.status === 200 ? page.text.includes('Hồ sơ đã quá hạn giải quyết.') : `HTTP ${page.status}`);

      const mpage = await t.http.get(`/quan-ly/ho-so/${code}`).set('Authorization', manager);
      record(instant, `manager dossier page "Quá hạn" notice (${MANAGER})`, subj, exp, mpage.status === 200 ? mpage.text.includes('<strong>Quá hạn</strong>') : `HTTP ${mpage.status}`);
    }

    // Lists: one request per (holder, procedure); every dossier of the list judged from it.
    for (const agency of [COMMUNE, DISTRICT]) {
      const clerk = await bearer(t, clerkOf(agency));
      for (const procedure of [P_COMMUNE, P_TRANSFER]) {
        const mine = made.filter((m) => holder(m) === agency && m.c.procedure === procedure);
        if (!mine.length) continue;
        const list = async (q: Record<string, string>) => {
          const res = await t.http.get('/api/v1/dossiers').query({ procedureCode: procedure, pageSize: '100', ...q }).set('Authorization', clerk);
          return res.status === 200 ? new Map<string, { overdue: boolean }>(res.body.items.map((i: { code: string; overdue: boolean }) => [i.code, i])) : null;
        };
        const all = await list({});
        const onlyOverdue = await list({ overdue: 'true' });
        const notOverdue = await list({ overdue: 'false' });
        const inbox = await t.http.get('/can-bo').query({ procedureCode: procedure }).set('Authorization', clerk);
        const inboxLate = await t.http.get('/can-bo').query({ procedureCode: procedure, han: 'qua-han' }).set('Authorization', clerk);
        for (const m of mine) {
          const exp = overdueOf(m, instant);
          const subj = subject(m, instant);
          const item = all?.get(m.code);
          record(instant, `API list item \`overdue\` (GET /api/v1/dossiers?procedureCode as ${clerkOf(agency)})`, subj, exp, item ? item.overdue : all ? 'not listed' : 'HTTP error');
          record(instant, 'API list ?overdue=true lists it', subj, exp, onlyOverdue ? onlyOverdue.has(m.code) : 'HTTP error');
          record(instant, 'API list ?overdue=false lists it', subj, !exp, notOverdue ? notOverdue.has(m.code) : 'HTTP error');
          const link = `href="/can-bo/ho-so/${m.code}"`;
          record(instant, `staff inbox /can-bo?han=qua-han lists it (${clerkOf(agency)})`, subj, exp, inboxLate.status === 200 ? inboxLate.text.includes(link) : `HTTP ${inboxLate.status}`);
          const row = inbox.status === 200 ? rowWith(inbox.text, link) : null;
          // Closed dossiers leave the inbox; an open one shows "due--late" exactly when overdue.
          record(instant, 'staff inbox row marker "due--late" (/can-bo)', subj, exp, row ? row.includes('due--late') : inbox.status === 200 ? false : `HTTP ${inbox.status}`);
        }
      }
    }

    // Manager dashboard and drill-down.
    const dash = await t.http.get('/quan-ly').query({ from: MONTH_START, to: TODAY }).set('Authorization', manager);
    const overdueTable = dash.text.split('data-testid="overdue-table"')[1]?.split('</table>')[0] ?? '';
    const expectedCount = made.filter((m) => overdueOf(m, instant)).length;
    for (const m of made) {
      record(instant, `dashboard overdue table lists it (/quan-ly as ${MANAGER})`, subject(m, instant), overdueOf(m, instant), dash.status === 200 ? overdueTable.includes(`/quan-ly/ho-so/${m.code}"`) : `HTTP ${dash.status}`);
    }
    const heading = /Hồ sơ quá hạn đang giải quyết \(([\d.]+)\)/.exec(dash.text);
    record(instant, 'dashboard overdue table heading count', `all ${made.length} dossiers of the suite, at ${instant}`, expectedCount, heading ? Number(heading[1].replace(/\./g, '')) : 'no heading');
    const kpi = /quá hạn ([\d.]+)<\/strong>/.exec(dash.text);
    record(instant, 'dashboard KPI "đang giải quyết … quá hạn"', `all ${made.length} dossiers of the suite, at ${instant}`, expectedCount, kpi ? Number(kpi[1].replace(/\./g, '')) : 'no KPI');
    for (const procedure of [P_COMMUNE, P_TRANSFER]) {
      const drill = await t.http.get('/quan-ly/ho-so').query({ procedureCode: procedure, from: MONTH_START, to: TODAY }).set('Authorization', manager);
      for (const m of made.filter((x) => x.c.procedure === procedure)) {
        const row = drill.status === 200 ? rowWith(drill.text, `/quan-ly/ho-so/${m.code}"`) : null;
        record(instant, 'report drill-down row marked overdue (/quan-ly/ho-so)', subject(m, instant), overdueOf(m, instant), row ? row.includes('row--overdue') : drill.status === 200 ? (m.c.received ? 'not listed' : false) : `HTTP ${drill.status}`);
      }
    }

    // The period report, for periods that include today (the clock's day).
    for (const to of [TODAY, MONTH_END]) {
      const res = await t.http.get('/api/v1/reports/sla').query({ from: MONTH_START, to, groupBy: 'procedure' }).set('Authorization', manager);
      const mine = res.status === 200 ? res.body.rows.filter((r: { key: string }) => r.key === P_COMMUNE || r.key === P_TRANSFER) : [];
      const got = res.status === 200 ? mine.reduce((s: number, r: { inProgressOverdue: number }) => s + r.inProgressOverdue, 0) : `HTTP ${res.status}`;
      record(instant, `report GET /api/v1/reports/sla?from=${MONTH_START}&to=${to} inProgressOverdue`, `all ${made.length} dossiers of the suite, at ${instant}`, expectedCount, got);
    }
  }

  const mismatches = (instant: Obs['instant'], surface?: string) =>
    observations
      .filter((o) => o.instant === instant && (!surface || o.surface.startsWith(surface)) && o.expected !== o.actual)
      .map((o) => `${o.subject} · ${o.surface}: expected ${o.expected}, got ${o.actual}`);

  const SURFACES = [
    'action response', 'API detail', 'API list item', 'API list ?overdue=true', 'API list ?overdue=false', 'staff inbox /can-bo?han=qua-han', 'staff inbox row marker',
    'staff dossier page banner', 'manager dossier page', 'dashboard overdue table lists', 'dashboard overdue table heading', 'dashboard KPI', 'report drill-down row', 'report GET',
  ];

  describe.each([
    ['due−1s', 'A', BEFORE],
    ['due+1s', 'B', AFTER],
  ] as const)('at %s (copies %s take their last action then)', (instant, copy, at) => {
    beforeAll(async () => {
      await lastActions(copy, at, instant);
      await observe(instant);
    }, 300_000);

    it.each(SURFACES)('%s agrees with the rule', (surface) => {
      expect(observations.some((o) => o.instant === instant && o.surface.startsWith(surface))).toBe(true);
      expect(mismatches(instant, surface)).toEqual([]);
    });
  });

  function printSummary(): void {
    const rows = SURFACES.flatMap((s) =>
      (['due−1s', 'due+1s'] as const).map((i) => {
        const obs = observations.filter((o) => o.instant === i && o.surface.startsWith(s));
        const flags = obs.filter((o) => o.expected === 'true' || o.expected === 'false');
        const expected = flags.length ? String(flags.filter((o) => o.expected === 'true').length) : `count ${obs.map((o) => o.expected).join('/')}`;
        return [s, i, obs.length, expected, obs.filter((o) => o.expected !== o.actual).length];
      }),
    );
    const text = [
      `Overdue consistency: ${observations.length} observations, ${observations.filter((o) => o.expected !== o.actual).length} disagree with the rule.`,
      table(['surface', 'instant', 'checked', 'expected overdue', 'mismatches'], rows as (string | number)[][]),
      '',
      'Every mismatch:',
      ...mismatches('due−1s'),
      ...mismatches('due+1s'),
    ].join('\n');
    const file = writeReport('overdue.txt', text);
    process.stdout.write(`\n${text.split('\nEvery mismatch:')[0]}\n(full list: ${file})\n`);
  }
});
