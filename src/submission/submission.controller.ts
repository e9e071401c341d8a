import { Body, Controller, Get, HttpException, Param, Post, Query, Render, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UploadInterceptor, type UploadedPart } from '../files/upload.interceptor';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { statusLabel } from '../workflow/dossier-state-machine';
import { CitizenPagesService } from './citizen-pages.service';
import { DossiersService } from '../dossiers/dossiers.service';
import { LookupThrottle } from '../dossiers/lookup-throttle';
import { NEWBORN_FORM } from './intake-pages.service';
import { SubmissionPagesService } from './submission-pages.service';

type MultipartRequest = Request & { files?: UploadedPart[] };

function pageNumber(v: unknown): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 10000 ? n : 1;
}

/** Citizen pages: the form, the acknowledgement, "Hồ sơ của tôi" and the public status lookup. */
@ApiExcludeController()
@Controller()
export class SubmissionController {
  constructor(
    private readonly forms: SubmissionPagesService,
    private readonly citizen: CitizenPagesService,
    private readonly dossiers: DossiersService,
    private readonly throttle: LookupThrottle,
  ) {}

  @Get('nop-ho-so/:code')
  @Authenticated('CITIZEN')
  async form(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Res() res: Response,
    @Query('draft') draft?: string,
    @Query('da-luu') saved?: string,
    @Query('loi') refused?: string,
  ) {
    const draftId = typeof draft === 'string' ? draft : undefined;
    // A draft of the newborn life event is listed with the others: it opens on its own form.
    if (code === NEWBORN_FORM.code) return res.redirect(302, draftId ? `${NEWBORN_FORM.path}?draft=${encodeURIComponent(draftId)}` : NEWBORN_FORM.path);
    return res.render('dossiers/form', await this.forms.formPage(user, code, draftId, saved === '1', refused === '1'));
  }

  @Post('nop-ho-so/:code')
  @Authenticated('CITIZEN')
  @UseInterceptors(UploadInterceptor('any'))
  async submit(@CurrentUser() user: AuthUser, @Param('code') code: string, @Req() req: MultipartRequest, @Res() res: Response) {
    const outcome = await this.forms.post(user, code, req.body ?? {}, req.files ?? []);
    if ('redirect' in outcome) return res.redirect(303, outcome.redirect);
    return res.status(outcome.status).render('dossiers/form', outcome.model);
  }

  @Get('ho-so/:code/xac-nhan')
  @Authenticated('CITIZEN')
  @Render('dossiers/acknowledgement')
  acknowledgement(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.citizen.acknowledgement(user, code);
  }

  @Get('ho-so/:code/xac-nhan.pdf')
  @Authenticated('CITIZEN')
  async receipt(@CurrentUser() user: AuthUser, @Param('code') code: string, @Res() res: Response) {
    const pdf = await this.citizen.receiptPdf(user, code);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="bien-nhan-${code.replace(/[^0-9A-Za-z.-]/g, '_')}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(pdf);
  }

  @Get('ho-so-cua-toi')
  @Authenticated('CITIZEN')
  @Render('citizen/my-dossiers')
  mine(@CurrentUser() user: AuthUser, @Query('page') page?: string) {
    return this.citizen.myDossiers(user, pageNumber(page));
  }

  @Get('ho-so-cua-toi/:code')
  @Authenticated('CITIZEN')
  @Render('citizen/dossier')
  detail(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query('tb') notice?: string) {
    const notices: Record<string, string> = { rut: 'Đã rút hồ sơ.', 'bo-sung': 'Đã gửi hồ sơ bổ sung.' };
    return this.citizen.detail(user, code, { notice: typeof notice === 'string' ? notices[notice] : undefined });
  }

  @Post('ho-so-cua-toi/:code/rut')
  @Authenticated('CITIZEN')
  async withdraw(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    try {
      await this.citizen.withdraw(user, code, Number(body?.expectedVersion), typeof body?.reason === 'string' ? body.reason : undefined);
      return res.redirect(303, `/ho-so-cua-toi/${encodeURIComponent(code)}?tb=rut`);
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() === 404) throw err;
      return res.status(err.getStatus()).render('citizen/dossier', await this.citizen.detail(user, code, { errors: [{ field: 'withdraw', message: err.message }] }));
    }
  }

  @Post('ho-so-cua-toi/:code/bo-sung')
  @Authenticated('CITIZEN')
  @UseInterceptors(UploadInterceptor('any'))
  async supplement(@CurrentUser() user: AuthUser, @Param('code') code: string, @Req() req: MultipartRequest, @Res() res: Response) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      await this.citizen.supplement(user, code, Number(body.expectedVersion), typeof body.note === 'string' ? body.note : undefined, req.files ?? []);
      return res.redirect(303, `/ho-so-cua-toi/${encodeURIComponent(code)}?tb=bo-sung`);
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() === 404) throw err;
      return res.status(err.getStatus()).render('citizen/dossier', await this.citizen.detail(user, code, { errors: [{ field: 'supplement', message: err.message }] }));
    }
  }

  @Get('tra-cuu')
  async lookup(@Query('code') code: unknown, @Query('idLast4') idLast4: unknown, @Req() req: Request, @Res() res: Response) {
    const model: Record<string, unknown> = { title: 'Tra cứu hồ sơ', code: typeof code === 'string' ? code.slice(0, 60) : '', idLast4: '' };
    // The form was sent with a field left empty: say which, in Vietnamese (never a silent page).
    // (A link with the code alone — the receipt's QR code — opens the form without a message.)
    if (idLast4 !== undefined && !(typeof code === 'string' && code.trim() !== '' && typeof idLast4 === 'string' && idLast4 !== '')) {
      const errors: { field: string; message: string }[] = [];
      if (typeof code !== 'string' || code.trim() === '') errors.push({ field: 'code', message: 'Vui lòng nhập mã hồ sơ (in trên giấy tiếp nhận hoặc trong thư báo).' });
      if (typeof idLast4 !== 'string' || idLast4 === '') errors.push({ field: 'idLast4', message: 'Vui lòng nhập 4 số cuối số định danh cá nhân của người nộp hồ sơ.' });
      model.errors = errors;
      return res.status(400).render('lookup/index', model);
    }
    if (typeof idLast4 === 'string' && idLast4 !== '' && typeof code === 'string' && code !== '') {
      try {
        await this.throttle.hit(req.ip ?? 'unknown');
        const r = await this.dossiers.lookup(code, idLast4);
        model.result = { ...r, statusLabel: statusLabel(r.status) };
      } catch (err) {
        if (!(err instanceof HttpException)) throw err;
        res.status(err.getStatus());
        const headers = (err.getResponse() as { headers?: Record<string, string> }).headers;
        if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
        model.errors = [{ field: 'code', message: err.message }];
      }
    }
    model.description = 'Tra cứu tình trạng giải quyết hồ sơ bằng mã hồ sơ và 4 số cuối số định danh cá nhân, không cần đăng nhập.';
    return res.render('lookup/index', model);
  }
}
