import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../database/read-replica';
import { viNumber } from '../common/vi-labels';
import { CalendarService } from '../calendar/calendar.service';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { Clock } from '../common/clock';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { DossierListings } from '../dossiers/dossier-listings.repository';
import { isOverdueAt, processingEnded } from '../dossiers/dossier-rules';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DOSSIER_READ } from '../dossiers/dossiers.service';
import { SatisfactionService, EMPTY_SATISFACTION } from '../satisfaction/satisfaction.service';
import { AgencyTreeService } from './agency-tree.service';
import { addMonths, localToday, monthStart } from './periods';
import { REPORT_DEFINITIONS } from './definitions';
import { GROUP_LABELS, REPORT_COLUMNS } from './report-export';
import { ReportsService, type ReportRequest } from './reports.service';
import { SlaReportService, type FullRow } from './sla-report.service';
import { COLORS, gauge, stackedBars, trendChart } from './svg-charts';

/** Received and not completed (RESULT_READY too: the workflow records completion when the result is returned). */

/** Average in working days (8 working hours a day) of `seconds` over `n` dossiers. */
function days(seconds: number, n: number): number | null {
  return n ? Math.round((seconds / n / (8 * 3600)) * 10) / 10 : null;
}

function qs(params: Record<string, string | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) u.set(k, v);
  return u.toString();
}

/** The manager's dashboard (/quan-ly): one view model built from the rollups and a few indexed lookups. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly ds: DataSource,
    private readonly reports: ReportsService,
    private readonly sla: SlaReportService,
    private readonly tree: AgencyTreeService,
    private readonly satisfaction: SatisfactionService,
    private readonly calendar: CalendarService,
    private readonly policy: PolicyService,
    private readonly gate: DossierGate,
    private readonly dossiers: DossierRepository,
    private readonly listings: DossierListings,
    private readonly clock: Clock,
    private readonly replica: ReadReplica,
  ) {}

  presets(today = localToday(this.clock.now())) {
    const y = today.slice(0, 4);
    const m = Number(today.slice(5, 7));
    const qStart = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    return [
      { label: 'Tháng này', from: monthStart(today), to: today },
      { label: 'Tháng trước', from: addMonths(monthStart(today), -1), to: prevMonthEnd(today) },
      { label: 'Quý này', from: qStart, to: today },
      { label: 'Năm nay', from: `${y}-01-01`, to: today },
      { label: 'Năm trước', from: `${Number(y) - 1}-01-01`, to: `${Number(y) - 1}-12-31` },
    ];
  }

  async build(user: AuthUser, q: ReportRequest) {
    const scope = await this.reports.resolve(user, q, true);
    const { from, to } = scope;
    const scopeCode = scope.scope.root;
    const agencies = scope.scope.codes && (await this.sla.coversAll(scope.scope.codes)) ? null : scope.scope.codes;
    const agencyRows = await this.sla.rawRows({ from, to, groupBy: 'agency', agencies, root: scopeCode }, 'agency');
    const result = {
      ...(await this.sla.report({ from, to, groupBy: 'unit', agencies, root: scopeCode }, agencyRows)),
      scopeName: scopeCode ? ((await this.tree.get(scopeCode))?.name ?? scopeCode) : 'Toàn tỉnh',
    };
    const base = { from, to };
    const myRoot = await this.reports.reportRoot(user);
    const breadcrumb = scopeCode
      ? (await this.tree.path(scopeCode, myRoot)).map((a) => ({ code: a.code, name: a.kind === 'PEOPLES_COMMITTEE' ? a.unitName : a.name, href: `/quan-ly?${qs({ ...base, agencyCode: a.code })}` }))
      : [];
    const [byLevel, bySector, byProcedure, trend] = await Promise.all([
      this.sla.report({ from, to, groupBy: 'level', agencies, root: scopeCode }, agencyRows),
      this.sla.report({ from, to, groupBy: 'sector', agencies, root: scopeCode }),
      this.sla.report({ from, to, groupBy: 'procedure', agencies, root: scopeCode }),
      this.sla.monthlyTrend(agencies, to),
    ]);
    const sat = (await this.satisfaction.summary(agencies, monthStart(from), monthStart(to))).get('TOTAL') ?? EMPTY_SATISFACTION;
    const t = result.total;
    const resolved = t.resolvedEarly + t.resolvedOnTime + t.resolvedLate;
    const received = t.receivedOnline + t.receivedCounter;
    // Lists of dossiers are for those who may read dossiers (managers); admins see aggregates only.
    const showLists = (await this.policy.can(user, 'dossier.list')).allowed;
    const isLeaf = scopeCode !== null && (await this.tree.childrenOf(scopeCode)).length === 0;
    const unitRows = result.rows.map((r) => ({
      ...r,
      href: r.key !== scopeCode ? `/quan-ly?${qs({ ...base, agencyCode: r.key })}` : null,
      cells: REPORT_COLUMNS.map((c) => c.value(r)),
    }));
    const procRows = byProcedure.rows
      .sort((a, b) => b.receivedOnline + b.receivedCounter - (a.receivedOnline + a.receivedCounter))
      .slice(0, 20)
      .map((r) => ({ ...r, href: showLists ? `/quan-ly/ho-so?${qs({ ...base, agencyCode: scopeCode, procedureCode: r.key })}` : null, cells: REPORT_COLUMNS.map((c) => c.value(r)) }));
    const bar = (rows: FullRow[], link: (r: FullRow) => string | undefined) =>
      rows.map((r) => ({
        label: r.name,
        href: link(r),
        note: r.onTimeRate === null ? '—' : `${(r.onTimeRate * 100).toFixed(1)}%`,
        segments: [
          { value: r.resolvedEarly, color: COLORS.early, label: 'Trước hạn' },
          { value: r.resolvedOnTime, color: COLORS.onTime, label: 'Đúng hạn' },
          { value: r.resolvedLate, color: COLORS.late, label: 'Quá hạn' },
          { value: r.inProgressOverdue, color: COLORS.overdue, label: 'Đang giải quyết quá hạn' },
        ],
      }));
    const legend = [
      { color: COLORS.early, label: 'Trước hạn' },
      { color: COLORS.onTime, label: 'Đúng hạn' },
      { color: COLORS.late, label: 'Quá hạn' },
      { color: COLORS.overdue, label: 'Đang quá hạn' },
    ];
    const lists = showLists ? await this.openLists(agencies, 20) : null;
    const stages = (await this.reports.stageLateness(user, { from, to, agencyCode: scopeCode ?? undefined })).items.filter((r) => r.completed > 0).slice(0, 20);
    const exportQuery = qs({ ...base, agencyCode: scopeCode });
    return {
      title: 'Theo dõi giải quyết hồ sơ',
      from,
      to,
      scopeCode,
      scopeName: result.scopeName,
      breadcrumb,
      presets: this.presets().map((p) => ({ ...p, href: `/quan-ly?${qs({ ...p, agencyCode: scopeCode, label: undefined })}` })),
      kpi: {
        totalToResolve: t.carriedOver + received,
        carriedOver: t.carriedOver,
        received,
        receivedOnline: t.receivedOnline,
        receivedCounter: t.receivedCounter,
        onlineShare: received ? t.receivedOnline / received : null,
        resolved,
        resolvedEarly: t.resolvedEarly,
        resolvedOnTime: t.resolvedOnTime,
        resolvedLate: t.resolvedLate,
        inProgress: t.inProgressWithinDeadline + t.inProgressOverdue,
        inProgressWithinDeadline: t.inProgressWithinDeadline,
        inProgressOverdue: t.inProgressOverdue,
        refused: t.refused,
        withdrawn: t.withdrawn,
        apologies: t.extras.apologies,
        onTimeRate: t.onTimeRate,
        avgDays: days(t.extras.resolvedSeconds, resolved),
        avgAllowedDays: days(t.extras.allowedSeconds, resolved),
        satisfaction: sat,
      },
      gaugeSvg: gauge('g-ontime', 'Tỷ lệ giải quyết đúng hạn', t.onTimeRate),
      satGaugeSvg: gauge('g-sat', 'Tỷ lệ hài lòng', sat.rate),
      unitTitle: isLeaf ? 'Theo thủ tục' : 'Theo đơn vị trực thuộc',
      isLeaf,
      unitRows,
      unitChart: unitRows.length ? stackedBars('c-units', 'Kết quả giải quyết theo đơn vị', bar(result.rows, (r) => (r.key !== scopeCode ? `/quan-ly?${qs({ ...base, agencyCode: r.key })}` : undefined)), legend) : '',
      levelRows: byLevel.rows.map((r) => ({ ...r, cells: REPORT_COLUMNS.map((c) => c.value(r)) })),
      sectorRows: bySector.rows.map((r) => ({ ...r, cells: REPORT_COLUMNS.map((c) => c.value(r)) })),
      sectorChart: bySector.rows.length ? stackedBars('c-sectors', 'Kết quả giải quyết theo lĩnh vực', bar(bySector.rows.slice(0, 15), () => undefined), legend) : '',
      procRows,
      trendChart: trendChart('c-trend', 'Xu hướng 12 tháng', trend),
      trend,
      columns: REPORT_COLUMNS,
      columnGroups: REPORT_COLUMNS.reduce<{ group: string; span: number }[]>((acc, c) => {
        const last = acc[acc.length - 1];
        if (last && last.group === c.group) last.span++;
        else acc.push({ group: c.group, span: 1 });
        return acc;
      }, []),
      showLists,
      stageRows: stages,
      overdue: lists?.overdue ?? { items: [], total: 0 },
      atRisk: lists?.atRisk ?? { items: [], total: 0 },
      csvHref: `/api/v1/reports/sla.csv?${qs({ ...base, agencyCode: scopeCode, groupBy: 'agency' })}`,
      xlsxHref: `/api/v1/reports/sla.xlsx?${qs({ ...base, agencyCode: scopeCode, groupBy: 'agency' })}`,
      printHref: `/quan-ly/bao-cao?${exportQuery}`,
      groupLabels: GROUP_LABELS,
      definitions: REPORT_DEFINITIONS,
      dataSource: await this.dataSource(),
    };
  }

  /** Where the figures come from, with the read replica's lag (issue 14): shown under the dashboard. */
  async dataSource(): Promise<{ text: string; serving: 'replica' | 'primary'; lagSeconds: number | null }> {
    const r = this.replica.status();
    if (!r.configured) return { text: 'Số liệu đọc từ cơ sở dữ liệu chính (chưa cấu hình bản sao chỉ đọc).', serving: 'primary', lagSeconds: null };
    if (r.serving === 'replica') {
      return { text: `Số liệu đọc từ bản sao chỉ đọc, chậm ${viNumber(r.lagSeconds ?? 0, 1)} giây so với cơ sở dữ liệu chính.`, serving: 'replica', lagSeconds: r.lagSeconds };
    }
    const why = r.lagSeconds !== null ? `chậm ${viNumber(r.lagSeconds, 1)} giây, quá ngưỡng` : 'không kết nối được';
    return { text: `Bản sao chỉ đọc đang không dùng được (${why}): số liệu đọc từ cơ sở dữ liệu chính.`, serving: 'primary', lagSeconds: r.lagSeconds };
  }

  /** Open dossiers past their appointment, and those due within one working day, with who holds them. */
  async openLists(agencies: string[] | null, limit: number) {
    const now = this.clock.now();
    const soon = (await this.calendar.deadline(now, 1, 'WORKING_DAY')).at;
    const { overdue, atRisk } = await this.listings.openLists({ agencies, now, soon, limit });
    const shape = (r: Record<string, unknown>) => ({
      ...r,
      holder: r.holderName ? `${r.holderName}` : `Bộ phận một cửa — ${r.agencyName ?? r.agencyCode}`,
      overdueDays: Math.max(0, Math.floor((now.getTime() - new Date(r.dueAt as Date).getTime()) / 86400000)),
      href: `/quan-ly/ho-so/${encodeURIComponent(r.code as string)}`,
    });
    return {
      overdue: { items: overdue.map(shape), total: Number(overdue[0]?.totalCount ?? 0) },
      atRisk: { items: atRisk.map(shape), total: Number(atRisk[0]?.totalCount ?? 0) },
    };
  }

  /** Dossiers of one procedure in the scope that were open at some time in the period. */
  async dossierList(user: AuthUser, q: ReportRequest & { procedureCode?: unknown; page?: unknown }) {
    await this.policy.assert(user, 'dossier.list', { ref: 'report:dossiers' });
    const { from, to, scope } = await this.reports.resolve(user, q, true);
    const procedureCode = typeof q.procedureCode === 'string' ? q.procedureCode : '';
    const page = Math.max(1, Number.parseInt(String(q.page ?? '1'), 10) || 1);
    const F = new Date(`${from}T00:00:00+07:00`);
    const T = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86400000);
    // 51 rows: the 51st only says there is a next page (no count over a possibly huge set)
    const rows = await this.listings.drillDown({ procedureCode, from: F, to: T, agencies: scope.codes, now: this.clock.now(), limit: 51, offset: (page - 1) * 50 });
    const names = await this.sla.procedureAndSectorNames();
    const hasNext = rows.length > 50;
    rows.splice(50);
    const base = { from, to, agencyCode: scope.root, procedureCode };
    return {
      title: `Hồ sơ — ${names.procedures.get(procedureCode) ?? procedureCode}`,
      from,
      to,
      procedureCode,
      procedureName: names.procedures.get(procedureCode) ?? procedureCode,
      scopeName: scope.root ? ((await this.tree.get(scope.root))?.name ?? scope.root) : 'Toàn tỉnh',
      backHref: `/quan-ly?${qs({ from, to, agencyCode: scope.root })}`,
      items: rows.map((r: Record<string, unknown>) => ({ ...r, href: `/quan-ly/ho-so/${encodeURIComponent(r.code as string)}`, holder: r.holderName ?? (r.completedAt ? '' : 'Bộ phận một cửa') })),
      page,
      prevHref: page > 1 ? `/quan-ly/ho-so?${qs({ ...base, page: String(page - 1) })}` : null,
      nextHref: hasNext ? `/quan-ly/ho-so?${qs({ ...base, page: String(page + 1) })}` : null,
    };
  }

  /** One dossier as a manager sees it: status, deadline, holder and the processing control sheet (events). Through the gate: logged. */
  async dossier(user: AuthUser, code: string) {
    const access = await this.gate.read(user, code, DOSSIER_READ);
    const row = (await this.dossiers.findById(access.id))!;
    const [holder] = row.assigneeUserId ? await this.ds.query(`SELECT full_name, role FROM users WHERE id = $1`, [row.assigneeUserId]) : [];
    const d = {
      code: row.code, status: row.status, channel: row.channel, procedureCode: row.procedureCode, procedureName: row.procedureName,
      agencyCode: row.agencyCode, agencyName: row.agencyName, submittedAt: row.submittedAt, receivedAt: row.receivedAt, dueAt: row.dueAt,
      originalDueAt: row.originalDueAt, completedAt: row.processingEndedAt ?? row.completedAt, timeliness: row.timeliness,
      currentStep: row.currentStep, holderName: holder?.full_name ?? null, holderRole: holder?.role ?? null,
    };
    const events = (await this.dossiers.events(row.id)).map((e) => ({
      at: e.at, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorName: e.actorName, actorRole: e.actorRole, agencyCode: e.agencyCode, reason: e.reason,
    }));
    const overdue = isOverdueAt(row, this.clock.now());
    return { title: `Hồ sơ ${d.code}`, d, events, overdue, holder: d.holderName ?? (processingEnded(row) ? null : `Bộ phận một cửa — ${d.agencyName ?? d.agencyCode}`) };
  }
}

function prevMonthEnd(today: string): string {
  const d = new Date(`${monthStart(today)}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
