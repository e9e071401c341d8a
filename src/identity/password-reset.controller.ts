import { Body, Controller, Get, HttpException, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RegistryUnavailableError } from '../registry/registry.client';
import { ResetIdentityDto, ResetPasswordDto } from './dto/password-reset.dto';
import { fieldMap, formString, validateForm, type FormError } from './form-validation';
import { endSession } from './http-setup';
import { PasswordResetService, ResetRefused, RESET_CODE_MINUTES } from './password-reset.service';

declare module 'express-session' {
  interface SessionData {
    /** The open "Quên mật khẩu" request of this browser (never in the URL). */
    passwordResetId?: string;
  }
}

const TITLE = 'Quên mật khẩu';
const START = '/quen-mat-khau';
const CODE = '/quen-mat-khau/ma-xac-nhan';

/**
 * "Quên mật khẩu" (citizens): identity re-verified against the registry → a one-time code through
 * e-mail/SMS → a new password. Plain forms (no JavaScript), CSRF-checked, POST-redirect-GET; the
 * open request is kept in the session, never in the address.
 */
@ApiExcludeController()
@Controller()
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Get('quen-mat-khau')
  @Render('identity/forgot')
  start() {
    return { title: TITLE, values: {} };
  }

  @Post('quen-mat-khau')
  async request(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = { personalId: formString(body, 'personalId', 20), fullName: formString(body, 'fullName', 100), dateOfBirth: formString(body, 'dateOfBirth', 10) };
    const rerender = (status: number, errors: FormError[]) => res.status(status).render('identity/forgot', { title: TITLE, values, errors, fe: fieldMap(errors) });
    const { value, errors } = await validateForm(ResetIdentityDto, body);
    if (errors.length) return rerender(400, errors);
    try {
      const sent = await this.resets.request(value, req.ip ?? 'unknown');
      req.session.passwordResetId = sent.resetId;
      await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
      return res.redirect(303, CODE);
    } catch (err) {
      if (err instanceof RegistryUnavailableError) throw err;
      if (err instanceof HttpException && [422, 429].includes(err.getStatus())) {
        const headers = (err.getResponse() as { headers?: Record<string, string> }).headers;
        if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
        return rerender(err.getStatus(), [{ field: 'personalId', message: err.message }]);
      }
      throw err;
    }
  }

  @Get('quen-mat-khau/ma-xac-nhan')
  async codePage(@Req() req: Request, @Res() res: Response) {
    const sent = req.session?.passwordResetId ? await this.resets.pending(req.session.passwordResetId) : null;
    if (!sent) return res.redirect(303, START);
    return res.render('identity/forgot-code', { title: TITLE, sent, minutes: RESET_CODE_MINUTES });
  }

  @Post('quen-mat-khau/ma-xac-nhan')
  async complete(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const resetId = req.session?.passwordResetId;
    if (!resetId) return res.redirect(303, START);
    const rerender = async (status: number, errors: FormError[]) => {
      const sent = await this.resets.pending(resetId);
      return res.status(status).render('identity/forgot-code', { title: TITLE, sent, expired: !sent, minutes: RESET_CODE_MINUTES, errors, fe: fieldMap(errors) });
    };
    const { value, errors } = await validateForm(ResetPasswordDto, body);
    if (formString(body, 'passwordConfirm', 200) !== formString(body, 'password', 200)) {
      errors.push({ field: 'passwordConfirm', message: 'Mật khẩu nhập lại không khớp' });
    }
    if (errors.length) return rerender(400, errors);
    try {
      await this.resets.complete(resetId, value.code, value.password, req.ip ?? 'unknown');
    } catch (err) {
      if (err instanceof ResetRefused) return rerender(422, [{ field: err.field, message: err.message }]);
      if (err instanceof HttpException && err.getStatus() === 429) {
        const headers = (err.getResponse() as { headers?: Record<string, string> }).headers;
        if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
        return rerender(429, [{ field: 'code', message: err.message }]);
      }
      throw err;
    }
    await endSession(req, res);
    return res.redirect(303, '/quen-mat-khau/xong');
  }

  @Get('quen-mat-khau/xong')
  @Render('identity/forgot-done')
  done() {
    return { title: 'Đã đặt lại mật khẩu' };
  }
}
