import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Put, ServiceUnavailableException, UseGuards, BadRequestException } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { INSTANT_DESCRIPTION } from '../../common/local-time';
import { IsInstant } from '../../common/validation';
import { ProvinceAdmin } from '../../identity/auth.decorators';
import { DemoOnlyGuard } from '../demo-only.guard';
import { StubFaultsDto } from '../stub-faults.dto';
import { NationalPortalStub } from './national-portal-stub.service';

/** Status-update document the provincial portal pushes (one per dossier event). */
export class StatusUpdateDto {
  @ApiProperty({ example: '026.PTP-261120-0001' }) @IsString() @MaxLength(48) dossierCode: string;
  @ApiProperty() @IsString() @MaxLength(40) procedureCode: string;
  @ApiProperty({ example: '026.PTP' }) @IsString() @MaxLength(24) agencyCode: string;
  @ApiProperty({ example: '02' }) @IsString() @MaxLength(2) provinceCode: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() fromStatus: string | null;
  @ApiProperty({ example: 'RECEIVED' }) @IsString() @MaxLength(24) status: string;
  @ApiProperty({ example: 'receive' }) @IsString() @MaxLength(40) action: string;
  @ApiProperty({ format: 'date-time', description: `Thời điểm thay đổi trạng thái. ${INSTANT_DESCRIPTION}` }) @IsInstant() changedAt: string;
  @ApiPropertyOptional({ nullable: true, format: 'date-time', description: `Hạn giải quyết. ${INSTANT_DESCRIPTION}` }) @IsOptional() @IsInstant() dueAt: string | null;
  @ApiProperty() @IsString() @MaxLength(60) eventId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@ApiTags('stubs: Cổng DVC quốc gia')
@Controller('stubs/national-portal')
@UseGuards(DemoOnlyGuard)
export class NationalPortalStubController {
  constructor(private readonly stub: NationalPortalStub) {}

  @Post('api/status-updates')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nhận cập nhật trạng thái hồ sơ (khử trùng lặp theo Idempotency-Key)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async receive(@Headers('idempotency-key') key: string | undefined, @Body() body: StatusUpdateDto) {
    if (this.stub.faults.latencyMs) await sleep(this.stub.faults.latencyMs);
    if (this.stub.faults.down) throw new ServiceUnavailableException('Cổng DVC quốc gia đang bảo trì');
    if (!key || key.length > 160) throw new BadRequestException('Thiếu tiêu đề Idempotency-Key');
    return this.stub.receive(key, body);
  }

  @Get('dossiers/:code')
  @ApiOperation({ summary: 'Những gì Cổng DVC quốc gia đã được báo về hồ sơ' })
  async dossier(@Param('code') code: string) {
    if (this.stub.faults.down) throw new ServiceUnavailableException('Cổng DVC quốc gia đang bảo trì');
    const d = await this.stub.find(code);
    if (!d) throw new NotFoundException('Cổng DVC quốc gia chưa nhận được hồ sơ này');
    return { code: d.code, status: d.status, updatesReceived: d.updatesReceived, duplicatesIgnored: d.duplicatesIgnored, dueAt: d.dueAt };
  }

  @Put('faults')
  @ProvinceAdmin()
  @ApiOperation({ summary: 'Giả lập sự cố: ngừng hoạt động hoặc chậm (quản trị, thử nghiệm)' })
  faults(@Body() body: StubFaultsDto) {
    return this.stub.setFaults(body);
  }
}
