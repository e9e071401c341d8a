import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isDemoSecret } from '../ops/demo-credentials';
import { ApiToken } from './api-token.entity';
import { toAuthUser, type AuthUser } from './auth-user';
import { GuessingAlertService } from './guessing-alert.service';
import { LoginThrottleService } from './login-throttle.service';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { User } from './user.entity';
import { toIsoLocal } from '../calendar/working-calendar';

export const TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
const BAD_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sign-in, bearer tokens and loading the user behind a token or a session. */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly throttle: LoginThrottleService,
    private readonly securityLog: SecurityLogService,
    private readonly guessingAlert: GuessingAlertService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Defence in depth behind the production start check (src/ops/demo-data.ts): in production a demo
   * account never signs in or stays signed in, and no published demo password is accepted, even if
   * someone re-inserts one after the purge.
   */
  private demoRefused(user: Pick<User, 'demo'>, password?: string): boolean {
    return this.config.nodeEnv === 'production' && (user.demo || (password !== undefined && isDemoSecret(password)));
  }

  /**
   * Checks a username/password pair from one address. Throws 429 when throttled and 401 on any
   * failure (unknown user, wrong password, disabled account: one message, one timing).
   */
  async checkCredentials(usernameRaw: string, password: string, ip: string): Promise<AuthUser> {
    const username = usernameRaw.trim().toLowerCase();
    await this.throttle.check('LOGIN', username, ip);
    const user = username ? await this.users.findOneBy({ username }) : null;
    let ok = false;
    if (user && !user.disabled && !this.demoRefused(user, password)) ok = await verifyPassword(user.passwordHash, password);
    else await burnPasswordCheck(password);
    if (!ok || !user) {
      await this.throttle.recordFailure('LOGIN', username || '-', ip);
      this.securityLog.record({
        type: 'auth.login.failure',
        outcome: 'failure',
        actor: null,
        subject: username || '-',
        ip,
        action: 'auth.login',
        // For the SOC only: the caller gets one message whatever the cause.
        reason: !username
          ? 'empty-username'
          : !user
            ? 'unknown-account'
            : user.disabled
              ? 'account-disabled'
              : this.demoRefused(user, password)
                ? 'demo-credential-in-production'
                : 'bad-password',
      });
      await this.guessingAlert.afterLoginFailure(username || '-');
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.throttle.clear('LOGIN', username, ip);
    await this.users.update({ id: user.id }, { lastLoginAt: new Date() });
    const authUser = toAuthUser(user);
    this.securityLog.record({ type: 'auth.login.success', outcome: 'success', actor: authUser, subject: username, ip, action: 'auth.login' });
    return authUser;
  }

  /** A session ended or a bearer token was revoked by its owner. */
  recordSignOut(user: AuthUser, via: 'session' | 'token'): void {
    this.securityLog.record({ type: 'auth.logout', outcome: 'success', actor: user, action: 'auth.logout', details: { via } });
  }

  async issueToken(user: AuthUser): Promise<{ accessToken: string; expiresAt: string }> {
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
    await this.tokens.insert({ userId: user.id, tokenHash: tokenHash(accessToken), expiresAt, revokedAt: null });
    return { accessToken, expiresAt: toIsoLocal(expiresAt) };
  }

  async revokeToken(token: string): Promise<void> {
    await this.tokens.update({ tokenHash: tokenHash(token), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Every token of a user (password change, account disabled). */
  async revokeAllTokens(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async userForToken(token: string): Promise<AuthUser | null> {
    if (token.length < 20 || token.length > 100) return null;
    const rows: User[] = await this.users
      .createQueryBuilder('u')
      .innerJoin(ApiToken, 't', 't.user_id = u.id')
      .where('t.token_hash = :h', { h: tokenHash(token) })
      .andWhere('t.revoked_at IS NULL AND t.expires_at > now() AND u.disabled = false')
      .getMany();
    return rows[0] && !this.demoRefused(rows[0]) ? toAuthUser(rows[0]) : null;
  }

  async userForSession(userId: string): Promise<AuthUser | null> {
    const user = await this.users.findOneBy({ id: userId, disabled: false });
    return user && !this.demoRefused(user) ? toAuthUser(user) : null;
  }
}
