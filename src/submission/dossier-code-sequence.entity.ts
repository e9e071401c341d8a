import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per agency and day counter for dossier codes. Incremented with an upsert inside the submitting
 * transaction: concurrent submissions serialise on the row, and a rolled-back submission leaves no gap.
 */
@Entity('dossier_code_sequences')
export class DossierCodeSequence {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  agencyCode: string;

  /** yymmdd in Vietnam time. */
  @PrimaryColumn({ type: 'varchar', length: 6 })
  day: string;

  @Column({ type: 'int' })
  lastValue: number;
}
