import { Module } from '@nestjs/common';
import { PaymentGatewayStubController } from './payment-gateway/payment-gateway-stub.controller';
import { PaymentGatewayStub } from './payment-gateway/payment-gateway-stub.service';
import { NationalPortalStubController } from './national-portal/national-portal-stub.controller';
import { NationalPortalStub } from './national-portal/national-portal-stub.service';
import { SmsGatewayStub, SmsGatewayStubController } from './sms-gateway/sms-gateway-stub.controller';
import { SmtpCatcher } from './smtp-catcher/smtp-catcher.service';
import { SmtpCatcherController } from './smtp-catcher/smtp-catcher.controller';

/**
 * Stand-ins for outside systems (national portal, SMS provider, mail server, payment gateway), each
 * with its own storage (schemas `national_portal`, `stubs`) and reached by real HTTP/SMTP.
 * Their routes answer only in demo mode.
 */
@Module({
  controllers: [NationalPortalStubController, SmsGatewayStubController, SmtpCatcherController, PaymentGatewayStubController],
  providers: [NationalPortalStub, SmsGatewayStub, SmtpCatcher, PaymentGatewayStub],
  exports: [NationalPortalStub, SmsGatewayStub, SmtpCatcher, PaymentGatewayStub],
})
export class StubsModule {}
