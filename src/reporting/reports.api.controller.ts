import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { toCsv, toXlsx } from './report-export';
import { ReportsService, type ReportRequest } from './reports.service';
import { toApiRow } from './sla-report.service';

const DEFINITIONS =
  'Kỳ = các ngày from..to (giờ Việt Nam). Kết thúc xử lý = phê duyệt kết quả, từ chối hoặc rút (processingEndedAt). ' +
  'Kỳ trước chuyển qua: tiếp nhận trước from, chưa kết thúc xử lý trước from. Tiếp nhận: receivedAt trong kỳ, theo kênh. ' +
  'Đã giải quyết: kết thúc xử lý có kết quả trong kỳ, theo timeliness. refused: từ chối ngay khi tiếp nhận trong kỳ (ngoài cân đối). ' +
  'withdrawn: hồ sơ đã tiếp nhận được rút trong kỳ. Đang giải quyết: tiếp nhận trước cuối kỳ, chưa kết thúc tại cuối kỳ; quá hạn khi ' +
  'hạn trả < min(cuối kỳ, hiện tại), không tính hồ sơ tạm dừng chờ bổ sung trước hạn. onTimeRate = (trước hạn + đúng hạn) / đã giải quyết (0..1), null khi 0. ' +
  'Cân đối: carriedOver + received = resolved + withdrawn + inProgress.';

@ApiTags('Báo cáo')
@Controller('api/v1/reports')
@Authenticated('MANAGER', 'ADMIN')
export class ReportsApiController {
  constructor(private readonly reports: ReportsService) {}

  @Get('sla')
  @ApiOperation({ summary: 'Tình hình giải quyết hồ sơ theo kỳ (SLA)', description: DEFINITIONS })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (mặc định 1/1 năm nay)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (mặc định hôm nay)' })
  @ApiQuery({ name: 'agencyCode', required: false })
  @ApiQuery({ name: 'groupBy', required: false, enum: ['agency', 'procedure', 'level', 'sector'] })
  async sla(@CurrentUser() user: AuthUser | undefined, @Query() q: ReportRequest) {
    const r = await this.reports.run(user, q);
    return { from: r.from, to: r.to, agencyCode: r.scopeCode, groupBy: r.groupBy, rows: r.rows.map(toApiRow), total: toApiRow(r.total) };
  }

  @Get('stages')
  @ApiOperation({
    summary: 'Giai đoạn liên thông làm trễ theo cơ quan',
    description: 'Các giai đoạn của hồ sơ liên thông kết thúc trong kỳ, theo cơ quan giữ giai đoạn: số giai đoạn và số giai đoạn quá thời hạn riêng của giai đoạn.',
  })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (mặc định 1/1 năm nay)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (mặc định hôm nay)' })
  @ApiQuery({ name: 'agencyCode', required: false })
  stages(@CurrentUser() user: AuthUser | undefined, @Query() q: ReportRequest) {
    return this.reports.stageLateness(user, q);
  }

  @Get('sla.csv')
  @ApiOperation({ summary: 'Báo cáo SLA dạng CSV (cùng tham số)' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async slaCsv(@CurrentUser() user: AuthUser | undefined, @Query() q: ReportRequest, @Res({ passthrough: true }) res: Response) {
    const r = await this.reports.run(user, q);
    res.setHeader('Content-Disposition', `attachment; filename="bao-cao-sla-${r.from}-${r.to}.csv"`);
    return toCsv(r);
  }

  @Get('sla.xlsx')
  @ApiOperation({ summary: 'Báo cáo SLA dạng XLSX (cùng tham số)' })
  async slaXlsx(@CurrentUser() user: AuthUser | undefined, @Query() q: ReportRequest, @Res() res: Response) {
    const r = await this.reports.run(user, q);
    const buf = await toXlsx(r, 'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', r.scopeName);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="bao-cao-sla-${r.from}-${r.to}.xlsx"`);
    res.send(buf);
  }
}
