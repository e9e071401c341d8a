import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { containsPattern } from '../common/sql-like';
import { SecurityLogService } from '../audit/security-log.service';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth-user';
import type { CreateStaffDto } from './dto/staff.dto';
import { hashPassword } from './passwords';
import { PolicyService } from './policy.service';
import { STAFF_ROLES, User } from './user.entity';
import { apiInstant } from '../common/api-json';

export interface StaffView {
  id: string;
  username: string;
  fullName: string;
  role: string;
  agencyCode: string | null;
  agencyName: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
}

const PAGE_SIZE = 50;

/** Administrators create, disable and reset staff accounts within their agency scope. */
@Injectable()
export class StaffAdminService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly policy: PolicyService,
    private readonly auth: AuthService,
    private readonly securityLog: SecurityLogService,
  ) {}

  /** Agencies the admin may manage (for the create form's select). */
  async agencies(actor: AuthUser): Promise<{ code: string; name: string }[]> {
    const scope = await this.policy.adminAgencyCodes(actor);
    if (scope === 'ALL') return this.ds.query('SELECT code, name FROM agencies ORDER BY level DESC, code');
    return this.ds.query('SELECT code, name FROM agencies WHERE code = ANY($1::varchar[]) ORDER BY code', [scope]);
  }

  async list(actor: AuthUser, q: { agencyCode?: string; q?: string; page?: number }) {
    await this.policy.assert(actor, 'admin.staff', { agencyCode: q.agencyCode || actor.agencyCode, ref: 'staff:list' });
    const scope = await this.policy.adminAgencyCodes(actor);
    const page = Math.max(1, q.page ?? 1);
    const params: unknown[] = [STAFF_ROLES];
    let where = 'u.role = ANY($1::varchar[])';
    if (scope !== 'ALL') {
      params.push(scope);
      where += ` AND u.agency_code = ANY($${params.length}::varchar[])`;
    }
    if (q.agencyCode) {
      params.push(q.agencyCode);
      where += ` AND u.agency_code = $${params.length}`;
    }
    if (q.q) {
      params.push(containsPattern(q.q.toLowerCase()));
      where += ` AND (lower(u.username) LIKE $${params.length} OR lower(u.full_name) LIKE $${params.length})`;
    }
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM users u WHERE ${where}`, params);
    const rows = await this.ds.query(
      `SELECT u.id, u.username, u.full_name, u.role, u.agency_code, a.name AS agency_name, u.disabled, u.last_login_at
         FROM users u LEFT JOIN agencies a ON a.code = u.agency_code
        WHERE ${where} ORDER BY u.agency_code, u.username LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
      params,
    );
    return {
      items: rows.map(
        (r: Record<string, unknown>): StaffView => ({
          id: r.id as string,
          username: r.username as string,
          fullName: r.full_name as string,
          role: r.role as string,
          agencyCode: r.agency_code as string | null,
          agencyName: r.agency_name as string | null,
          disabled: r.disabled as boolean,
          lastLoginAt: apiInstant(r.last_login_at as string | null),
        }),
      ),
      total: n as number,
      page,
      pageSize: PAGE_SIZE,
    };
  }

  async create(actor: AuthUser, dto: CreateStaffDto): Promise<StaffView> {
    await this.policy.assert(actor, 'admin.staff', { agencyCode: dto.agencyCode, ref: `staff:new:${dto.username}` });
    const [agency] = await this.ds.query('SELECT code, name FROM agencies WHERE code = $1', [dto.agencyCode]);
    if (!agency) throw new UnprocessableEntityException('Cơ quan không tồn tại');
    if (await this.users.existsBy({ username: dto.username })) throw new ConflictException('Tên đăng nhập đã được dùng');
    try {
      const user = this.users.create({
        username: dto.username,
        fullName: dto.fullName,
        role: dto.role,
        agencyCode: dto.agencyCode,
        personalId: null,
        passwordHash: await hashPassword(dto.password),
        passwordChangedAt: new Date(),
      });
      await this.users.insert(user);
      this.adminAction(actor, 'staff.create', user.username, { role: user.role, agencyCode: user.agencyCode });
      return { id: user.id, username: user.username, fullName: user.fullName, role: user.role, agencyCode: user.agencyCode, agencyName: agency.name, disabled: false, lastLoginAt: null };
    } catch (err) {
      if (err instanceof QueryFailedError && (err as unknown as { code?: string }).code === '23505') {
        throw new ConflictException('Tên đăng nhập đã được dùng');
      }
      throw err;
    }
  }

  private async target(actor: AuthUser, id: string, what: string): Promise<User> {
    const user = /^[0-9a-f-]{36}$/.test(id) ? await this.users.findOneBy({ id }) : null;
    if (!user || !STAFF_ROLES.includes(user.role)) throw new NotFoundException('Không tìm thấy tài khoản cán bộ');
    await this.policy.assert(actor, 'admin.staff', { agencyCode: user.agencyCode, ref: `staff:${what}:${user.username}` });
    return user;
  }

  /** Disables (or re-enables) an account; disabling ends its sessions and tokens at once. */
  async setDisabled(actor: AuthUser, id: string, disabled: boolean): Promise<void> {
    const user = await this.target(actor, id, disabled ? 'disable' : 'enable');
    if (disabled && user.id === actor.id) throw new UnprocessableEntityException('Không thể tự vô hiệu hóa tài khoản của mình');
    await this.users.update({ id: user.id }, { disabled });
    if (disabled) await this.endAllSessions(user.id);
    this.adminAction(actor, disabled ? 'staff.disable' : 'staff.enable', user.username, { role: user.role, agencyCode: user.agencyCode, wasDisabled: user.disabled });
  }

  /** Sets a random temporary password, shown once to the administrator. */
  async resetPassword(actor: AuthUser, id: string): Promise<{ username: string; temporaryPassword: string }> {
    const user = await this.target(actor, id, 'reset');
    const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
    let temporaryPassword = '';
    for (let i = 0; i < 8; i++) temporaryPassword += alphabet[randomInt(alphabet.length)];
    temporaryPassword += String(randomInt(1000, 10000));
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(temporaryPassword), passwordChangedAt: new Date() });
    await this.endAllSessions(user.id);
    this.adminAction(actor, 'staff.reset-password', user.username, { role: user.role, agencyCode: user.agencyCode });
    return { username: user.username, temporaryPassword };
  }

  private adminAction(actor: AuthUser, action: string, username: string, details: Record<string, string | boolean | null>): void {
    this.securityLog.record({ type: 'admin.action', outcome: 'success', actor, action, target: `staff:${username}`, details });
  }

  private async endAllSessions(userId: string): Promise<void> {
    await this.auth.revokeAllTokens(userId);
    await this.ds.query(`DELETE FROM sessions WHERE sess->>'userId' = $1`, [userId]);
  }
}
