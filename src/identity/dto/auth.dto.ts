import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { isIsoDate } from '../../registry/normalize';

/** A real calendar date written YYYY-MM-DD, not in the future and not before 1900. */
export function IsRealDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRealDate',
      target: object.constructor,
      propertyName,
      options: { message: 'Ngày sinh phải là một ngày có thật, dạng YYYY-MM-DD', ...options },
      validator: {
        validate: (v: unknown) => isIsoDate(v) && v >= '1900-01-01' && v <= new Date().toISOString().slice(0, 10),
      },
    });
}

export const PERSONAL_ID_PATTERN = /^[0-9]{12}$/;
/** Letters with their diacritics, spaces, apostrophes (H'Mông names), hyphens and dots. */
export const PERSON_NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}' .\-]*$/u;
/** Vietnamese mobile numbers: 0 or +84 followed by 9 digits starting 3, 5, 7, 8 or 9. */
export const VN_PHONE_PATTERN = /^(0|\+84)[35789][0-9]{8}$/;
export const PASSWORD_PATTERN = /^(?=.*\p{L})(?=.*[0-9]).+$/u;

export class LoginDto {
  @ApiProperty({ description: 'Số định danh cá nhân (công dân) hoặc tên đăng nhập (cán bộ)', example: '002094990001' })
  @IsString({ message: 'Vui lòng nhập tên đăng nhập' })
  @IsNotEmpty({ message: 'Vui lòng nhập tên đăng nhập' })
  @MaxLength(64, { message: 'Tên đăng nhập không được dài quá 64 ký tự' })
  username: string;

  @ApiProperty({ example: 'CongDan@2026' })
  @IsString({ message: 'Vui lòng nhập mật khẩu' })
  @IsNotEmpty({ message: 'Vui lòng nhập mật khẩu' })
  @MaxLength(200, { message: 'Mật khẩu không được dài quá 200 ký tự' })
  password: string;
}

export class RegisterDto {
  @ApiProperty({ description: 'Số định danh cá nhân: 12 chữ số', example: '002094990001' })
  @IsString({ message: 'Số định danh cá nhân phải gồm 12 chữ số' })
  @Matches(PERSONAL_ID_PATTERN, { message: 'Số định danh cá nhân phải gồm đúng 12 chữ số' })
  personalId: string;

  @ApiProperty({ example: 'Hoàng Văn Thắng' })
  @Transform(({ value }) => (typeof value === 'string' && value.length <= 1000 ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value))
  @IsString({ message: 'Vui lòng nhập họ và tên' })
  @IsNotEmpty({ message: 'Vui lòng nhập họ và tên' })
  @MaxLength(100, { message: 'Họ và tên không được dài quá 100 ký tự' })
  @Matches(PERSON_NAME_PATTERN, { message: 'Họ và tên chỉ gồm chữ cái, dấu cách, dấu nháy đơn hoặc gạch nối' })
  fullName: string;

  @ApiProperty({ example: '1994-03-15' })
  @IsString({ message: 'Ngày sinh phải là một ngày có thật, dạng YYYY-MM-DD' })
  @IsRealDate()
  dateOfBirth: string;

  @ApiProperty({ example: '0912345678' })
  @Transform(({ value }) => (typeof value === 'string' && value.length <= 100 ? value.replace(/[\s.]/g, '') : value))
  @IsString({ message: 'Số điện thoại không hợp lệ' })
  @Matches(VN_PHONE_PATTERN, { message: 'Số điện thoại di động không hợp lệ (ví dụ 0912345678)' })
  phone: string;

  @ApiProperty({ example: 'congdan@example.vn' })
  @Transform(({ value }) => (typeof value === 'string' && value.length <= 1000 ? value.trim() : value))
  @IsString({ message: 'Thư điện tử không hợp lệ' })
  @MaxLength(200, { message: 'Thư điện tử không được dài quá 200 ký tự' })
  @IsEmail({}, { message: 'Thư điện tử không hợp lệ' })
  email: string;

  @ApiProperty({ description: 'Ít nhất 8 ký tự, có cả chữ và số' })
  @IsString({ message: 'Mật khẩu phải có ít nhất 8 ký tự, gồm cả chữ và số' })
  @MinLength(8, { message: 'Mật khẩu phải có ít nhất 8 ký tự' })
  @MaxLength(128, { message: 'Mật khẩu không được dài quá 128 ký tự' })
  @Matches(PASSWORD_PATTERN, { message: 'Mật khẩu phải có cả chữ và số' })
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'Vui lòng nhập mật khẩu hiện tại' })
  @IsNotEmpty({ message: 'Vui lòng nhập mật khẩu hiện tại' })
  @MaxLength(200, { message: 'Mật khẩu không được dài quá 200 ký tự' })
  currentPassword: string;

  @ApiProperty({ description: 'Ít nhất 8 ký tự, có cả chữ và số' })
  @IsString({ message: 'Mật khẩu mới phải có ít nhất 8 ký tự, gồm cả chữ và số' })
  @MinLength(8, { message: 'Mật khẩu mới phải có ít nhất 8 ký tự' })
  @MaxLength(128, { message: 'Mật khẩu mới không được dài quá 128 ký tự' })
  @Matches(PASSWORD_PATTERN, { message: 'Mật khẩu mới phải có cả chữ và số' })
  newPassword: string;
}
