import { Global, Module } from '@nestjs/common';
import { EndpointsService } from './endpoints.service';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox-worker.service';

/** Global: any module writes to the outbox in its transaction, and delivery handlers register with the worker. */
@Global()
@Module({ providers: [OutboxService, OutboxWorker, EndpointsService], exports: [OutboxService, OutboxWorker, EndpointsService] })
export class OutboxModule {}
