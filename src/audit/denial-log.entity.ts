import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every authorization denial, for the security officer. */
@Entity('denial_log')
export class DenialLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  role: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  resource: string | null;

  @Column({ type: 'varchar', length: 300 })
  reason: string;
}
