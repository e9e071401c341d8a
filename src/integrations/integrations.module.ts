import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StubsModule } from '../stubs/stubs.module';
import { DeliveriesApiController } from './deliveries.api.controller';
import { DossierEventFanOut } from './fan-out.handler';
import { NationalPortalSyncHandler } from './national-portal-sync.handler';
import { OutboxAdminApiController } from './outbox-admin.api.controller';
import { OutboxAdminController } from './outbox-admin.controller';
import { OutboxAdminService } from './outbox-admin.service';

/** Outbox delivery (fan-out, national-portal sync), its administration, and the stand-in receivers. */
@Module({
  imports: [StubsModule, NotificationsModule],
  controllers: [OutboxAdminApiController, OutboxAdminController, DeliveriesApiController],
  providers: [OutboxAdminService, DossierEventFanOut, NationalPortalSyncHandler],
  exports: [OutboxAdminService],
})
export class IntegrationsModule {}
