/**
 * Every secret the demo mode publishes (README, demo panel, GET /api/v1/demo/accounts) in one place,
 * so that production can refuse them wherever they turn up: at start (src/ops/demo-data.ts), at
 * sign-in and token checks (identity, partners), and as a new password.
 */
import { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from '../identity/demo-accounts';
import { DEMO_PARTNER } from '../partners/partners.seed';

/** Passwords of the demo staff and citizen accounts. */
export const DEMO_ACCOUNT_PASSWORDS: readonly string[] = [DEMO_PASSWORD_STAFF, DEMO_PASSWORD_CITIZEN];
export const DEMO_PARTNER_CLIENT_ID = DEMO_PARTNER.clientId;
const DEMO_SECRETS: ReadonlySet<string> = new Set([...DEMO_ACCOUNT_PASSWORDS, DEMO_PARTNER.clientSecret]);

/** True for a password or client secret that the demo mode publishes. */
export function isDemoSecret(secret: unknown): boolean {
  return typeof secret === 'string' && DEMO_SECRETS.has(secret.trim());
}

/** The command that removes demo data; named by every refusal. */
export const DEMO_PURGE_COMMAND = 'npm run demo:purge';
