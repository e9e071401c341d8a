/**
 * Typed, validated configuration. This is the only module that reads `process.env`:
 * everything else receives an `AppConfig` (Immich's config.repository pattern).
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

export type NodeEnv = 'development' | 'test' | 'production';

export interface RegistryFaults {
  /** Mean added latency of the population registry stub, in ms. */
  meanLatencyMs: number;
  /** Share of registry calls that fail (0..1). */
  failureRate: number;
  /** The whole registry is down. */
  outage: boolean;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Absent → an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | null;
  /**
   * A direct (session-mode) connection to the primary, when DATABASE_URL goes through a pooler in
   * transaction mode (pgbouncer): used for LISTEN (cache invalidation) and the migrations' lock.
   * Null → DATABASE_URL is used for those too.
   */
  databaseDirectUrl: string | null;
  /** Streaming replica for reports, dashboards, open data, catalog and lookup reads (null → the primary). */
  databaseReplicaUrl: string | null;
  /** The replica is skipped while it lags the primary by more than this (seconds). */
  replicaMaxLagSeconds: number;
  /** App processes `npm start` runs (node:cluster); 1 = a single process. */
  webConcurrency: number;
  embeddedPgPort: number;
  dataDir: string;
  demo: boolean;
  /** Demo mode: sample dossiers over the last two years (0 under NODE_ENV=test, whose suites count their own). */
  demoDossiers: number;
  provinceCode: string;
  sessionSecret: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Receptions after this local minute-of-day start the next working day; null = off (default). */
  lateReceptionCutoffMinutes: number | null;
  registry: RegistryFaults & { timeoutMs: number; citizens: number; breakerHalfOpenMs: number };
  uploads: { maxFileBytes: number; maxDossierBytes: number; maxImagePixels: number };
  /** ClamAV daemon that scans every upload; null = not configured (no virus scan). */
  clamav: ClamavConfig | null;
  publicBaseUrl: string;
  integrations: IntegrationsConfig;
  /** Which peers may tell the real client address (X-Forwarded-For); Express's `trust proxy`. */
  trustProxy: TrustProxySetting;
  security: SecurityConfig;
}

// ── Security event stream for the SOC (issue 10 item 7) ──
export interface SecurityConfig {
  /** JSON-lines file of security events (appended, one whole line per event). */
  logFile: string;
  /** Optional RFC 5424 syslog shipping of the same events. */
  syslog: { protocol: 'udp' | 'tcp'; host: string; port: number } | null;
  /** Alert: many failed sign-ins for one account from many addresses within a window. */
  guessingAlert: { windowMinutes: number; minFailures: number; minDistinctAddresses: number };
}

function loadSecurity(env: Env, dataDir: string, problems: string[]): SecurityConfig {
  let syslog: SecurityConfig['syslog'] = null;
  const raw = env.SECURITY_SYSLOG_URL?.trim();
  if (raw) {
    const m = /^(udp|tcp):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(raw);
    const port = m ? Number(m[3] ?? 514) : 0;
    if (!m || port < 1 || port > 65535) problems.push(`SECURITY_SYSLOG_URL must look like udp://host:514 or tcp://host:514, got "${raw}"`);
    else syslog = { protocol: m[1] as 'udp' | 'tcp', host: m[2].replace(/^\[|\]$/g, ''), port };
  }
  return {
    logFile: resolve(env.SECURITY_LOG_FILE?.trim() || join(dataDir, 'logs', 'security.jsonl')),
    syslog,
    guessingAlert: {
      // auth_failures rows are pruned after an hour: a longer window would see nothing more.
      windowMinutes: intVar(env, 'SECURITY_ALERT_GUESSING_WINDOW_MINUTES', 15, 1, 60, problems),
      minFailures: intVar(env, 'SECURITY_ALERT_GUESSING_FAILURES', 10, 2, 100000, problems),
      minDistinctAddresses: intVar(env, 'SECURITY_ALERT_GUESSING_ADDRESSES', 5, 2, 100000, problems),
    },
  };
}
// ── end security block ──

/** Where clamd listens: a Unix socket, or host and port. */
export interface ClamavConfig {
  socketPath: string | null;
  host: string | null;
  port: number;
  timeoutMs: number;
}

/**
 * `false`: believe no X-Forwarded-For, the socket address is the client; a number: that many proxy
 * hops in front of the app; a list: addresses, CIDRs or Express's names (loopback, linklocal,
 * uniquelocal) of the proxies whose X-Forwarded-For is believed.
 */
export type TrustProxySetting = false | number | string[];

// ── Integrations stream (issue 7): outbox worker, notifications, payments, national portal, partners ──
export interface IntegrationsConfig {
  /** Run the outbox worker inside the app process (off by default under NODE_ENV=test: tests drain on demand). */
  workerEnabled: boolean;
  pollMs: number;
  batchSize: number;
  /** Attempts before a message goes to the dead-letter state. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A claimed message is invisible to other workers this long; a crashed worker's claim expires. */
  leaseMs: number;
  httpTimeoutMs: number;
  /** Null → this portal's own stub (`<base URL>/stubs/national-portal`). */
  nationalPortalUrl: string | null;
  /** Null → this portal's own SMS gateway stub. */
  smsGatewayUrl: string | null;
  smtp: { host: string; port: number | null; from: string; secure: boolean };
  /** Local SMTP catcher started in-process (demo/test). Port 0 = any free port. */
  smtpCatcher: { enabled: boolean; port: number };
  payments: {
    gatewaySecret: string;
    /** Null → this portal's own payment-gateway stub. */
    gatewayUrl: string | null;
    callbackDelayMs: number;
    /** Extra copies of each callback the stub gateway sends (real gateways retry). */
    callbackDuplicates: number;
    bankBin: string;
    bankAccount: string;
  };
  /**
   * grantableScopes: what the province lets any partner client hold (PARTNER_GRANTABLE_SCOPES);
   * null = every scope. The partners module checks the names at start.
   */
  partners: { tokenTtlSeconds: number; defaultRatePerMinute: number; grantableScopes: string[] | null };
  /** Staff are warned this many hours before a dossier's due time. */
  dueSoonHours: number;
}

function loadIntegrations(env: Env, nodeEnv: NodeEnv, demo: boolean, problems: string[]): IntegrationsConfig {
  const url = (name: string): string | null => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    if (!/^https?:\/\//.test(raw)) problems.push(`${name} must be an http(s) URL, got "${raw}"`);
    return raw.replace(/\/$/, '');
  };
  const gatewaySecret = env.PAYMENT_GATEWAY_SECRET ?? (nodeEnv === 'production' ? '' : 'motcua-demo-payment-gateway-secret');
  if (gatewaySecret.length < 16) problems.push('PAYMENT_GATEWAY_SECRET must be set (at least 16 characters) in production');
  const smtpPortRaw = env.SMTP_PORT;
  return {
    workerEnabled: boolVar(env, 'OUTBOX_WORKER', nodeEnv !== 'test', problems),
    pollMs: intVar(env, 'OUTBOX_POLL_MS', 500, 10, 600000, problems),
    batchSize: intVar(env, 'OUTBOX_BATCH_SIZE', 20, 1, 1000, problems),
    maxAttempts: intVar(env, 'OUTBOX_MAX_ATTEMPTS', 10, 1, 100, problems),
    backoffBaseMs: intVar(env, 'OUTBOX_BACKOFF_BASE_MS', 1000, 1, 3600000, problems),
    backoffMaxMs: intVar(env, 'OUTBOX_BACKOFF_MAX_MS', 3600000, 1, 86400000, problems),
    leaseMs: intVar(env, 'OUTBOX_LEASE_MS', 30000, 100, 3600000, problems),
    httpTimeoutMs: intVar(env, 'OUTBOX_HTTP_TIMEOUT_MS', 5000, 50, 120000, problems),
    nationalPortalUrl: url('NATIONAL_PORTAL_URL'),
    smsGatewayUrl: url('SMS_GATEWAY_URL'),
    smtp: {
      host: (env.SMTP_HOST ?? '127.0.0.1').trim(),
      port: smtpPortRaw ? intVar(env, 'SMTP_PORT', 25, 1, 65535, problems) : null,
      from: env.SMTP_FROM ?? 'Cổng Dịch vụ công <no-reply@dichvucong.local>',
      secure: boolVar(env, 'SMTP_SECURE', false, problems),
    },
    smtpCatcher: {
      enabled: boolVar(env, 'SMTP_CATCHER', demo || nodeEnv === 'test', problems),
      port: intVar(env, 'SMTP_CATCHER_PORT', nodeEnv === 'test' ? 0 : 2525, 0, 65535, problems),
    },
    payments: {
      gatewaySecret,
      gatewayUrl: url('PAYMENT_GATEWAY_URL'),
      callbackDelayMs: intVar(env, 'PAYMENT_CALLBACK_DELAY_MS', nodeEnv === 'test' ? 0 : 1500, 0, 600000, problems),
      callbackDuplicates: intVar(env, 'PAYMENT_CALLBACK_DUPLICATES', 1, 0, 20, problems),
      bankBin: (env.PAYMENT_BANK_BIN ?? '970415').trim(),
      bankAccount: (env.PAYMENT_BANK_ACCOUNT ?? '113366668888').trim(),
    },
    partners: {
      tokenTtlSeconds: intVar(env, 'PARTNER_TOKEN_TTL_SECONDS', 3600, 60, 86400, problems),
      defaultRatePerMinute: intVar(env, 'PARTNER_RATE_PER_MINUTE', 60, 1, 100000, problems),
      grantableScopes: scopeList(env, 'PARTNER_GRANTABLE_SCOPES'),
    },
    dueSoonHours: intVar(env, 'DUE_SOON_HOURS', 24, 1, 720, problems),
  };
}

function scopeList(env: Env, name: string): string[] | null {
  const raw = env[name]?.trim();
  return raw ? raw.split(/[\s,]+/).filter(Boolean) : null;
}
// ── end integrations block ──

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
    return def;
  }
  const n = Number(raw);
  if (n < min || n > max) problems.push(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function numVar(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    problems.push(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
    return def;
  }
  return n;
}

function boolVar(env: Env, name: string, def: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be 1 or 0 (true/false), got "${raw}"`);
  return def;
}

// ── ops (issue 10): TRUST_PROXY ──
const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One TRUST_PROXY entry: an IPv4/IPv6 address, a CIDR with a non-zero prefix, or one of Express's names. */
function trustProxyEntryProblem(entry: string): string | null {
  if (TRUST_PROXY_NAMES.includes(entry)) return null;
  const [addr, prefix, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (!family || rest.length) return `"${entry}" is not an IP address, a CIDR or one of ${TRUST_PROXY_NAMES.join(', ')}`;
  if (prefix === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) < 1 || Number(prefix) > max) return `"${entry}": the prefix length must be between 1 and ${max}`;
  return null;
}

/**
 * TRUST_PROXY: unset → `loopback` (a proxy on this host); `off` (or `0`) → no proxy; `N` → N hops;
 * otherwise a comma-separated list of proxy addresses/CIDRs/names. "Everyone" (`true`, `*`, a /0) is
 * refused: any client could then choose its own address and escape the sign-in and lookup limits.
 */
export function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxySetting {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return ['loopback'];
  if (['off', 'false', 'no', 'none', '0'].includes(value)) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) problems.push(`TRUST_PROXY hop count must be between 0 and 10, got ${hops}`);
    return hops;
  }
  if (['true', 'yes', 'on', 'all', '*'].includes(value)) {
    problems.push('TRUST_PROXY must name the proxies (addresses, CIDRs, loopback) or a hop count: trusting everyone lets any client choose its own address');
    return false;
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.map(trustProxyEntryProblem).filter((p): p is string => p !== null);
  if (bad.length || !entries.length) {
    problems.push(`TRUST_PROXY must be off, a hop count, or a comma-separated list of proxy addresses/CIDRs (${bad.join('; ') || 'empty list'})`);
    return false;
  }
  return entries;
}
// ── end ops block ──

/** CLAMAV_SOCKET (Debian: /run/clamav/clamd.ctl) or CLAMAV_HOST[:CLAMAV_PORT]; neither = no scan. */
function loadClamav(env: Env, problems: string[]): ClamavConfig | null {
  const socketPath = env.CLAMAV_SOCKET?.trim() || null;
  const host = env.CLAMAV_HOST?.trim() || null;
  if (socketPath && host) problems.push('Set CLAMAV_SOCKET or CLAMAV_HOST, not both');
  const port = intVar(env, 'CLAMAV_PORT', 3310, 1, 65535, problems);
  const timeoutMs = intVar(env, 'CLAMAV_TIMEOUT_MS', 30000, 100, 600000, problems);
  if (!socketPath && !host) return null;
  return { socketPath: socketPath ? resolve(socketPath) : null, host: socketPath ? null : host, port, timeoutMs };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'test', 'production'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, test or production, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = (['development', 'test', 'production'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development') as NodeEnv;

  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  // Demo data defaults on with the embedded database, off with a real server; never in production.
  const urlVar = (name: string): string | null => {
    const v = env[name]?.trim();
    if (!v) return null;
    if (!/^postgres(ql)?:\/\//.test(v)) problems.push(`${name} must start with postgres:// or postgresql://`);
    return v;
  };
  const databaseDirectUrl = urlVar('DATABASE_DIRECT_URL');
  const databaseReplicaUrl = urlVar('DATABASE_REPLICA_URL');
  // `npm start` of a cluster worker sets DATABASE_URL to the primary's embedded server: the demo default follows the primary.
  const demo = boolVar(env, 'DEMO', databaseUrl === null, problems);
  if (demo && nodeEnv === 'production') problems.push('DEMO=1 is refused when NODE_ENV=production');

  const provinceCode = (env.PROVINCE_CODE ?? '02').trim();
  if (!/^\d{2}$/.test(provinceCode)) problems.push(`PROVINCE_CODE must be a 2-digit province code, got "${provinceCode}"`);

  const sessionSecret = env.SESSION_SECRET ?? (nodeEnv === 'production' ? '' : 'motcua-development-session-secret');
  if (sessionSecret.length < 16) problems.push('SESSION_SECRET must be set (at least 16 characters) in production');

  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info')) as AppConfig['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal,error,warn,info,debug,trace,silent, got "${logLevel}"`);
  }

  let lateReceptionCutoffMinutes: number | null = null;
  if (env.LATE_RECEPTION_CUTOFF) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(env.LATE_RECEPTION_CUTOFF);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) problems.push('LATE_RECEPTION_CUTOFF must look like 15:00');
    else lateReceptionCutoffMinutes = Number(m[1]) * 60 + Number(m[2]);
  }

  const port = intVar(env, 'PORT', 3000, 0, 65535, problems);
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const config: AppConfig = {
    nodeEnv,
    port,
    databaseUrl,
    databaseDirectUrl,
    databaseReplicaUrl,
    replicaMaxLagSeconds: intVar(env, 'REPLICA_MAX_LAG_SECONDS', 30, 0, 86400, problems),
    webConcurrency: webConcurrency(env, nodeEnv, problems),
    embeddedPgPort: intVar(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535, problems),
    dataDir,
    demo,
    demoDossiers: intVar(env, 'DEMO_DOSSIERS', nodeEnv === 'test' ? 0 : 20000, 0, 10000000, problems),
    provinceCode,
    sessionSecret,
    logLevel,
    lateReceptionCutoffMinutes,
    registry: {
      meanLatencyMs: intVar(env, 'REGISTRY_LATENCY_MS', 0, 0, 60000, problems),
      failureRate: numVar(env, 'REGISTRY_FAILURE_RATE', 0, 0, 1, problems),
      outage: boolVar(env, 'REGISTRY_OUTAGE', false, problems),
      timeoutMs: intVar(env, 'REGISTRY_TIMEOUT_MS', 3000, 50, 60000, problems),
      citizens: intVar(env, 'REGISTRY_CITIZENS', 100000, 0, 5000000, problems),
      breakerHalfOpenMs: intVar(env, 'REGISTRY_BREAKER_HALF_OPEN_MS', 10000, 100, 600000, problems),
    },
    uploads: {
      maxFileBytes: intVar(env, 'UPLOAD_MAX_FILE_MB', 10, 1, 1024, problems) * 1024 * 1024,
      maxDossierBytes: intVar(env, 'UPLOAD_MAX_DOSSIER_MB', 50, 1, 4096, problems) * 1024 * 1024,
      maxImagePixels: intVar(env, 'UPLOAD_MAX_IMAGE_MEGAPIXELS', 40, 1, 1000, problems) * 1_000_000,
    },
    clamav: loadClamav(env, problems),
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    integrations: loadIntegrations(env, nodeEnv, demo, problems),
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    security: loadSecurity(env, dataDir, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * WEB_CONCURRENCY: a number of processes, or `auto`/unset = one per core (outside tests; tests and
 * CI keep 1).
 */
function webConcurrency(env: Env, nodeEnv: NodeEnv, problems: string[]): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  const cores = Math.max(1, availableParallelism());
  if (!raw || raw === 'auto') return nodeEnv === 'test' ? 1 : cores;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) {
    problems.push(`WEB_CONCURRENCY must be a number of processes (1–256) or auto, got "${raw}"`);
    return 1;
  }
  return Math.min(256, Number(raw));
}

/** Injection token for the typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
