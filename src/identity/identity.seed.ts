import type { EntityManager } from 'typeorm';
import { sha256 } from '../common/hash';
import type { Seed } from '../database/seed-runner';
import { DEMO_CITIZENS } from '../registry/generator/demo-citizens';
import {
  DEMO_COMMUNES,
  DEMO_PASSWORD_CITIZEN,
  DEMO_PASSWORD_STAFF,
  DEMO_STAFF_ROLES,
  demoStaffName,
  demoStaffUsername,
} from './demo-accounts';
import { hashPassword } from './passwords';

const SEED_VERSION = 'identity-demo-v1';

/**
 * Demo staff (five roles for every province- and district-level agency and every agency of the
 * demo communes) and the demo citizens' accounts. The password is hashed once per kind and the
 * hash reused: argon2 for each of ~800 accounts would take minutes.
 */
export const identityDemoSeed: Seed = {
  key: 'identity-demo-accounts',
  demoOnly: true,
  checksum: () => sha256(SEED_VERSION, DEMO_STAFF_ROLES.join(','), DEMO_COMMUNES.join(','), JSON.stringify(DEMO_CITIZENS.map((c) => c.personalId))),
  async run(manager: EntityManager, config, log) {
    const agencies: { code: string }[] = await manager.query(
      `SELECT code FROM agencies
        WHERE province_code = $1 AND (level IN ('PROVINCE', 'DISTRICT') OR unit_code = ANY($2::varchar[]))
        ORDER BY code`,
      [config.provinceCode, [...DEMO_COMMUNES]],
    );
    const [staffHash, citizenHash] = await Promise.all([hashPassword(DEMO_PASSWORD_STAFF), hashPassword(DEMO_PASSWORD_CITIZEN)]);
    const staff = agencies.flatMap((a) =>
      DEMO_STAFF_ROLES.map((role) => {
        const username = demoStaffUsername(role, a.code);
        return { username, role, agencyCode: a.code, fullName: demoStaffName(username) };
      }),
    );
    for (let i = 0; i < staff.length; i += 500) {
      const chunk = staff.slice(i, i + 500);
      await manager.query(
        `INSERT INTO users (username, password_hash, role, agency_code, full_name, demo)
         SELECT u, $5, r, a, n, true FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) AS t(u, r, a, n)
         ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
           agency_code = EXCLUDED.agency_code, full_name = EXCLUDED.full_name, demo = true, disabled = false`,
        [chunk.map((s) => s.username), chunk.map((s) => s.role), chunk.map((s) => s.agencyCode), chunk.map((s) => s.fullName), staffHash],
      );
    }
    await manager.query(
      `INSERT INTO users (username, password_hash, role, personal_id, full_name, date_of_birth, phone, email, demo)
       SELECT u, $5, 'CITIZEN', u, n, d::date, p, e, true
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) AS t(u, n, d, p),
              LATERAL (SELECT u || '@congdan.example.vn' AS e) x
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, full_name = EXCLUDED.full_name,
         date_of_birth = EXCLUDED.date_of_birth, personal_id = EXCLUDED.personal_id, demo = true, disabled = false`,
      [
        DEMO_CITIZENS.map((c) => c.personalId),
        DEMO_CITIZENS.map((c) => c.fullName),
        DEMO_CITIZENS.map((c) => c.dateOfBirth),
        DEMO_CITIZENS.map((_c, i) => `09${String(12345670 + i).padStart(8, '0')}`),
        citizenHash,
      ],
    );
    log(`Demo accounts: ${staff.length} staff, ${DEMO_CITIZENS.length} citizens`);
  },
};
