import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TOPIC_EMAIL } from './topics';
import type { ClaimedMessage } from '../outbox/outbox-handler';
import { OutboxWorker } from '../outbox/outbox-worker.service';
import { SmtpCatcher } from '../stubs/smtp-catcher/smtp-catcher.service';
import type { NotificationPayload } from './notification-planner.service';

/**
 * Sends `notify.email` deliveries over SMTP (nodemailer). The idempotency key travels as the
 * Message-ID and an X-Idempotency-Key header, so a mail store can drop a copy re-sent after a crash.
 */
@Injectable()
export class EmailSender implements OnModuleInit, OnApplicationShutdown {
  private transport: Transporter | null = null;
  private transportPort: number | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly worker: OutboxWorker,
    private readonly catcher: SmtpCatcher,
  ) {}

  onModuleInit(): void {
    this.worker.register({ topic: TOPIC_EMAIL, kind: 'remote', deliver: (m) => this.deliver(m) });
  }

  /** After the worker has stopped (its stop runs in beforeApplicationShutdown), so no send is cut off. */
  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }

  private port(): number {
    const port = this.config.integrations.smtp.port ?? this.catcher.port;
    if (!port) throw new Error('Chưa cấu hình máy chủ SMTP (SMTP_PORT) và bộ nhận thư thử nghiệm chưa chạy');
    return port;
  }

  private getTransport(): Transporter {
    const port = this.port();
    if (!this.transport || this.transportPort !== port) {
      this.transport?.close();
      const smtp = this.config.integrations.smtp;
      this.transport = nodemailer.createTransport({
        host: smtp.host,
        port,
        secure: smtp.secure,
        pool: true,
        maxConnections: 4,
        connectionTimeout: this.config.integrations.httpTimeoutMs,
        greetingTimeout: this.config.integrations.httpTimeoutMs,
        socketTimeout: this.config.integrations.httpTimeoutMs * 2,
      });
      this.transportPort = port;
    }
    return this.transport;
  }

  async deliver(m: ClaimedMessage): Promise<void> {
    const p = m.payload as unknown as NotificationPayload;
    const id = createHash('sha256').update(m.idempotencyKey).digest('hex').slice(0, 32);
    await this.getTransport().sendMail({
      from: this.config.integrations.smtp.from,
      to: p.to,
      subject: p.subject ?? '',
      text: p.text,
      messageId: `<${id}@motcua.dichvucong>`,
      headers: { 'X-Idempotency-Key': m.idempotencyKey, 'X-Motcua-Dossier': p.dossierCode },
    });
  }
}
