import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { ReadReplica } from '../database/read-replica';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { LEVEL_LABELS } from '../common/vi-labels';
import { localDateOf } from '../common/local-time';
import { DossierListings } from '../dossiers/dossier-listings.repository';
import { AgencyTreeService, type TreeAgency } from './agency-tree.service';
import { addDays, addMonths, decompose, EPOCH, isIsoDate, monthEnd, monthStart, type Buckets } from './periods';

/**
 * SLA figures of the one-stop-shop period report (báo cáo tình hình giải quyết TTHC), from the
 * rollups kept by the triggers of migration ReportingRollups1795384000000.
 *
 * DEFINITIONS — a period is whole local days `from`..`to` (Asia/Ho_Chi_Minh), i.e. the instants
 * [F, T) with F = `from` 00:00 and T = (`to` + 1 day) 00:00. "Ended" is the instant processing
 * ended (`processing_ended_at`: the result approved, a refusal or a withdrawal — DESIGN.md "When a
 * dossier is late", src/dossiers/dossier-rules.ts).
 * - carriedOver (tồn kỳ trước chuyển sang): received_at < F and (not ended or ended ≥ F).
 * - receivedOnline / receivedCounter (tiếp nhận trong kỳ): F ≤ received_at < T, by channel
 *   (ONLINE; anything else counts as COUNTER, at the desk).
 * - resolved (đã giải quyết) in the period: received, F ≤ ended < T, not withdrawn, split by
 *   `timeliness` (judged when processing ended): resolvedEarly, resolvedOnTime, resolvedLate.
 * - withdrawn (rút): received, then withdrawn with F ≤ ended < T.
 * - refused (từ chối tiếp nhận): refusals at reception with F ≤ refused < T. They were never
 *   received, so they are OUTSIDE the balance (Thông tư 01/2018/TT-VPCP counts them apart).
 * - in progress at the end (đang giải quyết): received_at < T and (not ended or ended ≥ T);
 *   inProgressOverdue (quá hạn) when overdue at the end instant E = min(T, now) by the one rule
 *   (due_at < E; a dossier waiting for a supplement asked before its due time is not overdue) —
 *   so a period that includes today counts overdue as of now; else inProgressWithinDeadline.
 * - onTimeRate = (resolvedEarly + resolvedOnTime) / (resolvedEarly + resolvedOnTime + resolvedLate),
 *   null when nothing was resolved. Refused and withdrawn dossiers are not in the rate.
 * Balance: carriedOver + received = resolved + withdrawn + inProgress (checked in tests).
 * Dossiers are attributed to the agency holding them now (agency_code) and its procedure/sector.
 */

export const GROUP_BYS = ['agency', 'procedure', 'level', 'sector', 'unit'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface SlaFigures {
  carriedOver: number;
  receivedOnline: number;
  receivedCounter: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  inProgressWithinDeadline: number;
  inProgressOverdue: number;
  refused: number;
  withdrawn: number;
}

export interface SlaRow extends SlaFigures {
  key: string;
  name: string;
  onTimeRate: number | null;
}

/** Extra figures for the dashboard (not part of the API row). */
export interface SlaExtras {
  /** Working seconds used / allowed by the dossiers resolved in the period (averages in working days). */
  resolvedSeconds: number;
  allowedSeconds: number;
  /** Apologies with a new appointment issued in the period (phiếu xin lỗi và hẹn lại). */
  apologies: number;
  feeRequired: number;
  paid: number;
}

export interface FullRow extends SlaRow {
  extras: SlaExtras;
}

export interface SlaQuery {
  from: string;
  to: string;
  groupBy: GroupBy;
  /** null = every agency. */
  agencies: string[] | null;
  /** Scope root (for groupBy=unit: children of this agency). */
  root: string | null;
  procedureCode?: string;
}

export interface SlaResult {
  from: string;
  to: string;
  groupBy: GroupBy;
  rows: FullRow[];
  total: FullRow;
}

const FIGURES: (keyof SlaFigures)[] = [
  'carriedOver', 'receivedOnline', 'receivedCounter', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProgressWithinDeadline', 'inProgressOverdue', 'refused', 'withdrawn',
];

export function onTimeRate(f: Pick<SlaFigures, 'resolvedEarly' | 'resolvedOnTime' | 'resolvedLate'>): number | null {
  const resolved = f.resolvedEarly + f.resolvedOnTime + f.resolvedLate;
  return resolved === 0 ? null : Math.round(((f.resolvedEarly + f.resolvedOnTime) / resolved) * 10000) / 10000;
}

function emptyRow(key: string, name: string): FullRow {
  const r = { key, name, onTimeRate: null, extras: { resolvedSeconds: 0, allowedSeconds: 0, apologies: 0, feeRequired: 0, paid: 0 } } as FullRow;
  for (const f of FIGURES) r[f] = 0;
  return r;
}

function addInto(target: FullRow, src: FullRow) {
  for (const f of FIGURES) target[f] += src[f];
  target.extras.resolvedSeconds += src.extras.resolvedSeconds;
  target.extras.allowedSeconds += src.extras.allowedSeconds;
  target.extras.apologies += src.extras.apologies;
  target.extras.feeRequired += src.extras.feeRequired;
  target.extras.paid += src.extras.paid;
}

/**
 * Validated period of whole local days (the one parser of report, payment and partner periods);
 * defaults: from = 1 January of this year (or the 1st of this month), to = today.
 */
export function parsePeriod(fromRaw: unknown, toRaw: unknown, today: string, defaultFrom: 'year' | 'month' = 'year'): { from: string; to: string } {
  const start = defaultFrom === 'year' ? `${today.slice(0, 4)}-01-01` : `${today.slice(0, 7)}-01`;
  const from = fromRaw === undefined || fromRaw === '' ? start : fromRaw;
  const to = toRaw === undefined || toRaw === '' ? today : toRaw;
  const details: { field: string; message: string }[] = [];
  if (!isIsoDate(from)) details.push({ field: 'from', message: 'Ngày bắt đầu phải có dạng YYYY-MM-DD' });
  if (!isIsoDate(to)) details.push({ field: 'to', message: 'Ngày kết thúc phải có dạng YYYY-MM-DD' });
  if (!details.length) {
    if ((from as string) > (to as string)) details.push({ field: 'to', message: 'Ngày kết thúc phải sau ngày bắt đầu' });
    else if ((from as string) < EPOCH || (to as string) > '2099-12-31') details.push({ field: 'from', message: 'Kỳ báo cáo nằm ngoài khoảng cho phép (2000–2099)' });
  }
  if (details.length) throw new BadRequestException({ message: 'Kỳ báo cáo không hợp lệ', details });
  return { from: from as string, to: to as string };
}

export function parseGroupBy(raw: unknown, allowUnit = false): GroupBy {
  if (raw === undefined || raw === '') return 'agency';
  if (typeof raw === 'string' && (GROUP_BYS as readonly string[]).includes(raw) && (allowUnit || raw !== 'unit')) return raw as GroupBy;
  throw new BadRequestException({
    message: 'Tham số groupBy không hợp lệ',
    details: [{ field: 'groupBy', message: 'groupBy phải là agency, procedure, level hoặc sector' }],
  });
}

@Injectable()
export class SlaReportService {
  private names: { at: number; procedures: Map<string, string>; sectors: Map<string, string> } | null = null;

  constructor(
    /** The read replica when there is one (report reads only). */
    @Inject(ReadReplica) private readonly ds: Pick<DataSource, 'query'>,
    private readonly tree: AgencyTreeService,
    private readonly dossiers: DossierListings,
    private readonly clock: Clock,
  ) {}

  async procedureAndSectorNames() {
    if (this.names && Date.now() - this.names.at < 60_000) return this.names;
    const [procs, sectors] = await Promise.all([
      this.ds.query(`SELECT code, name FROM procedures WHERE is_current`) as Promise<{ code: string; name: string }[]>,
      this.ds.query(`SELECT code, name FROM sectors`) as Promise<{ code: string; name: string }[]>,
    ]);
    this.names = {
      at: Date.now(),
      procedures: new Map(procs.map((p) => [p.code, p.name])),
      sectors: new Map(sectors.map((s) => [s.code, s.name])),
    };
    return this.names;
  }

  /**
   * One pass over the rollup buckets of three day ranges: the period (P), everything before it (B,
   * for carried over) and everything up to its end (E, for in progress at the end).
   */
  async rawRows(q: SlaQuery, dim: 'agency' | 'procedure' | 'sector'): Promise<FullRow[]> {
    // The buckets of the three ranges, merged into one small table with a flag per range; the
    // rollup is then read by primary key (grain, bucket, …) for exactly those buckets.
    const sets: [Buckets, 'p' | 'b' | 'e'][] = [
      [decompose(q.from, q.to), 'p'],
      [decompose(EPOCH, addDays(q.from, -1)), 'b'],
      [decompose(EPOCH, q.to), 'e'],
    ];
    const merged = new Map<string, { grain: string; bucket: string; p: boolean; b: boolean; e: boolean }>();
    for (const [bk, flag] of sets) {
      for (const grain of ['D', 'M', 'Y'] as const) {
        for (const bucket of bk[grain]) {
          const k = `${grain}${bucket}`;
          const m = merged.get(k) ?? { grain, bucket, p: false, b: false, e: false };
          m[flag] = true;
          merged.set(k, m);
        }
      }
    }
    const list = [...merged.values()];
    const params: unknown[] = [list.map((m) => m.grain), list.map((m) => m.bucket), list.map((m) => m.p), list.map((m) => m.b), list.map((m) => m.e)];
    const table = dim === 'agency' && !q.procedureCode ? 'report_agency_rollup' : 'report_procedure_rollup';
    const keyExpr = dim === 'agency' ? 'r.agency_code' : dim === 'procedure' ? 'r.procedure_code' : 'r.sector_code';
    let scopeJoin = '';
    const agencies = q.agencies && (await this.coversAll(q.agencies)) ? null : q.agencies;
    if (agencies) {
      params.push(agencies);
      scopeJoin = `JOIN unnest($${params.length}::varchar[]) AS s(code) ON s.code = r.agency_code`;
    }
    let procFilter = '';
    if (q.procedureCode) {
      params.push(q.procedureCode);
      procFilter = `WHERE r.procedure_code = $${params.length}`;
    }
    // Refusals at reception were never received: they are not part of the received balance.
    const completed = '(r.resolved_early + r.resolved_on_time + r.resolved_late + r.withdrawn)';
    const sql = `
      WITH b AS (SELECT * FROM unnest($1::char[], $2::date[], $3::boolean[], $4::boolean[], $5::boolean[]) AS b(grain, bucket, in_p, in_b, in_e))
      SELECT ${keyExpr} AS key,
        COALESCE(SUM(r.received_online + r.received_counter - ${completed}) FILTER (WHERE b.in_b), 0)::bigint AS carried,
        COALESCE(SUM(r.received_online) FILTER (WHERE b.in_p), 0)::bigint AS ro,
        COALESCE(SUM(r.received_counter) FILTER (WHERE b.in_p), 0)::bigint AS rc,
        COALESCE(SUM(r.resolved_early) FILTER (WHERE b.in_p), 0)::bigint AS re,
        COALESCE(SUM(r.resolved_on_time) FILTER (WHERE b.in_p), 0)::bigint AS rt,
        COALESCE(SUM(r.resolved_late) FILTER (WHERE b.in_p), 0)::bigint AS rl,
        COALESCE(SUM(r.refused) FILTER (WHERE b.in_p), 0)::bigint AS rf,
        COALESCE(SUM(r.withdrawn) FILTER (WHERE b.in_p), 0)::bigint AS wd,
        COALESCE(SUM(r.received_online + r.received_counter - ${completed}) FILTER (WHERE b.in_e), 0)::bigint AS open_end,
        COALESCE(SUM(r.overdue_started - r.overdue_ended) FILTER (WHERE b.in_e), 0)::bigint AS overdue_end,
        COALESCE(SUM(r.resolved_seconds) FILTER (WHERE b.in_p), 0)::bigint AS rsec,
        COALESCE(SUM(r.allowed_seconds) FILTER (WHERE b.in_p), 0)::bigint AS asec,
        COALESCE(SUM(r.apologies) FILTER (WHERE b.in_p), 0)::bigint AS apol,
        COALESCE(SUM(r.fee_required) FILTER (WHERE b.in_p), 0)::bigint AS fee,
        COALESCE(SUM(r.paid) FILTER (WHERE b.in_p), 0)::bigint AS paid
      FROM b JOIN ${table} r ON r.grain = b.grain AND r.bucket = b.bucket
      ${scopeJoin}
      ${procFilter}
      GROUP BY 1`;
    const rows: Record<string, string>[] = await this.ds.query(sql, params);
    // A period that includes now: overdue as of now, not at the end of its last day.
    const now = this.clock.now();
    const notYet = addDays(q.to, 1) > localDateOf(now)
      ? await this.dossiers.notYetOverdue({ key: dim, now, toDay: q.to, agencies, procedureCode: q.procedureCode })
      : new Map<string, number>();
    return rows.map((r) => {
      const row = emptyRow(r.key, r.key);
      row.carriedOver = Number(r.carried);
      row.receivedOnline = Number(r.ro);
      row.receivedCounter = Number(r.rc);
      row.resolvedEarly = Number(r.re);
      row.resolvedOnTime = Number(r.rt);
      row.resolvedLate = Number(r.rl);
      row.refused = Number(r.rf);
      row.withdrawn = Number(r.wd);
      row.inProgressOverdue = Number(r.overdue_end) - (notYet.get(r.key) ?? 0);
      row.inProgressWithinDeadline = Number(r.open_end) - row.inProgressOverdue;
      row.extras = { resolvedSeconds: Number(r.rsec), allowedSeconds: Number(r.asec), apologies: Number(r.apol), feeRequired: Number(r.fee), paid: Number(r.paid) };
      return row;
    });
  }

  /** A scope that holds every agency needs no filter at all (the province's managers). */
  async coversAll(agencies: string[]): Promise<boolean> {
    return agencies.length >= (await this.tree.all()).size;
  }

  /** Rows grouped as asked, plus the total row. Rows with nothing at all are left out. */
  async report(q: SlaQuery, agencyRows?: FullRow[]): Promise<SlaResult> {
    const dim = q.groupBy === 'procedure' ? 'procedure' : q.groupBy === 'sector' ? 'sector' : 'agency';
    // agency, level and unit groupings all start from the per-agency rows: callers may pass them in
    const raw = dim === 'agency' && agencyRows ? agencyRows.map((r) => ({ ...r, extras: { ...r.extras } })) : await this.rawRows(q, dim);
    const agencies = await this.tree.all();
    let rows: FullRow[];
    if (q.groupBy === 'agency') {
      rows = raw.map((r) => ({ ...r, name: agencies.get(r.key)?.name ?? r.key }));
    } else if (q.groupBy === 'procedure' || q.groupBy === 'sector') {
      const names = await this.procedureAndSectorNames();
      const map = q.groupBy === 'procedure' ? names.procedures : names.sectors;
      rows = raw.map((r) => ({ ...r, name: map.get(r.key) ?? r.key }));
    } else {
      const groupOf = q.groupBy === 'level' ? (a: TreeAgency | undefined, code: string) => ({ key: a?.level ?? 'UNKNOWN', name: LEVEL_LABELS[a?.level ?? ''] ?? 'Khác' })
        : await this.unitGrouper(q.root);
      const groups = new Map<string, FullRow>();
      for (const r of raw) {
        const g = groupOf(agencies.get(r.key), r.key);
        const target = groups.get(g.key) ?? emptyRow(g.key, g.name);
        addInto(target, r);
        groups.set(g.key, target);
      }
      rows = [...groups.values()];
    }
    rows = rows.filter((r) => FIGURES.some((f) => r[f] !== 0) || r.extras.apologies !== 0);
    const total = emptyRow('TOTAL', 'Tổng cộng');
    for (const r of rows) {
      addInto(total, r);
      r.onTimeRate = onTimeRate(r);
    }
    total.onTimeRate = onTimeRate(total);
    rows.sort((a, b) => a.key.localeCompare(b.key));
    return { from: q.from, to: q.to, groupBy: q.groupBy, rows, total };
  }

  /**
   * Drill-down grouping: each agency of the scope is shown under the direct child of the scope
   * root it descends from (province → districts and province departments, district → communes and
   * district divisions, commune → its agencies). A child's key is the child agency's code.
   */
  private async unitGrouper(root: string | null) {
    const agencies = await this.tree.all();
    const top = root === null ? await this.tree.roots() : [root];
    const owner = new Map<string, { key: string; name: string }>();
    for (const t of top) {
      const topAgency = agencies.get(t)!;
      owner.set(t, { key: t, name: topAgency.name });
      for (const child of await this.tree.childrenOf(t)) {
        const ca = agencies.get(child)!;
        const label = ca.kind === 'PEOPLES_COMMITTEE' && ca.unitCode !== topAgency.unitCode ? ca.unitName : ca.name;
        for (const c of await this.tree.subtree(child)) owner.set(c, { key: child, name: label });
      }
    }
    return (_a: TreeAgency | undefined, code: string) => owner.get(code) ?? { key: code, name: code };
  }

  /**
   * Stages of inter-level dossiers (more than one stage) completed in the days `from`..`to`, per
   * agency that held them: how many, and how many ended after their own due time (the stage that
   * made a dossier late: each agency's stage has its own clock). From report_stage_rollup (migration
   * StageOutcomeRollup1796200000000), read by primary key for the period's buckets; most late first.
   */
  async stageOutcomes(from: string, to: string, agencies: string[] | null): Promise<{ agencyCode: string; completed: number; late: number }[]> {
    const bk = decompose(from, to);
    const list = (['D', 'M', 'Y'] as const).flatMap((grain) => bk[grain].map((bucket) => ({ grain, bucket })));
    const params: unknown[] = [list.map((b) => b.grain), list.map((b) => b.bucket)];
    let scopeJoin = '';
    if (agencies && !(await this.coversAll(agencies))) {
      params.push(agencies);
      scopeJoin = `JOIN unnest($3::varchar[]) AS s(code) ON s.code = r.agency_code`;
    }
    const rows: { agency_code: string; completed: number; late: number }[] = await this.ds.query(
      `SELECT r.agency_code, SUM(r.completed)::int AS completed, SUM(r.late)::int AS late
         FROM unnest($1::char[], $2::date[]) AS b(grain, bucket)
         JOIN report_stage_rollup r ON r.grain = b.grain AND r.bucket = b.bucket
         ${scopeJoin}
        GROUP BY r.agency_code HAVING SUM(r.completed) > 0
        ORDER BY late DESC, r.agency_code`,
      params,
    );
    return rows.map((r) => ({ agencyCode: r.agency_code, completed: r.completed, late: r.late }));
  }

  /** Month by month (whole months) for the 12 months ending with `to`'s month, within the scope. */
  async monthlyTrend(agenciesInScope: string[] | null, to: string, months = 12) {
    const last = monthStart(to);
    const first = addMonths(last, -(months - 1));
    const list: string[] = [];
    for (let m = first; m <= last; m = addMonths(m, 1)) list.push(m);
    const params: unknown[] = [list];
    let scope = '';
    if (agenciesInScope) {
      params.push(agenciesInScope);
      scope = 'AND agency_code = ANY($2::varchar[])';
    }
    const rows: Record<string, string>[] = await this.ds.query(
      `SELECT to_char(bucket, 'YYYY-MM-DD') AS month, SUM(received_online)::bigint AS ro, SUM(received_counter)::bigint AS rc,
              SUM(resolved_early)::bigint AS re, SUM(resolved_on_time)::bigint AS rt, SUM(resolved_late)::bigint AS rl
       FROM report_agency_rollup WHERE grain = 'M' AND bucket = ANY($1::date[]) ${scope} GROUP BY bucket`,
      params,
    );
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    return list.map((m) => {
      const r = byMonth.get(m);
      const f = { resolvedEarly: Number(r?.re ?? 0), resolvedOnTime: Number(r?.rt ?? 0), resolvedLate: Number(r?.rl ?? 0) };
      return {
        month: m,
        label: `${m.slice(5, 7)}/${m.slice(0, 4)}`,
        received: Number(r?.ro ?? 0) + Number(r?.rc ?? 0),
        resolved: f.resolvedEarly + f.resolvedOnTime + f.resolvedLate,
        late: f.resolvedLate,
        onTimeRate: onTimeRate(f),
        complete: monthEnd(m) <= to,
      };
    });
  }
}

/** The API row: exactly the fields of API.md. */
export function toApiRow(r: FullRow): SlaRow {
  return {
    key: r.key, name: r.name, carriedOver: r.carriedOver, receivedOnline: r.receivedOnline, receivedCounter: r.receivedCounter,
    resolvedEarly: r.resolvedEarly, resolvedOnTime: r.resolvedOnTime, resolvedLate: r.resolvedLate,
    inProgressWithinDeadline: r.inProgressWithinDeadline, inProgressOverdue: r.inProgressOverdue,
    refused: r.refused, withdrawn: r.withdrawn, onTimeRate: r.onTimeRate,
  };
}

export { FIGURES };
