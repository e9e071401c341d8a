import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD';

/**
 * Transactional outbox: written in the same transaction as the state change it reports, delivered
 * later by workers (`FOR UPDATE SKIP LOCKED`), each delivery carrying `idempotencyKey`.
 */
@Entity('outbox')
@Index(['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** e.g. `dossier.status`, `notify.email`, `national-portal.sync`. */
  @Column({ type: 'varchar', length: 60 })
  topic: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  aggregateId: string | null;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 120 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 12, default: 'PENDING' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
