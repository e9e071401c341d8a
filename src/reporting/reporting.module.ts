import { Module } from '@nestjs/common';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { AgencyTreeService } from './agency-tree.service';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { ReportsApiController } from './reports.api.controller';
import { ReportsService } from './reports.service';
import { SlaReportService } from './sla-report.service';
import { TransparencyController } from './transparency.controller';
import { TransparencyService } from './transparency.service';

/** Reporting (issue 6): SLA rollups, API and exports, manager dashboard, public transparency. */
@Module({
  imports: [SatisfactionModule],
  controllers: [ReportsApiController, DashboardController, TransparencyController],
  providers: [AgencyTreeService, SlaReportService, ReportsService, DashboardService, TransparencyService],
  exports: [SlaReportService],
})
export class ReportingModule {}
