import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProvinceAdmin } from '../identity/auth.decorators';
import { OutboxAdminService } from './outbox-admin.service';

@ApiTags('tích hợp (quản trị)')
@Controller('api/v1/admin')
@ProvinceAdmin()
export class OutboxAdminApiController {
  constructor(private readonly admin: OutboxAdminService) {}

  @Get('outbox')
  @ApiOperation({ summary: 'Hàng đợi gửi đi: số thông điệp chờ, đã gửi, lỗi, hỏng hẳn, tuổi thông điệp cũ nhất' })
  async stats() {
    const { pending, delivered, failed, deadLetter, oldestPendingSeconds, byTopic } = await this.admin.stats();
    return { pending, delivered, failed, deadLetter, oldestPendingSeconds, byTopic };
  }

  @Get('outbox/problems')
  @ApiOperation({ summary: 'Thông điệp đang lỗi hoặc đã vào hàng hỏng (dead letter)' })
  problems() {
    return this.admin.problems();
  }

  @Post('outbox/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi lại một thông điệp lỗi/hỏng' })
  async retry(@Param('id') id: string) {
    await this.admin.retry(id);
    return { id, status: 'PENDING' };
  }

  @Post('outbox/retry-dead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi lại mọi thông điệp đã vào hàng hỏng' })
  async retryDead() {
    return { requeued: await this.admin.retryAllDead() };
  }

  @Get('dossiers/:code/sync')
  @ApiOperation({ summary: 'Trạng thái đồng bộ với Cổng DVC quốc gia và thông báo của một hồ sơ' })
  async sync(@Param('code') code: string) {
    // Sync counters only: the notifications themselves are dossier data (GET /api/v1/dossiers/{code}/deliveries).
    return this.admin.syncState(code);
  }
}
