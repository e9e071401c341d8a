import { Module } from '@nestjs/common';
import { CallbackRejections } from './callback-rejections';
import { PaymentsApiController } from './payments.api.controller';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  controllers: [PaymentsApiController, PaymentsController],
  providers: [PaymentsService, CallbackRejections],
  exports: [PaymentsService],
})
export class PaymentsModule {}
