import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PARTNER_SCOPES = ['dossiers:read', 'results:read', 'catalog:read', 'statistics:read'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** A partner agency system on the data-sharing platform (LGSP/NDXP), authenticated by client credentials. */
@Entity('partner_clients')
export class PartnerClient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 60 })
  clientId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** argon2id hash of the secret; the secret itself is shown once, at creation. */
  @Column({ type: 'varchar', length: 200 })
  secretHash: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  scopes: PartnerScope[];

  /** Agencies whose dossiers, results and statistics the client may read (each with its subtree). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  agencyCodes: string[];

  /** The province administrator who created it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'int', default: 60 })
  ratePerMinute: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
