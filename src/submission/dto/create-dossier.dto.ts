import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class SubjectDto {
  @ApiProperty({ description: 'Họ và tên người được nộp thay (ví dụ trẻ mới sinh)' })
  @IsString({ message: 'subject.fullName phải là chuỗi ký tự' })
  @MaxLength(200, { message: 'subject.fullName không được dài quá 200 ký tự' })
  fullName: string;

  @ApiPropertyOptional({ description: 'Số định danh cá nhân (nếu đã có)' })
  @IsOptional()
  @IsString({ message: 'subject.personalId phải là chuỗi ký tự' })
  @MaxLength(12, { message: 'subject.personalId phải gồm 12 chữ số' })
  personalId?: string;

  @ApiPropertyOptional({ description: 'Quan hệ với người nộp (ví dụ: con)' })
  @IsOptional()
  @IsString({ message: 'subject.relationship phải là chuỗi ký tự' })
  @MaxLength(60, { message: 'subject.relationship không được dài quá 60 ký tự' })
  relationship?: string;
}

/** The fixed part of a submission; `data` is checked against the procedure's own form (JSON Schema, ajv). */
export class CreateDossierDto {
  @ApiProperty({ example: '1.001193' })
  @IsString({ message: 'procedureCode phải là chuỗi ký tự' })
  @MaxLength(40, { message: 'procedureCode không được dài quá 40 ký tự' })
  procedureCode: string;

  @ApiPropertyOptional({ description: 'Cơ quan tiếp nhận; mặc định theo nơi cư trú trong CSDL dân cư', example: '00691.TPHT' })
  @IsOptional()
  @IsString({ message: 'agencyCode phải là chuỗi ký tự' })
  @Matches(/^[0-9A-Z.]{1,24}$/, { message: 'agencyCode không hợp lệ' })
  agencyCode?: string;

  @ApiProperty({ description: '{fieldKey: value} theo tờ khai của thủ tục', type: 'object', additionalProperties: true })
  @IsObject({ message: 'data phải là một đối tượng JSON {mã trường: giá trị}' })
  data: Record<string, unknown>;

  @ApiPropertyOptional({ description: '{documentKey: [fileId]} — tệp đã tải lên qua POST /api/v1/files', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: 'documents phải là một đối tượng JSON {mã giấy tờ: [mã tệp]}' })
  documents?: Record<string, string[]>;

  @ApiPropertyOptional({ description: 'Phản ánh của công dân khi thấy dữ liệu dân cư chưa đúng' })
  @IsOptional()
  @IsString({ message: 'registryNote phải là chuỗi ký tự' })
  @MaxLength(1000, { message: 'registryNote không được dài quá 1000 ký tự' })
  registryNote?: string;

  @ApiPropertyOptional({ type: SubjectDto, description: 'Người được nộp thay, khi thủ tục cho phép' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject?: SubjectDto;
}
