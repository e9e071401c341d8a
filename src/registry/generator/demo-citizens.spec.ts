import type { Citizen } from './citizen';
import { buildDemoHouseholds, DEMO_CITIZENS, DEMO_HOUSEHOLD_IDS, DEMO_PENDING_BIRTHS } from './demo-citizens';
import { ageYears, UNITS } from './ha-giang-units.fixture';
import { GENERATED_SERIAL_LIMIT } from './personal-ids';
import { decodePersonalId, identityMatches, isValidPersonalId, personalIdConsistent } from '../normalize';

describe('demo citizens', () => {
  const byId = new Map(DEMO_CITIZENS.map((d) => [d.personalId, d]));

  it('has at least five, with unique valid IDs', () => {
    expect(DEMO_CITIZENS.length).toBeGreaterThanOrEqual(5);
    expect(byId.size).toBe(DEMO_CITIZENS.length);
    for (const d of DEMO_CITIZENS) expect(isValidPersonalId(d.personalId)).toBe(true);
  });

  it('encodes each demo citizen’s province of birth, gender and year', () => {
    for (const d of DEMO_CITIZENS) {
      expect([d.personalId, personalIdConsistent(d.personalId, d.dateOfBirth, d.gender, d.birthProvinceCode)]).toEqual([d.personalId, true]);
    }
  });

  it('uses reserved serials that the generator never produces', () => {
    for (const d of DEMO_CITIZENS) expect(Number(decodePersonalId(d.personalId)!.serial)).toBeGreaterThanOrEqual(GENERATED_SERIAL_LIMIT);
    expect(Number(DEMO_PENDING_BIRTHS[0].reservedPersonalId.slice(6))).toBeGreaterThanOrEqual(GENERATED_SERIAL_LIMIT);
  });

  it('has a household with a newborn two weeks old, not yet registered', () => {
    const baby = DEMO_PENDING_BIRTHS[0];
    expect(Math.round(ageYears(baby.dateOfBirth) * 365.2425)).toBe(14);
    expect(byId.has(baby.reservedPersonalId)).toBe(false);
    expect(personalIdConsistent(baby.reservedPersonalId, baby.dateOfBirth, baby.gender, '02')).toBe(true);
    const father = byId.get(baby.fatherPersonalId)!;
    const mother = byId.get(baby.motherPersonalId)!;
    expect([father.gender, father.householdId, father.relationshipToHead]).toEqual(['MALE', baby.householdId, 'HEAD']);
    expect([mother.gender, mother.householdId, mother.relationshipToHead]).toEqual(['FEMALE', baby.householdId, 'SPOUSE']);
    expect(baby.fullName.split(' ')[0]).toBe(father.fullName.split(' ')[0]);
  });

  it('has an elderly person and a young adult', () => {
    expect(DEMO_CITIZENS.some((d) => ageYears(d.dateOfBirth) >= 70)).toBe(true);
    expect(DEMO_CITIZENS.some((d) => ageYears(d.dateOfBirth) >= 18 && ageYears(d.dateOfBirth) < 25)).toBe(true);
  });

  it('resolves into households with real addresses', () => {
    const households = buildDemoHouseholds(UNITS);
    expect(households.map((h) => h.id).sort()).toEqual(Object.values(DEMO_HOUSEHOLD_IDS).sort());
    for (const hh of households) {
      expect(hh.members[0].relationshipToHead).toBe('HEAD');
      expect(hh.members.filter((m) => m.relationshipToHead === 'HEAD')).toHaveLength(1);
      expect(hh.headPersonalId).toBe(hh.members[0].personalId);
    }
    const hoang = households.find((h) => h.id === DEMO_HOUSEHOLD_IDS.hoangFamily)!;
    expect(hoang.address).toBe('Số nhà 15, tổ 7, phường Trần Phú, thành phố Hà Giang, tỉnh Hà Giang');
    expect(hoang.members.map((m) => m.fullName)).toEqual(['Hoàng Văn Thắng', 'Nông Thị Hoa', 'Hoàng Ngọc Diệp']);
    const pao = households.flatMap((h) => h.members).find((m) => m.personalId === '002048990005') as Citizen;
    expect(pao.permanentAddress).toBe('Thôn Séo Lủng, xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang');
    const my = households.flatMap((h) => h.members).find((m) => m.fullName === 'Giàng Thị Mỷ') as Citizen;
    expect(my.currentAddress).toBe('Tổ 3, phường Nguyễn Trãi, thành phố Hà Giang, tỉnh Hà Giang');
    expect(my.permanentAddress).toBe('Thôn Pải Lủng, xã Pải Lủng, huyện Mèo Vạc, tỉnh Hà Giang');
  });

  it('verifies Lò Văn Páo with folded case and spaces, but not without accents', () => {
    const pao = byId.get('002048990005')!;
    expect(identityMatches(pao, { personalId: '002048990005', fullName: '  LÒ   văn páo ', dateOfBirth: '1948-02-10' })).toBe(true);
    expect(identityMatches(pao, { personalId: '002048990005', fullName: 'Lo Van Pao', dateOfBirth: '1948-02-10' })).toBe(false);
  });

  it('refuses units that lack a demo commune', () => {
    expect(() => buildDemoHouseholds(UNITS.filter((u) => u.code !== '00775'))).toThrow(/00775/);
  });
});
