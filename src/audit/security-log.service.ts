/**
 * The security event stream for the province's security operations centre (SOC): one JSON line
 * per security-relevant action, with a stable schema (`SecurityEvent`, version 1 — see
 * security-event.ts and security-event.schema.json).
 *
 * This file is the ONE API every module calls: `securityLog.record({...})`. It never throws and
 * never blocks the request it describes: the line is queued on pino's asynchronous file
 * destination (sonic-boom, opened O_APPEND: each write holds whole lines, so several processes
 * appending to one file never interleave within a line) and, when SECURITY_SYSLOG_URL is set,
 * handed to a pino transport (worker thread: pino-syslog → pino-socket) that ships it as RFC 5424.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import pino from 'pino';
import type { AuditActor } from './actor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { currentRequest } from './request-context';
import { buildSecurityEvent, type EventContext, type SecurityEvent } from './security-event';

export { SECURITY_EVENT_TYPES, SECURITY_SEVERITIES } from './security-event.types';
export type { SecurityEventInput, SecurityEventType, SecurityOutcome, SecuritySeverity } from './security-event.types';
import type { SecurityEventInput, SecuritySeverity } from './security-event.types';

/** pino levels of the syslog logger, and the RFC 5424 severity pino-syslog gives each. */
const SYSLOG_LEVELS: Record<SecuritySeverity, { level: number; syslogSeverity: string }> = {
  info: { level: 30, syslogSeverity: 'info' },
  low: { level: 31, syslogSeverity: 'notice' },
  medium: { level: 41, syslogSeverity: 'warning' },
  high: { level: 51, syslogSeverity: 'critical' },
  critical: { level: 61, syslogSeverity: 'alert' },
};
/** RFC 5424 facility 10: security/authorization messages (authpriv). */
const SYSLOG_FACILITY = 10;

type FileSink = ReturnType<typeof pino.destination>;
type SyslogSink = pino.Logger<'low' | 'medium' | 'high' | 'critical'>;

@Injectable()
export class SecurityLogService implements OnApplicationShutdown {
  private readonly logger = new Logger('SecurityLog');
  private readonly host = hostname();
  private file: FileSink | null = null;
  private syslog: SyslogSink | null = null;
  private syslogStream: { end(): void; on(ev: string, fn: (...a: unknown[]) => void): unknown } | null = null;
  private lastWarnAt = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.file = this.openFile(config.security.logFile);
    if (config.security.syslog) this.openSyslog(config.security.syslog);
  }

  /** Writes one event. Never throws: a broken sink must not break the action it describes. */
  record(input: SecurityEventInput): void {
    try {
      const event = buildSecurityEvent(input, this.context());
      const line = JSON.stringify(event);
      this.file?.write(line + '\n');
      if (this.syslog) {
        // pino-syslog takes the RFC 5424 MSGID from `req.id`: the event type names the message.
        this.syslog[event.severity]({ req: { id: event.type } }, line);
      }
    } catch (err) {
      this.warn(err, 'could not write a security event');
    }
  }

  /** Resolves when every queued line has been handed to the file (tests read it after this). */
  async flush(): Promise<void> {
    const file = this.file;
    if (file && !(file as unknown as { destroyed: boolean }).destroyed) {
      await new Promise<void>((resolve) => {
        try {
          file.flush(() => resolve());
        } catch {
          resolve();
        }
      });
    }
    const syslog = this.syslog;
    if (syslog) await new Promise<void>((resolve) => syslog.flush(() => resolve()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush().catch(() => undefined);
    const file = this.file;
    this.file = null;
    if (file && !(file as unknown as { destroyed: boolean }).destroyed) {
      await new Promise<void>((resolve) => {
        file.once('close', () => resolve());
        file.once('error', () => resolve());
        file.end();
      });
    }
    this.syslog = null;
    this.syslogStream?.end();
    this.syslogStream = null;
  }

  private context(): EventContext {
    const ctx: EventContext = { now: new Date(), host: this.host, pid: process.pid };
    const req = currentRequest() as (ReturnType<typeof currentRequest> & { id?: unknown; user?: AuditActor }) | undefined;
    if (req) {
      ctx.ip = req.ip ?? null;
      ctx.requestId = req.id !== undefined && req.id !== null ? String(req.id) : null;
      ctx.method = req.method;
      ctx.path = (req.originalUrl ?? req.url ?? '').split('?')[0];
      ctx.userAgent = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null;
      if (req.user) ctx.user = { id: req.user.id, username: req.user.username, role: req.user.role, agencyCode: req.user.agencyCode };
    }
    return ctx;
  }

  private openFile(path: string): FileSink | null {
    try {
      // minLength 1, not 0: every line is still written at once, but flush() then waits for the
      // writes in flight (with 0 sonic-boom's flush returns at once).
      const dest = pino.destination({ dest: path, append: true, mkdir: true, sync: false, minLength: 1 });
      dest.on('error', (err: unknown) => this.warn(err, `security log file ${path} failed`));
      return dest;
    } catch (err) {
      this.warn(err, `cannot open security log file ${path}`);
      return null;
    }
  }

  private openSyslog(target: NonNullable<AppConfig['security']['syslog']>): void {
    try {
      const customLevels = Object.fromEntries(Object.entries(SYSLOG_LEVELS).filter(([k]) => k !== 'info'));
      const stream = pino.transport({
        pipeline: [
          {
            target: 'pino-syslog',
            options: {
              modern: true,
              appname: 'motcua',
              facility: SYSLOG_FACILITY,
              tz: 'Asia/Ho_Chi_Minh',
              messageOnly: true,
              // TCP needs framing between messages (RFC 6587 non-transparent framing); UDP is one datagram each.
              newline: target.protocol === 'tcp',
              customLevels,
            },
          },
          {
            target: 'pino-socket',
            options: { address: target.host, port: target.port, mode: target.protocol, echo: false, reconnect: true, recovery: true },
          },
        ],
      });
      stream.on('error', (err: unknown) => this.warn(err, 'security syslog transport failed'));
      this.syslogStream = stream;
      this.syslog = pino(
        {
          level: 'info',
          customLevels: Object.fromEntries(Object.entries(customLevels).map(([k, v]) => [k, v.level])) as Record<'low' | 'medium' | 'high' | 'critical', number>,
          base: { pid: process.pid, hostname: this.host },
        },
        stream,
      ) as SyslogSink;
    } catch (err) {
      this.warn(err, 'cannot start the security syslog transport');
    }
  }

  /** A broken sink is reported, at most once a minute (not once per event). */
  private warn(err: unknown, msg: string): void {
    if (Date.now() - this.lastWarnAt < 60_000) return;
    this.lastWarnAt = Date.now();
    this.logger.warn(`${msg}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export type { SecurityEvent };
