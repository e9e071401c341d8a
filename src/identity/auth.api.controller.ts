import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { endSession } from './http-setup';
import { AccessLogService } from '../audit/access-log.service';
import { PageQuery } from '../common/pagination';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { Authenticated, CurrentUser } from './auth.decorators';
import type { AuthUser, IdentityRequest } from './auth-user';
import { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto';

export function meView(u: AuthUser) {
  return {
    username: u.username,
    role: u.role,
    fullName: u.fullName,
    ...(u.agencyCode ? { agencyCode: u.agencyCode } : {}),
    ...(u.personalId ? { personalId: u.personalId } : {}),
  };
}

@ApiTags('identity')
@Controller('api/v1')
export class AuthApiController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập, nhận mã truy cập (bearer) có hạn 12 giờ' })
  async login(@Body() dto: LoginDto, @Req() req: Request) {
    const user = await this.auth.checkCredentials(dto.username, dto.password, req.ip ?? 'unknown');
    return this.auth.issueToken(user);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Thu hồi mã truy cập đang dùng' })
  async logout(@Req() req: IdentityRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (req.bearerToken) await this.auth.revokeToken(req.bearerToken);
    else if (req.authMethod === 'session') await endSession(req, res);
    if (req.user) this.auth.recordSignOut(req.user, req.bearerToken ? 'token' : 'session');
  }

  @Post('auth/register')
  @HttpCode(201)
  @ApiOperation({ summary: 'Đăng ký tài khoản công dân, xác thực với Cơ sở dữ liệu quốc gia về dân cư' })
  async register(@Body() dto: RegisterDto, @Req() req: Request) {
    const user = await this.accounts.registerCitizen(dto, req.ip ?? 'unknown');
    return meView(user);
  }

  @Get('me')
  @Authenticated()
  me(@CurrentUser() user: AuthUser) {
    return meView(user);
  }

  @Post('me/password')
  @HttpCode(204)
  @Authenticated()
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.accounts.changePassword(user, dto);
  }

  @Get('me/access-log')
  @Authenticated('CITIZEN')
  @ApiOperation({ summary: 'Ai đã xem dữ liệu của tôi' })
  async accessLogList(@CurrentUser() user: AuthUser, @Query() q: PageQuery) {
    const page = await this.accessLog.list(user.personalId ?? '', q.page ?? 1, q.pageSize ?? 20);
    return {
      ...page,
      items: page.items.map((i) => ({ at: i.at, staffName: i.staffName, agencyCode: i.agencyCode, what: i.what, ...(i.dossierCode ? { dossierCode: i.dossierCode } : {}) })),
    };
  }
}
