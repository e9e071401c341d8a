import { Module } from '@nestjs/common';
import { PaymentGatewayStubController } from '../stubs/payment-gateway/payment-gateway-stub.controller';
import { PaymentGatewayStub } from '../stubs/payment-gateway/payment-gateway-stub.service';
import { CallbackRejections } from './callback-rejections';
import { PaymentsApiController } from './payments.api.controller';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  controllers: [PaymentsApiController, PaymentsController, PaymentGatewayStubController],
  providers: [PaymentsService, CallbackRejections, PaymentGatewayStub],
  exports: [PaymentsService, PaymentGatewayStub],
})
export class PaymentsModule {}
