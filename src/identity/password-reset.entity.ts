import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A password-reset code ("Quên mật khẩu"): issued after the registry confirmed the citizen's
 * identity, sent through the notification channel, usable once before it expires. Only a keyed
 * hash of the code is stored.
 */
@Entity('password_resets')
@Index(['userId', 'createdAt'])
export class PasswordReset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** HMAC-SHA256 (hex) of the reset id and the code. */
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Wrong codes tried against this reset; at the limit it is spent. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
