import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Remembers which version of each seed was applied, so start-up skips unchanged seeds. */
@Entity('seed_runs')
export class SeedRun {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  key: string;

  @Column({ type: 'varchar', length: 64 })
  checksum: string;

  @Column({ type: 'timestamptz' })
  appliedAt: Date;
}
