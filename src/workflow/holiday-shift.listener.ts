import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DossierRepository } from '../dossiers/dossier.repository';
import { CalendarService } from '../calendar/calendar.service';
import { OutboxService } from '../outbox/outbox.service';
import { shiftOpenDossiers } from './holiday-shift';

/** Every calendar edit moves the due dates it affects, in the edit's transaction (see holiday-shift.ts). */
@Injectable()
export class HolidayShiftListener implements OnModuleInit {
  constructor(
    private readonly calendar: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dossiers: DossierRepository,
  ) {}

  onModuleInit(): void {
    this.calendar.onChange((manager, change) => shiftOpenDossiers(manager, change, this.outbox, this.dossiers));
  }
}
