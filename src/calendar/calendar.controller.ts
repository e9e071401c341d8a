import { Body, Controller, Get, HttpException, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Clock } from '../common/clock';
import { localDateOf } from '../common/local-time';
import { viDate } from '../common/vi-labels';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { MovedDossier } from './calendar-change';
import { CalendarService, type CalendarEditResult } from './calendar.service';

/** What the page shows once after an edit (post-redirect-get): the day and the due dates it moved. */
interface CalendarEditNotice {
  date: string;
  deleted: boolean;
  total: number;
  moved: MovedDossier[];
}

declare module 'express-session' {
  interface SessionData {
    calendarEdit?: CalendarEditNotice;
  }
}

/** The page lists at most this many moved dossiers (the API and each dossier's history have them all). */
const NOTICE_LIMIT = 200;

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
  async index(@Req() req: Request, @Query('year') yearRaw?: string, @Query('sua') edit?: string) {
    const notice = req.session?.calendarEdit;
    if (req.session && notice) delete req.session.calendarEdit;
    return this.view(yearRaw, { notice, edit });
  }

  @Post()
  async save(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, string>, @Res() res: Response) {
    try {
      const date = body.date ?? '';
      const result = await this.calendar.upsertException(user, date, body);
      return this.done(req, res, date, false, result);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === 403) throw e;
      const message = e instanceof Error ? e.message : 'Dữ liệu không hợp lệ';
      const field = /Ngày/.test(message) ? 'date' : /name|Tên/.test(message) ? 'name' : /legalSource|Căn cứ/.test(message) ? 'legalSource' : 'working';
      const status = e instanceof HttpException ? e.getStatus() : 400;
      const vm = await this.view(body.date?.slice(0, 4), { errors: [{ field, message }], form: body });
      return res.status(status === 409 ? 409 : 400).render('calendar/index', vm);
    }
  }

  @Post(':date/xoa')
  async remove(@CurrentUser() user: AuthUser, @Req() req: Request, @Param('date') date: string, @Res() res: Response) {
    try {
      return this.done(req, res, date, true, await this.calendar.deleteException(user, date));
    } catch (e) {
      if (!(e instanceof HttpException) || e.getStatus() === 403) throw e;
      // Said for people: the day as they read it, never the API's format hint.
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && e.getStatus() !== 400;
      const message = valid ? `Không có ngày ngoại lệ này trong lịch: ngày ${viDate(date)} không có trong danh sách (có thể đã được xóa trước đó).` : 'Không xóa được: ngày cần xóa không hợp lệ. Vui lòng chọn nút "Xóa ngày" trong bảng bên dưới.';
      const vm = await this.view(/^\d{4}/.test(date) ? date.slice(0, 4) : undefined, { errors: [{ field: 'date', message }] });
      return res.status(e.getStatus()).render('calendar/index', vm);
    }
  }

  private done(req: Request, res: Response, date: string, deleted: boolean, result: CalendarEditResult) {
    if (req.session) {
      req.session.calendarEdit = { date, deleted, total: result.movedDossiers.length, moved: result.movedDossiers.slice(0, NOTICE_LIMIT) };
    }
    return res.redirect(303, `/quan-tri/lich?year=${date.slice(0, 4)}`);
  }

  private async view(yearRaw?: string, extra: { notice?: CalendarEditNotice; edit?: string; errors?: unknown[]; form?: Record<string, string> } = {}) {
    const year = yearRaw && /^\d{4}$/.test(yearRaw) ? yearRaw : localDateOf(this.clock.now()).slice(0, 4);
    const items = await this.calendar.listExceptions(year);
    // "Sửa": the form filled with the day chosen in the table.
    const editing = extra.edit ? items.find((i) => i.date === extra.edit) : undefined;
    const form = extra.form ?? (editing ? { ...editing, working: String(editing.working), note: editing.note ?? '', legalSource: editing.legalSource ?? '' } : {});
    return {
      title: `Lịch làm việc năm ${year}`,
      year,
      prevYear: Number(year) - 1,
      nextYear: Number(year) + 1,
      items,
      editing: !!editing,
      notice: extra.notice,
      errors: extra.errors,
      form,
    };
  }
}
