import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An access token issued to a partner client; only its SHA-256 is stored. */
@Entity('partner_tokens')
export class PartnerToken {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index()
  @Column({ type: 'uuid' })
  partnerClientId: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
