import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { DOSSIER_STATUSES, type DossierStatus } from '../dossier.types';

export class ListDossiersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES as unknown as string[], { message: 'status không hợp lệ' })
  status?: DossierStatus;

  @ApiPropertyOptional({ description: 'true: quá hạn; false: chưa quá hạn' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'overdue phải là true hoặc false' })
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'procedureCode không hợp lệ' })
  procedureCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(24, { message: 'agencyCode không hợp lệ' })
  agencyCode?: string;
}

export class LookupQuery {
  @ApiPropertyOptional({ example: '00691.TPHT-261122-0001' })
  @IsOptional()
  @IsString()
  @MaxLength(60, { message: 'Mã hồ sơ không hợp lệ' })
  code?: string;

  @ApiPropertyOptional({ example: '0001', description: '4 số cuối số định danh cá nhân của người nộp' })
  @IsOptional()
  @IsString()
  @MaxLength(10, { message: '4 số cuối không hợp lệ' })
  idLast4?: string;
}
