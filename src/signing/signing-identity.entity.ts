import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Development PKI: the CA (`id = 'CA'`) and one signing key per agency (`id = agency code`),
 * created on first use. A production deployment replaces this with the agencies' real
 * certificates from a licensed CA (Ban Cơ yếu Chính phủ) behind an HSM.
 */
@Entity('signing_identities')
export class SigningIdentity {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  id: string;

  @Column({ type: 'text' })
  certificatePem: string;

  @Column({ type: 'text' })
  privateKeyPem: string;

  @Column({ type: 'varchar', length: 64 })
  serial: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
