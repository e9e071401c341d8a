import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AccessLogService } from './access-log.service';
import { DenialLogService } from './denial-log.service';
import { requestContextMiddleware } from './request-context';
import { SecurityAlertsService } from './security-alerts.service';
import { SecurityLogService } from './security-log.service';

@Global()
@Module({
  providers: [AccessLogService, DenialLogService, SecurityLogService, SecurityAlertsService],
  exports: [AccessLogService, DenialLogService, SecurityLogService, SecurityAlertsService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every route: the security log reads the client address, request id and user from it.
    consumer.apply(requestContextMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
