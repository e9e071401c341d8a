import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { DossierGate } from './dossier-gate.service';
import { DossierRepository } from './dossier.repository';
import { CitizenRecordsService } from './citizen-records.service';
import { isValidPersonalId } from '../registry/normalize';

@ApiTags('registry')
@Controller('api/v1')
export class RegistryApiController {
  constructor(
    private readonly records: CitizenRecordsService,
    private readonly gate: DossierGate,
    private readonly repo: DossierRepository,
  ) {}

  @Get('me/registry')
  @Authenticated('CITIZEN')
  @ApiOperation({ summary: 'Thông tin của tôi trong Cơ sở dữ liệu quốc gia về dân cư' })
  async own(@CurrentUser() user: AuthUser) {
    const person = await this.records.own(user);
    if (!person) throw new NotFoundException('Không tìm thấy thông tin dân cư');
    return person;
  }

  /**
   * A staff member reads the registry record of the applicant (or subject) of a dossier of their
   * agency. Logged in the citizen's access log.
   */
  @Get('dossiers/:code/registry/:personalId')
  @Authenticated('CLERK', 'SPECIALIST', 'LEADER', 'MANAGER')
  @ApiOperation({ summary: 'Cán bộ xem thông tin dân cư của người nộp hồ sơ (được ghi nhật ký)' })
  async forDossier(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('personalId') personalId: string) {
    if (!isValidPersonalId(personalId) || code.length > 48) throw new NotFoundException('Không tìm thấy');
    // The gate decides (without logging: the registry read logs itself, for the person read).
    const access = await this.gate.authorize(user, code, 'dossier.read');
    const d = await this.repo.findById(access.id);
    if (!d || (d.applicantPersonalId !== personalId && d.subjectPersonalId !== personalId)) throw new NotFoundException('Không tìm thấy');
    return this.records.forDossier(user, personalId, { dossierCode: access.code });
  }
}
