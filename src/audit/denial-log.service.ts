import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../identity/auth-user';

/** Writes every authorization denial to denial_log (never fails the request it explains). */
@Injectable()
export class DenialLogService {
  private readonly logger = new Logger('Denials');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(actor: AuthUser | undefined, action: string, resource: string | null, reason: string): Promise<void> {
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

  /** A partner client's denial (no user: the role column says PARTNER, the reason names the client). */
  async recordPartner(clientId: string, action: string, resource: string | null, reason: string): Promise<void> {
    try {
      await this.ds.query('INSERT INTO denial_log (user_id, role, action, resource, reason) VALUES (NULL, $1, $2, $3, $4)', [
        'PARTNER',
        action.slice(0, 60),
        resource ? resource.slice(0, 120) : null,
        `${clientId.slice(0, 60)}: ${reason}`.slice(0, 300),
      ]);
    } catch (err) {
      this.logger.warn({ err }, 'could not write denial log');
    }
  }
}
