import { ConflictException, Injectable, UnauthorizedException, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { RegistryClient } from '../registry/registry.client';
import { AuthService } from './auth.service';
import { toAuthUser, type AuthUser } from './auth-user';
import type { ChangePasswordDto, RegisterDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { hashPassword, verifyPassword } from './passwords';
import { User } from './user.entity';

/** One message whatever differed (or whether the number exists at all). */
export const IDENTITY_NOT_CONFIRMED =
  'Thông tin bạn nhập chưa khớp với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra lại số định danh, họ tên và ngày sinh.';
export const ALREADY_REGISTERED = 'Số định danh cá nhân này đã có tài khoản. Vui lòng đăng nhập hoặc dùng chức năng quên mật khẩu.';

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err as unknown as { code?: string }).code === '23505';
}

/** Citizen registration (verified against the population registry) and password changes. */
@Injectable()
export class AccountService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly registry: RegistryClient,
    private readonly throttle: LoginThrottleService,
    private readonly auth: AuthService,
    private readonly securityLog: SecurityLogService,
  ) {}

  /**
   * 201 when the registry confirms the identity; 422 (generic) when it does not; 409 when the
   * identity is confirmed but already has an account (only then, so that the answer reveals
   * nothing about numbers the caller cannot prove to own). Throttled per address.
   */
  async registerCitizen(dto: RegisterDto, ip: string): Promise<AuthUser> {
    await this.throttle.check('REGISTER', dto.personalId, ip);
    const fullName = dto.fullName.normalize('NFC').replace(/\s+/g, ' ').trim();
    const confirmed = await this.registry.verify(dto.personalId, fullName, dto.dateOfBirth);
    if (!confirmed) {
      await this.throttle.recordFailure('REGISTER', dto.personalId, ip);
      this.registerFailed(dto.personalId, ip, 'identity-not-confirmed');
      throw new UnprocessableEntityException(IDENTITY_NOT_CONFIRMED);
    }
    const existing = await this.users.findOne({ where: [{ personalId: dto.personalId }, { username: dto.personalId }] });
    if (existing) {
      this.registerFailed(dto.personalId, ip, 'already-registered');
      throw new ConflictException(ALREADY_REGISTERED);
    }
    const passwordHash = await hashPassword(dto.password);
    try {
      const user = this.users.create({
        username: dto.personalId,
        passwordHash,
        role: 'CITIZEN',
        agencyCode: null,
        personalId: dto.personalId,
        fullName,
        dateOfBirth: dto.dateOfBirth,
        phone: dto.phone,
        email: dto.email.toLowerCase(),
        passwordChangedAt: new Date(),
      });
      await this.users.insert(user);
      const created = toAuthUser(user);
      this.securityLog.record({ type: 'auth.register.success', outcome: 'success', actor: created, subject: dto.personalId, ip, action: 'auth.register' });
      return created;
    } catch (err) {
      if (isUniqueViolation(err)) {
        this.registerFailed(dto.personalId, ip, 'already-registered');
        throw new ConflictException(ALREADY_REGISTERED);
      }
      throw err;
    }
  }

  private registerFailed(personalId: string, ip: string, reason: string): void {
    this.securityLog.record({ type: 'auth.register.failure', outcome: 'failure', actor: null, subject: personalId, ip, action: 'auth.register', reason });
  }

  async changePassword(actor: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: actor.id });
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      this.securityLog.record({ type: 'auth.password.change', outcome: 'failure', actor, action: 'auth.password.change', reason: 'wrong-current-password' });
      throw new UnauthorizedException('Mật khẩu hiện tại không đúng');
    }
    if (dto.currentPassword === dto.newPassword) throw new UnprocessableEntityException('Mật khẩu mới phải khác mật khẩu hiện tại');
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(dto.newPassword), passwordChangedAt: new Date() });
    // Tokens issued with the old password stop working.
    await this.auth.revokeAllTokens(user.id);
    this.securityLog.record({ type: 'auth.password.change', outcome: 'success', actor, action: 'auth.password.change' });
  }

  async profile(actor: AuthUser): Promise<User> {
    return this.users.findOneByOrFail({ id: actor.id });
  }
}
