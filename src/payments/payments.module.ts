import { Module } from '@nestjs/common';
import { PaymentGatewayStubController } from '../stubs/payment-gateway/payment-gateway-stub.controller';
import { PaymentGatewayStub } from '../stubs/payment-gateway/payment-gateway-stub.service';
import { PaymentsApiController } from './payments.api.controller';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  controllers: [PaymentsApiController, PaymentsController, PaymentGatewayStubController],
  providers: [PaymentsService, PaymentGatewayStub],
  exports: [PaymentsService, PaymentGatewayStub],
})
export class PaymentsModule {}
