import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last time an alert rule fired for a subject (e.g. distributed guessing against one account).
 * One row per (rule, subject), claimed with a conditional upsert so that several app processes
 * raise each alert once per window, not once each.
 */
@Entity('security_alerts')
export class SecurityAlert {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  rule: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  subject: string;

  @Column({ type: 'timestamptz' })
  raisedAt: Date;

  /** How many times this rule has fired for the subject. */
  @Column({ type: 'int', default: 1 })
  times: number;
}
