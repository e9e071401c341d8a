import { Injectable, NotFoundException } from '@nestjs/common';
import { AccessLogService } from '../audit/access-log.service';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import type { RegistryPerson } from '../registry/population-registry';
import { RegistryClient } from '../registry/registry.client';

/**
 * Reads of a citizen's registry record on behalf of someone: the citizen themself, or a staff
 * member working on a dossier of their agency (policy 'citizen.read'; every staff read lands in
 * the citizen's "who looked at my data" log).
 */
@Injectable()
export class CitizenRecordsService {
  constructor(
    private readonly registry: RegistryClient,
    private readonly policy: PolicyService,
    private readonly accessLog: AccessLogService,
  ) {}

  /** The signed-in citizen's own record (prefill). */
  async own(actor: AuthUser): Promise<RegistryPerson | null> {
    await this.policy.assert(actor, 'citizen.read', { personalId: actor.personalId, ref: 'registry:self' });
    return this.registry.lookup(actor.personalId!);
  }

  /**
   * A staff read of the applicant's (or subject's) registry record for a dossier the access gate
   * has let the actor read (registry-reads.api.controller.ts); logged for that person before the
   * data is returned.
   */
  async forDossier(actor: AuthUser, personalId: string, ctx: { dossierCode: string }): Promise<RegistryPerson> {
    const person = await this.registry.lookup(personalId);
    if (!person) throw new NotFoundException('Không tìm thấy công dân trong Cơ sở dữ liệu quốc gia về dân cư');
    await this.accessLog.record({
      staff: actor,
      citizenPersonalId: personalId,
      what: `Thông tin dân cư (hồ sơ ${ctx.dossierCode})`,
      dossierCode: ctx.dossierCode,
    });
    return person;
  }
}
