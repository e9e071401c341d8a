import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import type { WorkingCalendarOptions } from '../../calendar/calendar.types';
import { DAY, HOUR, MINUTE, dateOfDay, dayOf, dayStart } from '../../common/local-time';
import { assertDemoSeedingAllowed, BULK_SAMPLE_MARKER, pgRunQuery } from '../../database/production-marker';
import {
  COPY_DOCUMENTS_SQL, COPY_DOSSIERS_SQL, COPY_EVENTS_SQL, COPY_STAGES_SQL, copyText, documentCopyLine, dossierCopyLine, eventCopyLine, stageCopyLine,
} from '../../dossiers/dossier-copy';
import { vnDayKey } from '../../submission/dossier-code';
import { rebuildRollupsSql, rebuildSatisfactionRollupSql } from '../rollup-rebuild';
import {
  insertSampleFiles, loadAgencies, loadCalendar, loadProcedures, loadStaff, mulberry, partnerFinder, partnerKindOf, picker, type BulkProcedure,
} from './bulk-catalog';
import { liveDossier, type LifeAgency } from './dossier-life';
import type { FileStorage } from '../../files/file-storage';

/**
 * Bulk generator of lawful dossier histories (issue 6, scale; issue 12, histories made by the
 * rules): years of the province's one-stop shops — split over the three levels (commune ≈ 60%,
 * district ≈ 25%, province ≈ 15%), weighted towards a few popular procedures, online for ~45%.
 * Each dossier's life is produced by dossier-life.ts with the workflow's own state machine,
 * effects, step deadlines and the working calendar in force (holidays from `calendar_exceptions`):
 * receptions at working instants, due dates as the clock computes them, supplements that pause
 * the clock, apologies only when the guard allows, liên thông transfers with their stages,
 * refusals at reception, withdrawals, dossiers still open at every status, ~4% late. Written with
 * COPY (pg-copy-streams, the core's dossier-copy lines): dossiers, events, stages, attachments
 * (shared sample files, for the digitisation figure) and satisfaction ratings. The reporting
 * triggers are switched off during the COPY and the rollups rebuilt with one set-based pass.
 */

export interface BulkOptions {
  dossiers: number;
  years?: number;
  /** End of the generated period (default: now). */
  until?: Date;
  seed?: number;
  events?: boolean;
  /** The calendar options the workflow uses (the late-reception cut-off of the configuration). */
  calendar?: WorkingCalendarOptions;
  /** Where the sample attachments' content is written (the app's file storage); without it only their rows exist. */
  storage?: FileStorage;
  log?: (m: string) => void;
}

export interface BulkResult {
  dossiers: number;
  events: number;
  stages: number;
  documents: number;
  ratings: number;
  /** Seconds spent making the histories in memory (state machine, effects, calendar). */
  generateSeconds: number;
  copySeconds: number;
  rebuildSeconds: number;
  rowsPerSecond: number;
  dossiersPerSecond: number;
}

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
  const until = opts.until ?? new Date();
  const start = until.getTime() - years * 365 * DAY;

  const agencies = await loadAgencies(client);
  const procs = await loadProcedures(client, log);
  const cal = await loadCalendar(client, opts.calendar ?? {});
  const staff = await loadStaff(client);
  const partnerOf = partnerFinder(agencies);

  // Which agencies receive each procedure: same level, the receiving kind (else the People's Committee).
  const byLevelKind = new Map<string, LifeAgency[]>();
  for (const a of agencies) {
    const k = `${a.level}|${a.kind}`;
    byLevelKind.set(k, [...(byLevelKind.get(k) ?? []), a]);
  }
  const agencyPickers = new Map<string, () => LifeAgency>();
  const unitWeight = new Map<string, number>();
  const weightOfUnit = (a: LifeAgency) => {
    const u = (a as LifeAgency & { unitCode?: string }).unitCode ?? a.code;
    if (!unitWeight.has(u)) unitWeight.set(u, 0.3 + rnd() * 1.7);
    return unitWeight.get(u)!;
  };
  const usable: BulkProcedure[] = [];
  for (const p of procs) {
    const list = byLevelKind.get(`${p.level}|${p.kind}`) ?? byLevelKind.get(`${p.level}|PEOPLES_COMMITTEE`);
    if (!list?.length) continue;
    agencyPickers.set(p.code, picker(list, list.map(weightOfUnit), rnd));
    usable.push(p);
  }
  const levelShare: Record<string, number> = { COMMUNE: 0.6, DISTRICT: 0.25, PROVINCE: 0.15 };
  const procPickers = new Map<string, () => BulkProcedure>();
  for (const level of Object.keys(levelShare)) {
    const list = usable.filter((p) => p.level === level);
    if (list.length) procPickers.set(level, picker(list, list.map((_, i) => 1 / Math.pow(i + 1, 0.9)), rnd));
  }
  const levels = [...procPickers.keys()];
  const pickLevel = picker(levels, levels.map((l) => levelShare[l] ?? 0.1), rnd);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

  const t0 = Date.now();
  await client.query('BEGIN');
  await client.query('ALTER TABLE dossiers DISABLE TRIGGER report_dossiers_insert');
  await client.query('ALTER TABLE dossier_stages DISABLE TRIGGER report_stages_insert');
  await client.query('ALTER TABLE satisfaction_ratings DISABLE TRIGGER satisfaction_insert');
  await client.query(`SET LOCAL synchronous_commit = off`);
  const docNames = new Map<string, string>();
  for (const p of usable) for (const k of p.documentKeys) docNames.set(k, p.documentNames[k] ?? k);
  const sampleFiles = await insertSampleFiles(client, docNames, opts.storage);

  let dossiersBuf: string[] = [];
  let eventsBuf: string[] = [];
  let stagesBuf: string[] = [];
  let docsBuf: string[] = [];
  let ratingsBuf: string[] = [];
  const seq = new Map<string, number>(
    (await client.query(`SELECT agency_code || '-' || day AS k, last_value AS v FROM dossier_code_sequences`)).rows.map((r) => [r.k as string, r.v as number]),
  );
  let events = 0;
  let stages = 0;
  let documents = 0;
  let ratings = 0;
  let genMs = 0;
  let copyMs = 0;
  const withEvents = opts.events !== false;
  const days = Math.floor((until.getTime() - start) / DAY);
  const perDay = opts.dossiers / days;
  const firstDay = dayOf(start);
  let made = 0;
  let written = 0;
  let lastLog = Date.now();

  /** Batches keep memory bounded: each flush is a few COPY commands on the same connection and transaction. */
  async function copyLines(sql: string, lines: string[]) {
    if (!lines.length) return;
    const stream = client.query(copyFrom(sql));
    for (let i = 0; i < lines.length; i += 4000) await write(stream, lines.slice(i, i + 4000).join(''));
    stream.end();
    await once(stream, 'finish');
  }
  /**
   * Writes the buffered rows while the next batch is generated: the COPY of one batch is started and
   * awaited only before the next one starts (PostgreSQL ingests on its own core meanwhile).
   */
  let pending: Promise<void> = Promise.resolve();
  let copyBusy = false;
  async function flush() {
    await pending;
    const batch = [dossiersBuf, eventsBuf, stagesBuf, docsBuf, ratingsBuf];
    dossiersBuf = [];
    eventsBuf = [];
    stagesBuf = [];
    docsBuf = [];
    ratingsBuf = [];
    const c0 = Date.now();
    copyBusy = true;
    pending = (async () => {
      await copyLines(COPY_DOSSIERS_SQL, batch[0]);
      await copyLines(COPY_EVENTS_SQL, batch[1]);
      await copyLines(COPY_STAGES_SQL, batch[2]);
      await copyLines(COPY_DOCUMENTS_SQL, batch[3]);
      await copyLines(`COPY satisfaction_ratings (dossier_id, dossier_code, agency_code, procedure_code, sector_code, rating, comment, rated_at) FROM STDIN`, batch[4]);
      copyMs += Date.now() - c0;
      copyBusy = false;
    })();
    pending.catch(() => undefined); // awaited (and thrown) by the next flush
  }

  for (let i = 0; made < opts.dossiers; i++) {
    const day = firstDay + (i % (days + 1));
    const base = dayStart(day);
    const working = cal.isWorkingDay(dateOfDay(day));
    // working days carry the volume; days off only online submissions
    const want = Math.min(opts.dossiers - made, Math.max(1, Math.round(perDay * (working ? 1.28 : 0.3) * (0.8 + rnd() * 0.4))));
    const g0 = Date.now();
    for (let j = 0; j < want; j++) {
      if (copyBusy && (j & 255) === 255) await new Promise((r) => setImmediate(r)); // let the running COPY stream on
      made++;
      const p = procPickers.get(pickLevel())!();
      const a = agencyPickers.get(p.code)!();
      const online = !working || rnd() < (p.level === 'COMMUNE' ? 0.38 : 0.55);
      // At the desk: a working minute of the morning or afternoon period; online: any time of the day.
      const m = Math.floor(rnd() * 480);
      const submitted = new Date(online ? base + Math.floor(rnd() * DAY) : base + 8 * HOUR + (m < 240 ? m : m + 60) * MINUTE + Math.floor(rnd() * 60) * 1000);
      if (submitted > until) continue;
      written++;
      const yymmdd = vnDayKey(submitted);
      const seqKey = `${a.code}-${yymmdd}`;
      const n = (seq.get(seqKey) ?? 0) + 1;
      seq.set(seqKey, n);
      const code = `${seqKey}-${String(n).padStart(4, '0')}`;
      const id = randomUUID();
      const name = `${pick(NAMES_FAMILY)} ${pick(NAMES_MIDDLE)} ${pick(NAMES_GIVEN)}`;
      const pid = `0${2 + Math.floor(rnd() * 2)}${String(Math.floor(rnd() * 1e10)).padStart(10, '0')}`;
      const pk = partnerKindOf(p);
      const life = liveDossier(
        { procedure: p, receiving: a, partner: pk ? partnerOf(a, pk) : null, submittedAt: submitted, online, applicant: { userId: online ? randomUUID() : null, name }, until, staff },
        cal,
        rnd,
      );
      dossiersBuf.push(dossierCopyLine({
        id, code, procedureId: p.id, procedureCode: p.code, sectorCode: p.sectorCode, receivingAgencyCode: a.code, agencyCode: life.agencyCode,
        level: a.level, districtCode: a.districtCode, provinceCode: a.provinceCode, channel: online ? 'ONLINE' : 'COUNTER', status: life.status,
        version: life.version, applicantUserId: life.events[0].actorRole === 'CITIZEN' ? life.events[0].actorUserId : null, applicantPersonalId: pid,
        applicantName: name, data: '{"bulk":1}', submittedAt: submitted, receivedAt: life.receivedAt, dueAt: life.dueAt, originalDueAt: life.originalDueAt,
        pausedAt: life.pausedAt, extensionCount: life.extensionCount, completedAt: life.completedAt, timeliness: life.timeliness,
        assigneeUserId: life.assigneeUserId, currentStep: life.currentStep, currentStepDueAt: life.currentStepDueAt, feeAmount: p.fee,
        paymentStatus: life.paymentStatus, updatedAt: life.updatedAt, processingEndedAt: life.processingEndedAt, extendedAt: life.extendedAt,
        pausedWorkingSeconds: life.pausedWorkingSeconds, workingSeconds: life.workingSeconds, allowedWorkingSeconds: life.allowedWorkingSeconds,
      }));
      if (withEvents) {
        for (const e of life.events) eventsBuf.push(eventCopyLine(id, e));
        events += life.events.length;
        for (const s of life.stages) stagesBuf.push(stageCopyLine(id, s));
        stages += life.stages.length;
      }
      // Attachments: online dossiers carry their required documents; at the desk about half are scanned.
      if (online || rnd() < 0.5) {
        const keys = p.documentKeys.slice(0, online ? 3 : 1 + Math.floor(rnd() * 2));
        for (const k of keys) docsBuf.push(documentCopyLine(id, k, sampleFiles.get(k)!));
        documents += keys.length;
      }
      if (life.status === 'RETURNED' && rnd() < 0.2) {
        const r = rnd();
        const rating = r < 0.68 ? 4 : r < 0.91 ? 3 : r < 0.98 ? 2 : 1;
        const ratedAt = new Date(Math.min(until.getTime(), life.completedAt!.getTime() + Math.floor(rnd() * 3 * DAY)));
        ratingsBuf.push(`${id}\t${code}\t${a.code}\t${copyText(p.code)}\t${copyText(p.sectorCode)}\t${rating}\t\\N\t${ratedAt.toISOString()}\n`);
        ratings++;
      }
    }
    genMs += Date.now() - g0;
    if (dossiersBuf.length >= 25_000) await flush();
    else if (copyBusy) await new Promise((r) => setImmediate(r)); // let the running COPY stream on
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`… ${made.toLocaleString('vi-VN')} hồ sơ (${Math.round(made / ((Date.now() - t0) / 1000)).toLocaleString('vi-VN')} hồ sơ/giây; sinh ${(genMs / 1000).toFixed(1)} s, COPY ${(copyMs / 1000).toFixed(1)} s)`);
    }
  }
  await flush();
  await pending;

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
  await client.query('ALTER TABLE dossier_stages ENABLE TRIGGER report_stages_insert');
  await client.query('ALTER TABLE satisfaction_ratings ENABLE TRIGGER satisfaction_insert');
  await client.query('COMMIT');
  const copySeconds = (Date.now() - t0) / 1000;
  log(
    `COPY xong: ${written.toLocaleString('vi-VN')} hồ sơ, ${events.toLocaleString('vi-VN')} sự kiện, ${stages.toLocaleString('vi-VN')} giai đoạn, ` +
      `${documents.toLocaleString('vi-VN')} thành phần hồ sơ, ${ratings.toLocaleString('vi-VN')} đánh giá trong ${copySeconds.toFixed(1)} s ` +
      `(sinh lịch sử ${(genMs / 1000).toFixed(1)} s, ghi COPY ${(copyMs / 1000).toFixed(1)} s; ${Math.round(written / copySeconds).toLocaleString('vi-VN')} hồ sơ/giây)`,
  );
  const t1 = Date.now();
  await rebuildAllRollups(client);
  const rebuildSeconds = (Date.now() - t1) / 1000;
  log(`Tổng hợp lại bảng báo cáo: ${rebuildSeconds.toFixed(1)} s`);
  return {
    dossiers: written, events, stages, documents, ratings, generateSeconds: genMs / 1000, copySeconds, rebuildSeconds,
    rowsPerSecond: Math.round((written + events + stages + documents + ratings) / copySeconds), dossiersPerSecond: Math.round(written / copySeconds),
  };
}

/** rebuildRollups() on a plain pg client, plus the satisfaction rollup; then ANALYZE. */
export async function rebuildAllRollups(client: Client) {
  await client.query('BEGIN');
  for (const sql of [...rebuildRollupsSql(), ...rebuildSatisfactionRollupSql()]) await client.query(sql);
  await client.query('COMMIT');
  await client.query('ANALYZE dossiers');
  await client.query('ANALYZE report_agency_rollup');
  await client.query('ANALYZE report_procedure_rollup');
  await client.query('ANALYZE report_stage_rollup');
}
