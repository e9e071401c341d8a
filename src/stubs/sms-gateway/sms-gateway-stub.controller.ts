import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Injectable, Post, Put, Query, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { ProvinceAdmin } from '../../identity/auth.decorators';
import { DemoOnlyGuard } from '../demo-only.guard';
import { StubFaultsDto } from '../stub-faults.dto';
import type { StubFaults } from '../national-portal/national-portal-stub.service';
import { apiInstant } from '../../common/api-json';

export class SmsDto {
  @ApiProperty({ example: '0912345678' }) @IsString() @Matches(/^\+?\d{9,15}$/) to: string;
  @ApiProperty() @IsString() @MaxLength(1000) text: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) reference?: string;
}

/** Stand-in for a brandname-SMS provider: records messages, de-duplicates on Idempotency-Key. */
@Injectable()
export class SmsGatewayStub {
  faults: StubFaults = { down: false, latencyMs: 0 };
  constructor(private readonly ds: DataSource) {}

  async receive(key: string, sms: SmsDto): Promise<{ accepted: true; duplicate: boolean }> {
    const rows: { inserted: boolean }[] = await this.ds.query(
      `INSERT INTO stubs.sms_messages (idempotency_key, to_number, text) VALUES ($1, $2, $3)
       ON CONFLICT (idempotency_key) DO UPDATE SET duplicates = stubs.sms_messages.duplicates + 1
       RETURNING (xmax = 0) AS inserted`,
      [key, sms.to, sms.text],
    );
    return { accepted: true, duplicate: !rows[0].inserted };
  }

  async list(to?: string): Promise<{ to: string; text: string; duplicates: number; receivedAt: string }[]> {
    const rows = await this.ds.query(
      `SELECT to_number, text, duplicates, received_at FROM stubs.sms_messages WHERE ($1::text IS NULL OR to_number = $1) ORDER BY id DESC LIMIT 200`,
      [to ?? null],
    );
    return rows.map((r: { to_number: string; text: string; duplicates: number; received_at: Date }) => ({
      to: r.to_number,
      text: r.text,
      duplicates: r.duplicates,
      receivedAt: apiInstant(r.received_at),
    }));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@ApiTags('stubs: cổng SMS')
@Controller('stubs/sms-gateway')
@UseGuards(DemoOnlyGuard)
export class SmsGatewayStubController {
  constructor(private readonly stub: SmsGatewayStub) {}

  @Post('api/messages')
  @HttpCode(202)
  @ApiOperation({ summary: 'Gửi tin nhắn SMS' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async send(@Headers('idempotency-key') key: string | undefined, @Body() body: SmsDto) {
    if (this.stub.faults.latencyMs) await sleep(this.stub.faults.latencyMs);
    if (this.stub.faults.down) throw new ServiceUnavailableException('Cổng SMS tạm ngừng');
    if (!key || key.length > 160) throw new BadRequestException('Thiếu tiêu đề Idempotency-Key');
    return this.stub.receive(key, body);
  }

  @Get('api/messages')
  @ProvinceAdmin()
  @ApiOperation({ summary: 'Tin nhắn đã nhận (quản trị)' })
  list(@Query('to') to?: string) {
    return this.stub.list(to);
  }

  @Put('faults')
  @ProvinceAdmin()
  faults(@Body() body: StubFaultsDto) {
    this.stub.faults = { ...this.stub.faults, ...body };
    return this.stub.faults;
  }
}
