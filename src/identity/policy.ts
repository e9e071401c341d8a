/**
 * The authorization policy in one place, as a pure function of (actor, action, resource, agency
 * tree). Rules (DESIGN.md, issue 3):
 * - staff (CLERK, SPECIALIST, LEADER) see and act only on their own agency's dossiers;
 * - managers read (never process) their agency and every agency below it;
 * - citizens see only their own things;
 * - administrators administer (staff, catalog, calendar, partner clients…) within their agency's
 *   subtree and read aggregate reports of it, but never read or list dossiers, deliveries,
 *   payments or results (DESIGN.md "Who may see what"; issue 10). Province-wide settings
 *   (partner clients, the outbox, the calendar) are the province administrators' alone;
 * - partner clients (LGSP/NDXP) read only dossiers of the agencies they are registered for
 *   (`decidePartner`).
 * Dossiers outside one's scope stay invisible (404), so their existence is not revealed.
 */
import type { AuthUser } from './auth-user';
import type { Role } from './user.entity';

export type PolicyAction =
  | 'dossier.read'
  | 'dossier.list'
  | 'dossier.act'
  | 'dossier.create-counter'
  | 'report.read'
  | 'citizen.read'
  | `admin.${string}`;

export interface PolicyResource {
  /** For the denial log, e.g. 'dossier:026.PTP-261122-0001'. */
  ref?: string;
  /** The agency the resource belongs to (dossier: its current agency; staff account: its agency). */
  agencyCode?: string | null;
  /** Other agencies entitled to it (receiving agency, earlier stages of a transferred dossier). */
  agencyCodes?: readonly string[];
  /** Citizen ownership. */
  ownerUserId?: string | null;
  ownerPersonalId?: string | null;
  /** citizen.read: whose registry record. */
  personalId?: string | null;
}

export interface PolicyDecision {
  allowed: boolean;
  reason: string;
  /** A denial that must look like "not found" (404) rather than "forbidden" (403). */
  invisible?: boolean;
}

export interface AgencyNode {
  code: string;
  parentCode: string | null;
}

/** The agencies as a tree (division → district People's Committee → province People's Committee). */
export class AgencyTree {
  private readonly children = new Map<string, string[]>();
  private readonly parents = new Map<string, string | null>();
  private readonly below = new Map<string, string[]>();

  constructor(agencies: readonly AgencyNode[]) {
    for (const a of agencies) {
      this.parents.set(a.code, a.parentCode);
      if (a.parentCode) {
        const list = this.children.get(a.parentCode) ?? [];
        list.push(a.code);
        this.children.set(a.parentCode, list);
      }
    }
  }

  has(code: string): boolean {
    return this.parents.has(code);
  }

  parentOf(code: string): string | null {
    return this.parents.get(code) ?? null;
  }

  isRoot(code: string): boolean {
    return this.parents.has(code) && !this.parents.get(code);
  }

  /** The agency itself and every agency below it. */
  subtree(code: string): string[] {
    const cached = this.below.get(code);
    if (cached) return cached;
    const out: string[] = [];
    const stack = [code];
    while (stack.length) {
      const c = stack.pop()!;
      out.push(c);
      for (const k of this.children.get(c) ?? []) stack.push(k);
    }
    this.below.set(code, out);
    return out;
  }

  contains(ancestor: string, code: string): boolean {
    let c: string | null = code;
    for (let guard = 0; c && guard < 20; guard++) {
      if (c === ancestor) return true;
      c = this.parents.get(c) ?? null;
    }
    return false;
  }
}

const PROCESSING_ROLES: readonly Role[] = ['CLERK', 'SPECIALIST', 'LEADER'];

/** Agencies whose dossiers the actor may see: own for processors, own + below for managers, none for admins. */
export function visibleAgencies(actor: AuthUser | undefined, tree: AgencyTree): string[] {
  if (!actor || !actor.isStaff || !actor.agencyCode) return [];
  if (actor.role === 'ADMIN') return [];
  if (actor.role === 'MANAGER') return tree.subtree(actor.agencyCode);
  return [actor.agencyCode];
}

/**
 * Agencies whose aggregate reports the actor may read: managers their agency and below, admins the
 * subtree they administer ('ALL' for the province's administrators).
 */
export function reportAgencies(actor: AuthUser | undefined, tree: AgencyTree): string[] | 'ALL' {
  if (!actor || !actor.isStaff || !actor.agencyCode) return [];
  if (actor.role === 'ADMIN') return adminAgencies(actor, tree);
  if (actor.role === 'MANAGER') return tree.subtree(actor.agencyCode);
  return [];
}

/** Agencies an administrator administers: everything for the province People's Committee's admins. */
export function adminAgencies(actor: AuthUser | undefined, tree: AgencyTree): string[] | 'ALL' {
  if (!actor || actor.role !== 'ADMIN' || !actor.agencyCode) return [];
  if (tree.isRoot(actor.agencyCode)) return 'ALL';
  return tree.subtree(actor.agencyCode);
}

function resourceAgencies(r: PolicyResource): string[] {
  const out: string[] = [];
  if (r.agencyCode) out.push(r.agencyCode);
  if (r.agencyCodes) out.push(...r.agencyCodes);
  return out;
}

function inScope(scope: string[] | 'ALL', codes: string[]): boolean {
  if (scope === 'ALL') return true;
  return codes.some((c) => scope.includes(c));
}

const allow = (reason: string): PolicyDecision => ({ allowed: true, reason });
const deny = (reason: string, invisible = false): PolicyDecision => ({ allowed: false, reason, invisible });

function ownsResource(actor: AuthUser, r: PolicyResource): boolean {
  if (r.ownerUserId && r.ownerUserId === actor.id) return true;
  return !!(r.ownerPersonalId && actor.personalId && r.ownerPersonalId === actor.personalId);
}

export function decide(actor: AuthUser | undefined, action: PolicyAction, r: PolicyResource, tree: AgencyTree): PolicyDecision {
  if (!actor) return deny('Chưa đăng nhập', action.startsWith('dossier.'));
  const codes = resourceAgencies(r);

  if (actor.role === 'CITIZEN') {
    switch (action) {
      case 'dossier.read':
      case 'dossier.act':
        return ownsResource(actor, r) ? allow('Hồ sơ của chính công dân') : deny('Hồ sơ không thuộc về công dân', true);
      case 'citizen.read':
        return r.personalId && r.personalId === actor.personalId
          ? allow('Dữ liệu của chính công dân')
          : deny('Không được xem dữ liệu dân cư của người khác');
      default:
        return deny('Công dân không có quyền thực hiện thao tác này');
    }
  }

  if (!actor.isStaff || !actor.agencyCode) return deny('Tài khoản không gắn với cơ quan nào');
  const role = actor.role;

  if (action.startsWith('admin.')) {
    if (role !== 'ADMIN') return deny('Chỉ quản trị viên được thực hiện thao tác quản trị');
    const scope = adminAgencies(actor, tree);
    if (codes.length === 0) {
      return scope === 'ALL' ? allow('Quản trị viên cấp tỉnh') : deny('Dữ liệu dùng chung toàn tỉnh chỉ quản trị viên cấp tỉnh được sửa');
    }
    return codes.every((c) => scope === 'ALL' || scope.includes(c))
      ? allow('Trong phạm vi quản trị')
      : deny('Ngoài phạm vi quản trị của cơ quan');
  }

  switch (action) {
    case 'dossier.list':
      return role === 'ADMIN' ? deny('Quản trị viên không xem danh sách hồ sơ của công dân') : allow('Danh sách hồ sơ trong phạm vi cơ quan');
    case 'dossier.read': {
      if (role === 'ADMIN') return deny('Quản trị viên không xem hồ sơ của công dân', true);
      return inScope(visibleAgencies(actor, tree), codes) ? allow('Hồ sơ trong phạm vi cơ quan') : deny('Hồ sơ ngoài phạm vi cơ quan', true);
    }
    case 'dossier.act': {
      if (role === 'ADMIN') return deny('Quản trị viên không xử lý hồ sơ', true);
      // Only the agency holding the dossier now acts on it; earlier stages and the receiver only read it.
      const visible = inScope(visibleAgencies(actor, tree), r.agencyCode ? [r.agencyCode] : codes);
      if (!visible) return deny('Hồ sơ ngoài phạm vi cơ quan', true);
      if (!PROCESSING_ROLES.includes(role)) return deny('Cán bộ quản lý chỉ theo dõi, không xử lý hồ sơ');
      return allow('Hồ sơ của cơ quan');
    }
    case 'dossier.create-counter': {
      if (role !== 'CLERK') return deny('Chỉ cán bộ một cửa được tiếp nhận hồ sơ trực tiếp');
      return r.agencyCode === actor.agencyCode ? allow('Tiếp nhận tại cơ quan mình') : deny('Chỉ tiếp nhận hồ sơ cho cơ quan mình');
    }
    case 'report.read': {
      if (role !== 'MANAGER' && role !== 'ADMIN') return deny('Chỉ cán bộ quản lý và quản trị viên được xem báo cáo');
      if (codes.length === 0) return allow('Báo cáo trong phạm vi cơ quan');
      const scope = reportAgencies(actor, tree);
      return codes.every((c) => inScope(scope, [c])) ? allow('Báo cáo trong phạm vi cơ quan') : deny('Báo cáo ngoài phạm vi cơ quan');
    }
    case 'citizen.read': {
      if (role === 'ADMIN') return deny('Quản trị viên không xem dữ liệu dân cư');
      if (codes.length === 0) return deny('Cán bộ chỉ xem dữ liệu dân cư khi xử lý hồ sơ');
      return inScope(visibleAgencies(actor, tree), codes) ? allow('Xem dữ liệu dân cư để xử lý hồ sơ') : deny('Hồ sơ ngoài phạm vi cơ quan');
    }
    default:
      return deny('Thao tác không được hỗ trợ');
  }
}

/** A partner agency's client (LGSP/NDXP) as the policy sees it. */
export interface PartnerActor {
  clientId: string;
  scopes: readonly string[];
  /** Agencies the client is registered for; each covers its whole subtree. */
  agencyCodes: readonly string[];
}

export type PartnerAction = 'partner.dossier.read' | 'partner.result.read' | 'partner.statistics.read';

const PARTNER_SCOPE_OF: Record<PartnerAction, string> = {
  'partner.dossier.read': 'dossiers:read',
  'partner.result.read': 'results:read',
  'partner.statistics.read': 'statistics:read',
};

/** Agencies a partner client may read: the subtrees of the agencies it is registered for. */
export function partnerAgencies(p: PartnerActor, tree: AgencyTree): string[] {
  return [...new Set(p.agencyCodes.flatMap((c) => (tree.has(c) ? tree.subtree(c) : [])))];
}

/**
 * A partner client reads a dossier, its result or statistics only with the scope for it and only
 * for the agencies it is registered for. Dossiers outside stay invisible (404).
 */
export function decidePartner(p: PartnerActor, action: PartnerAction, r: PolicyResource, tree: AgencyTree): PolicyDecision {
  const scope = PARTNER_SCOPE_OF[action];
  if (!p.scopes.includes(scope)) return deny(`Ứng dụng không được cấp phạm vi ${scope}`);
  const codes = resourceAgencies(r);
  const mine = partnerAgencies(p, tree);
  if (action === 'partner.statistics.read') {
    return codes.every((c) => mine.includes(c)) ? allow('Số liệu của cơ quan đã đăng ký') : deny('Cơ quan ngoài phạm vi đăng ký của ứng dụng');
  }
  return codes.some((c) => mine.includes(c)) ? allow('Hồ sơ của cơ quan đã đăng ký') : deny('Hồ sơ ngoài phạm vi đăng ký của ứng dụng', true);
}

/**
 * Who may open a page: the gate a route declares with `@Authenticated(...roles)` or
 * `@ProvinceAdmin()`, read from the route's own metadata (route-gates.ts). `roles` undefined: a
 * public page; `[]`: any signed-in user. The IdentityGuard and the menus both decide with
 * `mayOpen`, so a menu never offers a page that answers 403.
 */
export interface RouteGate {
  roles?: readonly Role[];
  provinceAdmin?: boolean;
}

export function mayOpen(actor: AuthUser | undefined, gate: RouteGate, tree: AgencyTree): PolicyDecision {
  if (!gate.roles) return allow('Trang công khai');
  if (!actor) return deny('Chưa đăng nhập');
  if (gate.roles.length && !gate.roles.includes(actor.role)) return deny(`Vai trò ${actor.role} không được phép`);
  if (gate.provinceAdmin) return decide(actor, 'admin.province', {}, tree);
  return allow('Vai trò được phép');
}

/**
 * Where each role starts after signing in (and where the menu's first item leads): the place of
 * its daily work. The page itself is gated by its route; `homeOf` only chooses among them.
 */
export const ROLE_HOMES: Record<Role, string> = {
  CITIZEN: '/',
  CLERK: '/can-bo',
  SPECIALIST: '/can-bo',
  LEADER: '/can-bo',
  MANAGER: '/quan-ly',
  ADMIN: '/quan-tri',
};

export function homeOf(actor: AuthUser | undefined): string {
  return actor ? ROLE_HOMES[actor.role] : '/';
}
