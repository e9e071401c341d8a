/**
 * What the bulk generator draws from: agencies, procedures (with their legal time, steps and
 * documents), the calendar in force and the staff who act (the demo's staff accounts where they
 * exist, else one named stand-in per agency and role) — read once, before the COPY.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { CalendarException, WorkingCalendarOptions } from '../../calendar/calendar.types';
import type { WorkflowStep } from '../../catalog/procedure.types';
import { newStorageKey, type FileStorage } from '../../files/file-storage';
import { sha256 } from '../../common/hash';
import { startPdf } from '../../common/pdf';
import { GeneratorCalendar } from './generator-calendar';
import type { LifeAgency, LifeProcedure, Staff, StaffRole } from './dossier-life';

export interface BulkProcedure extends LifeProcedure { level: string; kind: string; documentNames: Record<string, string> }

export function mulberry(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weighted picker over cumulative weights (binary search). */
export function picker<T>(items: T[], weights: number[], rnd: () => number) {
  const cum: number[] = [];
  let s = 0;
  for (const w of weights) cum.push((s += w));
  return () => {
    const x = rnd() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

/** The calendar the workflow computes with: the exceptions of `calendar_exceptions`, the same options. */
export async function loadCalendar(client: Client, options: WorkingCalendarOptions): Promise<GeneratorCalendar> {
  const rows: CalendarException[] = (await client.query(`SELECT date::text AS date, name, working FROM calendar_exceptions ORDER BY date`)).rows;
  return new GeneratorCalendar(rows, options);
}

const STAFF_NAMES: Record<StaffRole, string> = { CLERK: 'Cán bộ một cửa', SPECIALIST: 'Chuyên viên xử lý', LEADER: 'Lãnh đạo cơ quan' };

/** Staff per agency and role: the first enabled account (demo data), else a stand-in with a stable id for this run. */
export async function loadStaff(client: Client): Promise<(agencyCode: string, role: StaffRole) => Staff> {
  const known = new Map<string, Partial<Record<StaffRole, Staff>>>();
  const { rows } = await client.query(
    `SELECT id, full_name, role, agency_code FROM users WHERE role IN ('CLERK', 'SPECIALIST', 'LEADER') AND agency_code IS NOT NULL AND NOT disabled
      ORDER BY username`,
  );
  for (const r of rows) {
    const of = known.get(r.agency_code) ?? {};
    of[r.role as StaffRole] ??= { id: r.id, name: r.full_name };
    known.set(r.agency_code, of);
  }
  return (agencyCode, role) => {
    let of = known.get(agencyCode);
    if (!of) known.set(agencyCode, (of = {}));
    return (of[role] ??= { id: randomUUID(), name: STAFF_NAMES[role] });
  };
}

export async function loadAgencies(client: Client): Promise<LifeAgency[]> {
  const agencies: LifeAgency[] = (
    await client.query(`SELECT code, name, level, kind, district_code AS "districtCode", province_code AS "provinceCode", unit_code AS "unitCode" FROM agencies ORDER BY code`)
  ).rows;
  if (!agencies.length) throw new Error('Chưa có cơ quan: hãy chạy migrate và seed trước (npm run seed).');
  return agencies;
}

export async function loadProcedures(client: Client, log: (m: string) => void): Promise<BulkProcedure[]> {
  const rows = (
    await client.query(`SELECT id, code, sector_code, receiving_level, competent_agency_kind, processing_value::float AS value, processing_unit,
        fee_amount::float AS fee, requires_prepayment, steps, documents FROM procedures WHERE is_current ORDER BY code`)
  ).rows;
  const procs: BulkProcedure[] = rows.map((r) => {
    const steps: WorkflowStep[] = Array.isArray(r.steps) ? r.steps : [];
    const docs: { key: string; name: string; required?: boolean }[] = Array.isArray(r.documents) ? r.documents : [];
    const required = docs.filter((d) => d.required !== false);
    // The receiving agency is the first step's (the one-stop shop of the receiving level); else the competent one.
    const first = steps[0];
    const kind = first && first.level === r.receiving_level && first.agencyKind ? first.agencyKind : r.competent_agency_kind;
    return {
      id: r.id, code: r.code, sectorCode: r.sector_code, level: r.receiving_level, kind,
      terms: { value: Number(r.value), unit: r.processing_unit, steps },
      requiresPrepayment: !!r.requires_prepayment, fee: Number(r.fee),
      documentKeys: required.map((d) => d.key), documentNames: Object.fromEntries(docs.map((d) => [d.key, d.name])),
    };
  });
  if (procs.length) return procs;
  log('Danh mục thủ tục trống: dùng danh mục tổng hợp (BULK.*) cho dữ liệu lớn.');
  const kinds: Record<string, string[]> = {
    COMMUNE: ['JUSTICE', 'JUSTICE', 'LAND_CONSTRUCTION', 'CULTURE_SOCIAL', 'POLICE', 'PEOPLES_COMMITTEE'],
    DISTRICT: ['JUSTICE', 'FINANCE_PLANNING', 'ECONOMY_INFRASTRUCTURE', 'NATURAL_RESOURCES', 'LABOUR', 'EDUCATION', 'POLICE', 'SOCIAL_INSURANCE'],
    PROVINCE: ['JUSTICE', 'PLANNING_INVESTMENT', 'CONSTRUCTION', 'NATURAL_RESOURCES', 'TRANSPORT', 'LABOUR', 'HEALTH', 'EDUCATION', 'INDUSTRY_TRADE'],
  };
  const out: BulkProcedure[] = [];
  for (const [level, ks] of Object.entries(kinds)) {
    for (let i = 0; i < 40; i++) {
      const kind = ks[i % ks.length];
      out.push({
        id: randomUUID(), code: `BULK.${level[0]}${String(i).padStart(3, '0')}`, sectorCode: `bulk-${kind.toLowerCase()}`, level, kind,
        terms: { value: 1 + (i % 15), unit: 'WORKING_DAY', steps: [] }, requiresPrepayment: false, fee: i % 3 === 0 ? 50000 : 0,
        documentKeys: ['to_khai'], documentNames: { to_khai: 'Tờ khai' },
      });
    }
  }
  return out;
}

/**
 * The other level of a liên thông procedure (steps at two levels) and the kind of agency there:
 * the first step at a level other than the receiving one. Null for single-level procedures.
 */
export function partnerKindOf(p: BulkProcedure): { level: string; kind: string } | null {
  const s = p.terms.steps.find((x) => x.level !== p.level && x.agencyKind);
  return s ? { level: s.level, kind: s.agencyKind! } : null;
}

/** The agency of `target` level and kind over `from`: the district's for a commune, the province's for a district. */
export function partnerFinder(agencies: LifeAgency[]) {
  const cache = new Map<string, LifeAgency | null>();
  return (from: LifeAgency, target: { level: string; kind: string }): LifeAgency | null => {
    const k = `${from.code}|${target.level}|${target.kind}`;
    if (!cache.has(k)) {
      const found = agencies.find((a) => a.level === target.level && a.kind === target.kind && a.provinceCode === from.provinceCode
        && (target.level === 'PROVINCE' || a.districtCode === from.districtCode));
      cache.set(k, found ?? null);
    }
    return cache.get(k)!;
  };
}

/** A one-page PDF saying what the sample stands for (a generated dossier's attachment opens like a real one). */
function samplePdf(title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = startPdf({ size: 'A4', margin: 56, info: { Title: title } }, resolve, reject);
    pdf.font('bold').fontSize(14).text(title);
    pdf.moveDown().font('regular').fontSize(11).text('Bản scan mẫu của dữ liệu thử nghiệm (hồ sơ mẫu tổng hợp), không phải giấy tờ thật.');
    pdf.end();
  });
}

/**
 * One shared sample file per document key (the attachments of generated dossiers point at them).
 * With a storage, its content is written too, so that opening a generated dossier's document works.
 */
export async function insertSampleFiles(client: Client, names: Map<string, string>, storage?: FileStorage): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const keys = [...names.keys()];
  if (!keys.length) return ids;
  const rows: { id: string; name: string; size: number; sha: string; key: string }[] = [];
  for (const k of keys) {
    const name = `${names.get(k) ?? k}`.slice(0, 250);
    const content = storage ? await samplePdf(name) : null;
    const key = newStorageKey();
    if (storage && content) await storage.put(key, content);
    rows.push({ id: randomUUID(), name: `${name}.pdf`, size: content?.length ?? 48213, sha: content ? sha256(content) : randomBytes(32).toString('hex'), key });
    ids.set(k, rows[rows.length - 1].id);
  }
  await client.query(
    `INSERT INTO files (id, name, mime_type, size, sha256, storage_key, kind)
     SELECT id, name, 'application/pdf', size, sha, skey, 'UPLOAD'
       FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::varchar[], $5::varchar[]) AS u(id, name, size, sha, skey)`,
    [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.size), rows.map((r) => r.sha), rows.map((r) => r.key)],
  );
  return ids;
}
