import { ConflictException, Inject, Injectable, Logger, NotFoundException, UnauthorizedException, UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DossierGate } from '../dossiers/dossier-gate.service';
import type { DossierRow } from '../dossiers/dossier-rows';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DataSource, type EntityManager } from 'typeorm';
import { QRPay } from 'vietnam-qr-pay';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { EndpointsService } from '../outbox/endpoints.service';
import { computeFee, type FeeQuote } from './fees';
import type { CallbackOutcome, PaymentCallback } from './payment-callback.entity';
import type { Payment } from './payment.entity';
import { sign, verify } from '../common/signed-fields';
import { CallbackRejections, TooManyUnsignedCallbacks, UNSIGNED_CALLBACKS_PER_MINUTE, unsignedSummary } from './callback-rejections';
import { SecurityLogService } from '../audit/security-log.service';
import { toIsoLocal } from '../common/local-time';

export interface GatewayResult {
  txnRef: string;
  amount: number;
  status: 'SUCCESS' | 'FAILED' | 'CANCELLED';
  transactionNo: string;
  completedAt: string;
  signature: string;
}

export interface PaymentOrder {
  paymentId: string;
  amount: number;
  vietQr: string;
  redirectUrl: string;
  status: string;
  feeLines: Payment['feeLines'];
}

const CLOSED_STATUSES = ['WITHDRAWN', 'REFUSED', 'RETURNED'];

function toPayment(r: Record<string, unknown>): Payment {
  return {
    id: r.id as string,
    dossierId: r.dossier_id as string,
    dossierCode: r.dossier_code as string,
    agencyCode: r.agency_code as string,
    procedureCode: r.procedure_code as string,
    payerUserId: r.payer_user_id as string | null,
    payerName: r.payer_name as string,
    amount: Number(r.amount),
    feeLines: r.fee_lines as Payment['feeLines'],
    status: r.status as Payment['status'],
    gatewayTransactionNo: r.gateway_transaction_no as string | null,
    receiptNo: r.receipt_no as string | null,
    paidAt: r.paid_at as Date | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/**
 * Online fee payment: quote, order (VietQR + redirect to the gateway), and the gateway's signed
 * result — processed idempotently (row lock on the payment, conditional updates, at most one PAID
 * payment per dossier enforced by a unique index), whether it comes as callback or browser return,
 * once or ten times, in any order.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly endpoints: EndpointsService,
    private readonly rejections: CallbackRejections,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: PolicyService,
    private readonly gate: DossierGate,
    private readonly dossiers: DossierRepository,
    private readonly clock: Clock,
  ) {}

  private get secret(): string {
    return this.config.integrations.payments.gatewaySecret;
  }

  /** The fee of a dossier, for its applicant (the dossier gate: 404 for anyone else). */
  async quote(user: AuthUser, code: string): Promise<FeeQuote & { dossier: DossierRow }> {
    if (user.role !== 'CITIZEN') throw new NotFoundException('Không tìm thấy hồ sơ');
    const access = await this.gate.read(user, code, (c) => `Hồ sơ ${c}`);
    const d = (await this.dossiers.findById(access.id))!;
    const [p] = await this.ds.query(`SELECT fee_amount, fee_description, fee_per_copy, fee_exemptions FROM procedures WHERE id = $1`, [d.procedureId]);
    const q = computeFee({ feeAmount: Number(p.fee_amount), feeDescription: p.fee_description, feePerCopy: p.fee_per_copy, feeExemptions: p.fee_exemptions }, d.data);
    return { ...q, dossier: d };
  }

  /** POST /api/v1/dossiers/{code}/payments — the applicant starts (or resumes) paying. */
  async createOrder(user: AuthUser, code: string): Promise<PaymentOrder> {
    const q = await this.quote(user, code);
    const d = q.dossier;
    if (d.applicantUserId !== user.id) throw new NotFoundException('Không tìm thấy hồ sơ');
    if (d.paymentStatus === 'PAID') throw new ConflictException('Hồ sơ đã được thanh toán');
    if (CLOSED_STATUSES.includes(d.status as string)) throw new UnprocessableEntityException('Hồ sơ đã kết thúc, không thể thanh toán');
    if (q.amount <= 0) throw new UnprocessableEntityException('Hồ sơ này không phải nộp phí, lệ phí');
    const payment = await this.ds.transaction(async (m) => {
      await this.dossiers.lock(m, d.id);
      // Resume an unfinished order for the same amount instead of opening a second one.
      const [open] = await m.query(
        `SELECT * FROM payments WHERE dossier_id = $1 AND status = 'PENDING' AND amount = $2 ORDER BY created_at DESC LIMIT 1`,
        [d.id, q.amount],
      );
      if (open) return toPayment(open);
      const [row] = await m.query(
        `INSERT INTO payments (dossier_id, dossier_code, agency_code, procedure_code, payer_user_id, payer_name, amount, fee_lines)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [d.id, d.code, d.agencyCode, d.procedureCode, user.id, user.fullName, q.amount, JSON.stringify(q.lines)],
      );
      return toPayment(row);
    });
    return this.order(payment);
  }

  order(p: Payment): PaymentOrder {
    const base = this.endpoints.selfBaseUrl();
    const params = {
      txnRef: p.id,
      amount: p.amount,
      orderInfo: `Thanh toan le phi ho so ${p.dossierCode}`,
      returnUrl: `${base}/thanh-toan/${p.id}/ket-qua`,
      callbackUrl: `${base}/api/v1/payments/callback`,
    };
    const url = new URL(`${this.endpoints.paymentGateway()}/thanh-toan`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
    url.searchParams.set('signature', sign(params, this.secret));
    const vietQr = QRPay.initVietQR({
      bankBin: this.config.integrations.payments.bankBin,
      bankNumber: this.config.integrations.payments.bankAccount,
      amount: String(p.amount),
      purpose: `LPHS ${p.dossierCode}`.slice(0, 25),
    }).build();
    return { paymentId: p.id, amount: p.amount, vietQr, redirectUrl: url.toString(), status: p.status, feeLines: p.feeLines };
  }

  async get(id: string): Promise<Payment> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundException('Không tìm thấy khoản thanh toán');
    const [r] = await this.ds.query(`SELECT * FROM payments WHERE id = $1`, [id]);
    if (!r) throw new NotFoundException('Không tìm thấy khoản thanh toán');
    return toPayment(r);
  }

  /** Owner citizen, staff of the dossier's agency, managers and admins (finance officers) may see a payment. */
  async getFor(user: AuthUser, id: string, visible: string[]): Promise<Payment> {
    const p = await this.get(id);
    const ok = p.payerUserId === user.id || (user.isStaff && visible.includes(p.agencyCode));
    if (!ok) throw new NotFoundException('Không tìm thấy khoản thanh toán');
    return p;
  }

  /**
   * The gateway's signed result (server callback or browser return). The signature is checked
   * before anything is written; a valid result is applied at most once, anything after that is
   * recorded as a duplicate. An unsigned or badly signed attempt is refused (401, or 429 past the
   * per-address limit) and only summarised: see refuseUnsigned.
   */
  async handleResult(fields: Record<string, unknown>, source: PaymentCallback['source'], remoteIp: string | null): Promise<{ outcome: CallbackOutcome; payment: Payment | null }> {
    const txnRef = typeof fields.txnRef === 'string' ? fields.txnRef.slice(0, 60) : null;
    const body = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== '_csrf'));
    if (!verify(body, this.secret)) return this.refuseUnsigned(body, txnRef, source, remoteIp);
    const status = String(body.status);
    const amount = Number(body.amount);
    return this.ds.transaction(async (m) => {
      const [row] = txnRef && /^[0-9a-f-]{36}$/i.test(txnRef) ? await m.query(`SELECT * FROM payments WHERE id = $1 FOR UPDATE`, [txnRef]) : [];
      if (!row) {
        await this.log(m, txnRef, source, body, true, 'UNKNOWN_PAYMENT', remoteIp);
        return { outcome: 'UNKNOWN_PAYMENT' as CallbackOutcome, payment: null };
      }
      const p = toPayment(row);
      let outcome: CallbackOutcome;
      if (amount !== p.amount) outcome = 'AMOUNT_MISMATCH';
      else if (status === 'SUCCESS') {
        if (p.status === 'PAID') outcome = 'DUPLICATE';
        else {
          const [other] = await m.query(`SELECT id FROM payments WHERE dossier_id = $1 AND status = 'PAID'`, [p.dossierId]);
          if (other) outcome = 'IGNORED';
          else {
            const [seq] = await m.query(`SELECT nextval('payment_receipt_seq') AS n`);
            const paidAt = this.clock.now();
            const receiptNo = `BL${paidAt.getUTCFullYear()}-${String(seq.n).padStart(7, '0')}`;
            await m.query(
              `UPDATE payments SET status = 'PAID', paid_at = $2, receipt_no = $3, gateway_transaction_no = $4, updated_at = now() WHERE id = $1`,
              [p.id, paidAt, receiptNo, String(body.transactionNo ?? '').slice(0, 40) || null],
            );
            // A data update, not a workflow transition: the dossier's status and version do not change.
            await this.dossiers.markPaid(m, p.dossierId);
            outcome = 'APPLIED';
          }
        }
      } else if (status === 'FAILED' || status === 'CANCELLED') {
        if (p.status === 'PAID') outcome = 'IGNORED';
        else {
          await m.query(`UPDATE payments SET status = $2, updated_at = now() WHERE id = $1 AND status <> 'PAID'`, [p.id, status === 'FAILED' ? 'FAILED' : 'CANCELLED']);
          outcome = 'FAILED';
        }
      } else outcome = 'IGNORED';
      await this.log(m, txnRef, source, body, true, outcome, remoteIp);
      const [after] = await m.query(`SELECT * FROM payments WHERE id = $1`, [p.id]);
      return { outcome, payment: toPayment(after) };
    });
  }

  /**
   * An unsigned or forged result: counted per source address and minute in PostgreSQL (the
   * limit holds across app instances). Within the limit each attempt leaves a fixed-size summary
   * in payment_callbacks (never the body) and a `payment.callback.unsigned` security event; past
   * it the address gets 429 and only the counter moves, with one event when the limit is crossed.
   */
  private async refuseUnsigned(body: Record<string, unknown>, txnRef: string | null, source: PaymentCallback['source'], remoteIp: string | null): Promise<never> {
    const ip = (remoteIp ?? 'unknown').slice(0, 60);
    const reason = typeof body.signature === 'string' && body.signature !== '' ? 'BAD_SIGNATURE' : 'MISSING_SIGNATURE';
    const { attempts, retryAfterSeconds } = await this.rejections.hit(ip, txnRef);
    const event = { type: 'payment.callback.unsigned', ip, target: txnRef ? `payment:${txnRef}` : null, details: { source, attempts } } as const;
    if (attempts <= UNSIGNED_CALLBACKS_PER_MINUTE) {
      await this.log(this.ds.manager, txnRef, source, unsignedSummary(body, reason), false, 'REJECTED_SIGNATURE', ip);
      this.securityLog.record({ ...event, outcome: 'denied', reason });
      this.logger.warn(`Payment ${source.toLowerCase()} refused: ${reason} (txnRef=${txnRef ?? '?'}, from ${ip}, attempt ${attempts} this minute)`);
      throw new UnauthorizedException('Chữ ký không hợp lệ');
    }
    if (attempts === UNSIGNED_CALLBACKS_PER_MINUTE + 1) {
      this.securityLog.record({ ...event, outcome: 'blocked', reason: 'RATE_LIMITED' });
      this.logger.warn(`Payment callbacks from ${ip}: over ${UNSIGNED_CALLBACKS_PER_MINUTE} unsigned attempts this minute, refusing with 429`);
    }
    throw new TooManyUnsignedCallbacks(retryAfterSeconds);
  }

  private async log(m: EntityManager, txnRef: string | null, source: string, body: Record<string, unknown>, valid: boolean, outcome: CallbackOutcome, ip: string | null) {
    await m.query(
      `INSERT INTO payment_callbacks (txn_ref, source, body, signature_valid, outcome, remote_ip) VALUES ($1, $2, $3, $4, $5, $6)`,
      [txnRef, source, JSON.stringify(body), valid, outcome, ip?.slice(0, 60) ?? null],
    );
  }

  /** Đối soát: confirmed payments in a period, totals per agency, and anything that does not add up. */
  /**
   * Reconciliation for a manager or an administrator: totals of the agencies whose reports they may
   * read; the payment rows (payer names) only for those who may read dossiers (not administrators).
   */
  async reconciliationFor(user: AuthUser, from: Date, to: Date) {
    const report = await this.reconciliation(from, to, await this.policy.reportAgencyCodes(user));
    if ((await this.policy.can(user, 'dossier.list')).allowed) return report;
    return { ...report, payments: [], mismatches: report.mismatches.map((m: Payment) => ({ id: m.id, dossierCode: m.dossierCode, agencyCode: m.agencyCode, amount: m.amount })) };
  }

  async reconciliation(from: Date, to: Date, agencies: string[] | 'ALL') {
    const scope = agencies === 'ALL' ? null : agencies;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT p.* FROM payments p
        WHERE p.status = 'PAID' AND p.paid_at >= $1 AND p.paid_at < $2 AND ($3::varchar[] IS NULL OR p.agency_code = ANY($3))
        ORDER BY p.paid_at`,
      [from, to, scope],
    );
    const dossierPaid = await this.dossiers.paymentStatuses([...new Set(rows.map((r) => r.dossier_id as string))]);
    const payments = rows.map((r) => ({ ...toPayment(r), dossierPaymentStatus: dossierPaid.get(r.dossier_id as string) ?? 'UNKNOWN' }));
    const byAgency = new Map<string, { agencyCode: string; count: number; total: number }>();
    for (const p of payments) {
      const a = byAgency.get(p.agencyCode) ?? { agencyCode: p.agencyCode, count: 0, total: 0 };
      a.count++;
      a.total += p.amount;
      byAgency.set(p.agencyCode, a);
    }
    const callbacks = await this.ds.query(
      `SELECT c.outcome, count(*)::int AS n FROM payment_callbacks c LEFT JOIN payments p ON p.id::text = c.txn_ref
        WHERE c.received_at >= $1 AND c.received_at < $2 AND ($3::varchar[] IS NULL OR p.agency_code = ANY($3))
        GROUP BY c.outcome ORDER BY c.outcome`,
      [from, to, scope],
    );
    const mismatches = payments.filter((p: { dossierPaymentStatus: string }) => p.dossierPaymentStatus !== 'PAID');
    return {
      from: toIsoLocal(from),
      to: toIsoLocal(to),
      count: payments.length,
      total: payments.reduce((s: number, p: Payment) => s + p.amount, 0),
      byAgency: [...byAgency.values()],
      callbacks: callbacks as { outcome: string; n: number }[],
      mismatches,
      payments,
    };
  }
}
