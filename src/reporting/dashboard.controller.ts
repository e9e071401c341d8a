import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { DashboardService } from './dashboard.service';
import { REPORT_DEFINITIONS } from './definitions';
import { GROUP_LABELS, REPORT_COLUMNS } from './report-export';
import { ReportsService, type ReportRequest } from './reports.service';

/** Manager pages: dashboard, drill-down to dossiers, printable period report. */
@ApiExcludeController()
@Controller('quan-ly')
@Authenticated('MANAGER', 'ADMIN')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly reports: ReportsService,
  ) {}

  @Get()
  @Render('reports/dashboard')
  index(@CurrentUser() user: AuthUser, @Query() q: ReportRequest) {
    return this.dashboard.build(user, { ...q, groupBy: 'unit' });
  }

  @Get('ho-so')
  @Render('reports/dossiers')
  dossiers(@CurrentUser() user: AuthUser, @Query() q: ReportRequest & { procedureCode?: string; page?: string }) {
    return this.dashboard.dossierList(user, q);
  }

  @Get('ho-so/:code')
  @Render('reports/dossier')
  dossier(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.dashboard.dossier(user, code);
  }

  /** Báo cáo tình hình giải quyết TTHC: the one-stop-shop layout, printable (print stylesheet), with CSV/XLSX links. */
  @Get('bao-cao')
  @Render('reports/print')
  async print(@CurrentUser() user: AuthUser, @Query() q: ReportRequest) {
    const groupBy = typeof q.groupBy === 'string' && q.groupBy !== '' ? q.groupBy : 'agency';
    const r = await this.reports.run(user, { ...q, groupBy });
    const query = new URLSearchParams({ from: r.from, to: r.to, groupBy: r.groupBy, ...(r.scopeCode ? { agencyCode: r.scopeCode } : {}) }).toString();
    return {
      title: 'Báo cáo tình hình giải quyết thủ tục hành chính',
      printPage: true,
      definitions: REPORT_DEFINITIONS,
      r,
      groupLabel: GROUP_LABELS[r.groupBy],
      groupOptions: ['agency', 'procedure', 'level', 'sector'].map((g) => ({ value: g, label: GROUP_LABELS[g], selected: g === r.groupBy })),
      columns: REPORT_COLUMNS,
      rows: r.rows.map((row, i) => ({ no: i + 1, key: row.key, name: row.name, cells: REPORT_COLUMNS.map((c) => c.value(row)) })),
      totalCells: REPORT_COLUMNS.map((c) => c.value(r.total)),
      csvHref: `/api/v1/reports/sla.csv?${query}`,
      xlsxHref: `/api/v1/reports/sla.xlsx?${query}`,
      jsonHref: `/api/v1/reports/sla?${query}`,
      backHref: `/quan-ly?${new URLSearchParams({ from: r.from, to: r.to, ...(r.scopeCode ? { agencyCode: r.scopeCode } : {}) })}`,
    };
  }
}
