import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to a dossier for one required document (thành phần hồ sơ). */
@Entity('dossier_documents')
@Index(['dossierId', 'documentKey', 'fileId'], { unique: true })
export class DossierDocument {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  dossierId: string;

  @Column({ type: 'varchar', length: 60 })
  documentKey: string;

  @Index()
  @Column({ type: 'uuid' })
  fileId: string;
}
