import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LOCAL_DAY_DESCRIPTION } from '../common/local-time';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { PolicyService } from '../identity/policy.service';
import { PaymentsService } from './payments.service';
import { parsePeriod } from './period';

@ApiTags('thanh toán')
@Controller('api/v1')
export class PaymentsApiController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
  ) {}

  @Post('dossiers/:code/payments')
  @Authenticated('CITIZEN')
  @ApiOperation({ summary: 'Tạo (hoặc tiếp tục) lệnh thanh toán lệ phí hồ sơ: số tiền, mã VietQR, địa chỉ cổng thanh toán' })
  async create(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const o = await this.payments.createOrder(user, code);
    return { paymentId: o.paymentId, amount: o.amount, vietQr: o.vietQr, redirectUrl: o.redirectUrl, status: o.status, feeLines: o.feeLines };
  }

  @Post('payments/callback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cổng thanh toán báo kết quả (ký HMAC-SHA256); xử lý một lần duy nhất dù gửi lại nhiều lần' })
  async callback(@Body() body: Record<string, unknown>, @Ip() ip: string) {
    const r = await this.payments.handleResult(body ?? {}, 'CALLBACK', ip);
    return { received: true, outcome: r.outcome, paymentStatus: r.payment?.status ?? null };
  }

  @Get('payments/reconciliation')
  @Authenticated('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Đối soát thanh toán trong kỳ (cán bộ tài chính)' })
  @ApiQuery({ name: 'from', required: false, example: '2026-11-01', description: `${LOCAL_DAY_DESCRIPTION} Mặc định: ngày đầu tháng.` })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-30', description: `${LOCAL_DAY_DESCRIPTION} Mặc định: hôm nay.` })
  async reconciliation(@CurrentUser() user: AuthUser, @Query('from') from?: string, @Query('to') to?: string) {
    const p = parsePeriod(from, to, this.clock.now());
    return this.payments.reconciliationFor(user, p.from, p.to);
  }

  @Get('payments/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Một khoản thanh toán (người nộp, cán bộ của cơ quan)' })
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    const p = await this.payments.getFor(user, id, await this.policy.visibleAgencyCodes(user));
    return { paymentId: p.id, dossierCode: p.dossierCode, amount: p.amount, status: p.status, receiptNo: p.receiptNo, paidAt: p.paidAt, feeLines: p.feeLines };
  }
}
