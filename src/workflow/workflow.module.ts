import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { SigningModule } from '../signing/signing.module';
import { UnitsModule } from '../units/units.module';
import { HolidayShiftListener } from './holiday-shift.listener';
import { ResultIssuer } from './result-issuer';
import { QueueService } from './queue.service';
import { StaffDossierService } from './staff-dossier.service';
import { StaffController } from './staff.controller';
import { WorkflowApiController } from './workflow.api.controller';
import { WorkflowService } from './workflow.service';

@Module({
  imports: [UnitsModule, SigningModule, FilesModule],
  controllers: [WorkflowApiController, StaffController],
  providers: [WorkflowService, ResultIssuer, QueueService, StaffDossierService, HolidayShiftListener],
  exports: [WorkflowService, QueueService],
})
export class WorkflowModule {}
