import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './security-event.schema.json';
import { buildSecurityEvent, defaultSeverity, type EventContext } from './security-event';
import { SECURITY_EVENT_TYPES, type SecurityEventInput } from './security-log.service';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const ctx: EventContext = { now: new Date('2026-11-23T03:04:05.678Z'), host: 'web-1', pid: 4242, id: '0b7d3c4e-8f7a-4c1e-9d2a-1b2c3d4e5f60' };
const valid = (e: unknown) => {
  const ok = validate(e);
  if (!ok) throw new Error(JSON.stringify(validate.errors));
  return ok;
};

describe('security event schema', () => {
  it('lists exactly the event types of SECURITY_EVENT_TYPES (add a new type to both)', () => {
    expect((schema.properties.type as { enum: string[] }).enum).toEqual([...SECURITY_EVENT_TYPES]);
  });

  it.each(SECURITY_EVENT_TYPES.map((t) => [t]))('a minimal %s event is valid', (type) => {
    expect(valid(buildSecurityEvent({ type, outcome: 'success' }, ctx))).toBe(true);
  });

  it('a full event is valid and keeps every field', () => {
    const e = buildSecurityEvent(
      {
        type: 'admin.action',
        outcome: 'success',
        actor: { id: 'u-1', username: 'admin.02.ubnd', role: 'ADMIN', agencyCode: '02.UBND' },
        ip: '203.0.113.7',
        target: 'staff:clerk.026.ptp',
        action: 'staff.disable',
        reason: 'nghỉ việc',
        details: { count: 3, ok: true, note: null, name: 'x' },
      },
      { ...ctx, requestId: 'r-1', method: 'POST', path: '/api/v1/admin/staff/1/disable', userAgent: 'curl/8' },
    );
    expect(valid(e)).toBe(true);
    expect(e).toMatchObject({
      schema: 'motcua.security/1',
      time: '2026-11-23T10:04:05.678+07:00',
      type: 'admin.action',
      severity: 'medium',
      actor: { username: 'admin.02.ubnd', agencyCode: '02.UBND' },
      ip: '203.0.113.7',
      requestId: 'r-1',
      http: { method: 'POST', path: '/api/v1/admin/staff/1/disable' },
      host: 'web-1',
      pid: 4242,
    });
  });

  it('has every property even when nothing is known (null, never missing)', () => {
    const e = buildSecurityEvent({ type: 'auth.logout', outcome: 'success' }, ctx);
    expect(Object.keys(e).sort()).toEqual([...(schema.required as string[])].sort());
    expect(e.actor).toBeNull();
    expect(e.ip).toBeNull();
    expect(e.http).toBeNull();
  });

  it('takes the request user as actor unless the caller says null', () => {
    const user = { id: 'u-2', username: 'clerk.026.ptp', role: 'CLERK', agencyCode: '026.PTP' };
    expect(buildSecurityEvent({ type: 'authz.denied', outcome: 'denied' }, { ...ctx, user }).actor).toEqual(user);
    expect(buildSecurityEvent({ type: 'auth.login.failure', outcome: 'failure', actor: null }, { ...ctx, user }).actor).toBeNull();
  });

  it('takes the request address unless the caller gives one; only real addresses pass', () => {
    expect(buildSecurityEvent({ type: 'csrf.rejected', outcome: 'denied' }, { ...ctx, ip: '::ffff:127.0.0.1' }).ip).toBe('::ffff:127.0.0.1');
    expect(buildSecurityEvent({ type: 'csrf.rejected', outcome: 'denied', ip: '10.0.0.9' }, { ...ctx, ip: '127.0.0.1' }).ip).toBe('10.0.0.9');
    expect(buildSecurityEvent({ type: 'csrf.rejected', outcome: 'denied', ip: 'unknown' }, ctx).ip).toBeNull();
  });

  it('cuts long or odd values so that every line stays valid and small', () => {
    const details: Record<string, string> = {};
    for (let i = 0; i < 50; i++) details[`k${i}`] = 'v'.repeat(1000);
    const input: SecurityEventInput = {
      type: 'input.rejected',
      outcome: 'blocked',
      subject: 's'.repeat(1000),
      target: 't'.repeat(1000),
      reason: 'a\u0000\ud800' + 'r'.repeat(1000),
      details: { ...details, inf: Infinity } as never,
    };
    const e = buildSecurityEvent(input, ctx);
    expect(valid(JSON.parse(JSON.stringify(e)))).toBe(true);
    expect(Object.keys(e.details)).toHaveLength(30);
    expect(JSON.stringify(e).length).toBeLessThan(16 * 1024);
  });

  it('refuses a line that breaks the schema (the check has teeth)', () => {
    const e = buildSecurityEvent({ type: 'auth.logout', outcome: 'success' }, ctx) as unknown as Record<string, unknown>;
    expect(validate({ ...e, time: '2026-11-23T03:04:05Z' })).toBe(false);
    expect(validate({ ...e, type: 'auth.whatever' })).toBe(false);
    expect(validate({ ...e, extra: 1 })).toBe(false);
    const { ip: _ip, ...missing } = e;
    expect(validate(missing)).toBe(false);
  });
});

describe('default severity', () => {
  it.each([
    ['auth.login.success', 'success', 'info'],
    ['auth.login.failure', 'failure', 'low'],
    ['auth.lockout', 'blocked', 'medium'],
    ['auth.password.change', 'failure', 'low'],
    ['authz.denied', 'denied', 'medium'],
    ['alert.distributed-guessing', 'alert', 'high'],
    ['demo.purge', 'success', 'high'],
  ] as const)('%s / %s → %s', (type, outcome, sev) => {
    expect(defaultSeverity(type, outcome)).toBe(sev);
  });
});
