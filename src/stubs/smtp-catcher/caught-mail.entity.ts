import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message the local SMTP catcher accepted. Like a real mail store it de-duplicates on the message's
 * key (X-Idempotency-Key, else Message-ID); a re-sent copy only bumps `duplicates`.
 */
@Entity({ name: 'mail_messages', schema: 'stubs' })
export class CaughtMail {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  messageKey: string;

  @Column({ type: 'varchar', length: 300 })
  fromAddress: string;

  @Index()
  @Column({ type: 'varchar', length: 300 })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'int', default: 0 })
  duplicates: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
