/**
 * The security event as written (schema `motcua.security/1`, described for the SOC by
 * security-event.schema.json): every field always present, null when unknown, so that a parser
 * never meets a missing key. Pure: `buildSecurityEvent` turns a caller's input plus what the
 * request and the process know into the line's object.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { toIsoLocal } from '../common/local-time';
import type { SecurityEventInput, SecurityEventType, SecurityOutcome, SecuritySeverity } from './security-event.types';

export const SECURITY_SCHEMA = 'motcua.security/1';

export interface SecurityEvent {
  schema: typeof SECURITY_SCHEMA;
  /** Unique per event (a SIEM can drop duplicates of a re-shipped line). */
  id: string;
  /** ISO 8601 with the Vietnam offset (+07:00), like every time of the API. */
  time: string;
  type: SecurityEventType;
  outcome: SecurityOutcome;
  severity: SecuritySeverity;
  actor: { id: string; username: string; role: string; agencyCode: string | null } | null;
  subject: string | null;
  ip: string | null;
  target: string | null;
  action: string | null;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
  requestId: string | null;
  http: { method: string; path: string } | null;
  userAgent: string | null;
  app: 'motcua';
  host: string;
  pid: number;
}

/** What the current request (if any) and the process add to an event. */
export interface EventContext {
  now: Date;
  host: string;
  pid: number;
  ip?: string | null;
  requestId?: string | null;
  method?: string | null;
  path?: string | null;
  userAgent?: string | null;
  user?: SecurityEvent['actor'] & object;
  id?: string;
}

/** Severity when the caller gives none: what a SOC analyst would triage first. */
const DEFAULT_SEVERITY: Partial<Record<SecurityEventType, SecuritySeverity>> = {
  'auth.login.success': 'info',
  'auth.login.failure': 'low',
  'auth.lockout': 'medium',
  'auth.logout': 'info',
  'auth.password.change': 'info',
  'auth.password.reset': 'medium',
  'auth.token.invalid': 'low',
  'auth.register.success': 'info',
  'auth.register.failure': 'low',
  'authz.denied': 'medium',
  'csrf.rejected': 'medium',
  'partner.token.success': 'info',
  'partner.token.failure': 'medium',
  'partner.token.invalid': 'low',
  'partner.rate-limited': 'medium',
  'admin.action': 'medium',
  'demo.purge': 'high',
  'file.refused': 'medium',
  'payment.callback.unsigned': 'medium',
  'input.rejected': 'low',
  'throttle.limited': 'medium',
  'alert.distributed-guessing': 'high',
};

export function defaultSeverity(type: SecurityEventType, outcome: SecurityOutcome): SecuritySeverity {
  const base = DEFAULT_SEVERITY[type] ?? 'medium';
  // A failed attempt at something routine is worth a look; an alert is never routine.
  if (outcome === 'alert' && (base === 'info' || base === 'low')) return 'high';
  if (base === 'info' && outcome !== 'success') return 'low';
  return base;
}

export const LIMITS = { subject: 128, ip: 64, target: 200, action: 80, reason: 500, detailKeys: 30, detailKey: 64, detailValue: 300, path: 300, userAgent: 300 } as const;

function str(v: unknown, max: number): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v);
  return s.length > max ? s.slice(0, max) : s;
}

function cleanDetails(d: SecurityEventInput['details']): SecurityEvent['details'] {
  const out: SecurityEvent['details'] = {};
  if (!d || typeof d !== 'object') return out;
  for (const [k, v] of Object.entries(d).slice(0, LIMITS.detailKeys)) {
    const key = k.slice(0, LIMITS.detailKey);
    if (v === null || typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'number') out[key] = Number.isFinite(v) ? v : null;
    else if (v !== undefined) out[key] = str(v, LIMITS.detailValue);
  }
  return out;
}

/** Only a real IPv4/IPv6 address reaches the SOC ('unknown' and the like become null). */
function address(v: string | null | undefined): string | null {
  return typeof v === 'string' && isIP(v) ? v : null;
}

export function buildSecurityEvent(input: SecurityEventInput, ctx: EventContext): SecurityEvent {
  // undefined actor → the signed-in user of the request; null → deliberately nobody.
  const a = input.actor === undefined ? (ctx.user ?? null) : input.actor;
  return {
    schema: SECURITY_SCHEMA,
    id: ctx.id ?? randomUUID(),
    time: toIsoLocal(ctx.now),
    type: input.type,
    outcome: input.outcome,
    severity: input.severity ?? defaultSeverity(input.type, input.outcome),
    actor: a ? { id: String(a.id), username: String(a.username), role: String(a.role), agencyCode: a.agencyCode ?? null } : null,
    subject: str(input.subject, LIMITS.subject),
    ip: address(input.ip === undefined ? ctx.ip : input.ip),
    target: str(input.target, LIMITS.target),
    action: str(input.action, LIMITS.action),
    reason: str(input.reason, LIMITS.reason),
    details: cleanDetails(input.details),
    requestId: str(input.requestId === undefined ? ctx.requestId : input.requestId, LIMITS.subject),
    http: ctx.method && ctx.path ? { method: ctx.method, path: str(ctx.path, LIMITS.path)! } : null,
    userAgent: str(ctx.userAgent, LIMITS.userAgent),
    app: 'motcua',
    host: ctx.host,
    pid: ctx.pid,
  };
}
