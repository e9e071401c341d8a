/**
 * Shared plumbing of the consistency suites (issue 11): driving the workflow through the real API,
 * attaching uploaded files, reading pages, and writing the run's summary next to the jest output.
 * Nothing here decides an expected answer: the expectations are the literal tables in each suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from '../helpers/app';
import { PDF } from '../dossiers/support';
import { makeProcedure, token, type Citizen } from '../workflow/factory';

export const BIRTH = '1.001193'; // Đăng ký khai sinh — commune justice desk, 1 working day, free
export const COMMUNE = '00715.TPHT'; // Xã Lũng Cú (district 026 Đồng Văn)
export const DISTRICT = '026.PTP'; // Phòng Tư pháp huyện Đồng Văn
export const PROVINCE = '02.STP'; // Sở Tư pháp

/** Demo citizens of the registry stub, both with accounts (README). */
export const OWNER_ID = '002048990005'; // Lò Văn Páo, lives in xã Lũng Cú
export const OTHER_ID = '002094990001'; // Hoàng Văn Thắng

export async function citizenByPersonalId(t: TestApp, personalId: string): Promise<Citizen> {
  const [r] = await t.ds.query(`SELECT id, personal_id, full_name FROM users WHERE personal_id = $1 AND role = 'CITIZEN'`, [personalId]);
  if (!r) throw new Error(`setup: no citizen account ${personalId}`);
  return { id: r.id, personalId: r.personal_id, fullName: r.full_name };
}

/** A procedure that travels commune → district → province and back (as in test/workflow). */
export async function makeThreeLevelProcedure(t: TestApp, code: string, value: number): Promise<void> {
  await makeProcedure(t.ds, {
    code, value, level: 'PROVINCE', receivingLevel: 'COMMUNE',
    steps: [
      { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'check', role: 'SPECIALIST', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'verify', role: 'SPECIALIST', share: 0.3, level: 'DISTRICT', agencyKind: 'JUSTICE' },
      { key: 'examine', role: 'SPECIALIST', share: 0.2, level: 'PROVINCE', agencyKind: 'JUSTICE' },
      { key: 'approve', role: 'LEADER', share: 0.2, level: 'PROVINCE', agencyKind: 'JUSTICE' },
      { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
    ],
  });
}

/** A commune-only procedure (its own code, so that report rows by procedure isolate a suite's dossiers). */
export async function makeCommuneProcedure(t: TestApp, code: string, value: number): Promise<void> {
  await makeProcedure(t.ds, {
    code, value, level: 'COMMUNE', receivingLevel: 'COMMUNE',
    steps: [
      { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'examine', role: 'SPECIALIST', share: 0.5, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'approve', role: 'LEADER', share: 0.3, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
    ],
  });
}

export const bearer = async (t: TestApp, username: string) => `Bearer ${await token(t, username)}`;

/**
 * POST /api/v1/dossiers/{code}/actions with the current version. `who` is a staff username or a
 * citizen's personal ID. Returns the dossier of the response; throws with the API's answer otherwise.
 */
export async function act(t: TestApp, who: string, code: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
  const res = await t.http
    .post(`/api/v1/dossiers/${code}/actions`)
    .set('Authorization', await bearer(t, who))
    .send({ expectedVersion: row?.version ?? 1, ...body });
  if (res.status !== 200) throw new Error(`setup: ${String(body.action)} by ${who} on ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Uploads a PDF as the citizen (POST /api/v1/files) and attaches it to the dossier as one of its
 * documents. Dossiers in these suites are written by the workflow factory (as every workflow
 * test does), so the attachment row is written beside it; the file itself goes through the API.
 */
export async function attachUpload(t: TestApp, citizenPersonalId: string, dossierId: string, documentKey: string, name: string): Promise<string> {
  const res = await t.http
    .post('/api/v1/files')
    .set('Authorization', await bearer(t, citizenPersonalId))
    .attach('file', Buffer.concat([PDF, Buffer.from(`% ${name}\n`)]), `${name}.pdf`);
  if (res.status !== 201) throw new Error(`setup: upload ${res.status} ${JSON.stringify(res.body)}`);
  await t.ds.query(`INSERT INTO dossier_documents (dossier_id, document_key, file_id) VALUES ($1, $2, $3)`, [dossierId, documentKey, res.body.id]);
  return res.body.id as string;
}

/** The `<tr>…</tr>` of an HTML table row holding `needle`, or null. */
export function rowWith(html: string, needle: string): string | null {
  for (const m of html.matchAll(/<tr[\s>][\s\S]*?<\/tr>/g)) if (m[0].includes(needle)) return m[0];
  return null;
}

/** Where the suites write their summaries (printed at the end of the run as well). */
export function writeReport(name: string, text: string): string {
  const dir = join(tmpdir(), 'motcua-consistency');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A fixed-width text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join('  ');
  return [line(headers), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
