import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Unsigned or badly signed gateway callbacks, counted per source address per minute: the rate
 * limit's state (in PostgreSQL, so that it holds across app instances) and a bounded tally for the
 * record — one small row per address and minute, whatever was sent. The bodies are not kept.
 */
@Entity('payment_callback_rejections')
export class PaymentCallbackRejection {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  remoteIp: string;

  /** The minute the attempts fall in (date_trunc('minute', now())). */
  @Index()
  @PrimaryColumn({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** The last `txnRef` claimed in this minute (truncated), a hint for the investigation. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  lastTxnRef: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastAt: Date;
}
