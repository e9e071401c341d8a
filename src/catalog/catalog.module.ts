import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogApiController } from './catalog.api.controller';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { Procedure } from './procedure.entity';
import { Sector } from './sector.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Procedure, Sector])],
  controllers: [CatalogApiController, CatalogController],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
