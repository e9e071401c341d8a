/**
 * Household plans: who lives together, with genders, ages, marital status and who is whose
 * parent or partner, before anyone has a name or a number (see materialise.ts for that step).
 * The mix of household types and the fertility of each group shape the population's age pyramid.
 */
import type { Gender } from '../normalize';
import type { MaritalStatus, Relationship } from './citizen';
import { DAYS_PER_YEAR } from './days';
import type { FertilityProfile } from './population-data';
import type { Rng } from './random';

const NONE = -1;
/** the deceased or departed partner of a widowed/divorced head (fields of the plan) */
export const ABSENT_PARTNER = -2;
/** father unknown */
const UNKNOWN = -3;
/** a parent who does not live in the household: only a name is recorded */
export const NAME_ONLY = -4;

export interface Slot {
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

export interface Plan {
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

export class Planner {
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
