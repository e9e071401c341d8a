import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ResetCodeChannel, type ResetCodeMessage } from '../identity/reset-code-channel';
import { OutboxService } from '../outbox/outbox.service';
import type { NotificationPayload } from './notification-planner.service';
import { TOPIC_EMAIL, TOPIC_SMS } from './topics';

/** Not a dossier: the reference the senders put in their headers and SMS reference. */
const REFERENCE = 'dat-lai-mat-khau';

/** The password-reset code as one e-mail and one SMS, through the same outbox topics and senders as every notification. */
@Injectable()
export class OutboxResetCodeChannel extends ResetCodeChannel {
  constructor(private readonly outbox: OutboxService) {
    super();
  }

  async enqueue(manager: EntityManager, m: ResetCodeMessage): Promise<void> {
    const text =
      `Mã xác nhận đặt lại mật khẩu Cổng dịch vụ công của bạn là ${m.code}. ` +
      `Mã có hiệu lực trong ${m.expiresInMinutes} phút và chỉ dùng được một lần. ` +
      'Không cung cấp mã này cho bất kỳ ai. Nếu bạn không yêu cầu đặt lại mật khẩu, hãy bỏ qua tin này.';
    // The senders read `to`, `subject`, `text` and the reference of a NotificationPayload.
    const base = { template: 'password-reset', dossierCode: REFERENCE, recipientUserId: m.userId };
    const entries = [];
    if (m.email) {
      const payload: Pick<NotificationPayload, 'dossierCode' | 'recipientUserId' | 'to' | 'subject' | 'text'> = { ...base, to: m.email, subject: 'Mã xác nhận đặt lại mật khẩu', text };
      entries.push({ topic: TOPIC_EMAIL, aggregateId: null, idempotencyKey: `email:password-reset:${m.resetId}`, payload: { ...payload } });
    }
    if (m.phone) {
      const sms = `DVC: Mã đặt lại mật khẩu của bạn là ${m.code}, hiệu lực ${m.expiresInMinutes} phút. Không cung cấp mã cho bất kỳ ai.`;
      const payload: Pick<NotificationPayload, 'dossierCode' | 'recipientUserId' | 'to' | 'text'> = { ...base, to: m.phone, text: sms };
      entries.push({ topic: TOPIC_SMS, aggregateId: null, idempotencyKey: `sms:password-reset:${m.resetId}`, payload: { ...payload } });
    }
    await this.outbox.enqueue(manager, entries);
  }
}

/** Global, so that the identity module (below notifications) receives the channel without importing upwards. */
@Global()
@Module({
  providers: [OutboxResetCodeChannel, { provide: ResetCodeChannel, useExisting: OutboxResetCodeChannel }],
  exports: [ResetCodeChannel],
})
export class ResetCodeChannelModule {}
