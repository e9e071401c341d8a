import { BadRequestException, Body, Controller, Get, HttpException, Param, Post, Query, Render, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { formatLocal, parseInstant } from '../common/local-time';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { ruleFor, statusLabel } from './dossier-state-machine';
import { QueueService } from './queue.service';
import { doneMessage, needsConfirmation } from './staff-actions';
import { StaffDossierService } from './staff-dossier.service';
import { WorkflowService } from './workflow.service';

const STAFF = ['CLERK', 'SPECIALIST', 'LEADER'] as const;

declare module 'express-session' {
  interface SessionData {
    /** The message of the last action on a dossier page, shown once after the redirect. */
    staffNotice?: { code: string; text: string };
  }
}

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
      mineFirst: user.role === 'SPECIALIST',
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
  async dossier(@CurrentUser() user: AuthUser, @Param('code') code: string, @Req() req: Request, @Res() res: Response) {
    const vm = await this.pages.page(user, code);
    // The message of the action just done (POST-redirect-GET): shown once.
    const notice = req.session?.staffNotice?.code === vm.d.code ? req.session.staffNotice.text : null;
    if (req.session?.staffNotice) delete req.session.staffNotice;
    return res.render('staff/dossier', { ...vm, notice });
  }

  /** The draft result as approval would render it, unsigned and marked "BẢN XEM TRƯỚC", shown inline. */
  @Get('ho-so/:code/ban-xem-truoc.pdf')
  @Authenticated(...STAFF, 'MANAGER')
  async preview(@CurrentUser() user: AuthUser, @Param('code') code: string, @Res() res: Response) {
    const { code: c, pdf } = await this.pages.previewPdf(user, code);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="ban-xem-truoc-${c.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Shown in a frame of the dossier page (same origin only); the PDF is ours and has no active content.
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(pdf);
  }

  @Post('ho-so/:code/thao-tac')
  @Authenticated(...STAFF)
  async act(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    const action = String(body.action ?? '');
    try {
      // Irreversible actions need the ticked "Tôi xác nhận…" (the page's checkbox; the API does not ask).
      if (needsConfirmation(action) && body.xacNhan !== '1') {
        throw new UnprocessableEntityException(`Chưa xác nhận: đánh dấu ô «Tôi xác nhận…» để ${ruleFor(action)?.label.toLocaleLowerCase('vi') ?? 'thực hiện thao tác'}. Hồ sơ chưa thay đổi.`);
      }
      // The form's datetime-local field sends "2026-12-02T16:00": Vietnam time, read by the one parser.
      const newDueAt = body.newDueAt ? parseInstant(body.newDueAt) : undefined;
      if (newDueAt === null) throw new BadRequestException('Ngày hẹn mới không hợp lệ: nhập ngày và giờ, ví dụ 02/12/2026 16:00');
      const v = await this.workflow.transition(user, code, action, {
        expectedVersion: Number(body.expectedVersion),
        reason: body.reason,
        assignee: body.assignee,
        toAgencyCode: body.toAgencyCode,
        newDueAt,
      });
      if (req.session) {
        const due = v.dueAt && !v.processingEndedAt ? formatLocal(new Date(v.dueAt)) : null;
        req.session.staffNotice = { code: v.code, text: doneMessage(ruleFor(action)?.label ?? action, v.code, statusLabel(v.status), due) };
      }
      return res.redirect(303, `/can-bo/ho-so/${encodeURIComponent(code)}`);
    } catch (e) {
      if (!(e instanceof HttpException) || e.getStatus() === 404 || e.getStatus() === 401) throw e;
      const vm = await this.pages.page(user, code);
      return res.status(e.getStatus()).render('staff/dossier', {
        ...vm,
        errors: [{ field: needsConfirmation(action) && body.xacNhan !== '1' ? `confirm-${action}` : `form-${action}`, message: e.message }],
        form: body,
        notice: null,
      });
    }
  }
}
