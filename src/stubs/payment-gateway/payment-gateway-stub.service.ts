import { BadRequestException, BeforeApplicationShutdown, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { sign, verify } from '../../common/signed-fields';
import type { GatewayTxnStatus } from './gateway-transaction.entity';
import { toIsoLocal } from '../../common/local-time';

export interface GatewayOrderParams {
  txnRef: string;
  amount: number;
  orderInfo: string;
  returnUrl: string;
  callbackUrl: string;
  signature: string;
}

/**
 * Behaves like a real card/QR payment gateway: the merchant redirects the citizen with a signed
 * order; the citizen pays or cancels; the gateway calls the merchant back (HMAC-SHA256 signed),
 * late and more than once (IPN retries), and sends the browser back with the same signed result.
 */
@Injectable()
export class PaymentGatewayStub implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PaymentGatewayStub.name);
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  beforeApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private get secret() {
    return this.config.integrations.payments.gatewaySecret;
  }

  /** Checks the merchant's signature and records the order (idempotent on txnRef). */
  async open(q: Record<string, string>) {
    const fields = { txnRef: q.txnRef, amount: Number(q.amount), orderInfo: q.orderInfo, returnUrl: q.returnUrl, callbackUrl: q.callbackUrl, signature: q.signature };
    if (!q.txnRef || !Number.isFinite(fields.amount) || !verify(fields, this.secret)) throw new BadRequestException('Yêu cầu thanh toán không hợp lệ (sai chữ ký)');
    await this.ds.query(
      `INSERT INTO stubs.gateway_transactions (txn_ref, amount, order_info, return_url, callback_url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (txn_ref) DO NOTHING`,
      [fields.txnRef, fields.amount, fields.orderInfo, fields.returnUrl, fields.callbackUrl],
    );
    return this.find(fields.txnRef);
  }

  async find(txnRef: string) {
    const [t] = await this.ds.query(`SELECT * FROM stubs.gateway_transactions WHERE txn_ref = $1`, [txnRef]);
    if (!t) throw new NotFoundException('Không tìm thấy giao dịch');
    return { txnRef: t.txn_ref as string, amount: Number(t.amount), orderInfo: t.order_info as string, returnUrl: t.return_url as string, callbackUrl: t.callback_url as string, status: t.status as GatewayTxnStatus, transactionNo: t.transaction_no as string | null, completedAt: t.completed_at as Date | null };
  }

  /** The citizen's choice on the gateway page. Returns the browser's signed return URL. */
  async complete(txnRef: string, choice: 'pay' | 'cancel' | 'fail'): Promise<string> {
    const status: GatewayTxnStatus = choice === 'pay' ? 'SUCCESS' : choice === 'cancel' ? 'CANCELLED' : 'FAILED';
    const transactionNo = `GW${Date.now()}${randomInt(1000, 9999)}`;
    // Only the first completion counts; the page being submitted twice changes nothing.
    await this.ds.query(
      `UPDATE stubs.gateway_transactions SET status = $2, transaction_no = $3, completed_at = now() WHERE txn_ref = $1 AND status = 'PENDING'`,
      [txnRef, status, transactionNo],
    );
    const t = await this.find(txnRef);
    const result = this.signedResult(t);
    this.scheduleCallbacks(t.callbackUrl, result);
    const url = new URL(t.returnUrl);
    for (const [k, v] of Object.entries(result)) url.searchParams.set(k, String(v));
    return url.toString();
  }

  signedResult(t: { txnRef: string; amount: number; status: string; transactionNo: string | null; completedAt: Date | null }) {
    const fields = {
      txnRef: t.txnRef,
      amount: t.amount,
      status: t.status,
      transactionNo: t.transactionNo ?? '',
      completedAt: toIsoLocal(t.completedAt ?? new Date()),
    };
    return { ...fields, signature: sign(fields, this.secret) };
  }

  /** First callback after the configured delay, then duplicates; each retried a few times if the merchant is down. */
  private scheduleCallbacks(url: string, body: Record<string, unknown>): void {
    const { callbackDelayMs, callbackDuplicates } = this.config.integrations.payments;
    for (let i = 0; i <= callbackDuplicates; i++) this.later(callbackDelayMs * (i + 1), () => this.post(url, body, 0));
  }

  private later(ms: number, fn: () => Promise<void>) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      void fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private async post(url: string, body: Record<string, unknown>, attempt: number): Promise<void> {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
      if (res.status >= 500 && attempt < 5) this.later(1000 * 2 ** attempt, () => this.post(url, body, attempt + 1));
    } catch (err) {
      if (attempt < 5) this.later(1000 * 2 ** attempt, () => this.post(url, body, attempt + 1));
      else this.logger.warn(`Gateway callback to ${url} gave up: ${(err as Error).message}`);
    }
  }
}
