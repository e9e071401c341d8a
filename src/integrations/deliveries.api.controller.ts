import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { PolicyService } from '../identity/policy.service';
import { OutboxAdminService } from './outbox-admin.service';

/** Delivery status of a dossier's notifications and national-portal sync, for the dossier pages. */
@ApiTags('hồ sơ')
@Controller('api/v1/dossiers')
export class DeliveriesApiController {
  constructor(
    private readonly admin: OutboxAdminService,
    private readonly policy: PolicyService,
    private readonly ds: DataSource,
  ) {}

  @Get(':code/deliveries')
  @Authenticated()
  @ApiOperation({ summary: 'Thông báo (email, SMS) và đồng bộ Cổng DVC quốc gia của hồ sơ' })
  async deliveries(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const [d] = await this.ds.query(
      `SELECT code, agency_code, receiving_agency_code, applicant_user_id, applicant_personal_id FROM dossiers WHERE code = $1`,
      [code],
    );
    if (!d) throw new NotFoundException('Không tìm thấy hồ sơ');
    await this.policy.assert(user, 'dossier.read', {
      ref: `dossier:${code}`,
      agencyCode: d.agency_code,
      agencyCodes: [d.receiving_agency_code],
      ownerUserId: d.applicant_user_id,
      ownerPersonalId: d.applicant_personal_id,
    });
    return { code, items: await this.admin.deliveries(code) };
  }
}
