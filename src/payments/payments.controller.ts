import { Controller, Get, Ip, NotFoundException, Param, Post, Query, Render, Res } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { PolicyService } from '../identity/policy.service';
import { PaymentsService } from './payments.service';
import { parsePeriod } from './period';
import { receiptPdf } from './receipt-pdf';

/** Citizen payment pages, the gateway's return page, the receipt and the finance officer's reconciliation. */
@ApiExcludeController()
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly policy: PolicyService,
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get('thanh-toan/ho-so/:code')
  @Authenticated('CITIZEN')
  @Render('payments/pay')
  async payPage(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const q = await this.payments.quote(user, code);
    return { title: `Thanh toán lệ phí hồ sơ ${code}`, code, quote: q, paid: q.dossier.paymentStatus === 'PAID', order: null };
  }

  @Post('thanh-toan/ho-so/:code')
  @Authenticated('CITIZEN')
  @Render('payments/pay')
  async startPayment(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const q = await this.payments.quote(user, code);
    const order = await this.payments.createOrder(user, code);
    const qrImage = await QRCode.toDataURL(order.vietQr, { margin: 1, width: 240 });
    return { title: `Thanh toán lệ phí hồ sơ ${code}`, code, quote: q, paid: false, order, qrImage };
  }

  /** Where the gateway sends the browser back, with the same signed result as its callback. */
  @Get('thanh-toan/:id/ket-qua')
  @Render('payments/result')
  async result(@Param('id') id: string, @Query() query: Record<string, string>, @Ip() ip: string, @CurrentUser() user?: AuthUser) {
    let outcome: string | null = null;
    if (query.signature) {
      try {
        outcome = (await this.payments.handleResult({ ...query, amount: Number(query.amount) }, 'RETURN', ip)).outcome;
      } catch {
        outcome = 'REJECTED_SIGNATURE';
      }
    }
    const p = await this.payments.get(id);
    const mine = !!user && (p.payerUserId === user.id || user.isStaff);
    return { title: 'Kết quả thanh toán', payment: mine ? p : null, status: p.status, rejected: outcome === 'REJECTED_SIGNATURE' };
  }

  @Get('thanh-toan/:id/bien-lai')
  @Authenticated()
  @Render('payments/receipt')
  async receipt(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    const p = await this.paidFor(user, id);
    return { title: `Biên lai ${p.receiptNo}`, payment: p, agencyName: await this.agencyName(p.agencyCode) };
  }

  @Get('thanh-toan/:id/bien-lai.pdf')
  @Authenticated()
  async receiptPdf(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() res: Response) {
    const p = await this.paidFor(user, id);
    const [prov] = await this.ds.query(`SELECT u.name FROM administrative_units u JOIN agencies a ON a.province_code = u.code WHERE a.code = $1`, [p.agencyCode]);
    const pdf = await receiptPdf(p, prov?.name ?? '', await this.agencyName(p.agencyCode));
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="bien-lai-${p.receiptNo}.pdf"`);
    res.send(pdf);
  }

  @Get('quan-tri/doi-soat-thanh-toan')
  @Authenticated('ADMIN', 'MANAGER')
  @Render('payments/reconciliation')
  async reconciliation(@CurrentUser() user: AuthUser, @Query('from') from?: string, @Query('to') to?: string) {
    const period = parsePeriod(from, to, this.clock.now());
    return { title: 'Đối soát thanh toán', period, report: await this.payments.reconciliationFor(user, period.from, period.to) };
  }

  private async paidFor(user: AuthUser, id: string) {
    const p = await this.payments.getFor(user, id, await this.policy.visibleAgencyCodes(user));
    if (p.status !== 'PAID') this.notFound();
    return p;
  }

  private async agencyName(code: string): Promise<string> {
    const [a] = await this.ds.query(`SELECT name FROM agencies WHERE code = $1`, [code]);
    return a?.name ?? code;
  }

  private notFound(): never {
    throw new NotFoundException('Không tìm thấy');
  }
}
