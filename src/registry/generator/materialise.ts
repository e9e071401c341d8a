/**
 * Materialising a household plan into citizens: ethnicity, surname and given name, date of birth,
 * hometown (quê quán), personal ID, permanent and current address, and the links to parents
 * (by ID when they live in the household, by name otherwise).
 */
import { civilYear, DAYS_PER_YEAR, formatDay } from './days';
import type { Citizen, Household } from './citizen';
import { placeIn, type Geography } from './geography';
import { ABSENT_PARTNER, NAME_ONLY, type Plan } from './household-plan';
import { freshSurname, givenName, type NamingContext } from './names';
import { issuePersonalId, type SerialAllocator } from './personal-ids';
import type { Weighted } from './random';

export interface Context extends NamingContext {
  geo: Geography;
  /** citizen-level mix, for spouses from another group */
  mix: Weighted<number>;
  referenceDay: number;
  referenceYear: number;
  provinceCode3: string;
  serials: SerialAllocator;
  communePick: Weighted<number>;
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

export function materialise(ctx: Context, plan: Plan, headEth: number, communeIdx: number, householdId: string): Household {
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

    ids[i] = issuePersonalId(rng, ctx.serials, ctx.provinceCode3, s.gender, by);
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
