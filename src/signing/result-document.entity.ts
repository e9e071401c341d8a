import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed result issued for a dossier on approval. The signed PDF is also a `files` row of kind
 * RESULT in the applicant's document store; this row keeps what verification needs: the public
 * code printed on the document and the hash of the exact signed bytes.
 */
@Entity('result_documents')
@Index(['dossierId', 'issuedAt'])
export class ResultDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short public code printed on the result, entered on /xac-thuc. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  verificationCode: string;

  @Column({ type: 'uuid' })
  dossierId: string;

  @Column({ type: 'varchar', length: 48 })
  dossierCode: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  fileId: string | null;

  @Column({ type: 'varchar', length: 24 })
  agencyCode: string;

  @Column({ type: 'varchar', length: 200 })
  signerName: string;

  @Column({ type: 'varchar', length: 200 })
  certificateSubject: string;

  @Column({ type: 'varchar', length: 64 })
  certificateSerial: string;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Template and its version the document was rendered from. */
  @Column({ type: 'varchar', length: 40 })
  template: string;

  @Column({ type: 'int' })
  templateVersion: number;

  /** The signed bytes (kept here too so the result survives a storage backend swap). */
  @Column({ type: 'bytea' })
  pdf: Buffer;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
