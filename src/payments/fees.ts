/**
 * Lệ phí: computed from the procedure VERSION the dossier was filed under (fixed, or per copy),
 * minus exemptions the citizen declared in the form (e.g. poor households, people with
 * disabilities — the categories the procedure's legal basis lists in `feeExemptions`).
 */
import type { FeeLine } from './payment.entity';

export interface FeeRule {
  feeAmount: number;
  feeDescription: string;
  feePerCopy: boolean;
  feeExemptions: string | null;
}

export interface FeeQuote {
  amount: number;
  lines: FeeLine[];
  copies: number;
  exempt: boolean;
}

/** Form keys that carry the number of copies requested. */
const COPY_KEYS = ['copies', 'soBan', 'soBanSao', 'soLuongBanSao', 'soLuong'];
/** Form keys by which the citizen claims an exemption. */
const EXEMPT_KEYS = ['feeExempt', 'mienLePhi', 'mienPhi'];

export function copiesRequested(data: Record<string, unknown>): number {
  for (const k of COPY_KEYS) {
    const n = Number(data[k]);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 100);
  }
  return 1;
}

export function exemptionClaimed(data: Record<string, unknown>): boolean {
  return EXEMPT_KEYS.some((k) => data[k] === true || data[k] === 'true' || data[k] === 'on' || data[k] === '1');
}

export function computeFee(rule: FeeRule, data: Record<string, unknown>): FeeQuote {
  const copies = rule.feePerCopy ? copiesRequested(data) : 1;
  const unit = Math.max(0, Math.round(rule.feeAmount));
  const gross = unit * copies;
  const lines: FeeLine[] = [];
  if (gross > 0) {
    lines.push({ label: rule.feePerCopy ? `${rule.feeDescription} (theo bản)` : rule.feeDescription, unitAmount: unit, quantity: copies, amount: gross });
  }
  // An exemption counts only if the procedure provides for one.
  const exempt = gross > 0 && !!rule.feeExemptions && exemptionClaimed(data);
  if (exempt) lines.push({ label: `Miễn lệ phí: ${rule.feeExemptions}`, unitAmount: -gross, quantity: 1, amount: -gross });
  return { amount: exempt ? 0 : gross, lines, copies, exempt };
}
