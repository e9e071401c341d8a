import { Body, Controller, Get, Param, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { csrf } from '../../identity/csrf';
import { DemoOnlyGuard } from '../demo-only.guard';
import { PaymentGatewayStub } from './payment-gateway-stub.service';

/** The gateway's own pages (a separate "site" in real life): order summary, pay / cancel. */
@ApiExcludeController()
@Controller('stubs/payment-gateway')
@UseGuards(DemoOnlyGuard)
export class PaymentGatewayStubController {
  constructor(private readonly gateway: PaymentGatewayStub) {}

  @Get('thanh-toan')
  @Render('payments/gateway')
  async page(@Query() q: Record<string, string>, @Req() req: Request) {
    const t = await this.gateway.open(q);
    // /stubs/* counts as API for the identity layer, which therefore does not hand pages a token:
    // a signed-in browser's form post still needs one.
    const csrfToken = req.session ? csrf.generateToken(req) : '';
    return { title: 'Cổng thanh toán (thử nghiệm)', txn: t, done: t.status !== 'PENDING', csrfToken };
  }

  @Post('thanh-toan/:txnRef')
  async complete(@Param('txnRef') txnRef: string, @Body() body: { choice?: string }, @Res() res: Response) {
    const choice = body?.choice === 'cancel' ? 'cancel' : body?.choice === 'fail' ? 'fail' : 'pay';
    res.redirect(303, await this.gateway.complete(txnRef, choice));
  }
}
