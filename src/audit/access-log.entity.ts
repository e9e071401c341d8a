import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every read of a citizen's personal data by a staff member (Decree 13/2023/NĐ-CP on personal
 * data protection): the citizen can see who looked, when and at what.
 */
@Entity('access_log')
@Index(['citizenPersonalId', 'at'])
@Check('CHK_access_log_reader', '(staff_user_id IS NULL) <> (partner_client_id IS NULL)')
export class AccessLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The staff account that read — or null when a partner client did. */
  @Column({ type: 'uuid', nullable: true })
  staffUserId: string | null;

  /** The partner client (LGSP/NDXP) that read, when not a staff account. */
  @Column({ type: 'uuid', nullable: true })
  partnerClientId: string | null;

  @Column({ type: 'varchar', length: 200 })
  staffName: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  agencyCode: string | null;

  @Column({ type: 'varchar', length: 12 })
  citizenPersonalId: string;

  /** What was read, in Vietnamese (e.g. "Thông tin dân cư", "Hồ sơ 026.PTP-261122-0001"). */
  @Column({ type: 'varchar', length: 300 })
  what: string;

  @Column({ type: 'varchar', length: 48, nullable: true })
  dossierCode: string | null;
}
