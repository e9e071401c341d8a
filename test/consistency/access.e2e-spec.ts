/**
 * Issue 11 — "One dossier, one truth", the access half.
 *
 * Actors × entry points × dossiers in every status (commune dossiers and inter-level transfers),
 * every answer compared with ONE expected table written below as data: who may read each dossier
 * (MAY_READ), whose work queue holds it now (IN_QUEUE), which manager drill-down lists it (DRILL),
 * which partner client may read it (PARTNER_MAY_READ), and which roles each route admits (ROUTES).
 * The rules behind the table (DESIGN.md "Who may see what", API.md "Who reads what"):
 * - the citizen owner; CLERK/SPECIALIST/LEADER of the agency holding it now, of the receiving
 *   agency or of any agency that held a stage of a transfer; a MANAGER whose subtree contains
 *   any of those; nobody else — administrators never;
 * - a denied read of a dossier answers 404; a route closed to the actor's role answers 403;
 * - every allowed staff or partner read of a per-dossier entry point writes exactly one
 *   access_log row for the citizen (+0 for the owner, for denials and for lists), which the
 *   citizen then sees at GET /api/v1/me/access-log and /tai-khoan/truy-cap.
 * Each failure names the dossier, the actor (and how it relates to the dossier), the entry point,
 * the expected and the actual answer. A summary (rows per actor and per entry point, allowed,
 * denied, mismatches grouped by cause) is printed and written to $TMPDIR/motcua-consistency/.
 */
import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';
import { Clock } from '../../src/common/clock';
import { at, makeDossier, type Citizen } from '../workflow/factory';
import {
  act, attachUpload, bearer, BIRTH, citizenByPersonalId, COMMUNE, DISTRICT, makeThreeLevelProcedure, OTHER_ID, OWNER_ID, PROVINCE, table, writeReport,
} from './support';

const LT3 = 'TEST.CONSIST.LT3';
const FROM = '2026-11-01';
const TO = '2026-12-31';

type Role = 'CITIZEN' | 'CLERK' | 'SPECIALIST' | 'LEADER' | 'MANAGER' | 'ADMIN';
type Kind = 'tiep-nhan' | 'yeu-cau-bo-sung' | 'tu-choi' | 'xin-loi' | 'kiem-soat';
const KINDS: Kind[] = ['tiep-nhan', 'yeu-cau-bo-sung', 'tu-choi', 'xin-loi', 'kiem-soat'];

// ---------------------------------------------------------------- the dossiers
/** One build step: who ('OWNER' = the citizen owner), the action, extra body fields. */
type Step = [string, string, Record<string, unknown>?];

interface DossierSpec {
  key: string;
  label: string;
  procedure: string;
  /** Status and holding agency after the build (checked before the matrix runs). */
  status: string;
  holder: string;
  /** Agencies entitled (receiving, stages, holder) — for the failure messages only. */
  entitled: string[];
  /** Slips whose event exists (kiem-soat has no event: slips.service serves it for every dossier). */
  slips: Kind[];
  result: boolean;
  steps: Step[];
}

const assign = (u: string, who: string): Step => [u, 'assign', { assignee: who }];
const C_RECEIVE: Step[] = [['clerk.00715.tpht', 'receive']];
const C_WORK: Step[] = [...C_RECEIVE, assign('clerk.00715.tpht', 'specialist.00715.tpht')];
const C_PROPOSED: Step[] = [...C_WORK, ['specialist.00715.tpht', 'propose']];
const C_APPROVED: Step[] = [...C_PROPOSED, ['leader.00715.tpht', 'approve']];
const T_AT_DISTRICT: Step[] = [...C_RECEIVE, ['clerk.00715.tpht', 'transfer', { toAgencyCode: DISTRICT, reason: 'Chuyển Phòng Tư pháp xác minh' }]];
const T_DISTRICT_WORK: Step[] = [...T_AT_DISTRICT, ['clerk.026.ptp', 'receive'], assign('clerk.026.ptp', 'specialist.026.ptp')];
const T_PROVINCE_PROPOSED: Step[] = [
  ...T_DISTRICT_WORK,
  ['specialist.026.ptp', 'transfer', { toAgencyCode: PROVINCE, reason: 'Trình Sở Tư pháp' }],
  ['clerk.02.stp', 'receive'],
  assign('leader.02.stp', 'specialist.02.stp'),
  ['specialist.02.stp', 'propose'],
];
const T_PROVINCE_APPROVED: Step[] = [...T_PROVINCE_PROPOSED, ['leader.02.stp', 'approve']];

const C = [COMMUNE];
const CDP = [COMMUNE, DISTRICT, PROVINCE];
const DOSSIERS: DossierSpec[] = [
  { key: 'C1', label: 'SUBMITTED at the commune', procedure: BIRTH, status: 'SUBMITTED', holder: COMMUNE, entitled: C, slips: ['kiem-soat'], result: false, steps: [] },
  { key: 'C2', label: 'RECEIVED', procedure: BIRTH, status: 'RECEIVED', holder: COMMUNE, entitled: C, slips: ['tiep-nhan', 'kiem-soat'], result: false, steps: C_RECEIVE },
  {
    key: 'C3', label: 'IN_PROGRESS, extended (apology slip)', procedure: BIRTH, status: 'IN_PROGRESS', holder: COMMUNE, entitled: C,
    slips: ['tiep-nhan', 'xin-loi', 'kiem-soat'], result: false,
    steps: [...C_WORK, ['specialist.00715.tpht', 'extend', { reason: 'Cần xác minh tại nơi cư trú', newDueAt: '2026-11-27T09:00:00+07:00' }]],
  },
  {
    key: 'C4', label: 'SUPPLEMENT_REQUESTED during processing (paused)', procedure: BIRTH, status: 'SUPPLEMENT_REQUESTED', holder: COMMUNE, entitled: C,
    slips: ['tiep-nhan', 'yeu-cau-bo-sung', 'kiem-soat'], result: false,
    steps: [...C_WORK, ['specialist.00715.tpht', 'request-supplement', { reason: 'Ảnh giấy tờ bị mờ' }]],
  },
  {
    key: 'C5', label: 'SUPPLEMENT_REQUESTED at reception (not received)', procedure: BIRTH, status: 'SUPPLEMENT_REQUESTED', holder: COMMUNE, entitled: C,
    slips: ['yeu-cau-bo-sung', 'kiem-soat'], result: false, steps: [['clerk.00715.tpht', 'request-supplement', { reason: 'Thiếu giấy chứng sinh' }]],
  },
  { key: 'C6', label: 'PENDING_APPROVAL', procedure: BIRTH, status: 'PENDING_APPROVAL', holder: COMMUNE, entitled: C, slips: ['tiep-nhan', 'kiem-soat'], result: false, steps: C_PROPOSED },
  { key: 'C7', label: 'RESULT_READY (signed result)', procedure: BIRTH, status: 'RESULT_READY', holder: COMMUNE, entitled: C, slips: ['tiep-nhan', 'kiem-soat'], result: true, steps: C_APPROVED },
  {
    key: 'C8', label: 'RETURNED', procedure: BIRTH, status: 'RETURNED', holder: COMMUNE, entitled: C, slips: ['tiep-nhan', 'kiem-soat'], result: true,
    steps: [...C_APPROVED, ['clerk.00715.tpht', 'return-result']],
  },
  {
    key: 'C9', label: 'REFUSED at reception', procedure: BIRTH, status: 'REFUSED', holder: COMMUNE, entitled: C, slips: ['tu-choi', 'kiem-soat'], result: false,
    steps: [['clerk.00715.tpht', 'refuse', { reason: 'Không thuộc thẩm quyền của xã' }]],
  },
  {
    key: 'C10', label: 'WITHDRAWN after reception', procedure: BIRTH, status: 'WITHDRAWN', holder: COMMUNE, entitled: C, slips: ['tiep-nhan', 'kiem-soat'], result: false,
    steps: [...C_RECEIVE, ['OWNER', 'withdraw', { reason: 'Không còn nhu cầu' }]],
  },
  {
    key: 'T1', label: 'TRANSFERRED commune → district (not yet received there)', procedure: LT3, status: 'TRANSFERRED', holder: DISTRICT, entitled: [COMMUNE, DISTRICT],
    slips: ['tiep-nhan', 'kiem-soat'], result: false, steps: T_AT_DISTRICT,
  },
  {
    key: 'T2', label: 'IN_PROGRESS at the district after a transfer', procedure: LT3, status: 'IN_PROGRESS', holder: DISTRICT, entitled: [COMMUNE, DISTRICT],
    slips: ['tiep-nhan', 'kiem-soat'], result: false, steps: T_DISTRICT_WORK,
  },
  {
    key: 'T3', label: 'PENDING_APPROVAL at the province (commune → district → province)', procedure: LT3, status: 'PENDING_APPROVAL', holder: PROVINCE, entitled: CDP,
    slips: ['tiep-nhan', 'kiem-soat'], result: false, steps: T_PROVINCE_PROPOSED,
  },
  {
    key: 'T4', label: 'RESULT_READY at the province (signed there)', procedure: LT3, status: 'RESULT_READY', holder: PROVINCE, entitled: CDP,
    slips: ['tiep-nhan', 'kiem-soat'], result: true, steps: T_PROVINCE_APPROVED,
  },
  {
    key: 'T5', label: 'came back to the commune with its result, RETURNED', procedure: LT3, status: 'RETURNED', holder: COMMUNE, entitled: CDP,
    slips: ['tiep-nhan', 'kiem-soat'], result: true,
    steps: [...T_PROVINCE_APPROVED, ['clerk.02.stp', 'transfer', { toAgencyCode: COMMUNE }], ['clerk.00715.tpht', 'receive'], ['clerk.00715.tpht', 'return-result']],
  },
  {
    key: 'T6', label: 'IN_PROGRESS at the province, sent straight from the commune', procedure: LT3, status: 'IN_PROGRESS', holder: PROVINCE, entitled: [COMMUNE, PROVINCE],
    slips: ['tiep-nhan', 'kiem-soat'], result: false,
    steps: [...C_RECEIVE, ['clerk.00715.tpht', 'transfer', { toAgencyCode: PROVINCE, reason: 'Chuyển Sở Tư pháp' }], ['clerk.02.stp', 'receive'], assign('leader.02.stp', 'specialist.02.stp')],
  },
];

// ---------------------------------------------------------------- the actors
interface HumanActor {
  username: string; // 'OWNER' / 'OTHER' stand for the two citizens
  role: Role;
  /** How the actor stands towards the dossiers (for messages and grouping). */
  note: string;
}
const ACTORS: HumanActor[] = [
  { username: 'OWNER', role: 'CITIZEN', note: 'citizen owner' },
  { username: 'OTHER', role: 'CITIZEN', note: 'another citizen' },
  { username: 'clerk.00715.tpht', role: 'CLERK', note: 'receiving agency (commune)' },
  { username: 'specialist.00715.tpht', role: 'SPECIALIST', note: 'receiving agency (commune)' },
  { username: 'leader.00715.tpht', role: 'LEADER', note: 'receiving agency (commune)' },
  { username: 'clerk.026.ptp', role: 'CLERK', note: 'district division (transfer stage)' },
  { username: 'specialist.026.ptp', role: 'SPECIALIST', note: 'district division (transfer stage)' },
  { username: 'leader.026.ptp', role: 'LEADER', note: 'district division (transfer stage)' },
  { username: 'clerk.02.stp', role: 'CLERK', note: 'province department (transfer stage)' },
  { username: 'specialist.02.stp', role: 'SPECIALIST', note: 'province department (transfer stage)' },
  { username: 'leader.02.stp', role: 'LEADER', note: 'province department (transfer stage)' },
  { username: 'clerk.00715.vhxh', role: 'CLERK', note: 'sibling: other desk of the same commune' },
  { username: 'clerk.00688.tpht', role: 'CLERK', note: 'sibling: same desk of another commune' },
  { username: 'clerk.027.ptp', role: 'CLERK', note: 'sibling: same division of another district' },
  { username: 'leader.02.syt', role: 'LEADER', note: 'sibling: another province department' },
  { username: 'manager.00715.ubnd', role: 'MANAGER', note: 'manager above (commune People\'s Committee)' },
  { username: 'manager.026.ubnd', role: 'MANAGER', note: 'manager above (district People\'s Committee)' },
  { username: 'manager.02.ubnd', role: 'MANAGER', note: 'manager above (province People\'s Committee)' },
  { username: 'manager.027.ubnd', role: 'MANAGER', note: 'manager beside (another district)' },
  { username: 'manager.026.ptp', role: 'MANAGER', note: 'manager of the district division' },
  { username: 'manager.02.stp', role: 'MANAGER', note: 'manager of the province department' },
  { username: 'admin.00715.tpht', role: 'ADMIN', note: 'admin of the receiving agency' },
  { username: 'admin.026.ubnd', role: 'ADMIN', note: 'admin of the district' },
  { username: 'admin.02.ubnd', role: 'ADMIN', note: 'province admin' },
];

// ---------------------------------------------------------------- THE EXPECTED TABLE
// Columns: C1 … C10, then T1 … T6 (same order as DOSSIERS). Y = yes, N = no.
const ALL = 'YYYYYYYYYY YYYYYY';
const NONE = 'NNNNNNNNNN NNNNNN';
/** May the actor read the dossier (any per-dossier entry point whose route admits its role)? */
const MAY_READ: Record<string, string> = {
  OWNER: ALL,
  OTHER: NONE,
  'clerk.00715.tpht': ALL, 'specialist.00715.tpht': ALL, 'leader.00715.tpht': ALL,
  'clerk.026.ptp': 'NNNNNNNNNN YYYYYN', 'specialist.026.ptp': 'NNNNNNNNNN YYYYYN', 'leader.026.ptp': 'NNNNNNNNNN YYYYYN',
  'clerk.02.stp': 'NNNNNNNNNN NNYYYY', 'specialist.02.stp': 'NNNNNNNNNN NNYYYY', 'leader.02.stp': 'NNNNNNNNNN NNYYYY',
  'clerk.00715.vhxh': NONE, 'clerk.00688.tpht': NONE, 'clerk.027.ptp': NONE, 'leader.02.syt': NONE,
  'manager.00715.ubnd': ALL, 'manager.026.ubnd': ALL, 'manager.02.ubnd': ALL, 'manager.027.ubnd': NONE,
  'manager.026.ptp': 'NNNNNNNNNN YYYYYN', 'manager.02.stp': 'NNNNNNNNNN NNYYYY',
  'admin.00715.tpht': NONE, 'admin.026.ubnd': NONE, 'admin.02.ubnd': NONE,
};
/** GET /api/v1/dossiers (a work queue): is the dossier among the items? '403' = the list is closed to the actor. */
const IN_QUEUE: Record<string, string> = {
  OWNER: ALL,
  OTHER: NONE,
  'clerk.00715.tpht': 'YYYYYYYYYY NNNNYN', 'specialist.00715.tpht': 'YYYYYYYYYY NNNNYN', 'leader.00715.tpht': 'YYYYYYYYYY NNNNYN',
  'clerk.026.ptp': 'NNNNNNNNNN YYNNNN', 'specialist.026.ptp': 'NNNNNNNNNN YYNNNN', 'leader.026.ptp': 'NNNNNNNNNN YYNNNN',
  'clerk.02.stp': 'NNNNNNNNNN NNYYNY', 'specialist.02.stp': 'NNNNNNNNNN NNYYNY', 'leader.02.stp': 'NNNNNNNNNN NNYYNY',
  'clerk.00715.vhxh': NONE, 'clerk.00688.tpht': NONE, 'clerk.027.ptp': NONE, 'leader.02.syt': NONE,
  'manager.00715.ubnd': 'YYYYYYYYYY NNNNYN', 'manager.026.ubnd': 'YYYYYYYYYY YYNNYN', 'manager.02.ubnd': ALL, 'manager.027.ubnd': NONE,
  'manager.026.ptp': 'NNNNNNNNNN YYNNNN', 'manager.02.stp': 'NNNNNNNNNN NNYYNY',
  'admin.00715.tpht': '403', 'admin.026.ubnd': '403', 'admin.02.ubnd': '403',
};
/**
 * GET /quan-ly/ho-so?procedureCode&from&to (report drill-down rows): managers whose subtree holds
 * the dossier now, among dossiers received (C1, C5, C9 never were) and open in the period.
 * Everyone else: 403 (the route is for managers; admins are refused by the policy).
 */
const DRILL: Record<string, string> = {
  'manager.00715.ubnd': 'NYYYNYYYNY NNNNYN',
  'manager.026.ubnd': 'NYYYNYYYNY YYNNYN',
  'manager.02.ubnd': 'NYYYNYYYNY YYYYYY',
  'manager.027.ubnd': NONE,
  'manager.026.ptp': 'NNNNNNNNNN YYNNNN',
  'manager.02.stp': 'NNNNNNNNNN NNYYNY',
};

/** Partner clients (LGSP): registered agencies cover their subtree. */
interface PartnerSpec {
  key: string;
  name: string;
  scopes: string[];
  agencyCodes: string[];
  mayRead: string;
}
const PARTNERS: PartnerSpec[] = [
  { key: 'partner.province', name: 'Đối tác thử nghiệm toàn tỉnh', scopes: ['dossiers:read', 'results:read'], agencyCodes: ['02.UBND'], mayRead: ALL },
  { key: 'partner.no-scope', name: 'Đối tác thử nghiệm không có phạm vi hồ sơ', scopes: ['catalog:read', 'statistics:read'], agencyCodes: ['02.UBND'], mayRead: ALL },
  { key: 'partner.dossiers-only', name: 'Đối tác thử nghiệm chỉ đọc hồ sơ', scopes: ['dossiers:read'], agencyCodes: ['02.UBND'], mayRead: ALL },
  { key: 'partner.district-027', name: 'Đối tác thử nghiệm huyện Mèo Vạc', scopes: ['dossiers:read', 'results:read'], agencyCodes: ['027.UBND'], mayRead: NONE },
  { key: 'partner.division-026.ptp', name: 'Đối tác thử nghiệm Phòng Tư pháp Đồng Văn', scopes: ['dossiers:read', 'results:read'], agencyCodes: ['026.PTP'], mayRead: 'NNNNNNNNNN YYYYYN' },
];

const STAFF_AND_MANAGERS: Role[] = ['CLERK', 'SPECIALIST', 'LEADER', 'MANAGER'];
const EVERY_ROLE: Role[] = ['CITIZEN', 'CLERK', 'SPECIALIST', 'LEADER', 'MANAGER', 'ADMIN'];
/**
 * The roles each per-dossier route admits (others: 403). Where today's role list differs it is
 * flagged: the value here is the right one by the rules.
 */
const ROUTES = {
  detail: { label: 'API detail', roles: EVERY_ROLE },
  staffPage: { label: 'staff dossier page', roles: STAFF_AND_MANAGERS },
  citizenPage: { label: 'citizen dossier page', roles: ['CITIZEN'] as Role[] },
  slipApi: { label: 'slip PDF (API)', roles: EVERY_ROLE },
  // Today @Authenticated() (any role): a citizen gets 200 on the staff path. The staff area is closed to citizens.
  slipStaff: { label: 'slip (staff page)', roles: STAFF_AND_MANAGERS },
  // Today @Authenticated() (any role). /ho-so/… is the citizen's area (like /ho-so/{code}/xac-nhan): closed to staff.
  slipCitizen: { label: 'slip (citizen page)', roles: ['CITIZEN'] as Role[] },
  attachment: { label: 'attachment file', roles: EVERY_ROLE },
  result: { label: 'signed result file', roles: EVERY_ROLE },
  deliveries: { label: 'deliveries', roles: EVERY_ROLE },
  registry: { label: 'registry read', roles: STAFF_AND_MANAGERS },
  // Admins pass the route's role list (the dashboard is theirs too) and are refused by the policy: 404.
  managerPage: { label: 'manager dossier page', roles: ['MANAGER', 'ADMIN'] as Role[] },
} as const;
type RouteKey = keyof typeof ROUTES;

const yes = (row: string | undefined, i: number) => (row ?? '').replace(/ /g, '')[i] === 'Y';

// ---------------------------------------------------------------- observations
interface LogRow {
  log_id: string;
  [k: string]: unknown;
}
interface Obs {
  dossier: string;
  code: string;
  actor: string;
  note: string;
  entry: string;
  path: string;
  expected: number;
  actual: number;
  expectedLog: number;
  logRows: LogRow[];
  /** A matching row was expected: what it must say. */
  logProblem?: string;
  listed?: { expected: boolean; actual: boolean };
}

describe('consistency: actors × entry points × dossiers answer as one table says (issue 11)', () => {
  let t: TestApp;
  let owner: Citizen;
  let other: Citizen;
  const made = new Map<string, { id: string; code: string; attachment: string; resultFile: string | null }>();
  const who = new Map<string, { fullName: string; agencyCode: string | null; role: Role }>();
  const partnerTokens = new Map<string, { token: string; clientId: string }>();
  const observations: Obs[] = [];
  const listObs: Obs[] = [];
  let baselineLogId = '0';
  let lastLogId = '0';

  const login = (u: string) => (u === 'OWNER' ? owner.personalId : u === 'OTHER' ? other.personalId : u);

  beforeAll(async () => {
    t = await bootApp();
    owner = await citizenByPersonalId(t, OWNER_ID);
    other = await citizenByPersonalId(t, OTHER_ID);
    await makeThreeLevelProcedure(t, LT3, 10);
    const clock = t.app.get(Clock);
    for (const spec of DOSSIERS) {
      const base = at('2026-11-23 09:00').getTime();
      clock.set(new Date(base));
      const d = await makeDossier(t.ds, { procedureCode: spec.procedure, agencyCode: COMMUNE, citizen: owner, submittedAt: new Date(base - 3_600_000) });
      const attachment = await attachUpload(t, owner.personalId, d.id, 'giay_to_kem_theo', `dinh-kem-${spec.key}`);
      let i = 0;
      for (const [u, action, extra] of spec.steps) {
        clock.set(new Date(base + ++i * 60_000));
        await act(t, u === 'OWNER' ? owner.personalId : u, d.code, { action, ...(extra ?? {}) });
      }
      const [row] = await t.ds.query(`SELECT status, agency_code FROM dossiers WHERE id = $1`, [d.id]);
      if (row.status !== spec.status || row.agency_code !== spec.holder) {
        throw new Error(`setup: ${spec.key} is ${row.status} at ${row.agency_code}, the table expects ${spec.status} at ${spec.holder}`);
      }
      const [r] = await t.ds.query(`SELECT file_id FROM result_documents WHERE dossier_id = $1 ORDER BY issued_at DESC LIMIT 1`, [d.id]);
      if (!!r !== spec.result) throw new Error(`setup: ${spec.key} ${r ? 'has' : 'has no'} signed result; the table says ${spec.result}`);
      made.set(spec.key, { id: d.id, code: d.code, attachment, resultFile: r?.file_id ?? null });
    }
    clock.set(null);

    for (const a of ACTORS) {
      const res = await t.http.get('/api/v1/me').set('Authorization', await bearer(t, login(a.username)));
      if (res.status !== 200 || res.body.role !== a.role) throw new Error(`setup: ${a.username} is ${res.body.role}, the table says ${a.role}`);
      who.set(a.username, { fullName: res.body.fullName, agencyCode: res.body.agencyCode ?? null, role: res.body.role });
    }
    const admin = await bearer(t, 'admin.02.ubnd');
    for (const p of PARTNERS) {
      const c = await t.http.post('/api/v1/admin/partner-clients').set('Authorization', admin).send({ name: p.name, scopes: p.scopes, agencyCodes: p.agencyCodes, ratePerMinute: 100000 });
      if (c.status !== 201) throw new Error(`setup: partner client ${p.key}: ${c.status} ${JSON.stringify(c.body)}`);
      const tok = await t.http.post('/api/v1/partner/token').send({ clientId: c.body.clientId, clientSecret: c.body.clientSecret });
      if (tok.status !== 200) throw new Error(`setup: partner token ${p.key}: ${tok.status}`);
      partnerTokens.set(p.key, { token: tok.body.accessToken, clientId: c.body.clientId });
    }
    const [{ max }] = await t.ds.query(`SELECT COALESCE(max(id), 0)::text AS max FROM access_log`);
    baselineLogId = max;
    lastLogId = max;
  }, 600_000);

  afterAll(async () => {
    t?.app.get(Clock).set(null);
    if (observations.length) printSummary();
    await t?.close();
  });

  /** New access_log rows since the last call. */
  async function newLogRows(): Promise<LogRow[]> {
    const rows: LogRow[] = await t.ds.query(`SELECT l.*, l.id::text AS log_id FROM access_log l WHERE l.id > $1 ORDER BY l.id`, [lastLogId]);
    if (rows.length) lastLogId = String(rows[rows.length - 1].log_id);
    return rows;
  }

  function relation(a: HumanActor, spec: DossierSpec): string {
    const agency = a.username.split('.').slice(1).join('.').toUpperCase();
    if (a.role === 'CITIZEN' || a.role === 'ADMIN') return a.note;
    if (a.role === 'MANAGER') return a.note;
    if (agency === spec.holder) return `${a.note}; holds it now`;
    if (agency === COMMUNE) return `${a.note}; receiving agency, not holding it now`;
    if (spec.entitled.includes(agency)) return `${a.note}; held a stage, not holding it now`;
    return `${a.note}; not involved in this dossier`;
  }

  /** The expected answer of a per-dossier read, from the table. */
  function expectedStatus(a: HumanActor, route: RouteKey, i: number, exists: boolean): number {
    if (!(ROUTES[route].roles as readonly Role[]).includes(a.role)) return 403;
    if (!yes(MAY_READ[a.username], i)) return 404;
    return exists ? 200 : 404;
  }

  function checkLogRows(o: Obs, a: { kind: 'human'; username: string } | { kind: 'partner'; spec: PartnerSpec; clientId: string }): void {
    if (o.logRows.length !== o.expectedLog) return; // counted in the count check
    if (o.expectedLog === 0) return;
    const r = o.logRows[0] as Record<string, unknown>;
    const problems: string[] = [];
    if (r.citizen_personal_id !== owner.personalId) problems.push(`citizen_personal_id ${String(r.citizen_personal_id)} ≠ ${owner.personalId}`);
    if (r.dossier_code !== o.code) problems.push(`dossier_code ${String(r.dossier_code)} ≠ ${o.code}`);
    if (a.kind === 'human') {
      const me = who.get(a.username)!;
      if (r.staff_name !== me.fullName) problems.push(`staff_name "${String(r.staff_name)}" ≠ "${me.fullName}"`);
      if (r.agency_code !== me.agencyCode) problems.push(`agency_code ${String(r.agency_code)} ≠ ${me.agencyCode}`);
    } else {
      const s = JSON.stringify(r);
      if (!s.includes(a.clientId) && !s.includes(a.spec.name)) problems.push(`the row names neither the client id ${a.clientId} nor "${a.spec.name}"`);
    }
    if (problems.length) o.logProblem = problems.join('; ');
  }

  async function probe(auth: string, path: string): Promise<number> {
    const res = await t.http.get(path).set('Authorization', auth).redirects(0);
    return res.status;
  }

  /** Runs every human entry point and every partner entry point on one dossier. */
  async function runDossier(spec: DossierSpec, i: number): Promise<void> {
    const m = made.get(spec.key)!;
    const code = encodeURIComponent(m.code);
    const reads: { route: RouteKey; label: string; path: string; exists: boolean }[] = [
      { route: 'detail', label: 'API detail', path: `/api/v1/dossiers/${code}`, exists: true },
      { route: 'staffPage', label: 'staff dossier page', path: `/can-bo/ho-so/${code}`, exists: true },
      { route: 'citizenPage', label: 'citizen dossier page', path: `/ho-so-cua-toi/${code}`, exists: true },
      ...KINDS.flatMap((k) => [
        { route: 'slipApi' as const, label: `slip ${k} (API PDF)`, path: `/api/v1/dossiers/${code}/slips/${k}.pdf`, exists: spec.slips.includes(k) },
        { route: 'slipStaff' as const, label: `slip ${k} (staff page)`, path: `/can-bo/ho-so/${code}/phieu/${k}`, exists: spec.slips.includes(k) },
        { route: 'slipCitizen' as const, label: `slip ${k} (citizen page)`, path: `/ho-so/${code}/phieu/${k}`, exists: spec.slips.includes(k) },
      ]),
      { route: 'attachment', label: 'attachment file', path: `/api/v1/files/${m.attachment}`, exists: true },
      ...(m.resultFile ? [{ route: 'result' as const, label: 'signed result file', path: `/api/v1/files/${m.resultFile}`, exists: true }] : []),
      { route: 'deliveries', label: 'deliveries', path: `/api/v1/dossiers/${code}/deliveries`, exists: true },
      { route: 'registry', label: 'registry read', path: `/api/v1/dossiers/${code}/registry/${owner.personalId}`, exists: true },
      { route: 'managerPage', label: 'manager dossier page', path: `/quan-ly/ho-so/${code}`, exists: true },
    ];
    await newLogRows();
    for (const a of ACTORS) {
      const auth = await bearer(t, login(a.username));
      for (const r of reads) {
        const expected = expectedStatus(a, r.route, i, r.exists);
        const actual = await probe(auth, r.path);
        const o: Obs = {
          dossier: spec.key, code: m.code, actor: a.username, note: relation(a, spec), entry: r.label, path: `GET ${r.path}`,
          expected, actual, expectedLog: expected === 200 && a.role !== 'CITIZEN' ? 1 : 0, logRows: await newLogRows(),
        };
        checkLogRows(o, { kind: 'human', username: a.username });
        observations.push(o);
      }
    }
    for (const p of PARTNERS) {
      const { token: tok, clientId } = partnerTokens.get(p.key)!;
      const auth = `Bearer ${tok}`;
      for (const [label, path, scope, exists] of [
        ['partner dossier', `/api/v1/partner/dossiers/${code}`, 'dossiers:read', true],
        ['partner result', `/api/v1/partner/dossiers/${code}/result`, 'results:read', spec.result],
      ] as const) {
        const expected = !p.scopes.includes(scope) ? 403 : !yes(p.mayRead, i) ? 404 : exists ? 200 : 404;
        const actual = await probe(auth, path);
        const o: Obs = {
          dossier: spec.key, code: m.code, actor: p.key, note: `partner client; scopes ${p.scopes.join(' ')}, registered for ${p.agencyCodes.join(', ')}`, entry: label,
          path: `GET ${path}`, expected, actual, expectedLog: expected === 200 ? 1 : 0, logRows: await newLogRows(),
        };
        checkLogRows(o, { kind: 'partner', spec: p, clientId });
        observations.push(o);
      }
    }
  }

  /** The list entry points: one request per (actor, procedure); membership of every dossier read from it. */
  async function runLists(): Promise<void> {
    await newLogRows();
    for (const a of ACTORS) {
      const auth = await bearer(t, login(a.username));
      for (const procedure of [BIRTH, LT3]) {
        // API list (work queue), every page.
        const seen = new Set<string>();
        let status = 0;
        for (let page = 1; page < 50; page++) {
          const res = await t.http.get('/api/v1/dossiers').query({ procedureCode: procedure, pageSize: 100, page }).set('Authorization', auth);
          status = res.status;
          if (res.status !== 200) break;
          for (const it of res.body.items ?? []) seen.add(it.code);
          if (page * 100 >= res.body.total) break;
        }
        const listRows = await newLogRows();
        DOSSIERS.forEach((spec, i) => {
          if (spec.procedure !== procedure) return;
          const q = IN_QUEUE[a.username];
          const expected = q === '403' ? 403 : 200;
          listObs.push({
            dossier: spec.key, code: made.get(spec.key)!.code, actor: a.username, note: relation(a, spec), entry: 'API list (work queue)',
            path: `GET /api/v1/dossiers?procedureCode=${procedure}&pageSize=100`, expected, actual: status, expectedLog: 0, logRows: listRows,
            listed: expected === 200 && status === 200 ? { expected: yes(q, i), actual: seen.has(made.get(spec.key)!.code) } : undefined,
          });
        });
        // Report drill-down rows (managers).
        const drill = await t.http.get('/quan-ly/ho-so').query({ procedureCode: procedure, from: FROM, to: TO }).set('Authorization', auth).redirects(0);
        const drillRows = await newLogRows();
        DOSSIERS.forEach((spec, i) => {
          if (spec.procedure !== procedure) return;
          const d = DRILL[a.username];
          const expected = d === undefined ? 403 : 200;
          const code = made.get(spec.key)!.code;
          listObs.push({
            dossier: spec.key, code, actor: a.username, note: relation(a, spec), entry: 'report drill-down rows',
            path: `GET /quan-ly/ho-so?procedureCode=${procedure}&from=${FROM}&to=${TO}`, expected, actual: drill.status, expectedLog: 0, logRows: drillRows,
            listed: expected === 200 && drill.status === 200 ? { expected: yes(d, i), actual: drill.text.includes(`/quan-ly/ho-so/${encodeURIComponent(code)}"`) } : undefined,
          });
        });
      }
    }
  }

  const describeObs = (o: Obs) => `${o.dossier} ${DOSSIERS.find((d) => d.key === o.dossier)!.label} [${o.code}] · ${o.actor} (${o.note}) · ${o.path}`;
  const statusMismatches = (list: Obs[]) =>
    list.filter((o) => o.actual !== o.expected || (o.listed && o.listed.actual !== o.listed.expected)).map((o) =>
      o.actual !== o.expected
        ? `${describeObs(o)} · ${o.entry}: expected ${o.expected}, got ${o.actual}`
        : `${describeObs(o)} · ${o.entry}: expected the dossier ${o.listed!.expected ? 'among' : 'NOT among'} the items, it is ${o.listed!.actual ? 'listed' : 'not listed'}`,
    );
  const logMismatches = (list: Obs[]) =>
    list.filter((o) => o.logRows.length !== o.expectedLog || o.logProblem).map((o) =>
      o.logRows.length !== o.expectedLog
        ? `${describeObs(o)} · ${o.entry} answered ${o.actual}: access_log +${o.logRows.length}, expected +${o.expectedLog}`
        : `${describeObs(o)} · ${o.entry}: the access_log row is wrong: ${o.logProblem}`,
    );

  describe('every answer equals the table', () => {
    DOSSIERS.forEach((spec, i) => {
      it(`${spec.key}: ${spec.label} (entitled: ${spec.entitled.join(', ')}; held by ${spec.holder})`, async () => {
        await runDossier(spec, i);
        const mismatches = statusMismatches(observations.filter((o) => o.dossier === spec.key));
        expect(mismatches).toEqual([]);
      }, 300_000);
    });

    it('list entry points: API list (work queue) and report drill-down rows', async () => {
      await runLists();
      expect(statusMismatches(listObs)).toEqual([]);
    }, 300_000);
  });

  describe('access log (Decree 13/2023): exactly one row per allowed staff or partner read, none otherwise', () => {
    DOSSIERS.forEach((spec) => {
      it(`${spec.key}: ${spec.label}`, () => {
        const obs = observations.filter((o) => o.dossier === spec.key);
        expect(obs.length).toBeGreaterThan(0);
        expect(logMismatches(obs)).toEqual([]);
      });
    });

    it('list entry points write no row', () => {
      // One request serves several dossiers: count each request once.
      const perRequest = new Map<string, Obs>();
      for (const o of listObs) perRequest.set(`${o.actor} ${o.path}`, o);
      expect(perRequest.size).toBeGreaterThan(0);
      expect(
        [...perRequest.values()].filter((o) => o.logRows.length !== 0).map((o) => `${o.actor} · ${o.path} answered ${o.actual}: access_log +${o.logRows.length}, expected +0`),
      ).toEqual([]);
    });
  });

  describe('the citizen sees every row', () => {
    type Shown = { key: string };
    /**
     * Every allowed read of the table must have left a row (checked per request above) that the
     * citizen is shown. Returns, per entry point and actor, the reads whose row is not shown.
     */
    function notShown(shown: Shown[], keyOfRow: (r: LogRow) => string): string[] {
      const pool = new Map<string, number>();
      for (const s of shown) pool.set(s.key, (pool.get(s.key) ?? 0) + 1);
      const by = new Map<string, number>();
      for (const o of observations.filter((x) => x.expectedLog === 1)) {
        let why: string | null = null;
        if (!o.logRows.length) why = 'no access-log row was written';
        else {
          const k = keyOfRow(o.logRows[0]);
          const n = pool.get(k) ?? 0;
          if (n > 0) pool.set(k, n - 1);
          else why = 'its row is not shown';
        }
        if (why) by.set(`${o.entry.replace(/^slip \S+ /, 'slip ')} by ${o.actor}: ${why}`, (by.get(`${o.entry.replace(/^slip \S+ /, 'slip ')} by ${o.actor}: ${why}`) ?? 0) + 1);
      }
      return [...by.entries()].sort().map(([k, n]) => `${n} × ${k}`);
    }

    it('at GET /api/v1/me/access-log (paginated {items,total,…}): the total equals the rows written, and every allowed read of the table is there', async () => {
      const auth = await bearer(t, owner.personalId);
      const items: { staffName: string; agencyCode: string | null; what: string; dossierCode: string | null }[] = [];
      let total = -1;
      for (let page = 1; page < 1000; page++) {
        const res = await t.http.get('/api/v1/me/access-log').query({ page, pageSize: 100 }).set('Authorization', auth).expect(200);
        expect(res.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number), page, pageSize: 100 });
        total = res.body.total;
        items.push(...res.body.items);
        if (page * 100 >= total || !res.body.items.length) break;
      }
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM access_log WHERE citizen_personal_id = $1`, [owner.personalId]);
      expect({ total, listed: items.length }).toEqual({ total: n, listed: n });
      const expectedCount = observations.filter((o) => o.expectedLog === 1).length;
      const [{ written }] = await t.ds.query(`SELECT count(*)::int AS written FROM access_log WHERE citizen_personal_id = $1 AND id > $2`, [owner.personalId, baselineLogId]);
      const shown = items.map((i) => ({ key: `${i.staffName}|${i.agencyCode}|${i.what}|${i.dossierCode}` }));
      expect({
        rowsWrittenByTheMatrix: written,
        readsWhoseRowTheCitizenDoesNotSee: notShown(shown, (r) => `${String(r.staff_name)}|${String(r.agency_code ?? null)}|${String(r.what)}|${String(r.dossier_code ?? null)}`),
      }).toEqual({ rowsWrittenByTheMatrix: expectedCount, readsWhoseRowTheCitizenDoesNotSee: [] });
    }, 300_000);

    it('at /tai-khoan/truy-cap (cookie session): the same total and every row, page by page', async () => {
      const session = await pageSession(t, owner.personalId);
      const first = await session.get('/tai-khoan/truy-cap').expect(200);
      const m = /Tổng cộng (\d+) lượt/.exec(first.text);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM access_log WHERE citizen_personal_id = $1`, [owner.personalId]);
      const shownTotal = m ? Number(m[1]) : first.text.includes('Chưa có cán bộ nào xem dữ liệu của bạn') ? 0 : null;
      expect(shownTotal).toBe(n);
      const shown: Shown[] = [];
      for (let page = 1; page <= Math.ceil(n / 20); page++) {
        const res = page === 1 ? first : await session.get(`/tai-khoan/truy-cap?page=${page}`).expect(200);
        const body = res.text.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
        for (const r of body.matchAll(/<tr>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<\/tr>/g)) {
          shown.push({ key: `${r[2].trim()}|${r[3].trim()}|${r[4].trim()}` });
        }
      }
      expect(shown.length).toBe(n);
      // The page shows the agency's name (its code when unknown).
      const agencyName = new Map<string, string>(
        (await t.ds.query(`SELECT code, name FROM agencies WHERE code IN (SELECT DISTINCT agency_code FROM access_log WHERE citizen_personal_id = $1)`, [owner.personalId])).map(
          (r: { code: string; name: string }) => [r.code, r.name],
        ),
      );
      const unescape = (x: string) => x.replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=');
      for (const s of shown) s.key = unescape(s.key);
      const ag = (r: LogRow) => (r.agency_code ? agencyName.get(String(r.agency_code)) ?? String(r.agency_code) : '');
      expect(notShown(shown, (r) => `${String(r.staff_name)}|${ag(r)}|${String(r.what)}`)).toEqual([]);
    }, 300_000);

    it('another citizen sees none of them', async () => {
      const res = await t.http.get('/api/v1/me/access-log').set('Authorization', await bearer(t, other.personalId)).expect(200);
      expect(res.body.items.filter((x: { dossierCode: string | null }) => [...made.values()].some((m) => m.code === x.dossierCode))).toEqual([]);
    });
  });

  function printSummary(): void {
    const all = [...observations, ...listObs];
    const byActor = new Map<string, { rows: number; allowed: number; denied: number; mismatches: number }>();
    const byEntry = new Map<string, { rows: number; allowed: number; denied: number; mismatches: number }>();
    const bump = (map: typeof byActor, k: string, o: Obs) => {
      const s = map.get(k) ?? { rows: 0, allowed: 0, denied: 0, mismatches: 0 };
      s.rows++;
      if (o.expected === 200) s.allowed++;
      else s.denied++;
      if (o.actual !== o.expected || (o.listed && o.listed.actual !== o.listed.expected) || o.logRows.length !== o.expectedLog || o.logProblem) s.mismatches++;
      map.set(k, s);
    };
    for (const o of all) {
      bump(byActor, o.actor, o);
      bump(byEntry, o.entry.replace(/^slip \S+ /, 'slip '), o);
    }
    const rows = (map: typeof byActor) => [...map.entries()].map(([k, s]) => [k, s.rows, s.allowed, s.denied, s.mismatches]);
    // Causes: the same entry point, actor relation and expected→actual, counted.
    const causes = new Map<string, { n: number; dossiers: Set<string> }>();
    const cause = (k: string, o: Obs) => {
      const c = causes.get(k) ?? { n: 0, dossiers: new Set<string>() };
      c.n++;
      c.dossiers.add(o.dossier);
      causes.set(k, c);
    };
    for (const o of all) {
      const rel = o.note.includes('; ') ? o.note.slice(o.note.indexOf('; ') + 2) : o.note;
      const role = who.get(o.actor)?.role ?? 'PARTNER';
      const where = `${o.entry.replace(/^slip \S+ /, 'slip ')} · ${role} (${rel})`;
      if (o.actual !== o.expected) cause(`${where} · answers ${o.actual}, expected ${o.expected}`, o);
      else if (o.listed && o.listed.actual !== o.listed.expected) cause(`${where} · ${o.listed.expected ? 'dossier missing from the list' : 'dossier listed, should not be'}`, o);
      // A read wrongly denied also lacks its row: counted under its answer above only.
      if (o.actual === o.expected && o.logRows.length !== o.expectedLog) cause(`${where} · answered ${o.actual}: access_log +${o.logRows.length}, expected +${o.expectedLog}`, o);
      else if (o.logProblem) cause(`${where} · access_log row wrong (${o.logProblem.replace(/"[^"]*"|\S+-T\S+/g, '…')})`, o);
    }
    const text = [
      `Access consistency matrix: ${all.length} rows checked (${observations.length} per-dossier reads, ${listObs.length} list memberships), ` +
        `${all.filter((o) => o.expected === 200).length} allowed, ${all.filter((o) => o.expected !== 200).length} denied, ` +
        `${all.filter((o) => o.actual !== o.expected || (o.listed && o.listed.actual !== o.listed.expected)).length} answers differ from the table, ` +
        `${all.filter((o) => o.logRows.length !== o.expectedLog || o.logProblem).length} access-log counts/rows differ.`,
      '',
      'Per actor:',
      table(['actor', 'rows', 'allowed', 'denied', 'mismatches'], rows(byActor)),
      '',
      'Per entry point:',
      table(['entry point', 'rows', 'allowed', 'denied', 'mismatches'], rows(byEntry)),
      '',
      'Mismatches grouped by cause (entry point · role (relation) · what):',
      ...[...causes.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, c]) => `${String(c.n).padStart(5)} × ${k} · dossiers ${[...c.dossiers].join(' ')}`),
      '',
      'Every mismatch:',
      ...statusMismatches(all),
      ...logMismatches(all),
    ].join('\n');
    const file = writeReport('access-matrix.txt', text);
    process.stdout.write(`\n${text.split('\nEvery mismatch:')[0]}\n(full list: ${file})\n`);
  }
});
