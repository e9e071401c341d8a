import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { CatalogModule } from './catalog/catalog.module';
import { AllExceptionsFilter } from './web/api-error.filter';
import type { AppConfig } from './config/app-config';
import { ClockModule } from './common/clock';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { CacheBusModule } from './database/cache-bus';
import { ReadReplicaModule } from './database/read-replica';
import { IdentityModule } from './identity/identity.module';
import { OutboxModule } from './outbox/outbox.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { PaymentsModule } from './payments/payments.module';
import { PartnersModule } from './partners/partners.module';
import { UnitsModule } from './units/units.module';
import { CalendarModule } from './calendar/calendar.module';
import { SlipsModule } from './slips/slips.module';
import { WorkflowModule } from './workflow/workflow.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { SubmissionModule } from './submission/submission.module';
import { ReportingModule } from './reporting/reporting.module';
import { OpsModule } from './ops/ops.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        ClockModule,
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Unique across processes (the default is a per-process counter): the security log's
            // requestId and the access log line of a request match, and the client sees it too.
            genReqId: (_req, res) => {
              const id = randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/public/') || (req.url ?? '').startsWith('/health') },
            customLogLevel: (_req, res, err) =>
              res.statusCode >= 500 && res.statusCode !== 503 ? 'error' : err || res.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: false }),
        CacheBusModule,
        ReadReplicaModule,
        HealthModule,
        OutboxModule,
        IntegrationsModule,
        PaymentsModule,
        PartnersModule,
        UnitsModule,
        CatalogModule,
        IdentityModule,
        CalendarModule,
        WorkflowModule,
        SlipsModule,
        DossiersModule,
        SubmissionModule,
        ReportingModule,
        OpsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
