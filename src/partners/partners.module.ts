import { Module } from '@nestjs/common';
import { PartnerClientsAdminController, PartnersApiController } from './partners.api.controller';
import { PartnerGuard } from './partner.guard';
import { PartnersService } from './partners.service';

@Module({
  controllers: [PartnersApiController, PartnerClientsAdminController],
  providers: [PartnersService, PartnerGuard],
  exports: [PartnersService],
})
export class PartnersModule {}
