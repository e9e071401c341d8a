import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitLevel } from '../units/administrative-unit.entity';
import type { DocumentRequirement, FormDefinition, OnlineLevel, ProcessingUnit, WorkflowStep } from './procedure.types';

/**
 * Thủ tục hành chính — one VERSION of a procedure. A dossier pins the version in force when it
 * was submitted, so later catalog edits never change its deadline, fee or steps.
 */
@Entity('procedures')
@Index(['code', 'version'], { unique: true })
@Index('uq_procedures_current_code', ['code'], { unique: true, where: 'is_current' })
export class Procedure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'boolean', default: true })
  isCurrent: boolean;

  @Column({ type: 'text' })
  name: string;

  /** Name folded for search: lower case, diacritics removed, đ → d. */
  @Column({ type: 'text' })
  searchText: string;

  @Index()
  @Column({ type: 'varchar', length: 100 })
  sectorCode: string;

  @Column({ type: 'varchar', length: 10 })
  level: UnitLevel;

  @Column({ type: 'varchar', length: 10 })
  receivingLevel: UnitLevel;

  @Column({ type: 'varchar', length: 40 })
  competentAgencyKind: string;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  processingValue: number;

  @Column({ type: 'varchar', length: 12 })
  processingUnit: ProcessingUnit;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  feeAmount: number;

  @Column({ type: 'text' })
  feeDescription: string;

  @Column({ type: 'boolean', default: false })
  feePerCopy: boolean;

  @Column({ type: 'text', nullable: true })
  feeExemptions: string | null;

  @Column({ type: 'varchar', length: 8 })
  onlineLevel: OnlineLevel;

  @Column({ type: 'text' })
  legalBasis: string;

  @Column({ type: 'text' })
  result: string;

  @Column({ type: 'jsonb' })
  documents: DocumentRequirement[];

  @Column({ type: 'jsonb' })
  form: FormDefinition;

  @Column({ type: 'jsonb' })
  steps: WorkflowStep[];

  @Column({ type: 'boolean', default: false })
  requiresPrepayment: boolean;

  @Column({ type: 'boolean', default: false })
  allowsOnBehalf: boolean;

  /** Life-event bundle this procedure belongs to (e.g. `newborn`). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  bundle: string | null;

  @Column({ type: 'int', default: 0 })
  popularity: number;

  /** Fingerprint of the catalog content; a changed fingerprint makes the seed add a new version. */
  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
