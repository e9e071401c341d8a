import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CallbackOutcome = 'APPLIED' | 'DUPLICATE' | 'REJECTED_SIGNATURE' | 'UNKNOWN_PAYMENT' | 'AMOUNT_MISMATCH' | 'FAILED' | 'IGNORED';

/**
 * Every signed callback (and signed browser return) from the gateway, kept whole as evidence; a
 * refused unsigned attempt leaves only a fixed-size summary here (see callback-rejections.ts),
 * and past the per-address limit only a counter in payment_callback_rejections.
 */
@Entity('payment_callbacks')
export class PaymentCallback {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index()
  @Column({ type: 'varchar', length: 60, nullable: true })
  txnRef: string | null;

  @Column({ type: 'varchar', length: 10 })
  source: 'CALLBACK' | 'RETURN';

  @Column({ type: 'jsonb' })
  body: Record<string, unknown>;

  @Column({ type: 'boolean' })
  signatureValid: boolean;

  @Column({ type: 'varchar', length: 20 })
  outcome: CallbackOutcome;

  @Column({ type: 'varchar', length: 60, nullable: true })
  remoteIp: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
