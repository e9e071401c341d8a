import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { INSTANT_DESCRIPTION, parseInstant } from '../../common/local-time';
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

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-12-02T16:00:00+07:00',
    description: `Ngày hẹn trả kết quả mới khi xin lỗi và hẹn lại (extend): một thời điểm làm việc (trong giờ làm việc của một ngày làm việc theo lịch), sau hạn hiện tại. ${INSTANT_DESCRIPTION}`,
  })
  @IsOptional()
  @Transform(({ value }) => (value === '' || value === null || value === undefined ? undefined : (parseInstant(value) ?? value)))
  @IsDate({ message: 'newDueAt phải là thời điểm ISO 8601, ví dụ 2026-12-02T16:00:00+07:00 (không ghi múi giờ thì hiểu là giờ Việt Nam)' })
  newDueAt?: Date;

  @ApiPropertyOptional() @IsOptional() @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional() @IsOptional() @IsObject()
  documents?: Record<string, string[]>;
}
