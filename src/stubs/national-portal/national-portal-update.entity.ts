import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every distinct update the national portal stub accepted, keyed by the sender's Idempotency-Key. */
@Entity({ name: 'updates', schema: 'national_portal' })
export class NationalPortalUpdate {
  @PrimaryColumn({ type: 'varchar', length: 160 })
  idempotencyKey: string;

  @Index()
  @Column({ type: 'varchar', length: 48 })
  code: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
