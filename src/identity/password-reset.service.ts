import { Inject, Injectable, Optional, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RegistryClient } from '../registry/registry.client';
import { IDENTITY_NOT_CONFIRMED } from './account.service';
import { AuthService } from './auth.service';
import type { ResetIdentityDto } from './dto/password-reset.dto';
import { LoginThrottleService } from './login-throttle.service';
import { hashPassword, passwordProblem } from './passwords';
import { ResetCodeChannel } from './reset-code-channel';

export const RESET_CODE_MINUTES = 15;
/** Wrong codes accepted against one reset before it is spent (the throttle also counts them). */
export const RESET_CODE_MAX_ATTEMPTS = 5;

export const NO_ACCOUNT = 'Số định danh cá nhân này chưa có tài khoản. Vui lòng đăng ký tài khoản.';
export const NO_CONTACT =
  'Tài khoản chưa có thư điện tử hoặc số điện thoại để nhận mã. Vui lòng đến bộ phận một cửa gần nhất để được hỗ trợ đặt lại mật khẩu.';
export const CODE_WRONG = 'Mã xác nhận không đúng. Vui lòng kiểm tra lại tin nhắn hoặc thư điện tử.';
export const CODE_EXPIRED = 'Mã xác nhận đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu mã mới.';

/** Where the code was sent, masked for the page ("c***@example.vn", "*******111"). */
export interface ResetSent {
  resetId: string;
  email: string | null;
  phone: string | null;
}

function maskEmail(e: string): string {
  const [local, domain] = e.split('@');
  return `${(local ?? '').slice(0, 1)}***@${domain ?? ''}`;
}
function maskPhone(p: string): string {
  return `${'*'.repeat(Math.max(0, p.length - 3))}${p.slice(-3)}`;
}

/**
 * "Quên mật khẩu" for citizens: the identity is re-verified against the population registry
 * (personal ID, full name, date of birth), then a one-time 6-digit code goes out through the
 * notification channel; the code (stored as a keyed hash) is single-use and expires. Both steps
 * are throttled by the sign-in throttle (kind RESET). A new password ends every session and token.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: RegistryClient,
    private readonly throttle: LoginThrottleService,
    private readonly auth: AuthService,
    private readonly securityLog: SecurityLogService,
    @Optional() private readonly channel?: ResetCodeChannel,
  ) {}

  private codeHash(resetId: string, code: string): string {
    return createHmac('sha256', this.config.sessionSecret).update(`password-reset:${resetId}:${code}`).digest('hex');
  }

  /** Step 1: registry re-verification, then a code sent. Throws 422 (not confirmed), 429 (throttled), 503. */
  async request(dto: ResetIdentityDto, ip: string): Promise<ResetSent> {
    await this.throttle.check('RESET', dto.personalId, ip);
    const fullName = dto.fullName.normalize('NFC').replace(/\s+/g, ' ').trim();
    const confirmed = await this.registry.verify(dto.personalId, fullName, dto.dateOfBirth);
    if (!confirmed) {
      await this.failed(dto.personalId, ip, 'identity-not-confirmed');
      throw new UnprocessableEntityException(IDENTITY_NOT_CONFIRMED);
    }
    // Only someone who proved the identity learns whether it has an account.
    const [user] = await this.ds.query(
      `SELECT id, email, phone FROM users WHERE personal_id = $1 AND role = 'CITIZEN' AND disabled = false`,
      [dto.personalId],
    );
    if (!user) {
      await this.failed(dto.personalId, ip, 'no-account');
      throw new UnprocessableEntityException(NO_ACCOUNT);
    }
    if (!user.email && !user.phone) {
      this.securityLog.record({ type: 'auth.password.reset', outcome: 'failure', actor: null, subject: dto.personalId, ip, action: 'auth.password.reset', reason: 'no-contact' });
      throw new UnprocessableEntityException(NO_CONTACT);
    }
    if (!this.channel) throw new ServiceUnavailableException('Chưa gửi được mã xác nhận. Vui lòng thử lại sau.');
    const channel = this.channel;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const resetId = await this.ds.transaction(async (m) => {
      // A new code replaces any earlier one still open.
      await m.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [user.id]);
      const id = randomUUID();
      await m.query(`INSERT INTO password_resets (id, user_id, code_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`, [
        id,
        user.id,
        this.codeHash(id, code),
        RESET_CODE_MINUTES,
      ]);
      await channel.enqueue(m, { resetId: id, userId: user.id, code, email: user.email, phone: user.phone, expiresInMinutes: RESET_CODE_MINUTES });
      return id;
    });
    this.securityLog.record({ type: 'auth.password.reset', outcome: 'success', actor: null, subject: dto.personalId, ip, action: 'auth.password.reset', reason: 'code-sent' });
    return { resetId, email: user.email ? maskEmail(user.email) : null, phone: user.phone ? maskPhone(user.phone) : null };
  }

  /** Where the open reset's code went (for the code page), or null when it is spent or expired. */
  async pending(resetId: string): Promise<ResetSent | null> {
    const [row] = await this.ds.query(
      `SELECT r.id, u.email, u.phone FROM password_resets r JOIN users u ON u.id = r.user_id
        WHERE r.id = $1 AND r.used_at IS NULL AND r.expires_at > now() AND r.attempts < $2`,
      [resetId, RESET_CODE_MAX_ATTEMPTS],
    );
    return row ? { resetId: row.id, email: row.email ? maskEmail(row.email) : null, phone: row.phone ? maskPhone(row.phone) : null } : null;
  }

  /**
   * Step 2: the code and the new password. 422 with `field` = 'code' (wrong, expired, used) or
   * 'password' (rules); 429 when throttled. On success: new argon2id hash, the code spent, every
   * session and API token of the user ended.
   */
  async complete(resetId: string, code: string, password: string, ip: string): Promise<{ userId: string }> {
    const [row] = await this.ds.query(
      `SELECT r.id, r.user_id, r.code_hash, r.attempts, r.used_at IS NOT NULL OR r.expires_at <= now() AS spent, u.personal_id
         FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.id = $1`,
      [resetId],
    );
    if (!row) throw new ResetRefused('code', CODE_EXPIRED);
    await this.throttle.check('RESET', row.personal_id, ip);
    if (row.spent || row.attempts >= RESET_CODE_MAX_ATTEMPTS) {
      await this.failed(row.personal_id, ip, 'code-expired-or-used');
      throw new ResetRefused('code', CODE_EXPIRED);
    }
    const expected = Buffer.from(row.code_hash, 'hex');
    const given = Buffer.from(this.codeHash(row.id, code), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      await this.ds.query(`UPDATE password_resets SET attempts = attempts + 1 WHERE id = $1`, [row.id]);
      await this.failed(row.personal_id, ip, 'wrong-code');
      throw new ResetRefused('code', CODE_WRONG);
    }
    const problem = passwordProblem(password);
    if (problem) throw new ResetRefused('password', problem);
    const hash = await hashPassword(password);
    const done = await this.ds.transaction(async (m) => {
      // Single use: only the first of two concurrent posts gets the row.
      const [spent] = await m.query(
        `UPDATE password_resets SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [row.id],
      );
      if (!spent?.length) return false;
      await m.query(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [row.user_id, hash]);
      // Every session of the account ends (the browser that reset signs in again).
      await m.query(`DELETE FROM sessions WHERE sess->>'userId' = $1`, [row.user_id]);
      return true;
    });
    if (!done) throw new ResetRefused('code', CODE_EXPIRED);
    await this.auth.revokeAllTokens(row.user_id);
    await this.throttle.clear('RESET', row.personal_id, ip);
    this.securityLog.record({ type: 'auth.password.reset', outcome: 'success', actor: null, subject: row.personal_id, ip, action: 'auth.password.reset', reason: 'password-set' });
    return { userId: row.user_id };
  }

  private async failed(personalId: string, ip: string, reason: string): Promise<void> {
    await this.throttle.recordFailure('RESET', personalId, ip);
    this.securityLog.record({ type: 'auth.password.reset', outcome: 'failure', actor: null, subject: personalId, ip, action: 'auth.password.reset', reason });
  }
}

/** A refused step 2, with the form field it belongs to. */
export class ResetRefused extends UnprocessableEntityException {
  constructor(
    readonly field: 'code' | 'password',
    message: string,
  ) {
    super(message);
  }
}
