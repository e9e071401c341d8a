import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UnitLevel } from '../units/administrative-unit.entity';
import type { Channel, DossierStatus, PaymentStatus, PrefillRecord, Timeliness } from './dossier.types';

/**
 * Hồ sơ — one application for one procedure version. Status changes only through the workflow's
 * single `transition()`, guarded by `version` (optimistic concurrency).
 * Province/district/agency keys sit on the row so that reporting and a future distribution by
 * province stay single-table.
 */
@Entity('dossiers')
@Index(['agencyCode', 'status', 'dueAt'])
@Index(['applicantUserId', 'createdAt'])
// Open received dossiers by due time (the dashboard's province-wide overdue / due-soon lists; migration 1796200100000).
@Index('IDX_dossiers_open_due', ['dueAt'], { where: '"processing_ended_at" IS NULL AND "received_at" IS NOT NULL' })
@Index(['applicantUserId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
export class Dossier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `{agency code}-{yymmdd}-{sequence}`, from the receiving agency and the submission day. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 48 })
  code: string;

  /** The procedure VERSION in force at submission: deadline, fee and steps never change afterwards. */
  @Column({ type: 'uuid' })
  procedureId: string;

  @Index()
  @Column({ type: 'varchar', length: 40 })
  procedureCode: string;

  @Column({ type: 'varchar', length: 100 })
  sectorCode: string;

  /** The agency that received the dossier (its code starts the dossier code). */
  @Column({ type: 'varchar', length: 24 })
  receivingAgencyCode: string;

  /** The agency holding it now (changes on inter-level transfer). */
  @Column({ type: 'varchar', length: 24 })
  agencyCode: string;

  @Column({ type: 'varchar', length: 10 })
  level: UnitLevel;

  @Column({ type: 'varchar', length: 8, nullable: true })
  districtCode: string | null;

  @Index()
  @Column({ type: 'varchar', length: 2 })
  provinceCode: string;

  @Column({ type: 'varchar', length: 8 })
  channel: Channel;

  @Column({ type: 'varchar', length: 24 })
  status: DossierStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  applicantUserId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  applicantPersonalId: string;

  @Column({ type: 'varchar', length: 200 })
  applicantName: string;

  /** The person the dossier is about when someone applies on their behalf (e.g. a newborn). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  subjectPersonalId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subjectName: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  prefill: Record<string, PrefillRecord>;

  /** The citizen's note that registry data looks wrong. */
  @Column({ type: 'text', nullable: true })
  registryNote: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  /** The appointment date (hẹn trả): extended once at most by an apology slip. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** The legal deadline before any extension; timeliness is judged against `dueAt`, lateness stays recorded. */
  @Column({ type: 'timestamptz', nullable: true })
  originalDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  extensionCount: number;

  /** When the apology with a new appointment went out (at most once). */
  @Column({ type: 'timestamptz', nullable: true })
  extendedAt: Date | null;

  /** Working seconds spent waiting for supplements (the clock stopped). */
  @Column({ type: 'int', default: 0 })
  pausedWorkingSeconds: number;

  /** Working seconds processing used (reception to processing end, pauses excluded): the report's averages. */
  @Column({ type: 'int', nullable: true })
  workingSeconds: number | null;

  /** Working seconds the procedure allows (its processing time), fixed at reception. */
  @Column({ type: 'int', nullable: true })
  allowedWorkingSeconds: number | null;

  /** Closed: result handed over (RETURNED), refused or withdrawn. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** When processing ended — result ready (approval), refusal or withdrawal; timeliness is judged here (dossier-rules.ts). */
  @Column({ type: 'timestamptz', nullable: true })
  processingEndedAt: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  timeliness: Timeliness | null;

  @Column({ type: 'uuid', nullable: true })
  assigneeUserId: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  currentStep: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  currentStepDueAt: Date | null;

  /** Dossiers created together by a life-event form (e.g. newborn) share a bundle id. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  bundleId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  feeAmount: number;

  @Column({ type: 'varchar', length: 16, default: 'NOT_REQUIRED' })
  paymentStatus: PaymentStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
