import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { SigningService } from './signing.service';
import { VerificationController } from './verification.controller';
import { VerificationService } from './verification.service';

@Module({
  imports: [UnitsModule],
  controllers: [VerificationController],
  providers: [SigningService, VerificationService],
  exports: [SigningService],
})
export class SigningModule {}
