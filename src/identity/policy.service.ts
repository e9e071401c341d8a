import { ForbiddenException, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DenialLogService } from '../audit/denial-log.service';
import { CacheBus } from '../database/cache-bus';
import type { AuthUser } from './auth-user';
import {
  adminAgencies,
  AgencyTree,
  decide,
  decidePartner,
  partnerAgencies,
  reportAgencies,
  visibleAgencies,
  type PartnerAction,
  type PartnerActor,
  type PolicyAction,
  type PolicyDecision,
  type PolicyResource,
} from './policy';

const TREE_TTL_MS = 60_000;

/** Authorization decisions (rules in policy.ts) with the agency tree loaded from the database. */
@Injectable()
export class PolicyService {
  private tree: AgencyTree | null = null;
  private loadedAt = 0;
  private loading: Promise<AgencyTree> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly denials: DenialLogService,
    @Optional() bus?: CacheBus,
  ) {
    // Agencies changed through any instance (seeds at start): every instance rebuilds its tree.
    bus?.on('agencies', () => this.invalidate());
  }

  async agencyTree(): Promise<AgencyTree> {
    if (this.tree && Date.now() - this.loadedAt < TREE_TTL_MS) return this.tree;
    this.loading ??= (async () => {
      try {
        const rows: { code: string; parent_code: string | null }[] = await this.ds.query('SELECT code, parent_code FROM agencies');
        this.tree = new AgencyTree(rows.map((r) => ({ code: r.code, parentCode: r.parent_code })));
        this.loadedAt = Date.now();
        return this.tree;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Forget the cached agency tree (after admins change agencies). */
  invalidate(): void {
    this.tree = null;
  }

  async can(actor: AuthUser | undefined, action: PolicyAction, resource: PolicyResource = {}): Promise<PolicyDecision> {
    return decide(actor, action, resource, await this.agencyTree());
  }

  /** Throws 403 (or 404 when the resource must stay invisible) and logs the denial. */
  async assert(actor: AuthUser | undefined, action: PolicyAction, resource: PolicyResource = {}): Promise<void> {
    const d = await this.can(actor, action, resource);
    if (d.allowed) return;
    await this.denials.record(actor, action, resource.ref ?? resource.agencyCode ?? resource.personalId ?? null, d.reason);
    if (d.invisible) throw new NotFoundException('Không tìm thấy');
    throw new ForbiddenException(`Bạn không có quyền thực hiện thao tác này: ${d.reason.toLowerCase()}`);
  }

  /** Agencies whose dossiers the actor may see (none for administrators). */
  async visibleAgencyCodes(actor: AuthUser | undefined): Promise<string[]> {
    return visibleAgencies(actor, await this.agencyTree());
  }

  /** Agencies whose aggregate reports the actor may read ('ALL' for the province's administrators). */
  async reportAgencyCodes(actor: AuthUser | undefined): Promise<string[] | 'ALL'> {
    return reportAgencies(actor, await this.agencyTree());
  }

  /** A partner client's read: 403 without the scope, 404 outside its registered agencies; denials logged. */
  async assertPartner(partner: PartnerActor, action: PartnerAction, resource: PolicyResource = {}): Promise<void> {
    const d = decidePartner(partner, action, resource, await this.agencyTree());
    if (d.allowed) return;
    await this.denials.recordPartner(partner.clientId, action, resource.ref ?? resource.agencyCode ?? null, d.reason);
    if (d.invisible) throw new NotFoundException('Không tìm thấy');
    throw new ForbiddenException(`Ứng dụng không có quyền thực hiện thao tác này: ${d.reason.toLowerCase()}`);
  }

  /** Agencies (whole subtrees) a partner client may read. */
  async partnerAgencyCodes(partner: PartnerActor): Promise<string[]> {
    return partnerAgencies(partner, await this.agencyTree());
  }

  /** Agencies whose staff an administrator manages ('ALL' for the province's administrators). */
  async adminAgencyCodes(actor: AuthUser | undefined): Promise<string[] | 'ALL'> {
    return adminAgencies(actor, await this.agencyTree());
  }

  /** Logs a denial decided elsewhere (role checks of @Authenticated). */
  logDenial(
    actor: AuthUser | undefined,
    action: string,
    resource: string | null,
    reason: string,
    eventType: 'authz.denied' | 'csrf.rejected' = 'authz.denied',
  ): Promise<void> {
    return this.denials.record(actor, action, resource, reason, eventType);
  }
}
