import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file in the citizen's document store: uploads and results issued by the portal. */
@Entity('files')
@Index(['ownerUserId', 'createdAt'])
export class StoredFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The citizen (or staff member, for counter intake) who owns it. */
  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  ownerPersonalId: string | null;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  mimeType: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Random name in the storage backend; never derived from user input. */
  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** UPLOAD or RESULT (signed result issued by an agency). */
  @Column({ type: 'varchar', length: 12, default: 'UPLOAD' })
  kind: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
