import { Inject, Injectable, Logger } from '@nestjs/common';
import { SecurityAlertsService } from '../audit/security-alerts.service';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DISTRIBUTED_GUESSING_RULE, guessingReason, isDistributedGuessing, isGuessableSubject } from './guessing-alert';
import { LoginThrottleService } from './login-throttle.service';

/** Raises `alert.distributed-guessing` once per account and window, whichever process sees it. */
@Injectable()
export class GuessingAlertService {
  private readonly logger = new Logger('GuessingAlert');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
    private readonly alerts: SecurityAlertsService,
    private readonly securityLog: SecurityLogService,
  ) {}

  /** Called after each failed sign-in has been recorded. Never fails the sign-in it follows. */
  async afterLoginFailure(subject: string): Promise<void> {
    if (!isGuessableSubject(subject)) return;
    const rule = this.config.security.guessingAlert;
    try {
      const spread = await this.throttle.failureSpread('LOGIN', subject, rule.windowMinutes);
      if (!isDistributedGuessing(spread, rule)) return;
      if (!(await this.alerts.claim(DISTRIBUTED_GUESSING_RULE, subject.toLowerCase(), rule.windowMinutes))) return;
      this.securityLog.record({
        type: 'alert.distributed-guessing',
        outcome: 'alert',
        severity: 'high',
        actor: null,
        subject: subject.toLowerCase(),
        target: `account:${subject.toLowerCase()}`,
        action: 'auth.login',
        reason: guessingReason(spread, rule),
        details: {
          rule: DISTRIBUTED_GUESSING_RULE,
          failures: spread.failures,
          distinctAddresses: spread.distinctAddresses,
          windowMinutes: rule.windowMinutes,
          minFailures: rule.minFailures,
          minDistinctAddresses: rule.minDistinctAddresses,
          sampleAddresses: sample(spread.sampleAddresses),
        },
      });
    } catch (err) {
      this.logger.warn(`distributed-guessing check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Whole addresses only, within the 300 characters a detail may hold. */
function sample(addresses: string[]): string {
  let out = '';
  for (const a of addresses) {
    const next = out ? `${out} ${a}` : a;
    if (next.length > 300) break;
    out = next;
  }
  return out;
}
