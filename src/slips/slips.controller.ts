import { Controller, Get, Param, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { renderPdf } from '../documents/printable';
import { SlipsService } from './slips.service';

/** Printable slips: /can-bo/ho-so/{code}/phieu/{kind} (HTML) and …/{kind}.pdf; citizens: /ho-so/{code}/phieu/{kind}. */
@ApiExcludeController()
@Controller()
export class SlipsController {
  constructor(private readonly slips: SlipsService) {}

  /** The signed result for the citizen: download link and verification code. */
  @Get('ho-so/:code/ket-qua')
  @Authenticated()
  @Render('slips/result')
  result(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.slips.result(user, code);
  }

  @Get(['can-bo/ho-so/:code/phieu/:kind.pdf', 'ho-so/:code/phieu/:kind.pdf', 'api/v1/dossiers/:code/slips/:kind.pdf'])
  @Authenticated()
  async pdf(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('kind') kind: string, @Res() res: Response) {
    const doc = await this.slips.build(user, code, kind);
    const pdf = await renderPdf(doc);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${kind}-${code.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`);
    res.send(pdf);
  }

  @Get(['can-bo/ho-so/:code/phieu/:kind', 'ho-so/:code/phieu/:kind'])
  @Authenticated()
  async html(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('kind') kind: string, @Res() res: Response) {
    const doc = await this.slips.build(user, code, kind);
    res.render('slips/show', { title: doc.title, doc, code, kind, layout: 'layouts/main' });
  }
}
