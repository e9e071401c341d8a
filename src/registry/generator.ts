/**
 * Deterministic synthetic population of one province for the population-registry stub
 * (see DESIGN.md, "The population registry stub"). Pure: no I/O, no framework; the caller passes
 * the province's administrative units (administrative-units.csv) and a seed.
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
import {
  encodePersonalId,
  genderCenturyDigit,
  isIsoDate,
  toIdProvinceCode,
  type Gender,
} from './normalize';

export type { Gender } from './normalize';

import {
  WeightedList,
  FertilityProfile,
  NameBook,
  EthnicProfile,
  KINH_MALE_GIVEN,
  KINH_MALE_GIVEN_MODERN,
  KINH_FEMALE_GIVEN,
  KINH_FEMALE_GIVEN_MODERN,
  TAY_MALE_GIVEN,
  TAY_FEMALE_GIVEN,
  HMONG_MALE_GIVEN,
  HMONG_FEMALE_GIVEN,
  HMONG_MALE_GIVEN_MODERN,
  HMONG_FEMALE_GIVEN_MODERN,
  DAO_MALE_GIVEN,
  DAO_FEMALE_GIVEN,
  MINORITY_MALE_GIVEN_MODERN,
  MINORITY_FEMALE_GIVEN_MODERN,
  VAN,
  THI,
  KINH_MALE_MIDDLE_MODERN,
  KINH_FEMALE_MIDDLE_MODERN,
  MINORITY_MALE_MIDDLE_MODERN,
  MINORITY_FEMALE_MIDDLE_MODERN,
  minorityBook,
  ETHNIC_PROFILES,
  ETHNIC_MIX_HA_GIANG,
  HA_GIANG_DISTRICT_AFFINITY,
  VILLAGE_FIRST,
  VILLAGE_SECOND,
} from './population-data';

export * from './population-data';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type Relationship = 'HEAD' | 'SPOUSE' | 'CHILD' | 'CHILD_IN_LAW' | 'PARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';
export type MaritalStatus = 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';

/** Relationship to the head of household as written in the residence database. */
export const RELATIONSHIP_LABELS: Readonly<Record<Relationship, string>> = {
  HEAD: 'Chủ hộ',
  SPOUSE: 'Vợ/Chồng',
  CHILD: 'Con',
  CHILD_IN_LAW: 'Con dâu/Con rể',
  PARENT: 'Cha/Mẹ',
  GRANDCHILD: 'Cháu',
  SIBLING: 'Anh/Chị/Em',
  OTHER: 'Khác',
};
export const MARITAL_STATUS_LABELS: Readonly<Record<MaritalStatus, string>> = {
  SINGLE: 'Chưa kết hôn',
  MARRIED: 'Đã kết hôn',
  DIVORCED: 'Đã ly hôn',
  WIDOWED: 'Góa',
};
export const GENDER_LABELS: Readonly<Record<Gender, string>> = { MALE: 'Nam', FEMALE: 'Nữ' };

/** One row of the administrative-units list (administrative-units.csv: code,name,type,level,parent_code). */
export interface AdministrativeUnitInput {
  code: string;
  name: string;
  /** 'PROVINCE' | 'DISTRICT' | 'COMMUNE' (case-insensitive) */
  level: string;
  parentCode?: string | null;
  type?: string;
}

export interface Citizen {
  personalId: string;
  fullName: string;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  gender: Gender;
  ethnicity: string;
  /** absent = no religion */
  religion?: string;
  /** three-digit code of the province where the birth was registered (= first 3 digits of personalId) */
  birthProvinceCode: string;
  /** quê quán: commune code and its display form "xã …, huyện …, tỉnh …" */
  hometownCode: string;
  hometown: string;
  permanentAddress: string;
  permanentCommuneCode: string;
  currentAddress: string;
  currentCommuneCode: string;
  householdId: string;
  relationshipToHead: Relationship;
  fatherPersonalId?: string;
  motherPersonalId?: string;
  fatherName?: string;
  motherName?: string;
  maritalStatus: MaritalStatus;
}

export interface Household {
  id: string;
  headPersonalId: string;
  communeCode: string;
  /** full permanent address, e.g. "Thôn Lũng Cú, xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang" */
  address: string;
  /** the head first */
  members: Citizen[];
}

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

/**
 * Generated citizens take the six-digit serial from [0, GENERATED_SERIAL_LIMIT); serials
 * GENERATED_SERIAL_LIMIT…999999 are reserved for the demo citizens and for numbers the stub issues
 * at run time (birth registrations), so those can never collide with generated ones.
 */
export const GENERATED_SERIAL_LIMIT = 990_000;
/** Household ids "HK" + province (3) + 8 digits; sequence numbers from here on are reserved. */
export const RESERVED_HOUSEHOLD_SEQ_FROM = 99_990_000;

// ---------------------------------------------------------------------------------------------
// PRNG (sfc32 seeded through splitmix32) and hashing
// ---------------------------------------------------------------------------------------------

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      return mix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** [lo, hi) */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** standard normal (Box–Muller) */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}

function seedNumber(seed: number | string, salt: string): number {
  return mix32(hashString(`${typeof seed}:${String(seed)}:${salt}`));
}

/** Cumulative weights for O(log n) weighted picks. */
class Weighted<T> {
  readonly items: T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = [];
    this.cum = new Float64Array(entries.length);
    let acc = 0;
    entries.forEach(([item, w], i) => {
      if (!(w >= 0)) throw new RangeError('negative weight');
      acc += w;
      this.items.push(item);
      this.cum[i] = acc;
    });
    if (!(acc > 0)) throw new RangeError('weights sum to zero');
    this.total = acc;
  }

  pickIndex(rng: Rng): number {
    const r = rng.float() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Rng): T {
    return this.items[this.pickIndex(rng)];
  }
}

// ---------------------------------------------------------------------------------------------
// Dates (days since 1970-01-01, proleptic Gregorian; Hinnant's civil algorithms)
// ---------------------------------------------------------------------------------------------

const DAYS_PER_YEAR = 365.2425;

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilYear(z: number): number {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp + (mp < 10 ? 3 : -9);
  return yoe + era * 400 + (m <= 2 ? 1 : 0);
}

function formatDay(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function parseIsoDay(s: string): number {
  if (!isIsoDate(s)) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  return daysFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

// ---------------------------------------------------------------------------------------------
// Administrative geography
// ---------------------------------------------------------------------------------------------

const UNIT_TYPE_PREFIXES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Đặc khu', 'Phường', 'Quận', 'Huyện', 'Tỉnh', 'Xã'];

/** "Xã Lũng Cú" → "xã Lũng Cú", "Thành phố Hà Giang" → "thành phố Hà Giang" (for use inside an address). */
export function unitNameInAddress(name: string): string {
  for (const p of UNIT_TYPE_PREFIXES) {
    if (name.startsWith(p + ' ')) return p.toLowerCase() + name.slice(p.length);
  }
  return name;
}

function bareUnitName(name: string): string {
  for (const p of UNIT_TYPE_PREFIXES) {
    if (name.startsWith(p + ' ')) return name.slice(p.length + 1);
  }
  return name;
}

interface CommuneInfo {
  code: string;
  name: string;
  districtCode: string | null;
  urban: boolean;
  /** "xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang" */
  tail: string;
  /** villages (rural) or the number of residential groups "tổ" (urban) */
  villages: string[];
  groups: number;
}

interface Geography {
  provinceCode2: string;
  provinceName: string;
  communes: CommuneInfo[];
  byCode: Map<string, CommuneInfo>;
  communesOfDistrict: Map<string, number[]>;
}

function buildGeography(provinceCode: string, units: readonly AdministrativeUnitInput[], rng: Rng): Geography {
  const p2 = toIdProvinceCode(provinceCode).slice(1);
  const level = (u: AdministrativeUnitInput): string => u.level.toUpperCase();
  const province = units.find((u) => level(u) === 'PROVINCE' && toIdProvinceCode(u.code).slice(1) === p2);
  if (!province) throw new Error(`province ${p2} not found among the units`);
  const districts = new Map<string, AdministrativeUnitInput>();
  for (const u of units) if (level(u) === 'DISTRICT' && u.parentCode === province.code) districts.set(u.code, u);
  const communes: CommuneInfo[] = [];
  const provinceInAddress = unitNameInAddress(province.name);
  for (const u of units) {
    if (level(u) !== 'COMMUNE' || !u.parentCode) continue;
    const district = districts.get(u.parentCode) ?? null;
    if (!district && u.parentCode !== province.code) continue;
    const urban = /^(Phường|Thị trấn)\b/.test(u.name) || /^(Phường|Thị trấn)$/.test(u.type ?? '');
    const tail = [unitNameInAddress(u.name), district ? unitNameInAddress(district.name) : null, provinceInAddress]
      .filter(Boolean)
      .join(', ');
    communes.push({ code: u.code, name: u.name, districtCode: district?.code ?? null, urban, tail, villages: [], groups: 0 });
  }
  if (communes.length === 0) throw new Error(`no communes found for province ${p2}`);
  communes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const communesOfDistrict = new Map<string, number[]>();
  communes.forEach((c, i) => {
    const key = c.districtCode ?? '';
    const list = communesOfDistrict.get(key) ?? [];
    list.push(i);
    communesOfDistrict.set(key, list);
    if (c.urban) {
      c.groups = rng.int(8, 24);
    } else {
      const n = rng.int(6, 14);
      const names = new Set<string>();
      if (rng.chance(0.6)) names.add(bareUnitName(c.name));
      while (names.size < n) names.add(`${rng.pick(VILLAGE_FIRST)} ${rng.pick(VILLAGE_SECOND)}`);
      c.villages = [...names];
    }
  });
  return {
    provinceCode2: p2,
    provinceName: province.name,
    communes,
    byCode: new Map(communes.map((c) => [c.code, c])),
    communesOfDistrict,
  };
}

/** "Thôn Nà Pin" / "Số nhà 27, tổ 5" / "Tổ 5" */
function placeIn(c: CommuneInfo, rng: Rng): string {
  if (c.urban) {
    const group = rng.int(1, c.groups);
    return rng.chance(0.5) ? `Số nhà ${rng.int(1, 180)}, tổ ${group}` : `Tổ ${group}`;
  }
  return `Thôn ${rng.pick(c.villages)}`;
}

// ---------------------------------------------------------------------------------------------
// Household plans: who lives together, with ages (no names or numbers yet)
// ---------------------------------------------------------------------------------------------

const NONE = -1;
/** the deceased or departed partner of a widowed/divorced head (fields of the plan) */
const ABSENT_PARTNER = -2;
/** father unknown */
const UNKNOWN = -3;
/** a parent who does not live in the household: only a name is recorded */
const NAME_ONLY = -4;

interface Slot {
  rel: Relationship;
  gender: Gender;
  ageDays: number;
  marital: MaritalStatus;
  /** index of the father/mother in the plan, or ABSENT_PARTNER / UNKNOWN / NAME_ONLY */
  father: number;
  mother: number;
  /** the slot whose surname this person carries: itself (fresh surname) or another index / ABSENT_PARTNER */
  surnameFrom: number;
  /** the slot this person married into the household through (spouse of index); NONE otherwise */
  partnerOf: number;
}

interface Plan {
  slots: Slot[];
  /** gender and age of ABSENT_PARTNER when referenced */
  absentPartner: { gender: Gender; ageDays: number } | null;
}

const MAX_HOUSEHOLD = 8;

interface FertilityParams {
  /** completed births for mothers born before 1975, 1975–1989, from 1990 */
  births: readonly [number, number, number];
  firstBirthAge: readonly [number, number];
}

const FERTILITY: Readonly<Record<FertilityProfile, FertilityParams>> = {
  HIGH: { births: [5.5, 4.2, 3.2], firstBirthAge: [18, 22] },
  MEDIUM_HIGH: { births: [4.5, 3.2, 2.5], firstBirthAge: [18.5, 23] },
  MEDIUM: { births: [3.6, 2.5, 2.1], firstBirthAge: [19.5, 25] },
  LOW: { births: [3.0, 2.2, 2.0], firstBirthAge: [21, 28] },
};

const years = (y: number): number => Math.floor(y * DAYS_PER_YEAR);

class Planner {
  constructor(
    private readonly rng: Rng,
    private readonly referenceYear: number,
  ) {}

  /** Ages (days) of a mother's children, oldest first, all ≥ 18 years younger than her. */
  private births(motherAgeDays: number, profile: FertilityProfile): number[] {
    const rng = this.rng;
    const f = FERTILITY[profile];
    const motherAge = motherAgeDays / DAYS_PER_YEAR;
    const cohort = this.referenceYear - motherAge;
    const mean = cohort < 1975 ? f.births[0] : cohort < 1990 ? f.births[1] : f.births[2];
    const k = Math.min(9, 1 + rng.poisson(mean - 1));
    let at = rng.range(f.firstBirthAge[0], f.firstBirthAge[1]);
    const out: number[] = [];
    for (let i = 0; i < k && at <= 44; i++) {
      const childAgeDays = motherAgeDays - years(at);
      if (childAgeDays < 0) break;
      out.push(childAgeDays);
      at += 1.3 + rng.float() * 2.7 + (rng.chance(0.15) ? rng.float() * 4 : 0);
    }
    return out;
  }

  /** Grown children leave: sons to found their own households, daughters to marry. */
  private staysHome(ageDays: number, gender: Gender): boolean {
    const age = ageDays / DAYS_PER_YEAR;
    if (age < 17) return true;
    const leave = Math.min(0.95, (age - 17) * (gender === 'FEMALE' ? 0.11 : 0.06));
    return !this.rng.chance(leave);
  }

  private gender(pMale = 0.5): Gender {
    return this.rng.chance(pMale) ? 'MALE' : 'FEMALE';
  }

  /** husband minus wife, in years: mostly 0–6, now and then she is up to 1.5 years older */
  private ageGap(): number {
    const rng = this.rng;
    return rng.chance(0.08) ? -rng.range(0, 1.5) : rng.float() * rng.float() * 10;
  }

  private husbandAge(wifeAgeDays: number): number {
    return Math.max(wifeAgeDays + years(this.ageGap()), years(18));
  }

  private wifeAge(husbandAgeDays: number): number {
    return Math.max(husbandAgeDays - years(this.ageGap()), years(18));
  }

  private slot(rel: Relationship, gender: Gender, ageDays: number, marital: MaritalStatus): Slot {
    return { rel, gender, ageDays, marital, father: NAME_ONLY, mother: NAME_ONLY, surnameFrom: NONE, partnerOf: NONE };
  }

  /** Adds head + spouse given the age of one of them; returns [fatherIndex, motherIndex]. */
  private couple(slots: Slot[], ageDays: number, headMale: boolean, ageIsWifes: boolean): [number, number] {
    const wifeAge = ageIsWifes ? ageDays : this.wifeAge(ageDays);
    const husbandAge = ageIsWifes ? this.husbandAge(ageDays) : ageDays;
    if (headMale) {
      slots.push(this.slot('HEAD', 'MALE', husbandAge, 'MARRIED'));
      slots.push({ ...this.slot('SPOUSE', 'FEMALE', wifeAge, 'MARRIED'), partnerOf: 0 });
      return [0, 1];
    }
    slots.push(this.slot('HEAD', 'FEMALE', wifeAge, 'MARRIED'));
    slots.push({ ...this.slot('SPOUSE', 'MALE', husbandAge, 'MARRIED'), partnerOf: 0 });
    return [1, 0];
  }

  private children(
    slots: Slot[],
    rel: Relationship,
    motherAgeDays: number,
    profile: FertilityProfile,
    father: number,
    mother: number,
    surnameFrom: number,
    room: number,
  ): void {
    const kids = this.births(motherAgeDays, profile)
      .map((age) => ({ age, gender: this.gender(0.51) }))
      .filter((k) => this.staysHome(k.age, k.gender));
    // not enough room: the oldest are the ones who have moved out
    const kept = kids.slice(Math.max(0, kids.length - room));
    for (const k of kept) {
      slots.push({ ...this.slot(rel, k.gender, k.age, 'SINGLE'), father, mother, surnameFrom });
    }
  }

  /** The head's own parents (one or both) living with the household. */
  private headParents(slots: Slot[], room: number): void {
    const head = slots[0];
    const rng = this.rng;
    const motherAge = head.ageDays + years(rng.range(19, 36));
    const fatherAge = this.husbandAge(motherAge);
    const u = rng.float();
    const both = u < 0.5 && room >= 2;
    const motherOnly = !both && u < 0.85;
    let fatherIdx: number = NAME_ONLY;
    let motherIdx: number = NAME_ONLY;
    if (both || !motherOnly) {
      fatherIdx = slots.length;
      slots.push({ ...this.slot('PARENT', 'MALE', fatherAge, both ? 'MARRIED' : 'WIDOWED'), surnameFrom: 0 });
    }
    if (both || motherOnly) {
      motherIdx = slots.length;
      slots.push({ ...this.slot('PARENT', 'FEMALE', motherAge, both ? 'MARRIED' : 'WIDOWED'), partnerOf: fatherIdx >= 0 ? fatherIdx : NONE });
    }
    head.father = fatherIdx;
    head.mother = motherIdx;
  }

  plan(profile: FertilityProfile): Plan {
    const rng = this.rng;
    const slots: Slot[] = [];
    let absentPartner: Plan['absentPartner'] = null;
    const u = rng.float();

    if (u < 0.06) {
      // one person living alone
      const v = rng.float();
      if (v < 0.4) {
        slots.push(this.slot('HEAD', this.gender(0.55), years(rng.range(18, 36)), rng.chance(0.85) ? 'SINGLE' : 'DIVORCED'));
      } else if (v < 0.6) {
        const w = rng.float();
        slots.push(this.slot('HEAD', this.gender(0.5), years(rng.range(36, 60)), w < 0.4 ? 'DIVORCED' : w < 0.7 ? 'WIDOWED' : 'SINGLE'));
      } else {
        const w = rng.float();
        slots.push(this.slot('HEAD', this.gender(0.3), years(rng.range(60, 96)), w < 0.75 ? 'WIDOWED' : w < 0.85 ? 'DIVORCED' : 'SINGLE'));
      }
    } else if (u < 0.13) {
      // a couple alone: newly married, or elderly whose children have left
      const headMale = rng.chance(0.9);
      const age = rng.chance(0.35) ? years(rng.range(20, 32)) : years(rng.range(52, 88));
      this.couple(slots, age, headMale, !headMale);
    } else if (u < 0.68) {
      // nuclear family
      const headMale = rng.chance(0.88);
      const motherAge = years(rng.range(20, 52));
      const [father, mother] = this.couple(slots, motherAge, headMale, true);
      this.children(slots, 'CHILD', slots[mother].ageDays, profile, father, mother, father, MAX_HOUSEHOLD - slots.length);
      if (slots.length < MAX_HOUSEHOLD && rng.chance(0.04)) {
        slots.push({ ...this.slot('SIBLING', this.gender(0.5), Math.max(years(16), slots[0].ageDays + years(rng.range(-10, 4))), 'SINGLE'), surnameFrom: 0 });
      } else if (slots.length < MAX_HOUSEHOLD && rng.chance(0.015)) {
        slots.push({ ...this.slot('OTHER', this.gender(0.5), years(rng.range(15, 70)), 'SINGLE'), father: NAME_ONLY, mother: NAME_ONLY });
      }
    } else if (u < 0.82) {
      // older head, a married child with their spouse and the grandchildren
      const widowed = rng.chance(0.15);
      const headMale = widowed ? rng.chance(0.35) : rng.chance(0.9);
      const headAge = years(rng.range(48, 80));
      let father: number;
      let mother: number;
      let motherAge: number;
      if (widowed) {
        slots.push(this.slot('HEAD', headMale ? 'MALE' : 'FEMALE', headAge, 'WIDOWED'));
        motherAge = headMale ? this.wifeAge(headAge) : headAge;
        absentPartner = { gender: headMale ? 'FEMALE' : 'MALE', ageDays: headMale ? motherAge : this.husbandAge(headAge) };
        father = headMale ? 0 : ABSENT_PARTNER;
        mother = headMale ? ABSENT_PARTNER : 0;
      } else {
        [father, mother] = this.couple(slots, headAge, headMale, !headMale);
        motherAge = slots[mother].ageDays;
      }
      const surname = father === ABSENT_PARTNER ? ABSENT_PARTNER : father;
      const kids = this.births(motherAge, profile).map((age) => ({ age, gender: this.gender(0.51) }));
      const adults = kids.filter((k) => k.age >= years(20));
      const sons = adults.filter((k) => k.gender === 'MALE');
      const daughters = adults.filter((k) => k.gender === 'FEMALE');
      // usually the eldest son stays; sometimes a son-in-law moves in (ở rể)
      const married = (rng.chance(0.8) && sons.length ? sons[0] : daughters[0]) ?? sons[0] ?? null;
      if (married) {
        const mc = slots.length;
        slots.push({ ...this.slot('CHILD', married.gender, married.age, 'MARRIED'), father, mother, surnameFrom: surname });
        const inLaw = slots.length;
        const inLawAge = married.gender === 'MALE' ? this.wifeAge(married.age) : this.husbandAge(married.age);
        slots.push({ ...this.slot('CHILD_IN_LAW', married.gender === 'MALE' ? 'FEMALE' : 'MALE', inLawAge, 'MARRIED'), partnerOf: mc });
        const gFather = married.gender === 'MALE' ? mc : inLaw;
        const gMother = married.gender === 'MALE' ? inLaw : mc;
        // unmarried younger siblings of the married child, then the grandchildren
        const younger = kids.filter((k) => k !== married && k.age < married.age && this.staysHome(k.age, k.gender));
        for (const k of younger.slice(Math.max(0, younger.length - 2))) {
          slots.push({ ...this.slot('CHILD', k.gender, k.age, 'SINGLE'), father, mother, surnameFrom: surname });
        }
        this.children(slots, 'GRANDCHILD', slots[gMother].ageDays, profile, gFather, gMother, gFather, MAX_HOUSEHOLD - slots.length);
      } else {
        const stay = kids.filter((k) => this.staysHome(k.age, k.gender));
        for (const k of stay.slice(Math.max(0, stay.length - (MAX_HOUSEHOLD - slots.length)))) {
          slots.push({ ...this.slot('CHILD', k.gender, k.age, 'SINGLE'), father, mother, surnameFrom: surname });
        }
      }
    } else if (u < 0.94) {
      // young couple living with the head's parent(s)
      const headMale = rng.chance(0.85);
      const motherAge = years(rng.range(21, 48));
      const [father, mother] = this.couple(slots, motherAge, headMale, true);
      this.headParents(slots, 2);
      this.children(slots, 'CHILD', slots[mother].ageDays, profile, father, mother, father, MAX_HOUSEHOLD - slots.length);
    } else {
      // one parent with children
      const headMale = rng.chance(0.2);
      const w = rng.float();
      const marital: MaritalStatus = headMale ? (w < 0.5 ? 'WIDOWED' : 'DIVORCED') : w < 0.4 ? 'WIDOWED' : w < 0.85 ? 'DIVORCED' : 'SINGLE';
      const headAge = years(rng.range(24, 56));
      slots.push(this.slot('HEAD', headMale ? 'MALE' : 'FEMALE', headAge, marital));
      let father: number;
      let mother: number;
      let surname: number;
      let motherAge: number;
      if (marital === 'SINGLE') {
        father = UNKNOWN;
        mother = 0;
        surname = 0;
        motherAge = headAge;
      } else if (headMale) {
        motherAge = this.wifeAge(headAge);
        absentPartner = { gender: 'FEMALE', ageDays: motherAge };
        father = 0;
        mother = ABSENT_PARTNER;
        surname = 0;
      } else {
        motherAge = headAge;
        absentPartner = { gender: 'MALE', ageDays: this.husbandAge(headAge) };
        father = ABSENT_PARTNER;
        mother = 0;
        surname = ABSENT_PARTNER;
      }
      if (rng.chance(0.2)) this.headParents(slots, 1);
      this.children(slots, 'CHILD', motherAge, profile, father, mother, surname, MAX_HOUSEHOLD - slots.length);
    }
    return { slots, absentPartner };
  }
}

// ---------------------------------------------------------------------------------------------
// Materialising plans into citizens
// ---------------------------------------------------------------------------------------------

interface CompiledBook {
  surnames: Weighted<string>;
  maleMiddle: Weighted<string>;
  femaleMiddle: Weighted<string>;
  maleMiddleModern: Weighted<string>;
  femaleMiddleModern: Weighted<string>;
  src: NameBook;
}

function compileBook(b: NameBook): CompiledBook {
  return {
    surnames: new Weighted(b.surnames),
    maleMiddle: new Weighted(b.maleMiddle),
    femaleMiddle: new Weighted(b.femaleMiddle),
    maleMiddleModern: new Weighted(b.maleMiddleModern),
    femaleMiddleModern: new Weighted(b.femaleMiddleModern),
    src: b,
  };
}

/** Children born from 2005 on are sometimes registered where their parents worked (Bắc Ninh, Bắc Giang, Thái Nguyên, Hà Nội, Tuyên Quang). */
const WORK_MIGRATION_BIRTH_PROVINCES = ['027', '024', '019', '001', '008'] as const;

/** A per-prefix keyed permutation of [0, GENERATED_SERIAL_LIMIT): unique serials without a set. */
class SerialAllocator {
  private readonly next = new Map<number, { n: number; keys: Int32Array }>();

  constructor(private readonly seed: number) {}

  allocate(prefix: number): number {
    let st = this.next.get(prefix);
    if (!st) {
      const keys = new Int32Array(4);
      let h = mix32(this.seed ^ Math.imul(prefix + 1, 0x9e3779b1));
      for (let i = 0; i < 4; i++) {
        h = mix32(h + 0x6d2b79f5);
        keys[i] = h;
      }
      st = { n: 0, keys };
      this.next.set(prefix, st);
    }
    if (st.n >= GENERATED_SERIAL_LIMIT) throw new RangeError(`personal-ID serials exhausted for prefix ${prefix}`);
    const k = st.keys;
    let x = st.n++;
    // cycle-walking 4-round Feistel network over 20 bits
    do {
      let l = x >>> 10;
      let r = x & 1023;
      for (let i = 0; i < 4; i++) {
        const f = mix32(r ^ k[i]) & 1023;
        const t = l ^ f;
        l = r;
        r = t;
      }
      x = (l << 10) | r;
    } while (x >= GENERATED_SERIAL_LIMIT);
    return x;
  }
}

interface Context {
  rng: Rng;
  geo: Geography;
  profiles: readonly EthnicProfile[];
  books: CompiledBook[];
  /** citizen-level mix, for spouses from another group */
  mix: Weighted<number>;
  referenceDay: number;
  referenceYear: number;
  provinceCode3: string;
  serials: SerialAllocator;
  communePick: Weighted<number>;
}

function givenName(ctx: Context, eth: number, gender: Gender, birthYear: number, surname: string): string {
  const rng = ctx.rng;
  const book = ctx.books[eth];
  const kinhLike = ctx.profiles[eth].fertility === 'LOW';
  const modern = rng.chance(Math.max(0, Math.min(0.9, (birthYear - (kinhLike ? 1960 : 1978)) / 40)));
  let middle: string;
  let given: string;
  if (gender === 'MALE') {
    middle = (modern ? book.maleMiddleModern : book.maleMiddle).pick(rng);
    given = rng.pick(modern ? book.src.maleGivenModern : book.src.maleGiven);
  } else {
    middle = (modern ? book.femaleMiddleModern : book.femaleMiddle).pick(rng);
    given = rng.pick(modern ? book.src.femaleGivenModern : book.src.femaleGiven);
  }
  if (given === middle) given = rng.pick(gender === 'MALE' ? book.src.maleGiven : book.src.femaleGiven);
  return `${surname} ${middle} ${given}`;
}

function freshSurname(ctx: Context, eth: number, avoid?: string): string {
  const book = ctx.books[eth];
  let s = book.surnames.pick(ctx.rng);
  if (avoid !== undefined && s === avoid) {
    // clan-exogamous groups never marry within the surname; elsewhere it is merely less common
    const tries = book.src.exogamousSurnames ? 8 : 1;
    for (let i = 0; i < tries && s === avoid; i++) s = book.surnames.pick(ctx.rng);
  }
  return s;
}

function otherEthnicity(ctx: Context, eth: number): number {
  for (let i = 0; i < 8; i++) {
    const e = ctx.mix.pick(ctx.rng);
    if (e !== eth) return e;
  }
  return eth;
}

function pickNearbyCommune(ctx: Context, home: number, pSame: number, pDistrict: number): number {
  const rng = ctx.rng;
  const u = rng.float();
  if (u < pSame) return home;
  if (u < pSame + pDistrict) {
    const list = ctx.geo.communesOfDistrict.get(ctx.geo.communes[home].districtCode ?? '')!;
    return list[Math.floor(rng.float() * list.length)];
  }
  return ctx.communePick.pick(rng);
}

function materialise(ctx: Context, plan: Plan, headEth: number, communeIdx: number, householdId: string): Household {
  const rng = ctx.rng;
  const geo = ctx.geo;
  const commune = geo.communes[communeIdx];
  const address = `${placeIn(commune, rng)}, ${commune.tail}`;
  const slots = plan.slots;
  const n = slots.length;
  const eth: number[] = new Array(n);
  const surname: string[] = new Array(n);
  const hometown: number[] = new Array(n);
  const names: string[] = new Array(n);
  const ids: string[] = new Array(n);
  const birthYear: number[] = new Array(n);

  const religions = ctx.profiles[headEth].religions;
  let religion: string | undefined;
  {
    let r = rng.float();
    for (const [name, p] of religions) {
      if (r < p) {
        religion = name;
        break;
      }
      r -= p;
    }
  }

  const mixedRate = (e: number): number => ctx.profiles[e].mixedMarriage;

  let absent: { name: string; surname: string; eth: number } | null = null;
  if (plan.absentPartner) {
    const e = rng.chance(mixedRate(headEth)) ? otherEthnicity(ctx, headEth) : headEth;
    const by = civilYear(ctx.referenceDay - plan.absentPartner.ageDays);
    const s = freshSurname(ctx, e);
    absent = { name: givenName(ctx, e, plan.absentPartner.gender, by, s), surname: s, eth: e };
  }

  for (let i = 0; i < n; i++) {
    const s = slots[i];
    // ethnicity: children follow the father, partners may come from another group
    let e: number;
    if (s.partnerOf >= 0) {
      const pe = eth[s.partnerOf];
      e = rng.chance(mixedRate(pe)) ? otherEthnicity(ctx, pe) : pe;
    } else if (s.father >= 0 && s.father < i) {
      e = eth[s.father];
    } else if (s.father === ABSENT_PARTNER && absent) {
      e = absent.eth;
    } else if (s.mother >= 0 && s.mother < i) {
      e = eth[s.mother];
    } else if (s.rel === 'PARENT' || s.rel === 'SIBLING') {
      e = eth[0];
    } else {
      e = headEth;
    }
    eth[i] = e;

    // surname: inherited from the father's line, or own
    let sn: string;
    if (s.surnameFrom >= 0 && s.surnameFrom < i) sn = surname[s.surnameFrom];
    else if (s.surnameFrom === ABSENT_PARTNER && absent) sn = absent.surname;
    else sn = freshSurname(ctx, e, s.partnerOf >= 0 ? surname[s.partnerOf] : undefined);
    surname[i] = sn;

    const dobDay = ctx.referenceDay - s.ageDays;
    const by = civilYear(dobDay);
    birthYear[i] = by;
    names[i] = givenName(ctx, e, s.gender, by, sn);

    // hometown (quê quán) follows the father's line
    let ht: number;
    if (s.father >= 0 && s.father < i) ht = hometown[s.father];
    else if (s.rel === 'PARENT' || s.rel === 'SIBLING') ht = hometown[0];
    else if (s.rel === 'HEAD') ht = pickNearbyCommune(ctx, communeIdx, 0.85, 0.1);
    else if (s.partnerOf >= 0) ht = pickNearbyCommune(ctx, communeIdx, 0.55, 0.3);
    else ht = communeIdx;
    hometown[i] = ht;

    const bp = by >= 2005 && rng.chance(0.03) ? rng.pick(WORK_MIGRATION_BIRTH_PROVINCES) : ctx.provinceCode3;
    const gc = genderCenturyDigit(s.gender, by);
    const prefix = Number(bp) * 1000 + gc * 100 + (by % 100);
    ids[i] = encodePersonalId(bp, s.gender, by, ctx.serials.allocate(prefix));
  }

  // a head's parents listed after the head: fill the head's links now that they have names
  const members: Citizen[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = slots[i];
    const age = s.ageDays / DAYS_PER_YEAR;
    let currentIdx = communeIdx;
    let currentAddress = address;
    const pAway = age >= 16 && age <= 40 ? 0.14 : age < 16 ? 0.02 : 0.03;
    if (geo.communes.length > 1 && rng.chance(pAway)) {
      do currentIdx = ctx.communePick.pick(rng);
      while (currentIdx === communeIdx);
      const c = geo.communes[currentIdx];
      currentAddress = `${placeIn(c, rng)}, ${c.tail}`;
    }
    const htc = geo.communes[hometown[i]];
    const citizen: Citizen = {
      personalId: ids[i],
      fullName: names[i],
      dateOfBirth: formatDay(ctx.referenceDay - s.ageDays),
      gender: s.gender,
      ethnicity: ctx.profiles[eth[i]].name,
      birthProvinceCode: ids[i].slice(0, 3),
      hometownCode: htc.code,
      hometown: htc.tail,
      permanentAddress: address,
      permanentCommuneCode: commune.code,
      currentAddress,
      currentCommuneCode: geo.communes[currentIdx].code,
      householdId,
      relationshipToHead: s.rel,
      maritalStatus: s.marital,
    };
    if (religion !== undefined) citizen.religion = religion;
    // parents
    if (s.father >= 0) {
      citizen.fatherPersonalId = ids[s.father];
      citizen.fatherName = names[s.father];
    } else if (s.father === ABSENT_PARTNER && absent) {
      citizen.fatherName = absent.name;
    } else if (s.father === NAME_ONLY) {
      citizen.fatherName = givenName(ctx, eth[i], 'MALE', birthYear[i] - rng.int(22, 34), surname[i]);
    }
    if (s.mother >= 0) {
      citizen.motherPersonalId = ids[s.mother];
      citizen.motherName = names[s.mother];
    } else if (s.mother === ABSENT_PARTNER && absent) {
      citizen.motherName = absent.name;
    } else if (s.mother === NAME_ONLY) {
      const e = eth[i];
      citizen.motherName = givenName(ctx, e, 'FEMALE', birthYear[i] - rng.int(19, 30), freshSurname(ctx, e, surname[i]));
    }
    members[i] = citizen;
  }
  // siblings share the head's parents
  for (let i = 1; i < n; i++) {
    if (slots[i].rel !== 'SIBLING') continue;
    const m = members[i];
    const h = members[0];
    m.fatherName = h.fatherName;
    m.motherName = h.motherName;
    if (h.fatherPersonalId) m.fatherPersonalId = h.fatherPersonalId;
    else delete m.fatherPersonalId;
    if (h.motherPersonalId) m.motherPersonalId = h.motherPersonalId;
    else delete m.motherPersonalId;
    if (m.fatherName === undefined) delete m.fatherName;
    if (m.motherName === undefined) delete m.motherName;
  }
  return { id: householdId, headPersonalId: ids[0], communeCode: commune.code, address, members };
}

// ---------------------------------------------------------------------------------------------
// Ethnic geography: per-commune mixes that add up to the province mix
// ---------------------------------------------------------------------------------------------

function communeEthnicMixes(
  geo: Geography,
  communeWeights: number[],
  profiles: readonly EthnicProfile[],
  householdTarget: number[],
  rng: Rng,
): Weighted<number>[] {
  const nC = geo.communes.length;
  const nE = profiles.length;
  const affinity = geo.provinceCode2 === '02' ? HA_GIANG_DISTRICT_AFFINITY : {};
  const m: Float64Array[] = [];
  for (let c = 0; c < nC; c++) {
    const row = new Float64Array(nE);
    const info = geo.communes[c];
    const aff = affinity[info.districtCode ?? ''] ?? {};
    for (let e = 0; e < nE; e++) {
      const name = profiles[e].name;
      let w = householdTarget[e] * (aff[name] ?? 1) * Math.exp(0.5 * rng.normal());
      if (info.urban && (name === 'Kinh' || name === 'Tày' || name === 'Hoa')) w *= 3;
      row[e] = w;
    }
    m.push(row);
  }
  // iterative proportional fitting: each commune's row sums to 1, the weighted columns to the target
  const totalW = communeWeights.reduce((a, b) => a + b, 0);
  for (let iter = 0; iter < 200; iter++) {
    for (const row of m) {
      let s = 0;
      for (let e = 0; e < nE; e++) s += row[e];
      for (let e = 0; e < nE; e++) row[e] /= s;
    }
    const col = new Float64Array(nE);
    for (let c = 0; c < nC; c++) for (let e = 0; e < nE; e++) col[e] += (m[c][e] * communeWeights[c]) / totalW;
    for (let e = 0; e < nE; e++) {
      const f = col[e] > 0 ? householdTarget[e] / col[e] : 0;
      for (let c = 0; c < nC; c++) m[c][e] *= f;
    }
  }
  return m.map((row) => new Weighted([...row].map((w, e) => [e, w] as const)));
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Fixed demo citizens
// ---------------------------------------------------------------------------------------------

export interface DemoCitizen {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  ethnicity: string;
  religion?: string;
  birthProvinceCode: string;
  /** commune codes from administrative-units.csv, resolved against the units by buildDemoHouseholds */
  hometownCode: string;
  permanentCommuneCode: string;
  /** village / residential group part of the permanent address */
  permanentPlace: string;
  currentCommuneCode: string;
  currentPlace: string;
  householdId: string;
  relationshipToHead: Relationship;
  fatherPersonalId?: string;
  motherPersonalId?: string;
  fatherName?: string;
  motherName?: string;
  maritalStatus: MaritalStatus;
  /** what the demo citizen is there for */
  note: string;
}

/**
 * A child born but not yet registered. Birth registration is due within 60 days of the birth and
 * it is at that registration that a personal ID is issued, so a two-week-old baby is NOT in the
 * registry yet: it is the subject of the portal's birth-registration journey. When that journey
 * completes, the stub should issue `reservedPersonalId` (a reserved serial, so tests can predict it).
 */
export interface PendingBirth {
  /** the name the parents intend to register */
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  ethnicity: string;
  fatherPersonalId: string;
  motherPersonalId: string;
  householdId: string;
  birthCommuneCode: string;
  reservedPersonalId: string;
  note: string;
}

export const DEMO_HOUSEHOLD_IDS = {
  hoangFamily: 'HK00299990001',
  loVanPao: 'HK00299990002',
  giangThiMy: 'HK00299990003',
} as const;

/** All demo personal IDs use serials ≥ GENERATED_SERIAL_LIMIT (99xxxx), never produced by the generator. */
export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  {
    personalId: '002094990001',
    fullName: 'Hoàng Văn Thắng',
    dateOfBirth: '1994-03-15',
    gender: 'MALE',
    ethnicity: 'Tày',
    birthProvinceCode: '002',
    hometownCode: '00955', // Xã Đạo Đức, huyện Vị Xuyên
    permanentCommuneCode: '00691', // Phường Trần Phú, thành phố Hà Giang
    permanentPlace: 'Số nhà 15, tổ 7',
    currentCommuneCode: '00691',
    currentPlace: 'Số nhà 15, tổ 7',
    householdId: DEMO_HOUSEHOLD_IDS.hoangFamily,
    relationshipToHead: 'HEAD',
    fatherName: 'Hoàng Văn Lợi',
    motherName: 'Ma Thị Thoa',
    maritalStatus: 'MARRIED',
    note: 'father of the household with a newborn (birth registration, child benefits)',
  },
  {
    personalId: '002197990002',
    fullName: 'Nông Thị Hoa',
    dateOfBirth: '1997-08-02',
    gender: 'FEMALE',
    ethnicity: 'Tày',
    birthProvinceCode: '002',
    hometownCode: '00925', // Xã Tùng Bá, huyện Vị Xuyên
    permanentCommuneCode: '00691',
    permanentPlace: 'Số nhà 15, tổ 7',
    currentCommuneCode: '00691',
    currentPlace: 'Số nhà 15, tổ 7',
    householdId: DEMO_HOUSEHOLD_IDS.hoangFamily,
    relationshipToHead: 'SPOUSE',
    fatherName: 'Nông Văn Sáng',
    motherName: 'Lục Thị Nhàn',
    maritalStatus: 'MARRIED',
    note: 'mother of the newborn; the one who usually files the birth registration',
  },
  {
    personalId: '002322990003',
    fullName: 'Hoàng Ngọc Diệp',
    dateOfBirth: '2022-05-20',
    gender: 'FEMALE',
    ethnicity: 'Tày',
    birthProvinceCode: '002',
    hometownCode: '00955',
    permanentCommuneCode: '00691',
    permanentPlace: 'Số nhà 15, tổ 7',
    currentCommuneCode: '00691',
    currentPlace: 'Số nhà 15, tổ 7',
    householdId: DEMO_HOUSEHOLD_IDS.hoangFamily,
    relationshipToHead: 'CHILD',
    fatherPersonalId: '002094990001',
    motherPersonalId: '002197990002',
    fatherName: 'Hoàng Văn Thắng',
    motherName: 'Nông Thị Hoa',
    maritalStatus: 'SINGLE',
    note: 'elder sibling of the newborn, a registered minor',
  },
  {
    personalId: '002048990005',
    fullName: 'Lò Văn Páo',
    dateOfBirth: '1948-02-10',
    gender: 'MALE',
    ethnicity: "H'Mông",
    birthProvinceCode: '002',
    hometownCode: '00715', // Xã Lũng Cú, huyện Đồng Văn
    permanentCommuneCode: '00715',
    permanentPlace: 'Thôn Séo Lủng',
    currentCommuneCode: '00715',
    currentPlace: 'Thôn Séo Lủng',
    householdId: DEMO_HOUSEHOLD_IDS.loVanPao,
    relationshipToHead: 'HEAD',
    fatherName: 'Lò Mí Sính',
    motherName: 'Sùng Thị Súa',
    maritalStatus: 'WIDOWED',
    note: "elderly widower living alone (social allowance); 'Lo Van Pao' must NOT verify",
  },
  {
    personalId: '019307990006',
    fullName: 'Giàng Thị Mỷ',
    dateOfBirth: '2007-06-30',
    gender: 'FEMALE',
    ethnicity: "H'Mông",
    birthProvinceCode: '019', // birth registered in Thái Nguyên while her parents worked there
    hometownCode: '00775', // Xã Pải Lủng, huyện Mèo Vạc
    permanentCommuneCode: '00775',
    permanentPlace: 'Thôn Pải Lủng',
    currentCommuneCode: '00694', // Phường Nguyễn Trãi: studies in the provincial capital
    currentPlace: 'Tổ 3',
    householdId: DEMO_HOUSEHOLD_IDS.giangThiMy,
    relationshipToHead: 'HEAD',
    fatherName: 'Giàng Seo Chứ',
    motherName: 'Vàng Thị Dợ',
    maritalStatus: 'SINGLE',
    note: 'young adult; ID starts with 019 (province of birth ≠ province of residence); current ≠ permanent address',
  },
];

export const DEMO_PENDING_BIRTHS: readonly PendingBirth[] = [
  {
    fullName: 'Hoàng Minh Khôi',
    dateOfBirth: '2026-11-08', // 14 days before DEFAULT_REFERENCE_DATE
    gender: 'MALE',
    ethnicity: 'Tày',
    fatherPersonalId: '002094990001',
    motherPersonalId: '002197990002',
    householdId: DEMO_HOUSEHOLD_IDS.hoangFamily,
    birthCommuneCode: '00691',
    reservedPersonalId: '002226990004',
    note: 'newborn of the Hoàng household, not yet birth-registered, hence no personal ID in the registry',
  },
];

/**
 * The demo citizens as full households (addresses resolved against the units). Throws when a
 * demo commune code is missing from the units, so a changed unit list is noticed.
 */
export function buildDemoHouseholds(units: readonly AdministrativeUnitInput[], provinceCode = '02'): Household[] {
  const geo = buildGeography(provinceCode, units, new Rng(0));
  const commune = (code: string): CommuneInfo => {
    const c = geo.byCode.get(code);
    if (!c) throw new Error(`demo commune ${code} not found among the units of province ${provinceCode}`);
    return c;
  };
  const households = new Map<string, Household>();
  for (const d of DEMO_CITIZENS) {
    const perm = commune(d.permanentCommuneCode);
    const cur = commune(d.currentCommuneCode);
    const home = commune(d.hometownCode);
    const citizen: Citizen = {
      personalId: d.personalId,
      fullName: d.fullName,
      dateOfBirth: d.dateOfBirth,
      gender: d.gender,
      ethnicity: d.ethnicity,
      birthProvinceCode: d.birthProvinceCode,
      hometownCode: home.code,
      hometown: home.tail,
      permanentAddress: `${d.permanentPlace}, ${perm.tail}`,
      permanentCommuneCode: perm.code,
      currentAddress: `${d.currentPlace}, ${cur.tail}`,
      currentCommuneCode: cur.code,
      householdId: d.householdId,
      relationshipToHead: d.relationshipToHead,
      maritalStatus: d.maritalStatus,
    };
    if (d.religion !== undefined) citizen.religion = d.religion;
    if (d.fatherPersonalId !== undefined) citizen.fatherPersonalId = d.fatherPersonalId;
    if (d.motherPersonalId !== undefined) citizen.motherPersonalId = d.motherPersonalId;
    if (d.fatherName !== undefined) citizen.fatherName = d.fatherName;
    if (d.motherName !== undefined) citizen.motherName = d.motherName;
    let hh = households.get(d.householdId);
    if (!hh) {
      hh = { id: d.householdId, headPersonalId: '', communeCode: perm.code, address: citizen.permanentAddress, members: [] };
      households.set(d.householdId, hh);
    }
    if (d.relationshipToHead === 'HEAD') {
      hh.headPersonalId = d.personalId;
      hh.members.unshift(citizen);
    } else {
      hh.members.push(citizen);
    }
  }
  return [...households.values()];
}
