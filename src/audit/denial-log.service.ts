import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../identity/auth-user';
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
    actor: AuthUser | undefined,
    action: string,
    resource: string | null,
    reason: string,
    eventType: 'authz.denied' | 'csrf.rejected' = 'authz.denied',
  ): Promise<void> {
    this.securityLog.record({ type: eventType, outcome: 'denied', actor: actor ?? null, action, target: resource, reason });
    try {
      await this.ds.query('INSERT INTO denial_log (user_id, role, action, resource, reason) VALUES ($1, $2, $3, $4, $5)', [
        actor?.id ?? null,
        actor?.role ?? null,
        action.slice(0, 60),
        resource ? resource.slice(0, 120) : null,
        reason.slice(0, 300),
      ]);
    } catch (err) {
      this.logger.warn({ err }, 'could not write denial log');
    }
  }
}
