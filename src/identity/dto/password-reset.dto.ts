import { PickType } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { RegisterDto } from './auth.dto';

/** Step 1 of "Quên mật khẩu": the identity as the registry holds it (same rules as registration). */
export class ResetIdentityDto extends PickType(RegisterDto, ['personalId', 'fullName', 'dateOfBirth'] as const) {}

/** Step 2: the code received and the new password (same password rules as registration). */
export class ResetPasswordDto extends PickType(RegisterDto, ['password'] as const) {
  @IsString({ message: 'Vui lòng nhập mã xác nhận gồm 6 chữ số' })
  @Matches(/^[0-9]{6}$/, { message: 'Mã xác nhận gồm đúng 6 chữ số' })
  code: string;
}
