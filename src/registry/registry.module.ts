import { Global, Module } from '@nestjs/common';
import { CitizenRecordsService } from './citizen-records.service';
import { LocalRegistryStub } from './local-registry.stub';
import { RegistryApiController } from './registry.api.controller';
import { POPULATION_REGISTRY, RegistryClient } from './registry.client';
import { RegistryFaultsService } from './registry-faults.service';

/** The population registry stub and the portal's resilient client for it. */
@Global()
@Module({
  controllers: [RegistryApiController],
  providers: [
    RegistryFaultsService,
    LocalRegistryStub,
    { provide: POPULATION_REGISTRY, useExisting: LocalRegistryStub },
    RegistryClient,
    CitizenRecordsService,
  ],
  exports: [RegistryClient, RegistryFaultsService, CitizenRecordsService],
})
export class RegistryModule {}
