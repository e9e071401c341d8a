import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../database/read-replica';
import { SkipThrottle } from '@nestjs/throttler';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly replica: ReadReplica,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready = the database answers and no migration is pending. */
  @Get('ready')
  async ready() {
    try {
      await this.ds.query('SELECT 1');
      const pending = await this.ds.showMigrations();
      if (pending) throw new Error('pending migrations');
      const r = this.replica.status();
      // The replica is reported, never a reason to be unready: reads fall back to the primary.
      return { status: 'ok', database: 'up', migrations: 'applied', replica: r.configured ? { serving: r.serving, lagSeconds: r.lagSeconds } : 'none' };
    } catch {
      throw new ServiceUnavailableException('Cơ sở dữ liệu chưa sẵn sàng');
    }
  }
}
