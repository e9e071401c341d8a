import { catalogSeed } from './catalog/catalog.seed';
import { unitsSeed } from './units/units.seed';
import { identityDemoSeed } from './identity/identity.seed';
import { registrySeed } from './registry/registry.seed';
import { calendarSeed } from './calendar/calendar.seed';
import { partnersDemoSeed } from './partners/partners.seed';
import { demoDossiersSeed } from './reporting/bulk/demo-dossiers.seed';
import type { Seed } from './database/seed-runner';

/** In dependency order. */
export const SEEDS: Seed[] = [unitsSeed, catalogSeed, registrySeed, identityDemoSeed, calendarSeed, partnersDemoSeed, demoDossiersSeed];
