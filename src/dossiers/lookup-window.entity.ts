import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The public status lookup's one-minute window per client address, kept in PostgreSQL so that the
 * limit holds across app instances (behind a load balancer every instance sees the same counts).
 */
@Entity('lookup_windows')
export class LookupWindow {
  /** Real client address (after TRUST_PROXY). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int' })
  count: number;
}
