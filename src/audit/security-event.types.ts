/** The security event stream's vocabulary (schema motcua.security/1): types, outcomes, severities, input. */
import type { AuditActor } from './actor';

/** Every kind of event the stream carries. Adding a kind is additive; renaming one is breaking. */
export const SECURITY_EVENT_TYPES = [
  'auth.login.success',
  'auth.login.failure',
  'auth.lockout',
  'auth.logout',
  'auth.password.change',
  'auth.password.reset',
  'auth.token.invalid',
  'auth.register.success',
  'auth.register.failure',
  'authz.denied',
  'csrf.rejected',
  'partner.token.success',
  'partner.token.failure',
  'partner.token.invalid',
  'partner.rate-limited',
  'admin.action',
  'demo.purge',
  'file.refused',
  'payment.callback.unsigned',
  'input.rejected',
  'throttle.limited',
  'alert.distributed-guessing',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export type SecurityOutcome = 'success' | 'failure' | 'denied' | 'blocked' | 'alert';

/** Triage order for the SOC; shipped to syslog as info, notice, warning, critical, alert. */
export const SECURITY_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

export interface SecurityEventInput {
  type: SecurityEventType;
  outcome: SecurityOutcome;
  /** The signed-in user, if any. */
  actor?: Pick<AuditActor, 'id' | 'username' | 'role' | 'agencyCode'> | null;
  /** A name that was tried (login username, partner client id) when no user is signed in. */
  subject?: string | null;
  /** Real client address (after TRUST_PROXY). */
  ip?: string | null;
  /** What was acted on, e.g. 'dossier:026.PTP-261122-0001', 'staff:clerk.026.ptp'. */
  target?: string | null;
  /** Short machine-readable action, e.g. 'staff.create', 'calendar.delete'. */
  action?: string | null;
  reason?: string | null;
  /** Small extra facts (no personal data, no secrets). */
  details?: Record<string, string | number | boolean | null>;
  /** Defaults by type (security-event.ts). */
  severity?: SecuritySeverity;
  /** Defaults to the current request's id. */
  requestId?: string | null;
}
