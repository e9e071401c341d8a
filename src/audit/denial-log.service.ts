import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditActor } from './actor';
import { SecurityLogService } from './security-log.service';

/**
 * Writes every authorization denial to denial_log (never fails the request it explains) and, as
 * the one place denials pass, gives each one security event: `authz.denied`, or `csrf.rejected`
 * for a missing/wrong CSRF token.
 */
@Injectable()
export class DenialLogService {
  private readonly logger = new Logger('Denials');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly securityLog: SecurityLogService,
  ) {}

  async record(
    actor: AuditActor | undefined,
    action: string,
    resource: string | null,
    reason: string,
    eventType: 'authz.denied' | 'csrf.rejected' = 'authz.denied',
  ): Promise<void> {
    this.securityLog.record({ type: eventType, outcome: 'denied', actor: actor ?? null, action, target: resource, reason });
    await this.write(actor?.id ?? null, actor?.role ?? null, action, resource, reason);
  }

  /** A partner client's denial (no user: the role column says PARTNER, the reason names the client). */
  async recordPartner(clientId: string, action: string, resource: string | null, reason: string): Promise<void> {
    this.securityLog.record({ type: 'authz.denied', outcome: 'denied', actor: null, subject: clientId, action, target: resource, reason });
    await this.write(null, 'PARTNER', action, resource, `${clientId.slice(0, 60)}: ${reason}`);
  }

  private async write(userId: string | null, role: string | null, action: string, resource: string | null, reason: string): Promise<void> {
    try {
      await this.ds.query('INSERT INTO denial_log (user_id, role, action, resource, reason) VALUES ($1, $2, $3, $4, $5)', [
        userId,
        role,
        action.slice(0, 60),
        resource ? resource.slice(0, 120) : null,
        reason.slice(0, 300),
      ]);
    } catch (err) {
      this.logger.warn({ err }, 'could not write denial log');
    }
  }
}
