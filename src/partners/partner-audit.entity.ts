import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One call on the data-sharing API: who, what, the answer. */
@Entity('partner_audit_log')
@Index(['partnerClientId', 'at'])
export class PartnerAuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  partnerClientId: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  clientId: string | null;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  @Column({ type: 'varchar', length: 300 })
  path: string;

  @Column({ type: 'int' })
  statusCode: number;

  @Column({ type: 'varchar', length: 60, nullable: true })
  remoteIp: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
