import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to port 3000, embedded database and demo mode', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.demo).toBe(true);
    expect(c.provinceCode).toBe('02');
  });
  it('turns demo off by default with DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).demo).toBe(false);
  });
  it('allows demo explicitly with DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', DEMO: '1' }).demo).toBe(true);
  });
  it('refuses demo in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: '1', SESSION_SECRET: 'x'.repeat(32) })).toThrow(/DEMO=1 is refused/);
  });
  it('requires a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@h/d' })).toThrow(/SESSION_SECRET/);
  });
  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEMO: 'maybe' }, /DEMO/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ PROVINCE_CODE: '2' }, /PROVINCE_CODE/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ REGISTRY_FAILURE_RATE: '2' }, /REGISTRY_FAILURE_RATE/],
    [{ LATE_RECEPTION_CUTOFF: '25:00' }, /LATE_RECEPTION_CUTOFF/],
  ])('rejects %p with a clear message', (env, msg) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>)).toThrow(msg);
  });
  it('collects every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', DEMO: 'y' });
      fail('should throw');
    } catch (e) {
      expect((e as ConfigError).problems).toHaveLength(2);
    }
  });
  it('parses the late reception cutoff', () => {
    expect(loadConfig({ LATE_RECEPTION_CUTOFF: '15:00' }).lateReceptionCutoffMinutes).toBe(900);
  });
});

describe('TRUST_PROXY', () => {
  const trust = (v?: string) => loadConfig(v === undefined ? {} : { TRUST_PROXY: v }).trustProxy;
  it('defaults to a proxy on this host (loopback)', () => {
    expect(trust()).toEqual(['loopback']);
    expect(trust('')).toEqual(['loopback']);
  });
  it.each(['off', 'OFF', 'false', 'none', '0'])('%p turns it off', (v) => {
    expect(trust(v)).toBe(false);
  });
  it('takes a hop count', () => {
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
  });
  it('takes addresses, CIDRs and Express names, comma-separated', () => {
    expect(trust('10.0.0.5')).toEqual(['10.0.0.5']);
    expect(trust(' 10.0.0.0/8 , loopback,fd00::/8, 2001:db8::1 ')).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8', '2001:db8::1']);
    expect(trust('uniquelocal,linklocal')).toEqual(['uniquelocal', 'linklocal']);
  });
  it.each([
    ['true', /trusting everyone/],
    ['*', /trusting everyone/],
    ['all', /trusting everyone/],
    ['0.0.0.0/0', /prefix length must be between 1 and 32/],
    ['::/0', /prefix length must be between 1 and 128/],
    ['10.0.0.0/33', /prefix length/],
    ['10.0.0.0/abc', /prefix length/],
    ['proxy.example.vn', /not an IP address/],
    ['10.0.0.256', /not an IP address/],
    ['10.0.0.1/8/9', /not an IP address/],
    [',', /empty list/],
    ['11', /hop count must be between 0 and 10/],
  ])('refuses %p with a clear message', (v, msg) => {
    expect(() => loadConfig({ TRUST_PROXY: v })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: v })).toThrow(msg);
  });
});
