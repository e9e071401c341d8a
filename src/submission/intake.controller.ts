import { Controller, Get, Param, Post, Query, Render, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UploadInterceptor, type UploadedPart } from '../files/upload.interceptor';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { IntakePagesService } from './intake-pages.service';

type MultipartRequest = Request & { files?: UploadedPart[] };

/** Counter intake for clerks and the newborn life-event form for citizens. */
@ApiExcludeController()
@Controller()
export class IntakeController {
  constructor(private readonly intake: IntakePagesService) {}

  @Get('can-bo/tiep-nhan-truc-tiep')
  @Authenticated('CLERK')
  async counterStart(@CurrentUser() clerk: AuthUser, @Query('personalId') personalId: unknown, @Query('procedureCode') procedureCode: unknown, @Res() res: Response) {
    const r = await this.intake.counterStart(clerk, {
      personalId: typeof personalId === 'string' ? personalId.slice(0, 20) : undefined,
      procedureCode: typeof procedureCode === 'string' ? procedureCode.slice(0, 40) : undefined,
    });
    return res.status(r.status ?? 200).render(r.view, r.model);
  }

  @Post('can-bo/tiep-nhan-truc-tiep')
  @Authenticated('CLERK')
  @UseInterceptors(UploadInterceptor('any'))
  async counterSubmit(@CurrentUser() clerk: AuthUser, @Req() req: MultipartRequest, @Res() res: Response) {
    const outcome = await this.intake.counterSubmit(clerk, req.body ?? {}, req.files ?? []);
    if ('redirect' in outcome) return res.redirect(303, outcome.redirect);
    return res.status(outcome.status).render('dossiers/form', outcome.model);
  }

  @Get('can-bo/tiep-nhan-truc-tiep/xong/:code')
  @Authenticated('CLERK')
  @Render('dossiers/counter-done')
  counterDone(@CurrentUser() clerk: AuthUser, @Param('code') code: string) {
    return this.intake.counterDone(clerk, code);
  }

  @Get('su-kien/khai-sinh')
  @Authenticated('CITIZEN')
  @Render('dossiers/form')
  newborn(@CurrentUser() user: AuthUser, @Query('draft') draft?: unknown, @Query('da-luu') saved?: unknown, @Query('loi') refused?: unknown) {
    return this.intake.newbornPage(user, typeof draft === 'string' ? draft : undefined, saved === '1', refused === '1');
  }

  @Post('su-kien/khai-sinh')
  @Authenticated('CITIZEN')
  @UseInterceptors(UploadInterceptor('any'))
  async newbornSubmit(@CurrentUser() user: AuthUser, @Req() req: MultipartRequest, @Res() res: Response) {
    const outcome = await this.intake.newbornSubmit(user, req.body ?? {}, req.files ?? []);
    if ('redirect' in outcome) return res.redirect(303, outcome.redirect);
    return res.status(outcome.status).render('dossiers/form', outcome.model);
  }
}
