import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { FilesModule } from '../files/files.module';
import { UnitsModule } from '../units/units.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { CitizenPagesService } from './citizen-pages.service';
import { DossierCodeService } from './dossier-code.service';
import { DossierWriter } from './dossier-writer.service';
import { DraftsService } from './drafts.service';
import { IntakeController } from './intake.controller';
import { IntakePagesService } from './intake-pages.service';
import { PrefillService } from './prefill.service';
import { ReceivingAgencyService } from './receiving-agency.service';
import { SubmissionApiController } from './submission.api.controller';
import { SubmissionController } from './submission.controller';
import { SubmissionPagesService } from './submission-pages.service';
import { SubmissionService } from './submission.service';

/** Submission (online, counter, life events), prefill, drafts and the citizen's space. */
@Module({
  imports: [CatalogModule, DossiersModule, FilesModule, UnitsModule, WorkflowModule],
  controllers: [SubmissionApiController, SubmissionController, IntakeController],
  providers: [
    DossierCodeService,
    DossierWriter,
    PrefillService,
    ReceivingAgencyService,
    SubmissionService,
    SubmissionPagesService,
    CitizenPagesService,
    IntakePagesService,
    DraftsService,
  ],
  exports: [DossierCodeService, SubmissionService, PrefillService, ReceivingAgencyService],
})
export class SubmissionModule {}
