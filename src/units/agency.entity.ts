import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UnitLevel } from './administrative-unit.entity';

/**
 * Cơ quan — an agency sitting at one administrative unit. The code is stable and readable
 * (`{unit code}.{abbreviation}`, e.g. `026.PTP` = Phòng Tư pháp huyện Đồng Văn) and appears in dossier codes.
 */
@Entity('agencies')
@Index(['unitCode', 'kind'], { unique: true })
export class Agency {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  code: string;

  @Column({ type: 'varchar', length: 250 })
  name: string;

  /** PEOPLES_COMMITTEE, JUSTICE, POLICE… — what kind of work it does, independent of level. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 10 })
  level: UnitLevel;

  @Index()
  @Column({ type: 'varchar', length: 8 })
  unitCode: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  districtCode: string | null;

  @Index()
  @Column({ type: 'varchar', length: 2 })
  provinceCode: string;

  /** The agency it reports to (division → district People's Committee → province People's Committee). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  parentCode: string | null;

  /** Has a one-stop-shop desk (Bộ phận tiếp nhận và trả kết quả). */
  @Column({ type: 'boolean', default: false })
  oneStopDesk: boolean;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;
}
