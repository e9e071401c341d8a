import { Global, Module } from '@nestjs/common';
import { CitizenRecordsService } from './citizen-records.service';
import { DossiersApiController } from './dossiers.api.controller';
import { RegistryApiController } from './registry-reads.api.controller';
import { DossierGate } from './dossier-gate.service';
import { DossierListings } from './dossier-listings.repository';
import { DossierRepository } from './dossier.repository';
import { DossiersService } from './dossiers.service';
import { LookupThrottle } from './lookup-throttle';

/**
 * The dossier core: the only owner of the dossier tables, the one access gate, the rules about a
 * dossier's state and its one view. Everything else (submission, workflow, slips, files,
 * reporting, integrations) sits above it and reads a dossier through it.
 */
@Global()
@Module({
  controllers: [DossiersApiController, RegistryApiController],
  providers: [DossierRepository, DossierListings, DossierGate, DossiersService, LookupThrottle, CitizenRecordsService],
  exports: [DossierRepository, DossierListings, DossierGate, DossiersService, LookupThrottle, CitizenRecordsService],
})
export class DossiersModule {}
