import { hash } from '@node-rs/argon2';
import type { Seed } from '../database/seed-runner';
import { DEMO_PARTNER } from '../identity/demo-credentials';
import { PARTNER_SCOPES } from './partner-client.entity';

/** Demo mode: one partner client with every scope for the whole province, so the data-sharing API can be tried at once. */

export const partnersDemoSeed: Seed = {
  key: 'partners-demo-client',
  demoOnly: true,
  checksum: () => `partners-demo-v2:${PARTNER_SCOPES.join(',')}`,
  async run(manager, config, log) {
    await manager.query(
      `INSERT INTO partner_clients (client_id, name, secret_hash, scopes, agency_codes, rate_per_minute)
       SELECT $1, $2, $3, $4, COALESCE(jsonb_agg(code), '[]'), 120 FROM agencies WHERE parent_code IS NULL AND province_code = $5
       ON CONFLICT (client_id) DO UPDATE SET scopes = EXCLUDED.scopes, agency_codes = EXCLUDED.agency_codes, active = true`,
      [DEMO_PARTNER.clientId, DEMO_PARTNER.name, await hash(DEMO_PARTNER.clientSecret), JSON.stringify(PARTNER_SCOPES), config.provinceCode],
    );
    log(`Đối tác demo: ${DEMO_PARTNER.clientId}`);
  },
};
