import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { UNIT_LEVELS, type UnitLevel } from '../../units/administrative-unit.entity';
import type { OnlineLevel } from '../procedure.types';

export class ProceduresQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Từ khóa, không phân biệt dấu và hoa thường' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Từ khóa tìm kiếm tối đa 200 ký tự' })
  q?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional()
  @IsIn(UNIT_LEVELS, { message: 'level phải là PROVINCE, DISTRICT hoặc COMMUNE' })
  level?: UnitLevel;

  @ApiPropertyOptional({ description: 'Mã lĩnh vực, ví dụ ho-tich' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,100}$/, { message: 'sector phải là mã lĩnh vực (chữ thường, số, gạch ngang)' })
  sector?: string;

  @ApiPropertyOptional({ description: 'Loại cơ quan có thẩm quyền, ví dụ JUSTICE' })
  @IsOptional()
  @Matches(/^[A-Z_]{2,40}$/, { message: 'agencyKind phải là mã loại cơ quan, ví dụ JUSTICE' })
  agencyKind?: string;

  @ApiPropertyOptional({ enum: ['FULL', 'PARTIAL'] })
  @IsOptional()
  @IsIn(['FULL', 'PARTIAL'], { message: 'onlineLevel phải là FULL hoặc PARTIAL' })
  onlineLevel?: OnlineLevel;
}
