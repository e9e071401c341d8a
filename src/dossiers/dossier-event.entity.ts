import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DossierStatus } from './dossier.types';

/** Append-only history: every state change with actor, agency, time and reason. The control sheet is a view of these. */
@Entity('dossier_events')
@Index(['dossierId', 'id'])
export class DossierEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  dossierId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  fromStatus: DossierStatus | null;

  @Column({ type: 'varchar', length: 24 })
  toStatus: DossierStatus;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 200 })
  actorName: string;

  @Column({ type: 'varchar', length: 12 })
  actorRole: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  agencyCode: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Step handed over at this event and its allotted deadline (for the processing control sheet). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  stepKey: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  stepDueAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;
}
