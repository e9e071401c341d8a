import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A failed sign-in (or failed registration check), kept in PostgreSQL so that throttling holds
 * across app instances. Locks are per (account, IP): an attacker who locks an account from their
 * address does not lock out the real user at another address.
 */
@Entity('auth_failures')
@Index(['subject', 'ip', 'at'])
@Index(['ip', 'at'])
export class AuthFailure {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** 'LOGIN' | 'REGISTER' */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** The username tried (lower-cased), or the personal ID for registrations. */
  @Column({ type: 'varchar', length: 64 })
  subject: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
