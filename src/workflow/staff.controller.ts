import { BadRequestException, Body, Controller, Get, HttpException, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseInstant } from '../common/local-time';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { QueueService } from './queue.service';
import { StaffDossierService } from './staff-dossier.service';
import { WorkflowService } from './workflow.service';

const STAFF = ['CLERK', 'SPECIALIST', 'LEADER'] as const;

/** Cán bộ xử lý hồ sơ: inbox /can-bo and the dossier page /can-bo/ho-so/{code}. */
@ApiExcludeController()
@Controller('can-bo')
export class StaffController {
  constructor(
    private readonly queue: QueueService,
    private readonly workflow: WorkflowService,
    private readonly pages: StaffDossierService,
  ) {}

  @Get()
  @Authenticated(...STAFF)
  @Render('staff/inbox')
  async inbox(@CurrentUser() user: AuthUser, @Query() q: Record<string, string>) {
    const filter = {
      status: q.status || undefined,
      procedureCode: q.procedureCode || undefined,
      dueSoon: q.han === 'sap-het',
      overdue: q.han === 'qua-han',
      mine: q.cuaToi === '1',
      page: Number(q.page) || 1,
    };
    const [result, specialists, procedures] = await Promise.all([
      this.queue.list(user, filter),
      this.queue.specialists(user.agencyCode!),
      this.queue.procedures(user.agencyCode!),
    ]);
    return {
      title: 'Hồ sơ cần xử lý',
      ...result,
      query: q,
      specialists,
      procedures,
      canAssign: user.role === 'CLERK' || user.role === 'LEADER',
      assigned: q.daPhanCong,
      failed: q.loi,
      pages: Math.max(1, Math.ceil(result.total / result.pageSize)),
    };
  }

  /** Bulk assignment: each checked dossier "code:version" to one specialist; each is its own transition. */
  @Post('phan-cong')
  @Authenticated('CLERK', 'LEADER')
  async bulkAssign(@CurrentUser() user: AuthUser, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const raw = body.dossiers;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String).slice(0, 100);
    let ok = 0;
    let failed = 0;
    for (const item of list) {
      const [code, version] = item.split(':');
      try {
        await this.workflow.transition(user, code, 'assign', { expectedVersion: Number(version), assignee: String(body.assignee ?? '') });
        ok++;
      } catch (e) {
        if (!(e instanceof HttpException)) throw e;
        failed++;
      }
    }
    return res.redirect(303, `/can-bo?daPhanCong=${ok}&loi=${failed}`);
  }

  @Get('ho-so/:code')
  @Authenticated(...STAFF, 'MANAGER')
  @Render('staff/dossier')
  dossier(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.pages.page(user, code);
  }

  @Post('ho-so/:code/thao-tac')
  @Authenticated(...STAFF)
  async act(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: Record<string, string>, @Res() res: Response) {
    try {
      // The form's datetime-local field sends "2026-12-02T16:00": Vietnam time, read by the one parser.
      const newDueAt = body.newDueAt ? parseInstant(body.newDueAt) : undefined;
      if (newDueAt === null) throw new BadRequestException('Ngày hẹn mới không hợp lệ: nhập ngày và giờ, ví dụ 02/12/2026 16:00');
      await this.workflow.transition(user, code, String(body.action ?? ''), {
        expectedVersion: Number(body.expectedVersion),
        reason: body.reason,
        assignee: body.assignee,
        toAgencyCode: body.toAgencyCode,
        newDueAt,
      });
      return res.redirect(303, `/can-bo/ho-so/${encodeURIComponent(code)}`);
    } catch (e) {
      if (!(e instanceof HttpException) || e.getStatus() === 404 || e.getStatus() === 401) throw e;
      const vm = await this.pages.page(user, code);
      return res.status(e.getStatus()).render('staff/dossier', {
        ...vm,
        errors: [{ field: `form-${body.action}`, message: e.message }],
        form: body,
      });
    }
  }
}
