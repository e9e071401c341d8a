import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Facts about the database itself, written by the app: `environment = production` once a production
 * start has found it free of demo data. A database so marked refuses demo seeding whatever the DEMO
 * flag says (see src/ops/demo-data.ts).
 */
@Entity('instance_markers')
export class InstanceMarker {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  value: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  setAt: Date;
}
