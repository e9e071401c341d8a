import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Timeliness } from './dossier.types';

/** Each agency's stage of an inter-level (liên thông) dossier, with its own clock. */
@Entity('dossier_stages')
@Index(['dossierId', 'seq'], { unique: true })
export class DossierStage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  dossierId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 24 })
  agencyCode: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  timeliness: Timeliness | null;
}
