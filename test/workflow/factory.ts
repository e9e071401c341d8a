import type { DataSource } from 'typeorm';
import type { TestApp } from '../helpers/app';

export const STAFF_PASSWORD = 'MotCua@2026';
export const CITIZEN_PASSWORD = 'CongDan@2026';

const tokens = new Map<string, string>();

/** Bearer token for a demo account (cached per suite). */
export async function token(t: TestApp, username: string, password?: string): Promise<string> {
  const hit = tokens.get(username);
  if (hit) return hit;
  const pw = password ?? (/^\d{12}$/.test(username) ? CITIZEN_PASSWORD : STAFF_PASSWORD);
  const res = await t.http.post('/api/v1/auth/login').send({ username, password: pw });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  tokens.set(username, res.body.accessToken);
  return res.body.accessToken;
}

export interface Citizen {
  id: string;
  personalId: string;
  fullName: string;
}

export async function citizens(ds: DataSource, n = 2): Promise<Citizen[]> {
  const rows = await ds.query(`SELECT id, personal_id, full_name FROM users WHERE role = 'CITIZEN' AND NOT disabled ORDER BY username LIMIT $1`, [n]);
  return rows.map((r: { id: string; personal_id: string; full_name: string }) => ({ id: r.id, personalId: r.personal_id, fullName: r.full_name }));
}

let seq = 0;
const run = Date.now().toString(36).slice(-5).toUpperCase();

export interface MadeDossier {
  id: string;
  code: string;
}

/**
 * A submitted dossier written straight to the database (status SUBMITTED + the 'submit' event),
 * standing in for the dossier stream's submission so that workflow tests do not depend on forms.
 */
export async function makeDossier(
  ds: DataSource,
  opts: { procedureCode: string; agencyCode: string; citizen: Citizen; feeAmount?: number; paymentStatus?: string; submittedAt?: Date },
): Promise<MadeDossier> {
  const [p] = await ds.query(`SELECT id, code, sector_code, level FROM procedures WHERE code = $1 AND is_current`, [opts.procedureCode]);
  if (!p) throw new Error(`no procedure ${opts.procedureCode}`);
  const [a] = await ds.query(`SELECT code, level, district_code, province_code FROM agencies WHERE code = $1`, [opts.agencyCode]);
  if (!a) throw new Error(`no agency ${opts.agencyCode}`);
  seq += 1;
  const code = `${a.code}-T${run}-${String(seq).padStart(5, '0')}`;
  const submittedAt = opts.submittedAt ?? new Date();
  const [d] = await ds.query(
    `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code,
       province_code, channel, status, version, applicant_user_id, applicant_personal_id, applicant_name, data, submitted_at,
       fee_amount, payment_status)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, 'ONLINE', 'SUBMITTED', 1, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      code, p.id, p.code, p.sector_code, a.code, a.level, a.district_code, a.province_code, opts.citizen.id, opts.citizen.personalId,
      opts.citizen.fullName, JSON.stringify({ ghiChu: 'Hồ sơ thử nghiệm' }), submittedAt, opts.feeAmount ?? 0,
      opts.paymentStatus ?? (opts.feeAmount ? 'PENDING' : 'NOT_REQUIRED'),
    ],
  );
  await ds.query(
    `INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role, agency_code)
     VALUES ($1, $2, 'submit', NULL, 'SUBMITTED', $3, $4, 'CITIZEN', $5)`,
    [d.id, submittedAt, opts.citizen.id, opts.citizen.fullName, a.code],
  );
  return { id: d.id, code };
}

/** A procedure version made for a test (e.g. three levels for commune → district → province). */
export async function makeProcedure(
  ds: DataSource,
  opts: { code: string; value: number; unit?: 'WORKING_DAY' | 'WORKING_HOUR'; steps: { key: string; role: string; share: number; level: string; agencyKind: string }[]; requiresPrepayment?: boolean; level?: string; receivingLevel?: string },
): Promise<void> {
  const [base] = await ds.query(`SELECT * FROM procedures WHERE is_current ORDER BY code LIMIT 1`);
  await ds.query(
    `INSERT INTO procedures (code, version, is_current, name, search_text, sector_code, level, receiving_level, competent_agency_kind,
       processing_value, processing_unit, fee_amount, fee_description, fee_per_copy, online_level, legal_basis, result, documents, form,
       steps, requires_prepayment, allows_on_behalf, popularity, content_hash)
     VALUES ($1, 1, true, $2, $3, $4, $5, $6, $7, $8, $9, 0, 'Miễn phí', false, 'FULL', 'Luật thử nghiệm', 'Giấy xác nhận', '[]', '{"fields":[]}',
       $10, $11, false, 0, $1)
     ON CONFLICT DO NOTHING`,
    [
      opts.code, `Thủ tục thử nghiệm ${opts.code}`, `thu tuc thu nghiem ${opts.code.toLowerCase()}`, base.sector_code, opts.level ?? 'PROVINCE',
      opts.receivingLevel ?? 'COMMUNE', opts.steps[opts.steps.length - 2]?.agencyKind ?? 'JUSTICE', opts.value, opts.unit ?? 'WORKING_DAY',
      JSON.stringify(opts.steps.map((s) => ({ ...s, name: s.key }))), opts.requiresPrepayment ?? false,
    ],
  );
}

/** Local (UTC+07:00) instant: at('2026-11-23 10:00'). */
export const at = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+07:00`);
