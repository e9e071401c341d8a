import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Lĩnh vực — sector of procedures (hộ tịch, chứng thực, đất đai…). */
@Entity('sectors')
export class Sector {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}
