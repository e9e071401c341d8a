import { Module } from '@nestjs/common';
import { SatisfactionApiController, SatisfactionPageController } from './satisfaction.controller';
import { SatisfactionService } from './satisfaction.service';

@Module({
  controllers: [SatisfactionApiController, SatisfactionPageController],
  providers: [SatisfactionService],
  exports: [SatisfactionService],
})
export class SatisfactionModule {}
