/**
 * The one access gate for a dossier (Immich's `requireAccess`): every entry point that shows a
 * dossier or anything of it — API detail, staff page, manager page, citizen page, slips, files
 * (attachments and the signed result), deliveries, registry reads, partner API — calls it. It loads
 * who owns the dossier and every agency entitled to it (holding, receiving, every stage of a
 * transfer), asks the one policy, and writes the access log for every staff or partner read of
 * the citizen's data (Decree 13/2023/NĐ-CP). Denials are logged by the policy.
 */
import { Injectable, NotFoundException } from '@nestjs/common';
import { AccessLogService } from '../audit/access-log.service';
import type { AuthUser } from '../identity/auth-user';
import type { PartnerAction, PartnerActor, PolicyAction } from '../identity/policy';
import { PolicyService } from '../identity/policy.service';
import { dossierResource, type DossierAccess } from './dossier-access';
import { DossierRepository } from './dossier.repository';

/** A partner client as the gate sees it (id and name for the access log). */
export interface GatePartner extends PartnerActor {
  id: string;
  name: string;
}

@Injectable()
export class DossierGate {
  constructor(
    private readonly repo: DossierRepository,
    private readonly policy: PolicyService,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * `actor` reads `what` (Vietnamese, shown to the citizen: "Hồ sơ …", "Phiếu tiếp nhận …") of
   * dossier `code`: 404 when it does not exist or may not be seen; one access-log row for a staff read.
   */
  async read(actor: AuthUser | undefined, code: string, what: (code: string) => string): Promise<DossierAccess> {
    const access = await this.authorize(actor, code, 'dossier.read');
    await this.logRead(actor, access, what);
    return access;
  }

  /**
   * The access-log row of a read already authorized by `authorize()` — for entry points that first
   * check that the thing read exists (a slip whose event happened, a result already signed).
   */
  async logRead(actor: AuthUser | undefined, access: DossierAccess, what: (code: string) => string): Promise<void> {
    if (!actor?.isStaff) return;
    await this.accessLog.record({ staff: actor, citizenPersonalId: access.ownerPersonalId ?? '', what: what(access.code), dossierCode: access.code });
  }

  /** The policy's answer for one dossier, without logging a read (moves, and checks before a read). */
  async authorize(actor: AuthUser | undefined, code: string, action: Extract<PolicyAction, 'dossier.read' | 'dossier.act'>): Promise<DossierAccess> {
    const access = await this.repo.access(code);
    if (!access) {
      throw new NotFoundException('Không tìm thấy hồ sơ');
    }
    await this.policy.assert(actor, action, dossierResource(access));
    return access;
  }

  /** Whether `actor` may read the dossier (no log, no throw): for lists of links on a page. */
  async canRead(actor: AuthUser | undefined, access: DossierAccess): Promise<boolean> {
    return (await this.policy.can(actor, 'dossier.read', dossierResource(access))).allowed;
  }

  /** A partner client reads a dossier or its result: scope and registered agencies (404/403, logged as a denial). */
  async authorizePartner(partner: GatePartner, code: string, action: PartnerAction): Promise<DossierAccess> {
    const access = await this.repo.access(code);
    if (!access) throw new NotFoundException('Không tìm thấy hồ sơ');
    await this.policy.assertPartner(partner, action, dossierResource(access));
    return access;
  }

  /** The access-log row of a partner's read (after `authorizePartner`, once the thing read exists). */
  async logPartnerRead(partner: GatePartner, access: DossierAccess, what: (code: string) => string): Promise<void> {
    await this.accessLog.recordPartner({ partner, citizenPersonalId: access.ownerPersonalId ?? '', what: what(access.code), dossierCode: access.code });
  }
}
