import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { dossierResource, loadDossierAccess } from './dossier-access';
import { PolicyService } from '../identity/policy.service';
import { CitizenRecordsService } from './citizen-records.service';
import { isValidPersonalId } from '../registry/normalize';

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
    const access = await loadDossierAccess(this.ds, code);
    await this.policy.assert(user, 'dossier.read', access ? dossierResource(access) : { ref: `dossier:${code}` });
    const [d]: { applicant_personal_id: string; subject_personal_id: string | null }[] = await this.ds.query(
      'SELECT applicant_personal_id, subject_personal_id FROM dossiers WHERE id = $1',
      [access!.id],
    );
    if (d.applicant_personal_id !== personalId && d.subject_personal_id !== personalId) throw new NotFoundException('Không tìm thấy');
    const agencyCode = access!.agencyCode;
    return this.records.forDossier(user, personalId, { dossierCode: code, agencyCode });
  }
}
