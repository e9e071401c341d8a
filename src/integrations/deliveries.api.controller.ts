import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { OutboxAdminService } from './outbox-admin.service';

/** Delivery status of a dossier's notifications and national-portal sync, for the dossier pages. */
@ApiTags('hồ sơ')
@Controller('api/v1/dossiers')
export class DeliveriesApiController {
  constructor(
    private readonly admin: OutboxAdminService,
    private readonly gate: DossierGate,
  ) {}

  @Get(':code/deliveries')
  @Authenticated()
  @ApiOperation({ summary: 'Thông báo (email, SMS) và đồng bộ Cổng DVC quốc gia của hồ sơ' })
  async deliveries(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const access = await this.gate.read(user, code, (c) => `Thông báo đã gửi về hồ sơ ${c}`);
    code = access.code;
    return { code, items: await this.admin.deliveries(code) };
  }
}
