import { Controller, Get, Param, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { footNote, renderPdf } from '../documents/printable';
import { SlipsService } from './slips.service';

/** Staff who may read a dossier's slips on the staff pages (managers read; admins do not). */
const STAFF_READERS = ['CLERK', 'SPECIALIST', 'LEADER', 'MANAGER'] as const;

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

  // One handler per audience: the staff routes for staff roles, the citizen's for citizens (403
  // otherwise), the API for anyone signed in; the dossier gate then decides about the dossier itself.
  @Get('can-bo/ho-so/:code/phieu/:kind.pdf')
  @Authenticated(...STAFF_READERS)
  staffPdf(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('kind') kind: string, @Res() res: Response) {
    return this.sendPdf(user, code, kind, res);
  }

  @Get('ho-so/:code/phieu/:kind.pdf')
  @Authenticated('CITIZEN')
  citizenPdf(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('kind') kind: string, @Res() res: Response) {
    return this.sendPdf(user, code, kind, res);
  }

  @Get('api/v1/dossiers/:code/slips/:kind.pdf')
  @Authenticated()
  apiPdf(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('kind') kind: string, @Res() res: Response) {
    return this.sendPdf(user, code, kind, res);
  }

  @Get('can-bo/ho-so/:code/phieu/:kind')
  @Authenticated(...STAFF_READERS)
  staffHtml(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('kind') kind: string, @Res() res: Response) {
    return this.sendHtml(user, code, kind, res);
  }

  @Get('ho-so/:code/phieu/:kind')
  @Authenticated('CITIZEN')
  citizenHtml(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('kind') kind: string, @Res() res: Response) {
    return this.sendHtml(user, code, kind, res);
  }

  private async sendPdf(user: AuthUser, code: string, kind: string, res: Response) {
    const doc = await this.slips.build(user, code, kind);
    const pdf = await renderPdf(doc);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${kind}-${code.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`);
    res.send(pdf);
  }

  private async sendHtml(user: AuthUser, code: string, kind: string, res: Response) {
    const doc = await this.slips.build(user, code, kind);
    res.render('slips/show', { title: doc.title, doc, footNote: footNote(doc), code, kind, layout: 'layouts/main' });
  }
}
