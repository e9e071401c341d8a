import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdministrativeUnit } from './administrative-unit.entity';
import { Agency } from './agency.entity';
import { UnitsApiController } from './units.api.controller';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdministrativeUnit, Agency])],
  controllers: [UnitsApiController, UnitsController],
  providers: [UnitsService],
  exports: [UnitsService],
})
export class UnitsModule {}
