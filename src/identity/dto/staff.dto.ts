import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, type Role } from '../user.entity';
import { PASSWORD_PATTERN, PERSON_NAME_PATTERN } from './auth.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' && value.length <= 1000 ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value);

export class CreateStaffDto {
  @ApiProperty({ example: 'clerk2.026.ptp', description: 'chữ thường, số, dấu chấm, gạch; không phải 12 chữ số' })
  @Transform(({ value }) => (typeof value === 'string' && value.length <= 200 ? value.trim().toLowerCase() : value))
  @IsString({ message: 'Tên đăng nhập không hợp lệ' })
  @Matches(/^(?![0-9]{12}$)[a-z0-9][a-z0-9._-]{2,63}$/, {
    message: 'Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang (không dùng dạng 12 chữ số của công dân)',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @Transform(trim)
  @IsString({ message: 'Vui lòng nhập họ và tên' })
  @IsNotEmpty({ message: 'Vui lòng nhập họ và tên' })
  @MaxLength(100, { message: 'Họ và tên không được dài quá 100 ký tự' })
  @Matches(PERSON_NAME_PATTERN, { message: 'Họ và tên chỉ gồm chữ cái, dấu cách, dấu nháy đơn hoặc gạch nối' })
  fullName: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: 'Vai trò không hợp lệ' })
  role: Role;

  @ApiProperty({ example: '026.PTP' })
  @IsString({ message: 'Vui lòng chọn cơ quan' })
  @Matches(/^[0-9]{2,5}\.[A-Z]{1,10}$/, { message: 'Vui lòng chọn cơ quan' })
  agencyCode: string;

  @ApiProperty({ description: 'Mật khẩu ban đầu: ít nhất 8 ký tự, có cả chữ và số' })
  @IsString({ message: 'Mật khẩu phải có ít nhất 8 ký tự, gồm cả chữ và số' })
  @MinLength(8, { message: 'Mật khẩu phải có ít nhất 8 ký tự' })
  @MaxLength(128, { message: 'Mật khẩu không được dài quá 128 ký tự' })
  @Matches(PASSWORD_PATTERN, { message: 'Mật khẩu phải có cả chữ và số' })
  password: string;
}

export class StaffListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(24)
  agencyCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,5}$/, { message: 'page phải là số nguyên' })
  page?: string;
}
