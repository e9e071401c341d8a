import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the national public-service portal (stub) knows about one dossier. Its own schema: it is "another system". */
@Entity({ name: 'dossiers', schema: 'national_portal' })
export class NationalPortalDossier {
  @PrimaryColumn({ type: 'varchar', length: 48 })
  code: string;

  @Column({ type: 'varchar', length: 24 })
  status: string;

  @Column({ type: 'varchar', length: 40 })
  procedureCode: string;

  @Column({ type: 'varchar', length: 24 })
  agencyCode: string;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Time of the newest status change applied: an older update arriving late does not roll the status back. */
  @Column({ type: 'timestamptz' })
  lastEventAt: Date;

  /** Tie-break between updates stamped with the same instant. */
  @Column({ type: 'varchar', length: 60, default: '' })
  lastEventId: string;

  @Column({ type: 'int', default: 0 })
  updatesReceived: number;

  @Column({ type: 'int', default: 0 })
  duplicatesIgnored: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
