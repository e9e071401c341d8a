import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarExceptionRow } from './calendar-exception.entity';
import { CalendarApiController } from './calendar.api.controller';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarExceptionRow])],
  controllers: [CalendarApiController, CalendarController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
