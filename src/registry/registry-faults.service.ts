import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type RegistryFaults } from '../config/app-config';

/**
 * The stub's injected faults, starting from configuration and changeable at run time (demo/admin
 * API and tests), so that outages and recoveries can be exercised without restarting.
 */
@Injectable()
export class RegistryFaultsService {
  private faults: RegistryFaults;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.faults = { meanLatencyMs: config.registry.meanLatencyMs, failureRate: config.registry.failureRate, outage: config.registry.outage };
  }

  get(): RegistryFaults {
    return { ...this.faults };
  }

  set(patch: Partial<RegistryFaults>): RegistryFaults {
    this.faults = { ...this.faults, ...patch };
    return this.get();
  }
}
