/**
 * Deterministic synthetic population of one province for the population-registry stub
 * (see DESIGN.md, "The population registry stub"): the entry point. Pure: no I/O, no framework;
 * the caller passes the province's administrative units (administrative-units.csv) and a seed.
 *
 * - generatePopulation() streams households one at a time, so a million citizens never sit in
 *   memory together; same options → same output.
 * - Personal IDs follow Circular 59/2021/TT-BCA (see normalize.ts) and are unique by construction:
 *   for every prefix (province of birth, gender/century, year) a counter is pushed through a keyed
 *   Feistel permutation of [0, GENERATED_SERIAL_LIMIT), so serials look random but never repeat.
 * - Ethnic groups follow the province mix at the level of citizens (household sizes differ by group
 *   and are calibrated for), with groups clustered by district as they are on the ground.
 * - Village names are synthetic; communes, districts and the province are the real units given.
 */
import { toIdProvinceCode } from '../normalize';
import type { AdministrativeUnitInput, Citizen, Household } from './citizen';
import { civilYear, parseIsoDay } from './days';
import { communeEthnicMixes } from './ethnic-geography';
import { buildGeography } from './geography';
import { Planner } from './household-plan';
import { materialise, type Context } from './materialise';
import { compileBook } from './names';
import { SerialAllocator } from './personal-ids';
import { ETHNIC_MIX_HA_GIANG, ETHNIC_PROFILES, type EthnicProfile, type FertilityProfile } from './population-data';
import { Rng, seedNumber, Weighted } from './random';

export interface GeneratePopulationOptions {
  seed: number | string;
  /** exact number of citizens to yield (the last household may be cut short) */
  count: number;
  /** "02" (or "002") */
  provinceCode: string;
  /** the province's administrative units (a whole-country list is accepted too) */
  units: readonly AdministrativeUnitInput[];
  /** 'YYYY-MM-DD', the "today" ages are computed against; default DEFAULT_REFERENCE_DATE */
  referenceDate?: string;
  /** ethnicity → percentage of the population; default ETHNIC_MIX_HA_GIANG for province 02 */
  ethnicMix?: Readonly<Record<string, number>>;
}

export const DEFAULT_REFERENCE_DATE = '2026-11-22';
/** Household ids "HK" + province (3) + 8 digits; sequence numbers from here on are reserved. */
export const RESERVED_HOUSEHOLD_SEQ_FROM = 99_990_000;

/**
 * Streams households of synthetic citizens of one province. Deterministic: the same options give
 * the same households in the same order (and a shorter run is a prefix of a longer one, except
 * that the last household may be cut short to yield exactly `count` citizens).
 * Memory stays flat: nothing is retained between households but small counters.
 * Options are validated (and the province set up) on the call, before the first household.
 */
export function generatePopulation(options: GeneratePopulationOptions): Generator<Household, void, undefined> {
  const { seed, count } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);
  const referenceDay = parseIsoDay(options.referenceDate ?? DEFAULT_REFERENCE_DATE);
  const provinceCode3 = toIdProvinceCode(options.provinceCode);
  const setupRng = new Rng(seedNumber(seed, 'setup'));
  const geo = buildGeography(options.provinceCode, options.units, setupRng);

  const mixInput = options.ethnicMix ?? (geo.provinceCode2 === '02' ? ETHNIC_MIX_HA_GIANG : undefined);
  if (!mixInput) throw new Error(`no default ethnic mix for province ${geo.provinceCode2}; pass ethnicMix`);
  const profiles: EthnicProfile[] = [];
  const shares: number[] = [];
  for (const [name, share] of Object.entries(mixInput)) {
    const p = ETHNIC_PROFILES.find((x) => x.name === name);
    if (!p) throw new Error(`unknown ethnicity in mix: ${name}`);
    if (share > 0) {
      profiles.push(p);
      shares.push(share);
    }
  }
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const citizenTarget = shares.map((s) => s / shareSum);

  const referenceYear = civilYear(referenceDay);
  // calibrate mean household size per fertility profile so that the CITIZEN mix hits the target
  const calRng = new Rng(seedNumber(seed, 'calibration'));
  const calPlanner = new Planner(calRng, referenceYear);
  const meanSize = new Map<FertilityProfile, number>();
  for (const fp of ['HIGH', 'MEDIUM_HIGH', 'MEDIUM', 'LOW'] as const) {
    let total = 0;
    const N = 4000;
    for (let i = 0; i < N; i++) total += calPlanner.plan(fp).slots.length;
    meanSize.set(fp, total / N);
  }
  const hhTarget = citizenTarget.map((t, e) => t / meanSize.get(profiles[e].fertility)!);
  const hhSum = hhTarget.reduce((a, b) => a + b, 0);
  for (let e = 0; e < hhTarget.length; e++) hhTarget[e] /= hhSum;

  const communeWeights = geo.communes.map((c) => (0.5 + setupRng.float()) * (c.urban ? 1.8 : 1));
  const communePick = new Weighted(communeWeights.map((w, i) => [i, w] as const));
  const communeMix = communeEthnicMixes(geo, communeWeights, profiles, hhTarget, setupRng);

  const rng = new Rng(seedNumber(seed, 'households'));
  const ctx: Context = {
    rng,
    geo,
    profiles,
    books: profiles.map((p) => compileBook(p.names)),
    mix: new Weighted(citizenTarget.map((t, e) => [e, t] as const)),
    referenceDay,
    referenceYear,
    provinceCode3,
    serials: new SerialAllocator(seedNumber(seed, 'serials')),
    communePick,
  };
  return streamHouseholds(ctx, new Planner(rng, referenceYear), communeMix, count);
}

function* streamHouseholds(
  ctx: Context,
  planner: Planner,
  communeMix: Weighted<number>[],
  count: number,
): Generator<Household, void, undefined> {
  const { rng, communePick, profiles, provinceCode3 } = ctx;
  let emitted = 0;
  let seq = 0;
  while (emitted < count) {
    seq++;
    if (seq >= RESERVED_HOUSEHOLD_SEQ_FROM) throw new RangeError('household sequence exhausted');
    const communeIdx = communePick.pickIndex(rng);
    const headEth = communeMix[communeIdx].pick(rng);
    const plan = planner.plan(profiles[headEth].fertility);
    const id = `HK${provinceCode3}${String(seq).padStart(8, '0')}`;
    const hh = materialise(ctx, plan, headEth, communeIdx, id);
    const room = count - emitted;
    if (hh.members.length > room) hh.members.length = room;
    emitted += hh.members.length;
    yield hh;
  }
}

/** Convenience: the citizens of generatePopulation one by one. */
export function generateCitizens(options: GeneratePopulationOptions): Generator<Citizen, void, undefined> {
  const households = generatePopulation(options);
  return (function* () {
    for (const hh of households) yield* hh.members;
  })();
}
