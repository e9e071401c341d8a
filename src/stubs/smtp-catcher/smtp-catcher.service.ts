import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

function addresses(a: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.map((x) => x.text).join(', ');
}

/**
 * Local SMTP catcher for development and tests: a real SMTP server (smtp-server) started in the app
 * process, storing what it receives in `stubs.mail_messages`. Like a mail store it drops a copy it
 * already holds (same X-Idempotency-Key / Message-ID) and counts it. It can be taken down (every
 * connection refused with 421) to exercise retries.
 */
@Injectable()
export class SmtpCatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SmtpCatcher.name);
  private server: SMTPServer | null = null;
  private listeningPort: number | null = null;
  down = false;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The port it listens on (null when not running). */
  get port(): number | null {
    return this.listeningPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.integrations.smtpCatcher.enabled) return;
    // A busy port (a second instance on the same machine) must not stop the portal: mail then waits in the outbox.
    await this.start(this.config.integrations.smtpCatcher.port).catch((err: Error) =>
      this.logger.warn(`SMTP catcher not started on port ${this.config.integrations.smtpCatcher.port}: ${err.message}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(port: number): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      banner: 'motcua SMTP catcher',
      size: 5 * 1024 * 1024,
      onConnect: (_session, cb) => {
        if (!this.down) return cb();
        const err = Object.assign(new Error('Máy chủ thư tạm ngừng'), { responseCode: 421 });
        cb(err);
      },
      onData: (stream, session, cb) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.down) throw Object.assign(new Error('Máy chủ thư tạm ngừng'), { responseCode: 421 });
            const key = String(mail.headers.get('x-idempotency-key') ?? mail.messageId ?? `${session.id}-${Date.now()}`);
            await this.ds.query(
              `INSERT INTO stubs.mail_messages (message_key, from_address, to_address, subject, text)
               VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (message_key) DO UPDATE SET duplicates = stubs.mail_messages.duplicates + 1`,
              [
                key.slice(0, 200),
                addresses(mail.from).slice(0, 300),
                (addresses(mail.to) || session.envelope.rcptTo.map((r) => r.address).join(', ')).slice(0, 300),
                mail.subject ?? '',
                mail.text ?? '',
              ],
            );
            cb();
          })
          .catch((err: Error & { responseCode?: number }) => {
            if (!err.responseCode) err.responseCode = 451;
            cb(err);
          });
      },
    });
    server.on('error', (err) => this.logger.warn(`SMTP catcher: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.listeningPort = (server.server.address() as AddressInfo).port;
    this.logger.log(`SMTP catcher listening on 127.0.0.1:${this.listeningPort}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.listeningPort = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async stats(): Promise<{ messages: number; duplicatesIgnored: number }> {
    const [r] = await this.ds.query(`SELECT count(*)::int AS messages, coalesce(sum(duplicates), 0)::int AS dups FROM stubs.mail_messages`);
    return { messages: r.messages, duplicatesIgnored: r.dups };
  }
}
