import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProvinceAdmin } from '../identity/auth.decorators';
import { OutboxAdminService } from './outbox-admin.service';

const CODE = /^[0-9A-Za-z.\-]{1,48}$/;

/** Quản trị — hàng đợi gửi đi (outbox): queue depth, oldest age, failures, retry. */
@ApiExcludeController()
@Controller('quan-tri/outbox')
@ProvinceAdmin()
export class OutboxAdminController {
  constructor(private readonly admin: OutboxAdminService) {}

  @Get()
  @Render('admin/outbox')
  async page(@Query('hoSo') code?: string, @Query('daGui') retried?: string) {
    // Sync counters only: the notifications themselves (addresses, contents) are dossier data, not for administrators.
    const lookup = code && CODE.test(code) ? await this.admin.syncState(code) : null;
    return {
      title: 'Hàng đợi gửi đi',
      stats: await this.admin.stats(),
      problems: await this.admin.problems(),
      code: code ?? '',
      lookup,
      retried: retried === '1',
    };
  }

  @Post(':id/gui-lai')
  async retry(@Param('id') id: string, @Res() res: Response, @Body() _body: unknown) {
    await this.admin.retry(id);
    res.redirect(303, '/quan-tri/outbox?daGui=1');
  }

  @Post('gui-lai-tat-ca')
  async retryAll(@Res() res: Response) {
    await this.admin.retryAllDead();
    res.redirect(303, '/quan-tri/outbox?daGui=1');
  }
}
