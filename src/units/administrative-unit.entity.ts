import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type UnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
export const UNIT_LEVELS: UnitLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];

/** Đơn vị hành chính — official statistics-office codes (province 2 digits, district 3, commune 5). */
@Entity('administrative_units')
export class AdministrativeUnit {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Tỉnh, Thành phố, Huyện, Thị xã, Xã, Phường, Thị trấn… */
  @Column({ type: 'varchar', length: 60 })
  type: string;

  @Column({ type: 'varchar', length: 10 })
  level: UnitLevel;

  @Index()
  @Column({ type: 'varchar', length: 8, nullable: true })
  parentCode: string | null;

  @Index()
  @Column({ type: 'varchar', length: 2 })
  provinceCode: string;

  /** District code for communes and districts (null for the province): makes scope queries one equality. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  districtCode: string | null;
}
