import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A day that differs from the Monday–Friday rule: a holiday (working=false) or a swapped working weekend day. */
@Entity('calendar_exceptions')
export class CalendarExceptionRow {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'boolean' })
  working: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The legal instrument behind the day (article of the Labour Code, the Government's notice of a swap…). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  legalSource: string | null;
}
