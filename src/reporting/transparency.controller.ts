import { BadRequestException, Controller, Get, Header, Query, Render } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { REPORT_DEFINITIONS } from './definitions';
import { TransparencyService, type OpenDataRow } from './transparency.service';

const OPEN_COLUMNS: (keyof OpenDataRow)[] = ['key', 'name', 'received', 'receivedOnline', 'resolved', 'resolvedOnTime', 'resolvedLate', 'onTimeRate', 'inProgressOverdue', 'ratings', 'satisfactionRate'];

function by(raw: unknown): 'agency' | 'sector' {
  if (raw === undefined || raw === '' || raw === 'agency') return 'agency';
  if (raw === 'sector') return 'sector';
  throw new BadRequestException({ message: 'Tham số by không hợp lệ', details: [{ field: 'by', message: 'by phải là agency hoặc sector' }] });
}

/** Public pages and open data: no sign-in. */
@ApiTags('Công khai')
@Controller('cong-khai')
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get()
  @ApiExcludeEndpoint()
  @Render('transparency/index')
  async index() {
    const p = await this.transparency.page();
    return { title: 'Công khai kết quả giải quyết thủ tục hành chính', ...p, definitions: REPORT_DEFINITIONS };
  }

  @Get('du-lieu.json')
  @ApiOperation({ summary: 'Dữ liệu mở: kết quả giải quyết và mức độ hài lòng 12 tháng gần nhất, theo cơ quan hoặc lĩnh vực' })
  @ApiQuery({ name: 'by', required: false, enum: ['agency', 'sector'] })
  async json(@Query('by') byRaw: unknown) {
    const d = await this.transparency.openData(by(byRaw));
    return { ...d, license: 'CC BY 4.0', definitions: '/cong-khai#cach-tinh' };
  }

  @Get('du-lieu.csv')
  @ApiOperation({ summary: 'Dữ liệu mở dạng CSV (cùng nội dung với du-lieu.json)' })
  @ApiQuery({ name: 'by', required: false, enum: ['agency', 'sector'] })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Query('by') byRaw: unknown) {
    const d = await this.transparency.openData(by(byRaw));
    const cell = (v: unknown) => {
      if (v === null || v === undefined) return '';
      const s = String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [OPEN_COLUMNS.join(','), ...d.rows.map((r) => OPEN_COLUMNS.map((c) => cell(r[c])).join(','))];
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }
}
