import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { FilesModule } from '../files/files.module';
import { UnitsModule } from '../units/units.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { CitizenPagesService } from './citizen-pages.service';
import { DossierCodeService } from './dossier-code.service';
import { DossierWriter } from './dossier-writer.service';
import { DossiersApiController } from './dossiers.api.controller';
import { DossiersController } from './dossiers.controller';
import { IntakeController } from './intake.controller';
import { IntakePagesService } from './intake-pages.service';
import { DossiersService } from './dossiers.service';
import { DraftsService } from './drafts.service';
import { LookupThrottle } from './lookup-throttle';
import { PrefillService } from './prefill.service';
import { ReceivingAgencyService } from './receiving-agency.service';
import { SubmissionPagesService } from './submission-pages.service';
import { SubmissionService } from './submission.service';

/** Submission (online, counter, life events), prefill, drafts, the citizen's space and the public lookup. */
@Module({
  imports: [CatalogModule, FilesModule, UnitsModule, WorkflowModule],
  controllers: [DossiersApiController, DossiersController, IntakeController],
  providers: [
    DossierCodeService,
    DossierWriter,
    DossiersService,
    PrefillService,
    ReceivingAgencyService,
    SubmissionService,
    SubmissionPagesService,
    CitizenPagesService,
    IntakePagesService,
    DraftsService,
    LookupThrottle,
  ],
  exports: [DossierCodeService, DossiersService, SubmissionService, PrefillService, ReceivingAgencyService, FilesModule],
})
export class DossiersModule {}
