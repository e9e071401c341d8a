import { Column, Entity, PrimaryColumn } from 'typeorm';

export type GatewayTxnStatus = 'PENDING' | 'SUCCESS' | 'CANCELLED' | 'FAILED';

/** A payment order as the stub gateway sees it (its own storage, like a real acquirer). */
@Entity({ name: 'gateway_transactions', schema: 'stubs' })
export class GatewayTransaction {
  /** The merchant's order reference (our payment id). */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  txnRef: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amount: number;

  @Column({ type: 'text' })
  orderInfo: string;

  @Column({ type: 'text' })
  returnUrl: string;

  @Column({ type: 'text' })
  callbackUrl: string;

  @Column({ type: 'varchar', length: 12, default: 'PENDING' })
  status: GatewayTxnStatus;

  @Column({ type: 'varchar', length: 40, nullable: true })
  transactionNo: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
