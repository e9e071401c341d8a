import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { CitizenRecordsService } from './citizen-records.service';
import { isValidPersonalId } from './normalize';

@ApiTags('registry')
@Controller('api/v1')
export class RegistryApiController {
  constructor(
    private readonly records: CitizenRecordsService,
    private readonly policy: PolicyService,
    @InjectDataSource() private readonly ds: DataSource,
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
    const rows: { agency_code: string; receiving_agency_code: string; applicant_personal_id: string; subject_personal_id: string | null }[] =
      await this.ds.query(
        'SELECT agency_code, receiving_agency_code, applicant_personal_id, subject_personal_id FROM dossiers WHERE code = $1',
        [code],
      );
    const d = rows[0];
    await this.policy.assert(user, 'dossier.read', {
      ref: `dossier:${code}`,
      agencyCode: d?.agency_code ?? null,
      agencyCodes: d ? [d.receiving_agency_code] : [],
    });
    if (!d || (d.applicant_personal_id !== personalId && d.subject_personal_id !== personalId)) throw new NotFoundException('Không tìm thấy');
    return this.records.forDossier(user, personalId, { dossierCode: code, agencyCode: d.agency_code });
  }
}
