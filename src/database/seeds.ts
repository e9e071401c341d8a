import { catalogSeed } from '../catalog/catalog.seed';
import { unitsSeed } from '../units/units.seed';
import type { Seed } from './seed-runner';

/** In dependency order. */
export const SEEDS: Seed[] = [unitsSeed, catalogSeed];
