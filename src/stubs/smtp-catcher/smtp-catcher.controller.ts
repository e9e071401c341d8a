import { Body, Controller, Get, Put, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { containsPattern } from '../../common/sql-like';
import { ProvinceAdmin } from '../../identity/auth.decorators';
import { DemoOnlyGuard } from '../demo-only.guard';
import { StubFaultsDto } from '../stub-faults.dto';
import { SmtpCatcher } from './smtp-catcher.service';

/** What the local mail catcher holds (demo: read the mails the portal sent), and its down switch. */
@ApiTags('stubs: hộp thư thử nghiệm')
@Controller('stubs/smtp-catcher')
@UseGuards(DemoOnlyGuard)
@ProvinceAdmin()
export class SmtpCatcherController {
  constructor(
    private readonly catcher: SmtpCatcher,
    private readonly ds: DataSource,
  ) {}

  @Get('messages')
  @ApiOperation({ summary: 'Thư đã nhận (mới nhất trước)' })
  async messages(@Query('to') to?: string) {
    const rows = await this.ds.query(
      `SELECT to_address, subject, text, duplicates, received_at FROM stubs.mail_messages
        WHERE ($1::text IS NULL OR to_address ILIKE $1) ORDER BY id DESC LIMIT 100`,
      [typeof to === 'string' ? containsPattern(to) : null],
    );
    return { port: this.catcher.port, down: this.catcher.down, ...(await this.catcher.stats()), items: rows };
  }

  @Put('faults')
  @ApiOperation({ summary: 'Giả lập máy chủ thư ngừng hoạt động' })
  faults(@Body() body: StubFaultsDto) {
    if (body.down !== undefined) this.catcher.down = body.down;
    return { down: this.catcher.down };
  }
}
