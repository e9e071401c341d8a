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
  it('WEB_CONCURRENCY: one process per core by default, 1 under test, a number or auto, anything else refused', () => {
    const cores = require('node:os').availableParallelism();
    expect(loadConfig({}).webConcurrency).toBe(cores);
    expect(loadConfig({ NODE_ENV: 'test' }).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
    expect(loadConfig({ NODE_ENV: 'test', WEB_CONCURRENCY: 'auto' }).webConcurrency).toBe(1);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
    expect(() => loadConfig({ WEB_CONCURRENCY: 'many' })).toThrow(/WEB_CONCURRENCY/);
  });
  it('replica and direct URLs are postgres URLs; the lag limit defaults to 30 s', () => {
    const c = loadConfig({ DATABASE_REPLICA_URL: 'postgres://r@h/d', DATABASE_DIRECT_URL: 'postgresql://p@h/d' });
    expect(c).toMatchObject({ databaseReplicaUrl: 'postgres://r@h/d', databaseDirectUrl: 'postgresql://p@h/d', replicaMaxLagSeconds: 30 });
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'mysql://r' })).toThrow(/DATABASE_REPLICA_URL/);
    expect(() => loadConfig({ REPLICA_MAX_LAG_SECONDS: '-1' })).toThrow(/REPLICA_MAX_LAG_SECONDS/);
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
  it('scans uploads with ClamAV only when a socket or host is configured', () => {
    expect(loadConfig({}).clamav).toBeNull();
    expect(loadConfig({ CLAMAV_SOCKET: '/run/clamav/clamd.ctl' }).clamav).toEqual({ socketPath: '/run/clamav/clamd.ctl', host: null, port: 3310, timeoutMs: 30000 });
    expect(loadConfig({ CLAMAV_HOST: 'clamav', CLAMAV_PORT: '3311', CLAMAV_TIMEOUT_MS: '5000' }).clamav).toEqual({ socketPath: null, host: 'clamav', port: 3311, timeoutMs: 5000 });
  });
  it('limits images to 40 megapixels unless configured', () => {
    expect(loadConfig({}).uploads.maxImagePixels).toBe(40_000_000);
    expect(loadConfig({ UPLOAD_MAX_IMAGE_MEGAPIXELS: '12' }).uploads.maxImagePixels).toBe(12_000_000);
  });
  it.each([
    [{ CLAMAV_SOCKET: '/s', CLAMAV_HOST: 'h' }, /CLAMAV_SOCKET or CLAMAV_HOST/],
    [{ CLAMAV_HOST: 'h', CLAMAV_PORT: '0' }, /CLAMAV_PORT/],
    [{ CLAMAV_TIMEOUT_MS: 'soon' }, /CLAMAV_TIMEOUT_MS/],
    [{ UPLOAD_MAX_IMAGE_MEGAPIXELS: '0' }, /UPLOAD_MAX_IMAGE_MEGAPIXELS/],
  ])('rejects upload settings %p', (env, msg) => {
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

  describe('security log', () => {
    it('writes to DATA_DIR/logs/security.jsonl with no syslog and the documented alert thresholds by default', () => {
      const c = loadConfig({ DATA_DIR: '/srv/motcua' });
      expect(c.security.logFile).toBe('/srv/motcua/logs/security.jsonl');
      expect(c.security.syslog).toBeNull();
      expect(c.security.guessingAlert).toEqual({ windowMinutes: 15, minFailures: 10, minDistinctAddresses: 5 });
    });
    it('takes SECURITY_LOG_FILE and the alert thresholds', () => {
      const c = loadConfig({ SECURITY_LOG_FILE: '/var/log/motcua/sec.jsonl', SECURITY_ALERT_GUESSING_FAILURES: '20', SECURITY_ALERT_GUESSING_ADDRESSES: '8', SECURITY_ALERT_GUESSING_WINDOW_MINUTES: '30' });
      expect(c.security.logFile).toBe('/var/log/motcua/sec.jsonl');
      expect(c.security.guessingAlert).toEqual({ windowMinutes: 30, minFailures: 20, minDistinctAddresses: 8 });
    });
    it.each([
      ['udp://siem.soc.local:514', { protocol: 'udp', host: 'siem.soc.local', port: 514 }],
      ['tcp://10.1.2.3:6514', { protocol: 'tcp', host: '10.1.2.3', port: 6514 }],
      ['udp://[::1]:5514', { protocol: 'udp', host: '::1', port: 5514 }],
      ['udp://siem', { protocol: 'udp', host: 'siem', port: 514 }],
    ])('parses SECURITY_SYSLOG_URL %s', (url, expected) => {
      expect(loadConfig({ SECURITY_SYSLOG_URL: url }).security.syslog).toEqual(expected);
    });
    it.each([
      [{ SECURITY_SYSLOG_URL: 'http://siem:514' }, /SECURITY_SYSLOG_URL/],
      [{ SECURITY_SYSLOG_URL: 'udp://siem:99999' }, /SECURITY_SYSLOG_URL/],
      [{ SECURITY_SYSLOG_URL: 'udp://siem:514/path' }, /SECURITY_SYSLOG_URL/],
      [{ SECURITY_ALERT_GUESSING_WINDOW_MINUTES: '120' }, /SECURITY_ALERT_GUESSING_WINDOW_MINUTES/],
      [{ SECURITY_ALERT_GUESSING_ADDRESSES: '1' }, /SECURITY_ALERT_GUESSING_ADDRESSES/],
      [{ SECURITY_ALERT_GUESSING_FAILURES: 'many' }, /SECURITY_ALERT_GUESSING_FAILURES/],
    ])('rejects %p', (env, msg) => {
      expect(() => loadConfig(env as Record<string, string>)).toThrow(msg);
    });
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
