import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { INSTANT_DESCRIPTION } from '../common/local-time';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarApiController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('deadline')
  @ApiOperation({ summary: 'Hạn giải quyết: cộng số ngày/giờ làm việc vào một thời điểm, kèm giải thích' })
  @ApiQuery({
    name: 'from',
    example: '2026-11-23T10:00:00+07:00',
    description: `Thời điểm bắt đầu tính (tiếp nhận). ${INSTANT_DESCRIPTION} Chỉ ghi ngày (2026-11-23) thì là 00:00 giờ Việt Nam của ngày đó.`,
  })
  @ApiQuery({ name: 'value', example: '3' })
  @ApiQuery({ name: 'unit', enum: ['WORKING_DAY', 'WORKING_HOUR'] })
  deadline(@Query('from') from: unknown, @Query('value') value: unknown, @Query('unit') unit: unknown) {
    return this.calendar.deadlineView(from, value, unit);
  }

  @Get('exceptions')
  @ApiOperation({
    summary: 'Ngày nghỉ lễ, Tết và ngày làm bù (khác quy tắc thứ Hai–thứ Sáu)',
    description: 'Trả về [{date, name, working, legalSource}]; legalSource là căn cứ pháp lý của ngày (null nếu chưa ghi).',
  })
  @ApiQuery({ name: 'year', required: false, example: '2026' })
  async exceptions(@Query('year') year: unknown) {
    return (await this.calendar.listExceptions(year)).map(({ date, name, working, legalSource }) => ({ date, name, working, legalSource }));
  }

  @Put('exceptions/:date')
  @Authenticated('ADMIN')
  @ApiOperation({
    summary: 'Thêm hoặc sửa một ngày ngoại lệ (quản trị)',
    description:
      'Một thao tác cho một ngày nghỉ mới được công bố (hoặc ngày làm bù, hoặc sửa nhầm): cùng giao dịch, hạn giải quyết của các hồ sơ đang giải quyết có thời gian còn lại đi qua ngày này được tính lại (giữ nguyên thời gian làm việc còn lại), mỗi hồ sơ có một sự kiện calendar-shift kèm giải thích. Trả về ngày đã lưu và movedDossiers [{code, agencyCode, status, dueAtBefore, dueAtAfter, explanation}]. DELETE cũng tính lại như vậy (204, giải thích nằm trong lịch sử từng hồ sơ).',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 200, example: 'Ngày Văn hóa Việt Nam' },
        working: { type: 'boolean', description: 'false: ngày nghỉ; true: ngày làm việc (làm bù vào cuối tuần)' },
        legalSource: { type: 'string', maxLength: 500, description: 'Căn cứ pháp lý: văn bản quy định hoặc công bố ngày này' },
        note: { type: 'string', maxLength: 2000, description: 'Ghi chú' },
      },
    },
  })
  async upsert(@CurrentUser() user: AuthUser, @Param('date') date: string, @Body() body: Record<string, unknown>) {
    const r = await this.calendar.upsertException(user, date, body ?? {});
    return { ...r.exception, movedDossiers: r.movedDossiers };
  }

  @Delete('exceptions/:date')
  @HttpCode(204)
  @Authenticated('ADMIN')
  @ApiOperation({ summary: 'Xóa một ngày ngoại lệ (quản trị)' })
  async remove(@CurrentUser() user: AuthUser, @Param('date') date: string): Promise<void> {
    await this.calendar.deleteException(user, date);
  }
}
