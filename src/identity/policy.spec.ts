import type { AuthUser } from './auth-user';
import { adminAgencies, AgencyTree, decide, decidePartner, homeOf, mayOpen, partnerAgencies, reportAgencies, ROLE_HOMES, visibleAgencies, type PartnerActor, type PolicyAction, type RouteGate } from './policy';
import type { Role } from './user.entity';

/**
 * A small province: 02 with two districts (026, 027), communes 00715 and 00718 in 026 and 00800
 * in 027. Divisions report to their unit's People's Committee, which reports to the level above.
 */
const tree = new AgencyTree([
  { code: '02.UBND', parentCode: null },
  { code: '02.STP', parentCode: '02.UBND' },
  { code: '02.CA', parentCode: '02.UBND' },
  { code: '026.UBND', parentCode: '02.UBND' },
  { code: '026.PTP', parentCode: '026.UBND' },
  { code: '026.CA', parentCode: '026.UBND' },
  { code: '027.UBND', parentCode: '02.UBND' },
  { code: '027.PTP', parentCode: '027.UBND' },
  { code: '00715.UBND', parentCode: '026.UBND' },
  { code: '00715.TPHT', parentCode: '00715.UBND' },
  { code: '00718.UBND', parentCode: '026.UBND' },
  { code: '00800.UBND', parentCode: '027.UBND' },
  { code: '00800.TPHT', parentCode: '00800.UBND' },
]);

type Relation = 'own' | 'parent' | 'child' | 'sibling' | 'otherDistrict';

/** For each acting agency, one resource agency per relation. */
const RELATIONS: Record<string, Partial<Record<Relation, string>>> = {
  '026.UBND': { own: '026.UBND', parent: '02.UBND', child: '026.PTP', sibling: '027.UBND', otherDistrict: '027.PTP' },
  '00715.UBND': { own: '00715.UBND', parent: '026.UBND', child: '00715.TPHT', sibling: '00718.UBND', otherDistrict: '00800.UBND' },
  '026.PTP': { own: '026.PTP', parent: '026.UBND', sibling: '026.CA', otherDistrict: '027.PTP', child: '00715.TPHT' },
  '02.STP': { own: '02.STP', parent: '02.UBND', sibling: '02.CA', otherDistrict: '026.PTP', child: '00715.TPHT' },
};

/** Is `resource` really below `actor` in the tree (the meaning of "child" for a People's Committee)? */
const REALLY_BELOW: Record<string, boolean> = { '026.UBND': true, '00715.UBND': true, '026.PTP': false, '02.STP': false };

const ACTIONS: PolicyAction[] = ['dossier.read', 'dossier.list', 'dossier.act', 'dossier.create-counter', 'report.read', 'citizen.read', 'admin.staff', 'admin.province'];
const STAFF: Role[] = ['CLERK', 'SPECIALIST', 'LEADER', 'MANAGER', 'ADMIN'];

/** The rules written out as a table (not derived from the implementation). */
function expected(role: Role, actorAgency: string, action: PolicyAction, rel: Relation): boolean {
  const own = rel === 'own';
  const below = rel === 'child' && REALLY_BELOW[actorAgency];
  switch (role) {
    case 'CLERK':
      // dossier.list has no agency of its own: the list is filtered to the visible agencies.
      if (action === 'dossier.list') return true;
      return ['dossier.read', 'dossier.act', 'dossier.create-counter', 'citizen.read'].includes(action) && own;
    case 'SPECIALIST':
    case 'LEADER':
      if (action === 'dossier.list') return true;
      return ['dossier.read', 'dossier.act', 'citizen.read'].includes(action) && own;
    case 'MANAGER':
      if (action === 'dossier.list') return true;
      return ['dossier.read', 'report.read', 'citizen.read'].includes(action) && (own || below);
    case 'ADMIN':
      // Admins administer and read aggregates of their own subtree; never dossiers (none of these
      // acting agencies is the province root, so province-wide administration is refused too).
      return ['report.read', 'admin.staff', 'admin.province'].includes(action) && (own || below);
    default:
      return false;
  }
}

function staff(role: Role, agencyCode: string): AuthUser {
  return { id: `u-${role}-${agencyCode}`, username: `${role}.${agencyCode}`.toLowerCase(), role, agencyCode, personalId: null, fullName: 'Cán bộ', isStaff: true };
}

const cases: [Role, string, PolicyAction, Relation, string, boolean][] = [];
for (const role of STAFF) {
  for (const [actorAgency, rels] of Object.entries(RELATIONS)) {
    for (const action of ACTIONS) {
      for (const [rel, resourceAgency] of Object.entries(rels) as [Relation, string][]) {
        cases.push([role, actorAgency, action, rel, resourceAgency, expected(role, actorAgency, action, rel)]);
      }
    }
  }
}

describe('authorization policy: role × agency relation × action', () => {
  it('enumerates at least 300 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it.each(cases)('%s at %s, %s on a %s agency (%s) → allowed=%s', (role, actorAgency, action, _rel, resourceAgency, allowed) => {
    const d = decide(staff(role, actorAgency), action, { agencyCode: resourceAgency, ref: 'x' }, tree);
    expect(d.allowed).toBe(allowed);
    expect(d.reason.length).toBeGreaterThan(0);
  });

  it('hides dossiers outside the scope (404) but says 403 for a manager acting inside it', () => {
    expect(decide(staff('CLERK', '026.PTP'), 'dossier.read', { agencyCode: '027.PTP' }, tree).invisible).toBe(true);
    expect(decide(staff('ADMIN', '02.UBND'), 'dossier.read', { agencyCode: '026.PTP' }, tree).invisible).toBe(true);
    const m = decide(staff('MANAGER', '026.UBND'), 'dossier.act', { agencyCode: '026.PTP' }, tree);
    expect(m).toMatchObject({ allowed: false, invisible: false });
  });

  it('lets staff of the receiving agency see a transferred dossier (agencyCodes)', () => {
    const d = decide(staff('CLERK', '00715.UBND'), 'dossier.read', { agencyCode: '026.PTP', agencyCodes: ['00715.UBND'] }, tree);
    expect(d.allowed).toBe(true);
  });
});

describe('authorization policy: citizens and anonymous', () => {
  const citizen: AuthUser = { id: 'c1', username: '002094990001', role: 'CITIZEN', agencyCode: null, personalId: '002094990001', fullName: 'Hoàng Văn Thắng', isStaff: false };
  const citizenCases: [string, PolicyAction, object, boolean][] = [
    ['own dossier (by user id)', 'dossier.read', { ownerUserId: 'c1', agencyCode: '026.PTP' }, true],
    ['own dossier (by personal id)', 'dossier.read', { ownerPersonalId: '002094990001' }, true],
    ['own dossier: act (withdraw, supplement)', 'dossier.act', { ownerUserId: 'c1' }, true],
    ["someone else's dossier", 'dossier.read', { ownerUserId: 'c2', ownerPersonalId: '002197990002' }, false],
    ["someone else's dossier: act", 'dossier.act', { ownerUserId: 'c2' }, false],
    ['own registry record', 'citizen.read', { personalId: '002094990001' }, true],
    ["another citizen's registry record", 'citizen.read', { personalId: '002197990002' }, false],
    ['counter reception', 'dossier.create-counter', { agencyCode: '026.PTP' }, false],
    ['reports', 'report.read', {}, false],
    ['administration', 'admin.staff', { agencyCode: '026.PTP' }, false],
  ];
  it.each(citizenCases)('citizen: %s', (_name, action, resource, allowed) => {
    expect(decide(citizen, action, resource, tree).allowed).toBe(allowed);
  });
  it("hides other people's dossiers (404)", () => {
    expect(decide(citizen, 'dossier.read', { ownerUserId: 'c2' }, tree).invisible).toBe(true);
  });
  it.each(ACTIONS)('anonymous: %s is denied', (action) => {
    expect(decide(undefined, action, { agencyCode: '026.PTP', ownerUserId: 'c1' }, tree).allowed).toBe(false);
  });
  it('a staff account without an agency is denied everything', () => {
    const orphan = { ...staff('CLERK', '026.PTP'), agencyCode: null };
    for (const a of ACTIONS) expect(decide(orphan, a, { agencyCode: '026.PTP' }, tree).allowed).toBe(false);
  });
});

describe('agency scopes', () => {
  it('processors see their own agency only', () => {
    for (const r of ['CLERK', 'SPECIALIST', 'LEADER'] as Role[]) expect(visibleAgencies(staff(r, '026.PTP'), tree)).toEqual(['026.PTP']);
  });
  it("a district People's Committee manager sees the district's agencies and its communes' agencies", () => {
    expect(new Set(visibleAgencies(staff('MANAGER', '026.UBND'), tree) as string[])).toEqual(
      new Set(['026.UBND', '026.PTP', '026.CA', '00715.UBND', '00715.TPHT', '00718.UBND']),
    );
  });
  it('a division manager sees only the division', () => {
    expect(visibleAgencies(staff('MANAGER', '026.PTP'), tree)).toEqual(['026.PTP']);
  });
  it("the province People's Committee manager sees everything below", () => {
    expect((visibleAgencies(staff('MANAGER', '02.UBND'), tree) as string[]).length).toBe(13);
  });
  it('admins: no dossier at all, their subtree for administration and reports (province admins: ALL)', () => {
    expect(visibleAgencies(staff('ADMIN', '026.UBND'), tree)).toEqual([]);
    expect(visibleAgencies(staff('ADMIN', '02.UBND'), tree)).toEqual([]);
    expect(reportAgencies(staff('ADMIN', '02.UBND'), tree)).toBe('ALL');
    expect(new Set(reportAgencies(staff('ADMIN', '00715.UBND'), tree) as string[])).toEqual(new Set(['00715.UBND', '00715.TPHT']));
    expect(reportAgencies(staff('CLERK', '026.PTP'), tree)).toEqual([]);
    expect(decide(staff('ADMIN', '02.UBND'), 'dossier.list', {}, tree).allowed).toBe(false);
    expect(decide(staff('ADMIN', '02.UBND'), 'dossier.read', { agencyCode: '026.PTP' }, tree).allowed).toBe(false);
    expect(decide(staff('ADMIN', '02.UBND'), 'admin.province', {}, tree).allowed).toBe(true);
    expect(decide(staff('ADMIN', '026.UBND'), 'admin.province', {}, tree).allowed).toBe(false);
    expect(adminAgencies(staff('ADMIN', '02.UBND'), tree)).toBe('ALL');
    expect(new Set(adminAgencies(staff('ADMIN', '00715.UBND'), tree) as string[])).toEqual(new Set(['00715.UBND', '00715.TPHT']));
    expect(decide(staff('ADMIN', '026.UBND'), 'admin.catalog', {}, tree).allowed).toBe(false);
    expect(decide(staff('ADMIN', '02.UBND'), 'admin.catalog', {}, tree).allowed).toBe(true);
  });
  it('citizens and anonymous see no agency', () => {
    expect(visibleAgencies(undefined, tree)).toEqual([]);
  });
});

describe('partner clients (LGSP/NDXP)', () => {
  const district: PartnerActor = { clientId: 'lgsp-026', scopes: ['dossiers:read', 'results:read', 'statistics:read'], agencyCodes: ['026.UBND'] };
  const catalogOnly: PartnerActor = { clientId: 'lgsp-cat', scopes: ['catalog:read'], agencyCodes: ['02.UBND'] };
  const nowhere: PartnerActor = { clientId: 'lgsp-none', scopes: ['dossiers:read'], agencyCodes: [] };

  it('reads the subtrees of the agencies it is registered for', () => {
    expect(new Set(partnerAgencies(district, tree))).toEqual(new Set(['026.UBND', '026.PTP', '026.CA', '00715.UBND', '00715.TPHT', '00718.UBND']));
    expect(partnerAgencies(nowhere, tree)).toEqual([]);
    expect(partnerAgencies({ ...nowhere, agencyCodes: ['99.NOPE'] }, tree)).toEqual([]);
  });

  const cases: [string, PartnerActor, 'partner.dossier.read' | 'partner.result.read' | 'partner.statistics.read', object, boolean, boolean][] = [
    ['a dossier of a commune of its district', district, 'partner.dossier.read', { agencyCode: '00715.TPHT' }, true, false],
    ['a dossier of the district division', district, 'partner.dossier.read', { agencyCode: '026.PTP' }, true, false],
    ['a dossier transferred up from its district (receiving agency counts)', district, 'partner.dossier.read', { agencyCode: '02.STP', agencyCodes: ['00715.TPHT'] }, true, false],
    ['a dossier of another district', district, 'partner.dossier.read', { agencyCode: '027.PTP' }, false, true],
    ['a dossier of a province department', district, 'partner.dossier.read', { agencyCode: '02.STP' }, false, true],
    ['a result of its district', district, 'partner.result.read', { agencyCode: '00715.TPHT' }, true, false],
    ['a result of another district', district, 'partner.result.read', { agencyCode: '00800.TPHT' }, false, true],
    ['statistics of its district', district, 'partner.statistics.read', { agencyCode: '026.UBND' }, true, false],
    ['statistics of another district', district, 'partner.statistics.read', { agencyCode: '027.UBND' }, false, false],
    ['statistics without an agency (its own)', district, 'partner.statistics.read', {}, true, false],
    ['a dossier without the scope', catalogOnly, 'partner.dossier.read', { agencyCode: '026.PTP' }, false, false],
    ['statistics without the scope', catalogOnly, 'partner.statistics.read', {}, false, false],
    ['a dossier when registered for no agency', nowhere, 'partner.dossier.read', { agencyCode: '026.PTP' }, false, true],
  ];
  // Every row has all six columns: a missing one would make Jest pass a `done` callback instead.
  it.each(cases)('%s', (_name, p, action, resource, allowed, invisible) => {
    const d = decidePartner(p, action, resource, tree);
    expect(d.allowed).toBe(allowed);
    expect(!!d.invisible).toBe(invisible);
    expect(d.reason.length).toBeGreaterThan(0);
  });
});

describe('mayOpen: the gate of a page, for the guard and the menus alike', () => {
  const user = (role: Role, agencyCode: string | null = '026.UBND'): AuthUser => ({
    id: `u-${role}`,
    username: role.toLowerCase(),
    role,
    agencyCode: role === 'CITIZEN' ? null : agencyCode,
    personalId: role === 'CITIZEN' ? '001094012345' : null,
    fullName: 'Người thử',
    isStaff: role !== 'CITIZEN',
  });
  it('opens public pages to everyone, signed-in pages only to the listed roles', () => {
    expect(mayOpen(undefined, {}, tree).allowed).toBe(true);
    expect(mayOpen(undefined, { roles: [] }, tree).allowed).toBe(false);
    expect(mayOpen(user('CITIZEN'), { roles: [] }, tree).allowed).toBe(true);
    expect(mayOpen(user('MANAGER'), { roles: ['CLERK', 'SPECIALIST', 'LEADER'] }, tree).allowed).toBe(false);
    expect(mayOpen(user('LEADER'), { roles: ['CLERK', 'SPECIALIST', 'LEADER'] }, tree).allowed).toBe(true);
  });
  it('keeps province-wide pages for the province administrators', () => {
    expect(mayOpen(user('ADMIN', '02.UBND'), { roles: ['ADMIN'], provinceAdmin: true }, tree).allowed).toBe(true);
    expect(mayOpen(user('ADMIN', '026.UBND'), { roles: ['ADMIN'], provinceAdmin: true }, tree).allowed).toBe(false);
  });
  it('sends every role home to a page its role may open', () => {
    const gates: Record<string, RouteGate> = {
      '/': {},
      '/can-bo': { roles: ['CLERK', 'SPECIALIST', 'LEADER'] },
      '/quan-ly': { roles: ['MANAGER', 'ADMIN'] },
      '/quan-tri': { roles: ['ADMIN'] },
    };
    for (const role of Object.keys(ROLE_HOMES) as Role[]) {
      const u = user(role);
      expect({ role, ok: mayOpen(u, gates[homeOf(u)], tree).allowed }).toEqual({ role, ok: true });
    }
    expect(homeOf(undefined)).toBe('/');
  });
});
