import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type PaymentState = 'PENDING' | 'PAID' | 'FAILED' | 'CANCELLED';

export interface FeeLine {
  label: string;
  unitAmount: number;
  quantity: number;
  amount: number;
}

/** One attempt to pay a dossier's fee online (lệ phí). At most one PAID row per dossier (partial unique index). */
@Entity('payments')
@Index('uq_payments_paid_dossier', ['dossierId'], { unique: true, where: "status = 'PAID'" })
@Index(['agencyCode', 'paidAt'])
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dossierId: string;

  @Index()
  @Column({ type: 'varchar', length: 48 })
  dossierCode: string;

  @Column({ type: 'varchar', length: 24 })
  agencyCode: string;

  @Column({ type: 'varchar', length: 40 })
  procedureCode: string;

  @Column({ type: 'uuid', nullable: true })
  payerUserId: string | null;

  @Column({ type: 'varchar', length: 200 })
  payerName: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amount: number;

  @Column({ type: 'jsonb' })
  feeLines: FeeLine[];

  @Column({ type: 'varchar', length: 12, default: 'PENDING' })
  status: PaymentState;

  /** The gateway's own transaction number, from the verified callback. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  gatewayTransactionNo: string | null;

  /** Biên lai điện tử number, issued when the payment is confirmed. */
  @Index({ unique: true, where: 'receipt_no IS NOT NULL' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  receiptNo: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
