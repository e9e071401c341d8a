/**
 * Alert rule: one account under distributed guessing. The per-(account, address) lock of
 * LoginThrottleService stops one address; an attacker with many addresses (a botnet, rotating
 * proxies) stays under it while still trying many passwords on one account. The SOC should hear
 * of that once, not once per attempt. Pure: the counts come from auth_failures (shared by every
 * app process), the once-per-window claim from security_alerts.
 */

export const DISTRIBUTED_GUESSING_RULE = 'distributed-guessing';

export interface GuessingRule {
  windowMinutes: number;
  minFailures: number;
  minDistinctAddresses: number;
}

/** Failed sign-ins for one account within the window. */
export interface FailureSpread {
  failures: number;
  distinctAddresses: number;
}

/** Empty usernames are recorded as '-': not an account. */
export function isGuessableSubject(subject: string): boolean {
  const s = subject.trim();
  return s !== '' && s !== '-';
}

export function isDistributedGuessing(spread: FailureSpread, rule: GuessingRule): boolean {
  return spread.failures >= rule.minFailures && spread.distinctAddresses >= rule.minDistinctAddresses;
}

/** The alert's reason line (Vietnamese like the rest of what officers read). */
export function guessingReason(spread: FailureSpread, rule: GuessingRule): string {
  return `${spread.failures} lần đăng nhập sai từ ${spread.distinctAddresses} địa chỉ khác nhau trong ${rule.windowMinutes} phút (ngưỡng ${rule.minFailures} lần, ${rule.minDistinctAddresses} địa chỉ)`;
}
