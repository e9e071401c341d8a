import { MARITAL_STATUS_LABELS, RELATIONSHIP_LABELS } from './citizen';
import { generatePopulation } from './generate';
import { ageYears, COMMUNE_CODES, options, REF } from './ha-giang-units.fixture';
import { GENERATED_SERIAL_LIMIT } from './personal-ids';
import { ETHNIC_MIX_HA_GIANG } from './population-data';
import { isIsoDate, personalIdConsistent } from '../normalize';

describe('generatePopulation — a 200,000-citizen sample', () => {
  // one pass over the stream; only aggregates are kept
  const N = 200_000;
  const ids = new Set<string>();
  const householdIds = new Set<string>();
  let citizens = 0;
  let households = 0;
  let inconsistent20k: string[] = [];
  const ethnic50k = new Map<string, number>();
  let problems: string[] = [];
  let sizeMin = Infinity;
  let sizeMax = 0;
  let sameAddress = 0;
  let male = 0;
  let maxSerial = 0;
  let nonAscii = 0;
  let newborns = 0;
  let hmongSameSurnameCouples = 0;
  let hmongCouples = 0;
  const relCount = new Map<string, number>();
  const note = (msg: string): void => {
    if (problems.length < 20) problems.push(msg);
  };

  beforeAll(() => {
    inconsistent20k = [];
    problems = [];
    for (const hh of generatePopulation(options(N))) {
      households++;
      if (householdIds.has(hh.id)) note(`duplicate household ${hh.id}`);
      householdIds.add(hh.id);
      if (!/^HK002\d{8}$/.test(hh.id)) note(`household id ${hh.id}`);
      const last = citizens + hh.members.length >= N;
      if (!last) {
        sizeMin = Math.min(sizeMin, hh.members.length);
        sizeMax = Math.max(sizeMax, hh.members.length);
      }
      const heads = hh.members.filter((m) => m.relationshipToHead === 'HEAD');
      if (heads.length !== 1 || hh.members[0].relationshipToHead !== 'HEAD') note(`${hh.id}: ${heads.length} heads`);
      if (hh.headPersonalId !== hh.members[0].personalId) note(`${hh.id}: headPersonalId`);
      if (!COMMUNE_CODES.has(hh.communeCode)) note(`${hh.id}: commune ${hh.communeCode}`);
      const byId = new Map(hh.members.map((m) => [m.personalId, m]));
      const head = hh.members[0];
      const spouse = hh.members.find((m) => m.relationshipToHead === 'SPOUSE');
      if (spouse) {
        if (spouse.gender === head.gender) note(`${hh.id}: same-gender spouses`);
        if (head.maritalStatus !== 'MARRIED' || spouse.maritalStatus !== 'MARRIED') note(`${hh.id}: spouse not married`);
        if (head.ethnicity === "H'Mông" && spouse.ethnicity === "H'Mông") {
          hmongCouples++;
          if (head.fullName.split(' ')[0] === spouse.fullName.split(' ')[0]) hmongSameSurnameCouples++;
        }
      }
      for (const c of hh.members) {
        if (ids.has(c.personalId)) note(`duplicate id ${c.personalId}`);
        ids.add(c.personalId);
        if (citizens < 20_000 && !personalIdConsistent(c.personalId, c.dateOfBirth, c.gender, c.birthProvinceCode)) {
          inconsistent20k.push(`${c.personalId} ${c.dateOfBirth} ${c.gender}`);
        }
        if (citizens < 50_000) ethnic50k.set(c.ethnicity, (ethnic50k.get(c.ethnicity) ?? 0) + 1);
        citizens++;
        maxSerial = Math.max(maxSerial, Number(c.personalId.slice(6)));
        if (c.gender === 'MALE') male++;
        if (c.currentAddress === c.permanentAddress) sameAddress++;
        if (/[^\x00-\x7F]/.test(c.fullName)) nonAscii++;
        relCount.set(c.relationshipToHead, (relCount.get(c.relationshipToHead) ?? 0) + 1);
        if (ageYears(c.dateOfBirth) < 1 / 12) newborns++;

        if (c.householdId !== hh.id) note(`${c.personalId}: householdId`);
        if (!isIsoDate(c.dateOfBirth) || c.dateOfBirth > REF || c.dateOfBirth < '1900-01-01') note(`${c.personalId}: dob ${c.dateOfBirth}`);
        if (c.fullName !== c.fullName.normalize('NFC') || !/^\S+( \S+){2,}$/.test(c.fullName)) note(`name "${c.fullName}"`);
        if (c.permanentCommuneCode !== hh.communeCode || c.permanentAddress !== hh.address) note(`${c.personalId}: permanent address`);
        if (!COMMUNE_CODES.has(c.currentCommuneCode) || !COMMUNE_CODES.has(c.hometownCode)) note(`${c.personalId}: commune codes`);
        if (!c.permanentAddress.endsWith(', tỉnh Hà Giang') || !c.hometown.endsWith(', tỉnh Hà Giang')) note(`${c.personalId}: address`);
        if ((c.currentAddress === c.permanentAddress) !== (c.currentCommuneCode === c.permanentCommuneCode)) note(`${c.personalId}: current address/commune disagree`);
        if (!(c.relationshipToHead in RELATIONSHIP_LABELS) || !(c.maritalStatus in MARITAL_STATUS_LABELS)) note(`${c.personalId}: enums`);
        if (ageYears(c.dateOfBirth) < 16 && c.maritalStatus !== 'SINGLE') note(`${c.personalId}: married child`);
        for (const [pid, gender, name] of [
          [c.fatherPersonalId, 'MALE', c.fatherName],
          [c.motherPersonalId, 'FEMALE', c.motherName],
        ] as const) {
          if (!pid) continue;
          const p = byId.get(pid);
          if (!p) {
            note(`${c.personalId}: parent ${pid} not in household`);
            continue;
          }
          if (p.gender !== gender || p.fullName !== name) note(`${c.personalId}: parent ${pid} gender/name`);
          const gap = ageYears(p.dateOfBirth, c.dateOfBirth);
          if (gap < 16) note(`${c.personalId}: parent ${pid} only ${gap.toFixed(1)} years older`);
        }
        const father = c.fatherPersonalId ? byId.get(c.fatherPersonalId) : undefined;
        if (father && father.fullName.split(' ')[0] !== c.fullName.split(' ')[0]) note(`${c.fullName}: surname differs from father ${father.fullName}`);
        if (c.relationshipToHead === 'CHILD' && !c.fatherName && !c.motherName) note(`${c.personalId}: child without parents`);
      }
    }
  }, 120_000);

  it('yields exactly the requested number of citizens', () => {
    expect(citizens).toBe(N);
  });

  it('has no structural problems (one head, parents in the household, ≥16 years older, same surname as the father…)', () => {
    expect(problems).toEqual([]);
  });

  it('gives every citizen a unique personal ID', () => {
    expect(ids.size).toBe(N);
  });

  it('gives every household a unique id', () => {
    expect(householdIds.size).toBe(households);
  });

  it('encodes province, gender, century and year in every ID of the first 20,000', () => {
    expect(inconsistent20k).toEqual([]);
  });

  it('keeps generated serials below the reserved range', () => {
    expect(maxSerial).toBeLessThan(GENERATED_SERIAL_LIMIT);
  });

  it('hits the ethnic mix of Hà Giang within ±3 points on 50,000 citizens', () => {
    const total = [...ethnic50k.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(50_000);
    for (const [name, pct] of Object.entries(ETHNIC_MIX_HA_GIANG)) {
      const got = ((ethnic50k.get(name) ?? 0) / total) * 100;
      expect({ name, diff: Math.abs(got - pct) < 3 }).toEqual({ name, diff: true });
    }
    const others = 100 - ["H'Mông", 'Tày', 'Dao', 'Kinh', 'Nùng'].reduce((a, n) => a + ((ethnic50k.get(n) ?? 0) / total) * 100, 0);
    expect(Math.abs(others - 7)).toBeLessThan(3);
  });

  it('has household sizes 1–8 with a mean near 4.2', () => {
    expect(sizeMin).toBe(1);
    expect(sizeMax).toBe(8);
    const mean = citizens / households;
    expect(mean).toBeGreaterThan(3.9);
    expect(mean).toBeLessThan(4.5);
  });

  it('keeps the current address equal to the permanent one for about 92%', () => {
    const share = sameAddress / citizens;
    expect(share).toBeGreaterThan(0.88);
    expect(share).toBeLessThan(0.96);
  });

  it('has about as many men as women', () => {
    expect(Math.abs(male / citizens - 0.5)).toBeLessThan(0.02);
  });

  it('writes names with Vietnamese diacritics', () => {
    expect(nonAscii / citizens).toBeGreaterThan(0.9);
  });

  it('uses every relationship and has babies born in the last month', () => {
    for (const rel of Object.keys(RELATIONSHIP_LABELS)) expect(relCount.get(rel) ?? 0).toBeGreaterThan(0);
    expect(newborns).toBeGreaterThan(0);
  });

  it('never marries two H’Mông of the same clan', () => {
    expect(hmongCouples).toBeGreaterThan(1000);
    expect(hmongSameSurnameCouples).toBe(0);
  });
});
