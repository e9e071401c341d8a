import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CallbackOutcome = 'APPLIED' | 'DUPLICATE' | 'REJECTED_SIGNATURE' | 'UNKNOWN_PAYMENT' | 'AMOUNT_MISMATCH' | 'FAILED' | 'IGNORED';

/** Every callback (and signed browser return) from the gateway, kept as evidence — valid or not. */
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
