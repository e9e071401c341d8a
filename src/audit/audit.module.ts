import { Global, Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';
import { DenialLogService } from './denial-log.service';
import { SecurityLogService } from './security-log.service';

@Global()
@Module({
  providers: [AccessLogService, DenialLogService, SecurityLogService],
  exports: [AccessLogService, DenialLogService, SecurityLogService],
})
export class AuditModule {}
