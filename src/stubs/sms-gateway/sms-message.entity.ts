import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An SMS the stub gateway accepted (de-duplicated on the sender's Idempotency-Key). */
@Entity({ name: 'sms_messages', schema: 'stubs' })
export class StubSmsMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 160 })
  idempotencyKey: string;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  toNumber: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'int', default: 0 })
  duplicates: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
