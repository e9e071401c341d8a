import { Global, Module } from '@nestjs/common';
import { LocalRegistryStub } from './local-registry.stub';
import { POPULATION_REGISTRY, RegistryClient } from './registry.client';
import { RegistryFaultsService } from './registry-faults.service';

/** The population registry stub and the portal's resilient client for it. */
@Global()
@Module({
  providers: [
    RegistryFaultsService,
    LocalRegistryStub,
    { provide: POPULATION_REGISTRY, useExisting: LocalRegistryStub },
    RegistryClient,
  ],
  exports: [RegistryClient, RegistryFaultsService],
})
export class RegistryModule {}
