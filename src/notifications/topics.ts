/** Outbox topics of the notification deliveries (one message per recipient and channel). */
export const TOPIC_EMAIL = 'notify.email';
export const TOPIC_SMS = 'notify.sms';
