import { ForbiddenException, HttpException, HttpStatus, Inject, Injectable, NotFoundException, UnauthorizedException, UnprocessableEntityException } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, ConfigError, type AppConfig } from '../config/app-config';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { DossierListings } from '../dossiers/dossier-listings.repository';
import { DossierRepository } from '../dossiers/dossier.repository';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { PARTNER_SCOPES, type PartnerScope } from './partner-client.entity';
import { DEMO_PARTNER_CLIENT_ID, isDemoSecret } from '../identity/demo-credentials';
import { pageParams } from '../common/pagination';
import { toIsoLocal } from '../common/local-time';
import { apiInstant } from '../common/api-json';
import { RateWindows } from './rate-windows';

export interface PartnerPrincipal {
  id: string;
  clientId: string;
  name: string;
  scopes: PartnerScope[];
  /** Agencies the client is registered for (each with its subtree). */
  agencyCodes: string[];
  ratePerMinute: number;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
// A fixed hash to verify against when the client id is unknown, so timing does not reveal which ids exist.
let dummyHash: Promise<string> | null = null;

/**
 * Client-credentials access for partner agencies (LGSP/NDXP): admins create clients with scopes
 * and a rate limit; the secret is argon2id-hashed and shown once; tokens are opaque, stored hashed.
 */
@Injectable()
export class PartnersService {
  /** Fixed one-minute windows per client, in PostgreSQL: the quota holds across app instances. */
  private readonly windows: RateWindows;
  /** Failed secret checks per client id and minute (PostgreSQL): guessing secrets is throttled like any other call. */
  private readonly failures: RateWindows;
  static readonly MAX_FAILURES_PER_MINUTE = 10;
  /** What the province grants (PARTNER_GRANTABLE_SCOPES, checked at start). */
  private readonly grantableScopes: readonly PartnerScope[];

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: PolicyService,
    private readonly security: SecurityLogService,
    private readonly gate: DossierGate,
    private readonly dossiers: DossierRepository,
    private readonly listings: DossierListings,
  ) {
    const listed = config.integrations.partners.grantableScopes;
    const bad = (listed ?? []).filter((s) => !PARTNER_SCOPES.includes(s as PartnerScope));
    if (bad.length) throw new ConfigError([`PARTNER_GRANTABLE_SCOPES must list scopes among ${PARTNER_SCOPES.join(', ')}, got "${bad.join(', ')}"`]);
    this.grantableScopes = listed ? (listed as PartnerScope[]) : PARTNER_SCOPES;
    this.windows = new RateWindows(ds, 'partner', 60);
    this.failures = new RateWindows(ds, 'partner-secret', 60);
  }

  /**
   * A province administrator registers a partner system: the scopes it may use (never more than
   * the province grants: PARTNER_GRANTABLE_SCOPES) and the agencies whose data it may read.
   * Only province administrators reach this (`@ProvinceAdmin()` on the controller).
   */
  async createClient(
    actor: AuthUser,
    input: { name: string; scopes: string[]; agencyCodes: string[]; ratePerMinute?: number; clientId?: string },
  ): Promise<{ clientId: string; clientSecret: string; scopes: PartnerScope[]; agencyCodes: string[]; ratePerMinute: number }> {
    const grantable = this.grantableScopes;
    const bad = input.scopes.filter((s) => !PARTNER_SCOPES.includes(s as PartnerScope));
    if (bad.length) throw new UnprocessableEntityException(`Phạm vi không hợp lệ: ${bad.join(', ')}`);
    const notGranted = input.scopes.filter((s) => !grantable.includes(s as PartnerScope));
    if (notGranted.length) throw new UnprocessableEntityException(`Tỉnh không cấp phạm vi: ${notGranted.join(', ')}`);
    const agencyCodes = [...new Set(input.agencyCodes.map((c) => c.trim().toUpperCase()))];
    const tree = await this.policy.agencyTree();
    const unknown = agencyCodes.filter((c) => !tree.has(c));
    if (unknown.length) throw new UnprocessableEntityException(`Không có cơ quan: ${unknown.join(', ')}`);
    // The agencies must be within what this administrator administers (the whole province for a province admin).
    await this.policy.assert(actor, 'admin.partner-clients', { agencyCodes, ref: 'partner-clients:new' });
    const clientId = input.clientId ?? `lgsp-${randomBytes(6).toString('hex')}`;
    const clientSecret = randomBytes(24).toString('base64url');
    const rate = input.ratePerMinute ?? this.config.integrations.partners.defaultRatePerMinute;
    const rows = await this.ds.query(
      `INSERT INTO partner_clients (client_id, name, secret_hash, scopes, agency_codes, rate_per_minute, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (client_id) DO NOTHING RETURNING id`,
      [clientId, input.name, await hash(clientSecret), JSON.stringify(input.scopes), JSON.stringify(agencyCodes), rate, actor.id],
    );
    if (!rows.length) throw new HttpException({ message: 'Mã ứng dụng đã tồn tại' }, HttpStatus.CONFLICT);
    this.security.record({
      type: 'admin.action',
      outcome: 'success',
      actor,
      action: 'partner-client.create',
      target: `partner:${clientId}`,
      details: { scopes: input.scopes.join(' '), agencies: agencyCodes.join(' ') },
    });
    return { clientId, clientSecret, scopes: input.scopes as PartnerScope[], agencyCodes, ratePerMinute: rate };
  }

  async listClients() {
    const rows = await this.ds.query(
      `SELECT c.client_id, c.name, c.scopes, c.agency_codes, c.rate_per_minute, c.active, c.created_at,
              (SELECT count(*)::int FROM partner_audit_log l WHERE l.partner_client_id = c.id) AS calls
         FROM partner_clients c ORDER BY c.created_at`,
    );
    return rows.map((r: Record<string, unknown>) => ({
      clientId: r.client_id,
      name: r.name,
      scopes: r.scopes,
      agencyCodes: r.agency_codes,
      ratePerMinute: r.rate_per_minute,
      active: r.active,
      createdAt: r.created_at,
      calls: r.calls,
    }));
  }

  async setActive(actor: AuthUser, clientId: string, active: boolean): Promise<void> {
    const [, n] = await this.ds.query(`UPDATE partner_clients SET active = $2 WHERE client_id = $1`, [clientId, active]);
    if (n !== 1) throw new NotFoundException('Không tìm thấy ứng dụng đối tác');
    if (!active) await this.ds.query(`DELETE FROM partner_tokens WHERE partner_client_id = (SELECT id FROM partner_clients WHERE client_id = $1)`, [clientId]);
    this.security.record({ type: 'admin.action', outcome: 'success', actor, action: active ? 'partner-client.enable' : 'partner-client.disable', target: `partner:${clientId}` });
  }

  async issueToken(clientId: string, clientSecret: string, ip: string | null = null): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; scope: string }> {
    const key = String(clientId ?? '').slice(0, 60);
    const f = await this.failures.peek(key);
    if (f.count >= PartnersService.MAX_FAILURES_PER_MINUTE) {
      this.security.record({ type: 'partner.token.failure', outcome: 'blocked', subject: key, ip, reason: 'Quá nhiều lần sai khóa bí mật trong một phút' });
      throw new HttpException({ message: 'Sai khóa bí mật quá nhiều lần, vui lòng thử lại sau một phút' }, HttpStatus.TOO_MANY_REQUESTS);
    }
    const [c] = await this.ds.query(`SELECT * FROM partner_clients WHERE client_id = $1`, [key]);
    dummyHash ??= hash('no-such-client-secret');
    const ok = await verify(c?.secret_hash ?? (await dummyHash), String(clientSecret ?? '')).catch(() => false);
    if (!c || !ok || !c.active || this.demoRefused(c.client_id, clientSecret)) {
      await this.failures.hit(key);
      this.security.record({
        type: 'partner.token.failure',
        outcome: 'failure',
        subject: key,
        ip,
        reason: !c ? 'Mã ứng dụng không tồn tại' : !ok ? 'Sai khóa bí mật' : !c.active ? 'Ứng dụng đã bị khóa' : 'Ứng dụng/khóa demo trong production',
      });
      throw new UnauthorizedException('Sai mã ứng dụng hoặc khóa bí mật');
    }
    if (f.count) await this.failures.reset(key);
    this.security.record({ type: 'partner.token.success', outcome: 'success', subject: c.client_id, ip });
    const token = randomBytes(32).toString('base64url');
    const ttl = this.config.integrations.partners.tokenTtlSeconds;
    await this.ds.query(`INSERT INTO partner_tokens (token_hash, partner_client_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
      sha(token),
      c.id,
      ttl,
    ]);
    await this.ds.query(`DELETE FROM partner_tokens WHERE expires_at < now() - interval '1 day'`);
    return { accessToken: token, tokenType: 'Bearer', expiresIn: ttl, scope: (c.scopes as string[]).join(' ') };
  }

  async authenticate(token: string | undefined, ip: string | null = null): Promise<PartnerPrincipal> {
    if (!token) {
      this.security.record({ type: 'partner.token.invalid', outcome: 'failure', ip, reason: 'Thiếu mã truy cập' });
      throw new UnauthorizedException('Thiếu mã truy cập');
    }
    const [r] = await this.ds.query(
      `SELECT c.id, c.client_id, c.name, c.scopes, c.agency_codes, c.rate_per_minute FROM partner_tokens t JOIN partner_clients c ON c.id = t.partner_client_id
        WHERE t.token_hash = $1 AND t.expires_at > now() AND c.active`,
      [sha(token)],
    );
    if (!r || this.demoRefused(r.client_id)) {
      this.security.record({ type: 'partner.token.invalid', outcome: 'failure', ip, reason: r ? 'demo client in production' : 'Mã truy cập không hợp lệ hoặc đã hết hạn' });
      throw new UnauthorizedException('Mã truy cập không hợp lệ hoặc đã hết hạn');
    }
    return { id: r.id, clientId: r.client_id, name: r.name, scopes: r.scopes, agencyCodes: r.agency_codes, ratePerMinute: r.rate_per_minute };
  }

  /** Production never accepts the demo client or its published secret (defence in depth behind src/ops/demo-data.ts). */
  private demoRefused(clientId: string, secret?: unknown): boolean {
    return this.config.nodeEnv === 'production' && (clientId === DEMO_PARTNER_CLIENT_ID || (secret !== undefined && isDemoSecret(secret)));
  }

  requireScope(p: PartnerPrincipal, scope: PartnerScope): void {
    if (!p.scopes.includes(scope)) throw new ForbiddenException(`Ứng dụng không được cấp phạm vi ${scope}`);
  }

  /**
   * Counts one call against the client's per-minute quota (one atomic upsert, shared by every app
   * instance); returns seconds to wait when over the limit, else null.
   */
  async takeToken(p: PartnerPrincipal): Promise<number | null> {
    const w = await this.windows.hit(p.id);
    if (w.count <= p.ratePerMinute) return null;
    return Math.max(1, Math.ceil(w.secondsLeft));
  }

  async audit(p: PartnerPrincipal | null, clientId: string | null, method: string, path: string, status: number, ip: string | null): Promise<void> {
    await this.ds.query(
      `INSERT INTO partner_audit_log (partner_client_id, client_id, method, path, status_code, remote_ip) VALUES ($1, $2, $3, $4, $5, $6)`,
      [p?.id ?? null, (p?.clientId ?? clientId)?.slice(0, 60) ?? null, method.slice(0, 8), path.slice(0, 300), status, ip?.slice(0, 60) ?? null],
    );
  }

  async auditLog(clientId: string | undefined, limit = 200) {
    return this.ds.query(
      `SELECT client_id AS "clientId", method, path, status_code AS "statusCode", remote_ip AS "remoteIp", at FROM partner_audit_log
        WHERE ($1::text IS NULL OR client_id = $1) ORDER BY id DESC LIMIT $2`,
      [clientId ?? null, limit],
    );
  }

  // ── data ──

  /** A dossier's status for a partner registered for one of the agencies entitled to it (else 404, logged). */
  async dossier(p: PartnerPrincipal, code: string) {
    const access = await this.gate.authorizePartner(p, code, 'partner.dossier.read');
    await this.gate.logPartnerRead(p, access, (c) => `Tình trạng hồ sơ ${c}`);
    const d = (await this.dossiers.findById(access.id))!;
    return { code: d.code, procedureCode: d.procedureCode, agencyCode: d.agencyCode, status: d.status, dueAt: apiInstant(d.dueAt), completedAt: apiInstant(d.completedAt) };
  }

  async resultDocument(p: PartnerPrincipal, code: string): Promise<{ pdf: Buffer; verificationCode: string; sha256: string; fileName: string }> {
    const access = await this.gate.authorizePartner(p, code, 'partner.result.read');
    const rows = await this.ds.query(
      `SELECT pdf, verification_code, sha256 FROM result_documents WHERE dossier_code = $1 ORDER BY issued_at DESC LIMIT 1`,
      [access.code],
    );
    if (!rows.length) throw new NotFoundException('Hồ sơ chưa có kết quả điện tử');
    await this.gate.logPartnerRead(p, access, (c) => `Kết quả điện tử đã ký số của hồ sơ ${c}`);
    return { pdf: rows[0].pdf, verificationCode: rows[0].verification_code, sha256: rows[0].sha256, fileName: `ket-qua-${access.code}.pdf` };
  }

  async procedures(q: { level?: string; sector?: string; page?: number; pageSize?: number }) {
    const { page, pageSize } = pageParams(q);
    const rows = await this.ds.query(
      `SELECT code, name, sector_code, level, processing_value, processing_unit, fee_amount, online_level, count(*) OVER () AS total
         FROM procedures WHERE is_current AND ($1::text IS NULL OR level = $1) AND ($2::text IS NULL OR sector_code = $2)
        ORDER BY code LIMIT $3 OFFSET $4`,
      [q.level ?? null, q.sector ?? null, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        code: r.code,
        name: r.name,
        sector: r.sector_code,
        level: r.level,
        processingTime: { value: Number(r.processing_value), unit: r.processing_unit },
        fee: { amount: Number(r.fee_amount) },
        onlineLevel: r.online_level,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  /** Per-agency figures of the period, for the agencies the partner is registered for (or one of them). */
  async statistics(p: PartnerPrincipal, from: Date, to: Date, agencyCode?: string) {
    const code = agencyCode?.trim().toUpperCase() || undefined;
    if (code) await this.policy.assertPartner(p, 'partner.statistics.read', { agencyCode: code, ref: `statistics:${code}` });
    else await this.policy.assertPartner(p, 'partner.statistics.read', { ref: 'statistics' });
    const agencies = code ? [code] : await this.policy.partnerAgencyCodes(p);
    const rows = await this.listings.partnerStatistics(from, to, agencies);
    return { from: toIsoLocal(from), to: toIsoLocal(to), items: rows };
  }
}
