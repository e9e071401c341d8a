import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'CITIZEN' | 'CLERK' | 'SPECIALIST' | 'LEADER' | 'MANAGER' | 'ADMIN';
export const STAFF_ROLES: Role[] = ['CLERK', 'SPECIALIST', 'LEADER', 'MANAGER', 'ADMIN'];

/** An account: a citizen (username = 12-digit personal ID) or a staff member of exactly one agency. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 12 })
  role: Role;

  /** Staff only: the one agency the account belongs to. */
  @Index()
  @Column({ type: 'varchar', length: 24, nullable: true })
  agencyCode: string | null;

  /** Citizens only: verified against the population registry at registration. */
  @Index({ unique: true, where: 'personal_id IS NOT NULL' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  personalId: string | null;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
