import { Global, Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';
import { DenialLogService } from './denial-log.service';

@Global()
@Module({
  providers: [AccessLogService, DenialLogService],
  exports: [AccessLogService, DenialLogService],
})
export class AuditModule {}
