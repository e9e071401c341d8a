/**
 * Demo data and production (issue 10, item 2). Demo mode seeds public credentials (staff and citizen
 * accounts with published passwords, an all-scopes partner client) and synthetic dossiers. A database
 * that once ran in demo mode keeps them; a production start must refuse such a database, whatever the
 * DEMO flag says, and `npm run demo:purge` removes them.
 *
 * What counts as demo data:
 * - accounts flagged `users.demo` (the demo seed's staff and citizens);
 * - accounts whose password hash verifies against a published demo password. argon2 hashes carry a
 *   random salt, so two accounts never share a hash unless it was copied — the demo seed hashes each
 *   password once and reuses it for hundreds of accounts. The check groups users by a 64-bit hash of
 *   the hash string (one scan, about a second at a million users) and runs argon2 only on the few hash
 *   strings that several accounts share. A lone account that was given a demo password is not found
 *   here, but can never sign in in production either: the sign-in refuses every demo secret;
 * - partner clients with the demo client id or whose secret verifies against the demo secret;
 * - markers of demo fixtures in `seed_runs` (demo seeds, the bulk generator's synthetic dossiers).
 *
 * What the purge does with sample dossiers: they are synthetic (generated names and ID numbers, or
 * filed by the fictional demo citizens), so a production report must not count them — they are
 * deleted with everything that hangs off them, and the reporting rollups are rebuilt from what
 * remains. Real dossiers that demo staff touched are kept (their events keep the actor's name);
 * only their assignment to a deleted account is cleared.
 */
import { verifyPassword } from '../identity/passwords';
import { identityDemoSeed } from '../identity/identity.seed';
import { partnersDemoSeed } from '../partners/partners.seed';
import { demoDossiersSeed } from '../reporting/bulk/demo-dossiers.seed';
import { rebuildRollupsSql, rebuildSatisfactionRollupSql } from '../reporting/rollup-rebuild';
import { DEMO_ACCOUNT_PASSWORDS, DEMO_PARTNER_CLIENT_ID, DEMO_PURGE_COMMAND } from '../identity/demo-credentials';
import { DEMO_PARTNER } from '../identity/demo-credentials';
import { BULK_SAMPLE_MARKER, type RunQuery } from '../database/production-marker';

/** seed_runs keys that say demo fixtures were loaded. */
/** Every demo-only seed's marker (demo-data.spec.ts checks this equals the demo seeds of src/seeds.ts) and the bulk generator's. */
export const DEMO_SEED_MARKERS: readonly string[] = [identityDemoSeed.key, partnersDemoSeed.key, demoDossiersSeed.key, BULK_SAMPLE_MARKER];

/** An unusable password hash (argon2 verification fails on it): the account needs a password reset. */
export const REMOVED_PASSWORD_HASH = '!demo-password-removed';

export interface DemoDataFindings {
  /** Accounts flagged demo. */
  demoAccounts: number;
  /** Other accounts whose (shared) password hash verifies against a demo password. */
  demoPasswordAccounts: number;
  /** Partner clients that are the demo client or accept the demo secret. */
  demoPartnerClients: string[];
  /** seed_runs markers of demo fixtures / synthetic dossiers. */
  sampleDataMarkers: string[];
}

export function hasDemoData(f: DemoDataFindings): boolean {
  return f.demoAccounts > 0 || f.demoPasswordAccounts > 0 || f.demoPartnerClients.length > 0 || f.sampleDataMarkers.length > 0;
}

/** One line per kind of demo data found (Vietnamese, with the technical name). */
export function describeDemoData(f: DemoDataFindings): string[] {
  const lines: string[] = [];
  if (f.demoAccounts) lines.push(`${f.demoAccounts} tài khoản demo (users.demo)`);
  if (f.demoPasswordAccounts) lines.push(`${f.demoPasswordAccounts} tài khoản khác dùng mật khẩu demo công khai`);
  if (f.demoPartnerClients.length) lines.push(`ứng dụng đối tác demo: ${f.demoPartnerClients.join(', ')}`);
  if (f.sampleDataMarkers.length) lines.push(`dữ liệu mẫu demo (seed_runs): ${f.sampleDataMarkers.join(', ')}`);
  return lines;
}

export class DemoDataInProductionError extends Error {
  constructor(readonly findings: DemoDataFindings) {
    super(
      [
        'Từ chối khởi động ở chế độ production: cơ sở dữ liệu còn dữ liệu demo / production start refused, the database holds demo data:',
        ...describeDemoData(findings).map((l) => `  - ${l}`),
        `Xóa dữ liệu demo bằng lệnh / remove it with: ${DEMO_PURGE_COMMAND}  (cùng DATABASE_URL hoặc DATA_DIR với ứng dụng)`,
      ].join('\n'),
    );
    this.name = 'DemoDataInProductionError';
  }
}

async function verifiesAny(hash: string, secrets: readonly string[]): Promise<boolean> {
  for (const s of secrets) if (await verifyPassword(hash, s)) return true;
  return false;
}

/** Distinct password hashes shared by several accounts that verify against a demo password. */
export async function sharedDemoPasswordHashes(run: RunQuery): Promise<string[]> {
  const shared = await run(`SELECT hashtextextended(password_hash, 0)::text AS h FROM users GROUP BY 1 HAVING count(*) > 1`);
  if (!shared.length) return [];
  const hashes = await run(`SELECT DISTINCT password_hash FROM users WHERE hashtextextended(password_hash, 0) = ANY($1::bigint[])`, [
    shared.map((r) => r.h),
  ]);
  const found: string[] = [];
  for (const r of hashes) if (await verifiesAny(String(r.password_hash), DEMO_ACCOUNT_PASSWORDS)) found.push(String(r.password_hash));
  return found;
}

/** Partner clients that are the demo client or accept its published secret. */
export async function demoPartnerClients(run: RunQuery): Promise<string[]> {
  const rows = await run('SELECT client_id, secret_hash FROM partner_clients ORDER BY client_id');
  const found: string[] = [];
  for (const r of rows) {
    if (r.client_id === DEMO_PARTNER_CLIENT_ID || (await verifyPassword(String(r.secret_hash), DEMO_PARTNER.clientSecret))) found.push(String(r.client_id));
  }
  return found;
}

export async function findDemoData(run: RunQuery): Promise<DemoDataFindings> {
  const [accounts] = await run('SELECT count(*)::int AS n FROM users WHERE demo');
  const hashes = await sharedDemoPasswordHashes(run);
  const [others] = hashes.length
    ? await run('SELECT count(*)::int AS n FROM users WHERE NOT demo AND password_hash = ANY($1::varchar[])', [hashes])
    : [{ n: 0 }];
  const markers = await run('SELECT key FROM seed_runs WHERE key = ANY($1::varchar[]) ORDER BY key', [[...DEMO_SEED_MARKERS]]);
  return {
    demoAccounts: Number(accounts.n),
    demoPasswordAccounts: Number(others.n),
    demoPartnerClients: await demoPartnerClients(run),
    sampleDataMarkers: markers.map((m) => String(m.key)),
  };
}

export interface DemoPurgeReport {
  staffAccounts: number;
  citizenAccounts: number;
  sessions: number;
  apiTokens: number;
  drafts: number;
  /** Non-demo accounts whose demo password hash was replaced by an unusable one. */
  demoPasswordAccountsLocked: number;
  partnerClients: string[];
  partnerTokens: number;
  dossiers: number;
  dossierEvents: number;
  files: number;
  markers: string[];
  rollupsRebuilt: boolean;
  /** Storage keys of the deleted file rows; the caller removes the contents after commit. */
  storageKeys: string[];
}

export function removedAnything(r: DemoPurgeReport): boolean {
  return (
    r.staffAccounts + r.citizenAccounts + r.sessions + r.apiTokens + r.drafts + r.demoPasswordAccountsLocked + r.partnerTokens + r.dossiers + r.files > 0 ||
    r.partnerClients.length > 0 ||
    r.markers.length > 0
  );
}

/** What the purge removed, one line each (Vietnamese). */
export function describePurge(r: DemoPurgeReport): string[] {
  if (!removedAnything(r)) return ['Không còn dữ liệu demo: không có gì để xóa.'];
  const lines: string[] = [];
  if (r.staffAccounts + r.citizenAccounts) lines.push(`${r.staffAccounts + r.citizenAccounts} tài khoản demo (${r.staffAccounts} cán bộ, ${r.citizenAccounts} công dân)`);
  if (r.sessions + r.apiTokens) lines.push(`${r.sessions} phiên đăng nhập và ${r.apiTokens} mã truy cập API của các tài khoản đó`);
  if (r.drafts) lines.push(`${r.drafts} bản nháp hồ sơ của công dân demo`);
  if (r.demoPasswordAccountsLocked) lines.push(`${r.demoPasswordAccountsLocked} tài khoản khác dùng mật khẩu demo: đã hủy mật khẩu (cần quản trị đặt lại)`);
  if (r.partnerClients.length) lines.push(`ứng dụng đối tác demo ${r.partnerClients.join(', ')} và ${r.partnerTokens} mã truy cập của nó`);
  if (r.dossiers) lines.push(`${r.dossiers} hồ sơ mẫu (tổng hợp hoặc của công dân demo), ${r.dossierEvents} sự kiện, ${r.files} tệp`);
  else if (r.files) lines.push(`${r.files} tệp của tài khoản demo`);
  if (r.rollupsRebuilt) lines.push('đã tính lại bảng tổng hợp báo cáo và mức độ hài lòng');
  if (r.markers.length) lines.push(`dấu dữ liệu mẫu (seed_runs): ${r.markers.join(', ')}`);
  return lines;
}

/** Rows affected by a statement run through RunQuery with RETURNING 1. */
async function affected(run: RunQuery, sql: string, params?: unknown[]): Promise<number> {
  return (await run(sql, params)).length;
}

/**
 * Removes every kind of demo data in one transaction (`run` must be bound to a transaction).
 * Idempotent: a second run finds nothing and changes nothing.
 */
export async function purgeDemoData(run: RunQuery): Promise<DemoPurgeReport> {
  // The seed runner's lock: no demo seed can run half-way through the purge.
  await run('SELECT pg_advisory_xact_lock(4242)');
  const hashes = await sharedDemoPasswordHashes(run);
  const partners = await demoPartnerClients(run);

  await run(`CREATE TEMP TABLE _demo_users ON COMMIT DROP AS SELECT id, role, personal_id FROM users WHERE demo`);
  await run(
    `CREATE TEMP TABLE _demo_dossiers ON COMMIT DROP AS
       SELECT id, code FROM dossiers
        WHERE data ? 'bulk'
           OR applicant_user_id IN (SELECT id FROM _demo_users)
           OR applicant_personal_id IN (SELECT personal_id FROM _demo_users WHERE personal_id IS NOT NULL)`,
  );
  await run('CREATE UNIQUE INDEX ON _demo_dossiers (id)');
  await run('ANALYZE _demo_dossiers');
  // Files of demo accounts and of the sample dossiers, unless a remaining dossier still uses them.
  await run(
    `CREATE TEMP TABLE _demo_files ON COMMIT DROP AS
       SELECT f.id, f.storage_key FROM files f
        WHERE f.owner_user_id IN (SELECT id FROM _demo_users)
           OR f.id IN (SELECT file_id FROM dossier_documents WHERE dossier_id IN (SELECT id FROM _demo_dossiers))
           OR f.id IN (SELECT file_id FROM result_documents WHERE file_id IS NOT NULL AND dossier_id IN (SELECT id FROM _demo_dossiers))`,
  );
  await run(
    `DELETE FROM _demo_files f
      WHERE EXISTS (SELECT 1 FROM dossier_documents d WHERE d.file_id = f.id AND d.dossier_id NOT IN (SELECT id FROM _demo_dossiers))
         OR EXISTS (SELECT 1 FROM result_documents r WHERE r.file_id = f.id AND r.dossier_id NOT IN (SELECT id FROM _demo_dossiers))`,
  );
  const storageKeys = (await run('SELECT storage_key FROM _demo_files')).map((r) => String(r.storage_key));

  // Sample dossiers and everything that hangs off them. The rollup triggers are paused for the bulk
  // delete (as the bulk generator does for its COPY) and the rollups rebuilt once at the end.
  const [{ n: dossierCount }] = await run('SELECT count(*)::int AS n FROM _demo_dossiers');
  let dossierEvents = 0;
  if (Number(dossierCount) > 0) {
    dossierEvents = await affected(run, 'DELETE FROM dossier_events WHERE dossier_id IN (SELECT id FROM _demo_dossiers) RETURNING 1');
    await run('ALTER TABLE dossier_stages DISABLE TRIGGER report_stages_delete');
    await run('DELETE FROM dossier_stages WHERE dossier_id IN (SELECT id FROM _demo_dossiers)');
    await run('ALTER TABLE dossier_stages ENABLE TRIGGER report_stages_delete');
    await run('DELETE FROM dossier_documents WHERE dossier_id IN (SELECT id FROM _demo_dossiers)');
    await run('DELETE FROM payments WHERE dossier_id IN (SELECT id FROM _demo_dossiers)');
    await run('DELETE FROM result_documents WHERE dossier_id IN (SELECT id FROM _demo_dossiers)');
    await run('DELETE FROM satisfaction_ratings WHERE dossier_id IN (SELECT id FROM _demo_dossiers)');
    await run('DELETE FROM access_log WHERE dossier_code IN (SELECT code FROM _demo_dossiers)');
    await run('DELETE FROM outbox WHERE aggregate_id IN (SELECT code FROM _demo_dossiers)');
    await run('ALTER TABLE dossiers DISABLE TRIGGER report_dossiers_delete');
    await run('DELETE FROM dossiers WHERE id IN (SELECT id FROM _demo_dossiers)');
    await run('ALTER TABLE dossiers ENABLE TRIGGER report_dossiers_delete');
    for (const sql of [...rebuildRollupsSql(), ...rebuildSatisfactionRollupSql()]) await run(sql);
  }

  // Demo accounts, their sessions, tokens, drafts and files; real dossiers assigned to them go back to the pool.
  const sessions = await affected(run, `DELETE FROM sessions WHERE (sess->>'userId')::text IN (SELECT id::text FROM _demo_users) RETURNING 1`);
  const apiTokens = await affected(run, 'DELETE FROM api_tokens WHERE user_id IN (SELECT id FROM _demo_users) RETURNING 1');
  const drafts = await affected(run, 'DELETE FROM drafts WHERE user_id IN (SELECT id FROM _demo_users) RETURNING 1');
  const files = await affected(run, 'DELETE FROM files WHERE id IN (SELECT id FROM _demo_files) RETURNING 1');
  await run('UPDATE dossiers SET assignee_user_id = NULL WHERE assignee_user_id IN (SELECT id FROM _demo_users)');
  const [counts] = await run(
    `SELECT count(*) FILTER (WHERE role = 'CITIZEN')::int AS citizens, count(*) FILTER (WHERE role <> 'CITIZEN')::int AS staff FROM _demo_users`,
  );
  await run('DELETE FROM users WHERE id IN (SELECT id FROM _demo_users)');

  // Real accounts that share a demo password hash keep their data but lose the password.
  const locked = hashes.length
    ? await run(
        `UPDATE users SET password_hash = $2, password_changed_at = now() WHERE password_hash = ANY($1::varchar[]) RETURNING id::text AS id`,
        [hashes, REMOVED_PASSWORD_HASH],
      )
    : [];
  const lockedIds = locked.map((r) => String(r.id));
  let extraTokens = 0;
  let extraSessions = 0;
  if (lockedIds.length) {
    extraTokens = await affected(run, `UPDATE api_tokens SET revoked_at = now() WHERE user_id::text = ANY($1::text[]) AND revoked_at IS NULL RETURNING 1`, [lockedIds]);
    extraSessions = await affected(run, `DELETE FROM sessions WHERE (sess->>'userId')::text = ANY($1::text[]) RETURNING 1`, [lockedIds]);
  }

  const partnerTokens = partners.length
    ? await affected(run, 'DELETE FROM partner_tokens WHERE partner_client_id IN (SELECT id FROM partner_clients WHERE client_id = ANY($1::varchar[])) RETURNING 1', [partners])
    : 0;
  if (partners.length) await run('DELETE FROM partner_clients WHERE client_id = ANY($1::varchar[])', [partners]);

  const markers = (await run('DELETE FROM seed_runs WHERE key = ANY($1::varchar[]) RETURNING key', [[...DEMO_SEED_MARKERS]])).map((r) => String(r.key)).sort();

  return {
    staffAccounts: Number(counts.staff),
    citizenAccounts: Number(counts.citizens),
    sessions: sessions + extraSessions,
    apiTokens: apiTokens + extraTokens,
    drafts,
    demoPasswordAccountsLocked: lockedIds.length,
    partnerClients: partners,
    partnerTokens,
    dossiers: Number(dossierCount),
    dossierEvents,
    files,
    markers,
    rollupsRebuilt: Number(dossierCount) > 0,
    storageKeys,
  };
}
