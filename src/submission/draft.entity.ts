import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A dossier being prepared: saved and resumed later. */
@Entity('drafts')
@Index(['userId', 'updatedAt'])
export class Draft {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  procedureId: string;

  @Column({ type: 'varchar', length: 40 })
  procedureCode: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  agencyCode: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  documents: Record<string, string[]>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
