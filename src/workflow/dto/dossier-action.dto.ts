import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { DOSSIER_ACTIONS } from '../../dossiers/dossier.types';

const ACTIONS = DOSSIER_ACTIONS.filter((a) => a !== 'submit');

export class DossierActionDto {
  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS, { message: `action phải là một trong: ${ACTIONS.join(', ')}` })
  action: string;

  @ApiProperty({ description: 'Phiên bản hồ sơ đang xem (chống ghi đè)' })
  @IsInt({ message: 'expectedVersion phải là số nguyên' })
  @Min(1)
  expectedVersion: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Mã người dùng (uuid) hoặc tên đăng nhập của chuyên viên' })
  @IsOptional() @IsString() @MaxLength(64)
  assignee?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(24)
  toAgencyCode?: string;

  @ApiPropertyOptional({ description: 'Ngày hẹn mới (ISO 8601) khi gia hạn' })
  @IsOptional() @IsString() @MaxLength(40)
  newDueAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional() @IsOptional() @IsObject()
  documents?: Record<string, string[]>;
}
