import { Body, Controller, Get, HttpException, Param, Post, Query, Render, Res } from '@nestjs/common';
import { Clock } from '../common/clock';
import { localDateOf } from '../common/local-time';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { CalendarService } from './calendar.service';

/** Quản trị lịch làm việc: /quan-tri/lich (admins). */
@ApiExcludeController()
@Controller('quan-tri/lich')
@Authenticated('ADMIN')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Render('calendar/index')
  async index(@Query('year') yearRaw?: string) {
    return this.view(yearRaw);
  }

  @Post()
  async save(@CurrentUser() user: AuthUser, @Body() body: Record<string, string>, @Res() res: Response) {
    try {
      const row = await this.calendar.upsertException(user, body.date ?? '', body);
      return res.redirect(303, `/quan-tri/lich?year=${row.date.slice(0, 4)}`);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === 403) throw e;
      const message = e instanceof Error ? e.message : 'Dữ liệu không hợp lệ';
      const field = /Ngày/.test(message) ? 'date' : /name|Tên/.test(message) ? 'name' : 'working';
      const vm = await this.view(body.date?.slice(0, 4), { errors: [{ field, message }], form: body });
      return res.status(400).render('calendar/index', vm);
    }
  }

  @Post(':date/xoa')
  async remove(@CurrentUser() user: AuthUser, @Param('date') date: string, @Res() res: Response) {
    await this.calendar.deleteException(user, date);
    return res.redirect(303, `/quan-tri/lich?year=${date.slice(0, 4)}`);
  }

  private async view(yearRaw?: string, extra: Record<string, unknown> = {}) {
    const year = yearRaw && /^\d{4}$/.test(yearRaw) ? yearRaw : localDateOf(this.clock.now()).slice(0, 4);
    const items = await this.calendar.listExceptions(year);
    return {
      title: `Lịch làm việc năm ${year}`,
      year,
      prevYear: Number(year) - 1,
      nextYear: Number(year) + 1,
      items,
      form: {},
      ...extra,
    };
  }
}
