import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUTH_ROLES_KEY, PROVINCE_ADMIN_KEY } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { homeOf, mayOpen, type RouteGate } from './policy';
import { PolicyService } from './policy.service';
import type { Role } from './user.entity';

/** One item of a menu: where it leads and what it says. */
export interface MenuLink {
  href: string;
  label: string;
  /** A short line under the label on the administration page. */
  hint?: string;
}

/**
 * The signed-in areas the header offers, in order. Who may open each is NOT written here: it is
 * the gate of the page's own route (`@Authenticated`/`@ProvinceAdmin`), decided by `mayOpen`.
 */
export const WORK_MENU: readonly MenuLink[] = [
  { href: '/ho-so-cua-toi', label: 'Hồ sơ của tôi' },
  { href: '/can-bo', label: 'Xử lý hồ sơ' },
  { href: '/can-bo/tiep-nhan-truc-tiep', label: 'Tiếp nhận trực tiếp' },
  { href: '/quan-ly', label: 'Theo dõi, báo cáo' },
  { href: '/quan-tri', label: 'Quản trị' },
];

/** The administration page's list (each shown only to those whose role may open it). */
export const ADMIN_MENU: readonly MenuLink[] = [
  { href: '/quan-tri/can-bo', label: 'Tài khoản cán bộ', hint: 'Tạo tài khoản, đặt lại mật khẩu, khóa và mở khóa tài khoản cán bộ.' },
  { href: '/quan-tri/lich', label: 'Lịch làm việc', hint: 'Ngày nghỉ lễ, ngày làm bù: căn cứ tính hạn giải quyết hồ sơ.' },
  { href: '/quan-tri/outbox', label: 'Hàng đợi gửi đi', hint: 'Đồng bộ với Cổng Dịch vụ công quốc gia, thông báo gửi đi, gửi lại khi lỗi.' },
  { href: '/quan-tri/doi-soat-thanh-toan', label: 'Đối soát thanh toán', hint: 'Đối chiếu giao dịch nộp phí, lệ phí với cổng thanh toán.' },
  { href: '/quan-ly', label: 'Theo dõi, báo cáo', hint: 'Số liệu tổng hợp giải quyết hồ sơ trong phạm vi quản trị.' },
];

/**
 * The gates of every page route, read once from the controllers' own metadata (the same metadata
 * the IdentityGuard reads), so menus and home pages follow the routes without a copy of the rules.
 */
@Injectable()
export class RouteGatesService {
  private gates: Map<string, RouteGate> | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly policy: PolicyService,
  ) {}

  /** The gate of `GET path` (a literal path without parameters), or undefined when no such page exists. */
  gateOf(path: string): RouteGate | undefined {
    return this.all().get(normalize(path));
  }

  private all(): Map<string, RouteGate> {
    if (this.gates) return this.gates;
    const gates = new Map<string, RouteGate>();
    for (const wrapper of this.discovery.getControllers()) {
      const cls = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!cls || !wrapper.instance) continue;
      const base = pathsOf(Reflect.getMetadata(PATH_METADATA, cls));
      const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as (...args: unknown[]) => unknown;
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        const roles = this.reflector.getAllAndOverride<Role[] | undefined>(AUTH_ROLES_KEY, [handler, cls]);
        const provinceAdmin = this.reflector.getAllAndOverride<boolean | undefined>(PROVINCE_ADMIN_KEY, [handler, cls]);
        for (const b of base) {
          for (const p of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
            const full = normalize(`${b}/${p}`);
            if (!gates.has(full)) gates.set(full, { roles, provinceAdmin: !!provinceAdmin });
          }
        }
      }
    }
    this.gates = gates;
    return gates;
  }

  /** Whether the actor may open the page at `path` (an unknown path: no). */
  async mayOpen(actor: AuthUser | undefined, path: string): Promise<boolean> {
    const gate = this.gateOf(path);
    if (!gate) return false;
    return mayOpen(actor, gate, await this.policy.agencyTree()).allowed;
  }

  /** The links of a menu that the actor may open. */
  async allowed(actor: AuthUser | undefined, links: readonly MenuLink[]): Promise<MenuLink[]> {
    const tree = await this.policy.agencyTree();
    return links.filter((l) => {
      const gate = this.gateOf(l.href);
      return !!gate && mayOpen(actor, gate, tree).allowed;
    });
  }

  /** The actor's home (its role's daily work), or the portal's home if that page would refuse them. */
  async homeFor(actor: AuthUser | undefined): Promise<string> {
    const home = homeOf(actor);
    return (await this.mayOpen(actor, home)) ? home : '/';
  }
}

function pathsOf(meta: unknown): string[] {
  if (Array.isArray(meta)) return meta.map(String);
  return [typeof meta === 'string' ? meta : ''];
}

function normalize(path: string): string {
  const p = `/${path}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return p === '' ? '/' : p;
}
