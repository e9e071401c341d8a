import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { assertDemoSeedingAllowed, BULK_SAMPLE_MARKER, pgRunQuery } from '../../ops/production-marker';
import { rebuildRollupsSql, rebuildSatisfactionRollupSql } from '../rollup-rebuild';

/**
 * Bulk generator of realistic dossiers (issue 6, scale): three years of the province's one-stop
 * shops — about 600,000 a year at the default N, split over the three levels (commune ≈ 60%,
 * district ≈ 25%, province ≈ 15%), weighted towards a few popular procedures, received in working
 * hours on working days, online for ~45%, with deadlines in working days, a late share of ~4%,
 * refusals (~2% at reception, ~1.5% after), withdrawals (~1.5%) and dossiers still open (recent ones,
 * plus a few stuck ones) that become carried-over and overdue figures. Written with COPY
 * (pg-copy-streams): dossiers, their events (submit, receive, return-result / refuse / withdraw)
 * and satisfaction ratings for a share of returned dossiers. The reporting triggers are switched
 * off during the COPY and the rollups rebuilt with one set-based pass afterwards.
 */

export interface BulkOptions {
  dossiers: number;
  years?: number;
  /** End of the generated period (default: now). */
  until?: Date;
  seed?: number;
  events?: boolean;
  log?: (m: string) => void;
}

export interface BulkResult {
  dossiers: number;
  events: number;
  ratings: number;
  copySeconds: number;
  rebuildSeconds: number;
  rowsPerSecond: number;
}

interface Agency { code: string; level: string; kind: string; unitCode: string; districtCode: string | null; provinceCode: string }
interface Proc { id: string; code: string; sectorCode: string; level: string; kind: string; days: number; hours: boolean; fee: number }

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const TZ = 7 * HOUR;

function mulberry(seed: number) {
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
function picker<T>(items: T[], weights: number[], rnd: () => number) {
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

/** Adds working time: whole working days skip Saturdays and Sundays (holidays ignored here). */
function addWorking(t: number, days: number, hours: boolean): number {
  if (hours) return t + days * HOUR;
  let d = t;
  let left = Math.max(1, Math.round(days));
  while (left > 0) {
    d += DAY;
    const dow = new Date(d + TZ).getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

/** A random working instant of local day `dayStart` (08:00–17:00 local), or null on weekends. */
function workingInstant(dayStartUtc: number, rnd: () => number): number | null {
  const dow = new Date(dayStartUtc + TZ).getUTCDay();
  if (dow === 0 || dow === 6) return null;
  const minute = 8 * 60 + Math.floor(rnd() * 9 * 60);
  return dayStartUtc + minute * 60_000;
}

function esc(s: string | null): string {
  if (s === null) return '\\N';
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

/** Local day number (UTC+7), as the workflow's classify(): early = completed on a day before the appointment's day. */
const localDay = (t: number) => Math.floor((t + TZ) / DAY);

const iso = (t: number | null) => (t === null ? '\\N' : new Date(t).toISOString());

async function write(stream: Writable, chunk: string) {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

const NAMES_FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vàng', 'Giàng', 'Lò', 'Sùng', 'Đỗ', 'Vũ', 'Ma'];
const NAMES_MIDDLE = ['Văn', 'Thị', 'Minh', 'Seo', 'Mí', 'Đức', 'Thu', 'Ngọc'];
const NAMES_GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Lan', 'Mai', 'Páo', 'Sính', 'Tú', 'Vân', 'Xuân'];

export async function generateBulk(client: Client, opts: BulkOptions): Promise<BulkResult> {
  const log = opts.log ?? (() => undefined);
  // Synthetic dossiers never go into a production database (src/ops/production-marker.ts).
  await assertDemoSeedingAllowed(pgRunQuery(client), 'hồ sơ mẫu tổng hợp (sample dossiers)');
  const rnd = mulberry(opts.seed ?? 42);
  const years = opts.years ?? 3;
  const until = (opts.until ?? new Date()).getTime();
  const start = until - years * 365 * DAY;

  const agencies: Agency[] = (
    await client.query(`SELECT code, level, kind, unit_code AS "unitCode", district_code AS "districtCode", province_code AS "provinceCode" FROM agencies ORDER BY code`)
  ).rows;
  if (!agencies.length) throw new Error('Chưa có cơ quan: hãy chạy migrate và seed trước (npm run seed).');
  let procs: Proc[] = (
    await client.query(`SELECT id, code, sector_code AS "sectorCode", receiving_level AS level, competent_agency_kind AS kind,
        processing_value::float AS days, processing_unit = 'WORKING_HOUR' AS hours, fee_amount::float AS fee
      FROM procedures WHERE is_current ORDER BY code`)
  ).rows;
  if (!procs.length) {
    log('Danh mục thủ tục trống: dùng danh mục tổng hợp (BULK.*) cho dữ liệu lớn.');
    const kinds: Record<string, string[]> = {
      COMMUNE: ['JUSTICE', 'JUSTICE', 'LAND_CONSTRUCTION', 'CULTURE_SOCIAL', 'POLICE', 'PEOPLES_COMMITTEE'],
      DISTRICT: ['JUSTICE', 'FINANCE_PLANNING', 'ECONOMY_INFRASTRUCTURE', 'NATURAL_RESOURCES', 'LABOUR', 'EDUCATION', 'POLICE', 'SOCIAL_INSURANCE'],
      PROVINCE: ['JUSTICE', 'PLANNING_INVESTMENT', 'CONSTRUCTION', 'NATURAL_RESOURCES', 'TRANSPORT', 'LABOUR', 'HEALTH', 'EDUCATION', 'INDUSTRY_TRADE'],
    };
    procs = [];
    for (const [level, ks] of Object.entries(kinds)) {
      for (let i = 0; i < 40; i++) {
        const kind = ks[i % ks.length];
        procs.push({ id: randomUUID(), code: `BULK.${level[0]}${String(i).padStart(3, '0')}`, sectorCode: `bulk-${kind.toLowerCase()}`, level, kind, days: 1 + (i % 15), hours: false, fee: i % 3 === 0 ? 50000 : 0 });
      }
    }
  }

  // Which agencies receive each procedure: same level, competent kind (else the People's Committee).
  const byLevelKind = new Map<string, Agency[]>();
  for (const a of agencies) {
    const k = `${a.level}|${a.kind}`;
    byLevelKind.set(k, [...(byLevelKind.get(k) ?? []), a]);
  }
  const agencyPickers = new Map<string, () => Agency>();
  const unitWeight = new Map<string, number>();
  const weightOfUnit = (u: string) => {
    if (!unitWeight.has(u)) unitWeight.set(u, 0.3 + rnd() * 1.7);
    return unitWeight.get(u)!;
  };
  const usable: Proc[] = [];
  for (const p of procs) {
    const list = byLevelKind.get(`${p.level}|${p.kind}`) ?? byLevelKind.get(`${p.level}|PEOPLES_COMMITTEE`);
    if (!list?.length) continue;
    agencyPickers.set(p.code, picker(list, list.map((a) => weightOfUnit(a.unitCode)), rnd));
    usable.push(p);
  }
  const levelShare: Record<string, number> = { COMMUNE: 0.6, DISTRICT: 0.25, PROVINCE: 0.15 };
  const procPickers = new Map<string, () => Proc>();
  for (const level of Object.keys(levelShare)) {
    const list = usable.filter((p) => p.level === level);
    if (list.length) procPickers.set(level, picker(list, list.map((_, i) => 1 / Math.pow(i + 1, 0.9)), rnd));
  }
  const levels = [...procPickers.keys()];
  const pickLevel = picker(levels, levels.map((l) => levelShare[l]), rnd);
  const pickFamily = () => NAMES_FAMILY[Math.floor(rnd() * NAMES_FAMILY.length)];

  const t0 = Date.now();
  await client.query('BEGIN');
  await client.query('ALTER TABLE dossiers DISABLE TRIGGER report_dossiers_insert');
  await client.query('ALTER TABLE satisfaction_ratings DISABLE TRIGGER satisfaction_insert');
  await client.query(`SET LOCAL synchronous_commit = off`);

  const dossierCols = `id, code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code,
    province_code, channel, status, version, applicant_personal_id, applicant_name, data, submitted_at, received_at, due_at,
    original_due_at, completed_at, timeliness, fee_amount, payment_status, created_at, updated_at`;
  let dossiersBuf: string[] = [];
  let eventsBuf: string[] = [];
  let ratingsBuf: string[] = [];
  const seq = new Map<string, number>(
    (await client.query(`SELECT agency_code || '-' || day AS k, last_value AS v FROM dossier_code_sequences`)).rows.map((r) => [r.k as string, r.v as number]),
  );
  let events = 0;
  let ratings = 0;
  const withEvents = opts.events !== false;
  const days = Math.floor((until - start) / DAY);
  const perDay = opts.dossiers / days;
  const startDay = Math.floor((start + TZ) / DAY) * DAY - TZ;
  let made = 0;
  let lastLog = Date.now();

  /** Batches keep memory bounded: each flush is three COPY commands on the same connection and transaction. */
  async function copyLines(sql: string, lines: string[]) {
    if (!lines.length) return;
    const stream = client.query(copyFrom(sql));
    for (let i = 0; i < lines.length; i += 4000) await write(stream, lines.slice(i, i + 4000).join(''));
    stream.end();
    await once(stream, 'finish');
  }
  async function flush() {
    await copyLines(`COPY dossiers (${dossierCols}) FROM STDIN`, dossiersBuf);
    await copyLines(`COPY dossier_events (dossier_id, at, action, from_status, to_status, actor_name, actor_role, agency_code) FROM STDIN`, eventsBuf);
    await copyLines(`COPY satisfaction_ratings (dossier_id, dossier_code, agency_code, procedure_code, sector_code, rating, comment, rated_at) FROM STDIN`, ratingsBuf);
    dossiersBuf = [];
    eventsBuf = [];
    ratingsBuf = [];
  }

  for (let day = 0; made < opts.dossiers; day++) {
    const dayStart = startDay + (day % (days + 1)) * DAY;
    const dow = new Date(dayStart + TZ).getUTCDay();
    // weekdays carry the volume; weekends only online submissions (received next working day)
    const want = Math.min(opts.dossiers - made, Math.max(1, Math.round(perDay * (dow === 0 || dow === 6 ? 0.3 : 1.28) * (0.8 + rnd() * 0.4))));
    for (let i = 0; i < want; i++) {
      const p = procPickers.get(pickLevel())!();
      const a = agencyPickers.get(p.code)!();
      const online = rnd() < (p.level === 'COMMUNE' ? 0.38 : 0.55) || dow === 0 || dow === 6;
      const submitted = online ? dayStart + Math.floor(rnd() * DAY) : (workingInstant(dayStart, rnd) ?? dayStart + 9 * HOUR);
      if (submitted > until) {
        made++;
        continue;
      }
      const yymmdd = new Date(submitted + TZ).toISOString().slice(2, 10).replace(/-/g, '');
      const seqKey = `${a.code}-${yymmdd}`;
      const n = (seq.get(seqKey) ?? 0) + 1;
      seq.set(seqKey, n);
      const code = `${seqKey}-${String(n).padStart(4, '0')}`;
      const id = randomUUID();
      let status: string;
      let received: number | null = null;
      let due: number | null = null;
      let completed: number | null = null;
      let timeliness: string | null = null;
      const x = rnd();
      // reception: counter dossiers at once, online ones within a working day or two
      let rec = online ? submitted + Math.floor(rnd() * 2 * DAY) : submitted;
      const recDow = new Date(rec + TZ).getUTCDay();
      if (recDow === 6) rec += 2 * DAY;
      else if (recDow === 0) rec += DAY;
      const refusedAtReception = x < 0.02;
      if (refusedAtReception || rec > until) {
        status = refusedAtReception && rec <= until ? 'REFUSED' : 'SUBMITTED';
        if (status === 'REFUSED') completed = rec;
      } else {
        received = rec;
        due = addWorking(received, p.days, p.hours);
        const span = due - received;
        const y = rnd();
        let end: number;
        if (y < 0.04) end = due + Math.floor((0.05 + rnd() * 0.6) * span) + HOUR; // late
        else if (y < 0.35) end = due - Math.floor(rnd() * Math.min(4 * HOUR, span * 0.1)); // on the appointment day
        else end = received + Math.floor((0.15 + rnd() * 0.7) * span); // early
        const stuck = rnd() < 0.002; // forgotten dossiers that stay open and overdue
        const z = rnd();
        if (stuck || end > until) {
          status = ['IN_PROGRESS', 'RECEIVED', 'PENDING_APPROVAL', 'SUPPLEMENT_REQUESTED'][Math.floor(rnd() * 4)];
        } else if (z < 0.012) {
          status = 'REFUSED';
          completed = received + Math.floor((end - received) * 0.6);
        } else if (z < 0.027) {
          status = 'WITHDRAWN';
          completed = received + Math.floor((end - received) * 0.5);
        } else {
          if (end > until - 2 * DAY && rnd() < 0.5) {
            // result signed, waiting at the desk: the workflow sets completed_at only at return-result
            status = 'RESULT_READY';
          } else {
            completed = end;
            status = 'RETURNED';
            timeliness = completed > due ? 'LATE' : localDay(completed) < localDay(due) ? 'EARLY' : 'ON_TIME';
          }
        }
      }
      const name = `${pickFamily()} ${NAMES_MIDDLE[Math.floor(rnd() * NAMES_MIDDLE.length)]} ${NAMES_GIVEN[Math.floor(rnd() * NAMES_GIVEN.length)]}`;
      const pid = `0${2 + Math.floor(rnd() * 2)}${String(Math.floor(rnd() * 1e10)).padStart(10, '0')}`;
      const fee = p.fee;
      const payment = fee > 0 ? (online && rnd() < 0.7 ? 'PAID' : 'PENDING') : 'NOT_REQUIRED';
      const last = completed ?? received ?? submitted;
      dossiersBuf.push(
        `${id}\t${code}\t${p.id}\t${esc(p.code)}\t${esc(p.sectorCode)}\t${a.code}\t${a.code}\t${a.level}\t${a.districtCode ?? '\\N'}\t${a.provinceCode}\t${online ? 'ONLINE' : 'COUNTER'}\t${status}\t${2 + (completed ? 1 : 0)}\t${pid}\t${esc(name)}\t{"bulk":1}\t${iso(submitted)}\t${iso(received)}\t${iso(due)}\t${iso(due)}\t${iso(completed)}\t${timeliness ?? '\\N'}\t${fee}\t${payment}\t${iso(submitted)}\t${iso(last)}\n`,
      );
      if (withEvents) {
        eventsBuf.push(`${id}\t${iso(submitted)}\tsubmit\t\\N\tSUBMITTED\t${esc(name)}\tCITIZEN\t${a.code}\n`);
        events++;
        if (received !== null) {
          eventsBuf.push(`${id}\t${iso(received)}\treceive\tSUBMITTED\tRECEIVED\tCán bộ một cửa\tCLERK\t${a.code}\n`);
          events++;
        }
        if (completed !== null) {
          const action = status === 'REFUSED' ? 'refuse' : status === 'WITHDRAWN' ? 'withdraw' : status === 'RESULT_READY' ? 'approve' : 'return-result';
          const citizen = status === 'WITHDRAWN';
          eventsBuf.push(`${id}\t${iso(completed)}\t${action}\t${received === null ? 'SUBMITTED' : 'IN_PROGRESS'}\t${status}\t${citizen ? esc(name) : 'Cán bộ một cửa'}\t${citizen ? 'CITIZEN' : 'CLERK'}\t${a.code}\n`);
          events++;
        }
      }
      if (status === 'RETURNED' && rnd() < 0.2) {
        const r = rnd();
        const rating = r < 0.68 ? 4 : r < 0.91 ? 3 : r < 0.98 ? 2 : 1;
        ratingsBuf.push(`${id}\t${code}\t${a.code}\t${esc(p.code)}\t${esc(p.sectorCode)}\t${rating}\t\\N\t${iso(Math.min(until, completed! + Math.floor(rnd() * 3 * DAY)))}\n`);
        ratings++;
      }
      made++;
    }
    if (dossiersBuf.length >= 100_000) await flush();
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`… ${made.toLocaleString('vi-VN')} hồ sơ (${Math.round(made / ((Date.now() - t0) / 1000)).toLocaleString('vi-VN')} hồ sơ/giây)`);
    }
  }
  await flush();

  // Keep live dossier codes from colliding with generated ones.
  const seqRows = [...seq.entries()];
  for (let i = 0; i < seqRows.length; i += 20000) {
    const chunk = seqRows.slice(i, i + 20000);
    await client.query(
      `INSERT INTO dossier_code_sequences (agency_code, day, last_value)
       SELECT split_part(k, '-', 1), split_part(k, '-', 2), v FROM unnest($1::text[], $2::int[]) AS u(k, v)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = greatest(dossier_code_sequences.last_value, EXCLUDED.last_value)`,
      [chunk.map((c) => c[0]), chunk.map((c) => c[1])],
    );
  }
  // Marks the database as holding synthetic dossiers: a production start refuses it until `npm run demo:purge`.
  await client.query(
    `INSERT INTO seed_runs (key, checksum, applied_at) VALUES ($1, 'generated', now())
     ON CONFLICT (key) DO UPDATE SET applied_at = EXCLUDED.applied_at`,
    [BULK_SAMPLE_MARKER],
  );
  await client.query('ALTER TABLE dossiers ENABLE TRIGGER report_dossiers_insert');
  await client.query('ALTER TABLE satisfaction_ratings ENABLE TRIGGER satisfaction_insert');
  await client.query('COMMIT');
  const copySeconds = (Date.now() - t0) / 1000;
  log(`COPY xong: ${made.toLocaleString('vi-VN')} hồ sơ, ${events.toLocaleString('vi-VN')} sự kiện, ${ratings.toLocaleString('vi-VN')} đánh giá trong ${copySeconds.toFixed(1)} s`);
  const t1 = Date.now();
  await rebuildAllRollups(client);
  const rebuildSeconds = (Date.now() - t1) / 1000;
  log(`Tổng hợp lại bảng báo cáo: ${rebuildSeconds.toFixed(1)} s`);
  return { dossiers: made, events, ratings, copySeconds, rebuildSeconds, rowsPerSecond: Math.round((made + events + ratings) / copySeconds) };
}

/** rebuildRollups() on a plain pg client, plus the satisfaction rollup; then ANALYZE. */
export async function rebuildAllRollups(client: Client) {
  await client.query('BEGIN');
  for (const sql of [...rebuildRollupsSql(), ...rebuildSatisfactionRollupSql()]) await client.query(sql);
  await client.query('COMMIT');
  await client.query('ANALYZE dossiers');
  await client.query('ANALYZE report_agency_rollup');
  await client.query('ANALYZE report_procedure_rollup');
}
