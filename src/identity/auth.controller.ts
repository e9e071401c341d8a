import { Body, Controller, Get, HttpException, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessLogService } from '../audit/access-log.service';
import { RegistryUnavailableError } from '../registry/registry.client';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { Authenticated, CurrentUser } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto';
import { fieldMap, formString, validateForm, type FormError } from './form-validation';
import { endSession, markSignedIn, startSession } from './http-setup';
import { LOGIN_REASON_EXPIRED, LOGIN_REASON_PARAM, safeNext } from './identity.guard';
import { RouteGatesService } from './route-gates.service';

/** Why the sign-in page was shown: a protected page asked for it, or the session ran out. */
function loginReason(next: string, reason: unknown): string | null {
  if (reason === LOGIN_REASON_EXPIRED) return 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại để tiếp tục.';
  if (next !== '/') return 'Vui lòng đăng nhập để tiếp tục: trang bạn vừa mở chỉ dành cho người đã đăng nhập.';
  return null;
}

/** Pages: sign in, sign out, register, account, password change, "who looked at my data". */
@ApiExcludeController()
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountService,
    private readonly accessLog: AccessLogService,
    private readonly gates: RouteGatesService,
  ) {}

  @Get('dang-nhap')
  @Render('identity/login')
  loginPage(@Query('next') next: unknown, @Query(LOGIN_REASON_PARAM) reason: unknown, @CurrentUser() user?: AuthUser) {
    const safe = safeNext(next);
    return {
      title: 'Đăng nhập',
      description: 'Đăng nhập Cổng Dịch vụ công bằng số định danh cá nhân (công dân) hoặc tài khoản cán bộ để nộp, theo dõi và xử lý hồ sơ.',
      next: safe,
      reason: user ? null : loginReason(safe, reason),
      alreadySignedIn: !!user,
      values: {},
    };
  }

  @Post('dang-nhap')
  async login(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const next = safeNext(formString(body, 'next'));
    const { value, errors } = await validateForm(LoginDto, body);
    const rerender = (status: number, errs: FormError[]) =>
      res.status(status).render('identity/login', { title: 'Đăng nhập', next, errors: errs, fe: fieldMap(errs), values: { username: formString(body, 'username', 64) } });
    if (errors.length) return rerender(400, errors);
    try {
      const user = await this.auth.checkCredentials(value.username, value.password, req.ip ?? 'unknown');
      await startSession(req, user.id);
      markSignedIn(req, res);
      return res.redirect(303, await this.destination(user, next));
    } catch (err) {
      if (err instanceof HttpException && (err.getStatus() === 401 || err.getStatus() === 429)) {
        return rerender(err.getStatus(), [{ field: 'username', message: err.message }]);
      }
      throw err;
    }
  }

  /**
   * After sign-in: the safe `next` page, unless it is a page this role may not open (then, like
   * without `next`, the role's home: inbox, dashboard, administration).
   */
  private async destination(user: AuthUser, next: string): Promise<string> {
    if (next === '/') return this.gates.homeFor(user);
    const path = next.split(/[?#]/)[0];
    if (this.gates.gateOf(path) && !(await this.gates.mayOpen(user, path))) return this.gates.homeFor(user);
    return next;
  }

  @Post('dang-xuat')
  async logout(@Req() req: Request, @Res() res: Response, @CurrentUser() user?: AuthUser) {
    await endSession(req, res);
    if (user) this.auth.recordSignOut(user, 'session');
    res.redirect(303, '/');
  }

  @Get('dang-ky')
  @Render('identity/register')
  registerPage() {
    return { title: 'Đăng ký tài khoản công dân', values: {} };
  }

  @Post('dang-ky')
  async register(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = {
      personalId: formString(body, 'personalId', 20),
      fullName: formString(body, 'fullName', 100),
      dateOfBirth: formString(body, 'dateOfBirth', 10),
      phone: formString(body, 'phone', 20),
      email: formString(body, 'email', 200),
    };
    const rerender = (status: number, errors: FormError[]) =>
      res.status(status).render('identity/register', { title: 'Đăng ký tài khoản công dân', values, errors, fe: fieldMap(errors) });
    const { value, errors } = await validateForm(RegisterDto, body);
    if (formString(body, 'passwordConfirm', 200) !== formString(body, 'password', 200)) {
      errors.push({ field: 'passwordConfirm', message: 'Mật khẩu nhập lại không khớp' });
    }
    if (errors.length) return rerender(400, errors);
    try {
      const user = await this.accounts.registerCitizen(value, req.ip ?? 'unknown');
      await startSession(req, user.id);
      markSignedIn(req, res);
      return res.redirect(303, '/tai-khoan?moi=1');
    } catch (err) {
      if (err instanceof RegistryUnavailableError) throw err;
      if (err instanceof HttpException && [409, 422, 429].includes(err.getStatus())) {
        return rerender(err.getStatus(), [{ field: err.getStatus() === 409 ? 'personalId' : 'fullName', message: err.message }]);
      }
      throw err;
    }
  }

  @Get('tai-khoan')
  @Authenticated()
  @Render('identity/account')
  async account(@CurrentUser() user: AuthUser, @Query('moi') isNew: unknown, @Query('doi-mat-khau') changed: unknown) {
    const profile = await this.accounts.profile(user);
    return {
      title: 'Tài khoản của tôi',
      profile,
      isCitizen: user.role === 'CITIZEN',
      welcome: isNew === '1',
      passwordChanged: changed === '1',
    };
  }

  @Get('tai-khoan/mat-khau')
  @Authenticated()
  @Render('identity/password')
  passwordPage() {
    return { title: 'Đổi mật khẩu' };
  }

  @Post('tai-khoan/mat-khau')
  @Authenticated()
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const rerender = (status: number, errors: FormError[]) => res.status(status).render('identity/password', { title: 'Đổi mật khẩu', errors, fe: fieldMap(errors) });
    const { value, errors } = await validateForm(ChangePasswordDto, body);
    if (formString(body, 'newPasswordConfirm', 200) !== formString(body, 'newPassword', 200)) {
      errors.push({ field: 'newPasswordConfirm', message: 'Mật khẩu nhập lại không khớp' });
    }
    if (errors.length) return rerender(400, errors);
    try {
      await this.accounts.changePassword(user, value);
    } catch (err) {
      if (err instanceof HttpException && [401, 422].includes(err.getStatus())) {
        return rerender(err.getStatus() === 401 ? 400 : 422, [
          { field: err.getStatus() === 401 ? 'currentPassword' : 'newPassword', message: err.message },
        ]);
      }
      throw err;
    }
    await startSession(req, user.id);
    return res.redirect(303, '/tai-khoan?doi-mat-khau=1');
  }

  @Get('tai-khoan/truy-cap')
  @Authenticated('CITIZEN')
  @Render('identity/access-log')
  async accessLogPage(@CurrentUser() user: AuthUser, @Query('page') pageRaw: unknown) {
    const page = typeof pageRaw === 'string' && /^[0-9]{1,5}$/.test(pageRaw) ? Math.max(1, Number(pageRaw)) : 1;
    const log = await this.accessLog.list(user.personalId ?? '', page, 20);
    const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
    return {
      title: 'Ai đã xem dữ liệu của tôi',
      log,
      prev: page > 1 ? page - 1 : null,
      next: page < pages ? page + 1 : null,
      pages,
    };
  }
}
