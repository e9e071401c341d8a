import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A fixed window counter shared by every app instance: one row per (scope, key), bumped by one
 * atomic upsert timed by the database clock (src/partners/rate-windows.ts). Scopes: `partner` (a
 * partner client's calls per minute), `partner-secret` (failed secret checks per client id).
 */
@Entity('rate_windows')
export class RateWindow {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  key: string;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int' })
  count: number;
}
