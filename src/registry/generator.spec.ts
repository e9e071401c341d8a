import {
  buildDemoHouseholds,
  DEFAULT_REFERENCE_DATE,
  DEMO_CITIZENS,
  DEMO_HOUSEHOLD_IDS,
  DEMO_PENDING_BIRTHS,
  ETHNIC_MIX_HA_GIANG,
  GENERATED_SERIAL_LIMIT,
  generateCitizens,
  generatePopulation,
  MARITAL_STATUS_LABELS,
  RELATIONSHIP_LABELS,
  unitNameInAddress,
  type AdministrativeUnitInput,
  type Citizen,
  type GeneratePopulationOptions,
  type Household,
} from './generator';
import { decodePersonalId, identityMatches, isIsoDate, isValidPersonalId, personalIdConsistent } from './normalize';

// Hà Giang rows of /work/shared/data/administrative-units.csv (code,name,parent_code), copied so
// that the test does not depend on files outside the repository.
const HA_GIANG_UNITS_CSV = `
02,Tỉnh Hà Giang,
024,Thành phố Hà Giang,02
00688,Phường Quang Trung,024
00691,Phường Trần Phú,024
00692,Phường Ngọc Hà,024
00694,Phường Nguyễn Trãi,024
00697,Phường Minh Khai,024
00700,Xã Ngọc Đường,024
00946,Xã Phương Độ,024
00949,Xã Phương Thiện,024
026,Huyện Đồng Văn,02
00712,Thị trấn Phó Bảng,026
00715,Xã Lũng Cú,026
00718,Xã Má Lé,026
00721,Thị trấn Đồng Văn,026
00724,Xã Lũng Táo,026
00727,Xã Phố Là,026
00730,Xã Thài Phìn Tủng,026
00733,Xã Sủng Là,026
00736,Xã Xà Phìn,026
00739,Xã Tả Phìn,026
00742,Xã Tả Lủng,026
00745,Xã Phố Cáo,026
00748,Xã Sính Lủng,026
00751,Xã Sảng Tủng,026
00754,Xã Lũng Thầu,026
00757,Xã Hố Quáng Phìn,026
00760,Xã Vần Chải,026
00763,Xã Lũng Phìn,026
00766,Xã Sủng Trái,026
027,Huyện Mèo Vạc,02
00769,Thị trấn Mèo Vạc,027
00772,Xã Thượng Phùng,027
00775,Xã Pải Lủng,027
00778,Xã Xín Cái,027
00781,Xã Pả Vi,027
00784,Xã Giàng Chu Phìn,027
00787,Xã Sủng Trà,027
00790,Xã Sủng Máng,027
00793,Xã Sơn Vĩ,027
00796,Xã Tả Lủng,027
00799,Xã Cán Chu Phìn,027
00802,Xã Lũng Pù,027
00805,Xã Lũng Chinh,027
00808,Xã Tát Ngà,027
00811,Xã Nậm Ban,027
00814,Xã Khâu Vai,027
00815,Xã Niêm Tòng,027
00817,Xã Niêm Sơn,027
028,Huyện Yên Minh,02
00820,Thị trấn Yên Minh,028
00823,Xã Thắng Mố,028
00826,Xã Phú Lũng,028
00829,Xã Sủng Tráng,028
00832,Xã Bạch Đích,028
00835,Xã Na Khê,028
00838,Xã Sủng Thài,028
00841,Xã Hữu Vinh,028
00844,Xã Lao Và Chải,028
00847,Xã Mậu Duệ,028
00850,Xã Đông Minh,028
00853,Xã Mậu Long,028
00856,Xã Ngam La,028
00859,Xã Ngọc Long,028
00862,Xã Đường Thượng,028
00865,Xã Lũng Hồ,028
00868,Xã Du Tiến,028
00871,Xã Du Già,028
029,Huyện Quản Bạ,02
00874,Thị trấn Tam Sơn,029
00877,Xã Bát Đại Sơn,029
00880,Xã Nghĩa Thuận,029
00883,Xã Cán Tỷ,029
00886,Xã Cao Mã Pờ,029
00889,Xã Thanh Vân,029
00892,Xã Tùng Vài,029
00895,Xã Đông Hà,029
00898,Xã Quản Bạ,029
00901,Xã Lùng Tám,029
00904,Xã Quyết Tiến,029
00907,Xã Tả Ván,029
00910,Xã Thái An,029
030,Huyện Vị Xuyên,02
00703,Xã Kim Thạch,030
00706,Xã Phú Linh,030
00709,Xã Kim Linh,030
00913,Thị trấn Vị Xuyên,030
00916,Thị trấn Nông Trường Việt Lâm,030
00919,Xã Minh Tân,030
00922,Xã Thuận Hoà,030
00925,Xã Tùng Bá,030
00928,Xã Thanh Thủy,030
00931,Xã Thanh Đức,030
00934,Xã Phong Quang,030
00937,Xã Xín Chải,030
00940,Xã Phương Tiến,030
00943,Xã Lao Chải,030
00952,Xã Cao Bồ,030
00955,Xã Đạo Đức,030
00958,Xã Thượng Sơn,030
00961,Xã Linh Hồ,030
00964,Xã Quảng Ngần,030
00967,Xã Việt Lâm,030
00970,Xã Ngọc Linh,030
00973,Xã Ngọc Minh,030
00976,Xã Bạch Ngọc,030
00979,Xã Trung Thành,030
031,Huyện Bắc Mê,02
00982,Xã Minh Sơn,031
00985,Xã Giáp Trung,031
00988,Xã Yên Định,031
00991,Thị trấn Yên Phú,031
00994,Xã Minh Ngọc,031
00997,Xã Yên Phong,031
01000,Xã Lạc Nông,031
01003,Xã Phú Nam,031
01006,Xã Yên Cường,031
01009,Xã Thượng Tân,031
01012,Xã Đường Âm,031
01015,Xã Đường Hồng,031
01018,Xã Phiêng Luông,031
032,Huyện Hoàng Su Phì,02
01021,Thị trấn Vinh Quang,032
01024,Xã Bản Máy,032
01027,Xã Thàng Tín,032
01030,Xã Thèn Chu Phìn,032
01033,Xã Pố Lồ,032
01036,Xã Bản Phùng,032
01039,Xã Túng Sán,032
01042,Xã Chiến Phố,032
01045,Xã Đản Ván,032
01048,Xã Tụ Nhân,032
01051,Xã Tân Tiến,032
01054,Xã Nàng Đôn,032
01057,Xã Pờ Ly Ngài,032
01060,Xã Sán Xả Hồ,032
01063,Xã Bản Luốc,032
01066,Xã Ngàm Đăng Vài,032
01069,Xã Bản Nhùng,032
01072,Xã Tả Sử Choóng,032
01075,Xã Nậm Dịch,032
01081,Xã Hồ Thầu,032
01084,Xã Nam Sơn,032
01087,Xã Nậm Tỵ,032
01090,Xã Thông Nguyên,032
01093,Xã Nậm Khòa,032
033,Huyện Xín Mần,02
01096,Thị trấn Cốc Pài,033
01099,Xã Nàn Xỉn,033
01102,Xã Bản Díu,033
01105,Xã Chí Cà,033
01108,Xã Xín Mần,033
01114,Xã Thèn Phàng,033
01117,Xã Trung Thịnh,033
01120,Xã Pà Vầy Sủ,033
01123,Xã Cốc Rế,033
01126,Xã Thu Tà,033
01129,Xã Nàn Ma,033
01132,Xã Tả Nhìu,033
01135,Xã Bản Ngò,033
01138,Xã Chế Là,033
01141,Xã Nấm Dẩn,033
01144,Xã Quảng Nguyên,033
01147,Xã Nà Chì,033
01150,Xã Khuôn Lùng,033
034,Huyện Bắc Quang,02
01153,Thị trấn Việt Quang,034
01156,Thị trấn Vĩnh Tuy,034
01159,Xã Tân Lập,034
01162,Xã Tân Thành,034
01165,Xã Đồng Tiến,034
01168,Xã Đồng Tâm,034
01171,Xã Tân Quang,034
01174,Xã Thượng Bình,034
01177,Xã Hữu Sản,034
01180,Xã Kim Ngọc,034
01183,Xã Việt Vinh,034
01186,Xã Bằng Hành,034
01189,Xã Quang Minh,034
01192,Xã Liên Hiệp,034
01195,Xã Vô Điếm,034
01198,Xã Việt Hồng,034
01201,Xã Hùng An,034
01204,Xã Đức Xuân,034
01207,Xã Tiên Kiều,034
01210,Xã Vĩnh Hảo,034
01213,Xã Vĩnh Phúc,034
01216,Xã Đồng Yên,034
01219,Xã Đông Thành,034
035,Huyện Quang Bình,02
01222,Xã Xuân Minh,035
01225,Xã Tiên Nguyên,035
01228,Xã Tân Nam,035
01231,Xã Bản Rịa,035
01234,Xã Yên Thành,035
01237,Thị trấn Yên Bình,035
01240,Xã Tân Trịnh,035
01243,Xã Tân Bắc,035
01246,Xã Bằng Lang,035
01249,Xã Yên Hà,035
01252,Xã Hương Sơn,035
01255,Xã Xuân Giang,035
01258,Xã Nà Khương,035
01261,Xã Tiên Yên,035
01264,Xã Vĩ Thượng,035`;

function parseUnits(text: string): AdministrativeUnitInput[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [code, name, parentCode] = line.split(',');
      const level = code.length === 2 ? 'PROVINCE' : code.length === 3 ? 'DISTRICT' : 'COMMUNE';
      return { code, name, level, parentCode: parentCode || null };
    });
}

const UNITS = parseUnits(HA_GIANG_UNITS_CSV);
const COMMUNE_CODES = new Set(UNITS.filter((u) => u.level === 'COMMUNE').map((u) => u.code));
const REF = DEFAULT_REFERENCE_DATE;

function options(count: number, seed: number | string = 'motcua'): GeneratePopulationOptions {
  return { seed, count, provinceCode: '02', units: UNITS, referenceDate: REF };
}

function take(count: number, seed: number | string = 'motcua'): Household[] {
  return [...generatePopulation(options(count, seed))];
}

function ageYears(dob: string, on = REF): number {
  return (Date.parse(on) - Date.parse(dob)) / (365.2425 * 864e5);
}

describe('fixture', () => {
  it('has the province, its 11 districts and 193 communes', () => {
    expect(UNITS.filter((u) => u.level === 'PROVINCE')).toHaveLength(1);
    expect(UNITS.filter((u) => u.level === 'DISTRICT')).toHaveLength(11);
    expect(COMMUNE_CODES.size).toBe(193);
  });
});

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

describe('generatePopulation — determinism and streaming', () => {
  it('gives identical output for the same seed', () => {
    expect(take(5_000, 42)).toEqual(take(5_000, 42));
  });

  it('gives different output for another seed', () => {
    const a = take(500, 42).flatMap((h) => h.members.map((m) => m.personalId));
    const b = take(500, 43).flatMap((h) => h.members.map((m) => m.personalId));
    expect(a).not.toEqual(b);
  });

  it('treats string and number seeds as different seeds', () => {
    expect(take(50, 42)).not.toEqual(take(50, '42'));
  });

  it('makes a shorter run a prefix of a longer one', () => {
    const short = [...generateCitizens(options(1_000))];
    const long = [...generateCitizens(options(5_000))].slice(0, 1_000);
    expect(short).toEqual(long);
  });

  it.each([0, 1, 7, 1_001])('yields exactly %i citizens', (n) => {
    expect([...generateCitizens(options(n))]).toHaveLength(n);
  });

  it('is lazy: taking the first household does not generate the rest', () => {
    const it = generatePopulation(options(10_000_000));
    const first = it.next();
    expect(first.done).toBe(false);
    expect((first.value as Household).members.length).toBeGreaterThan(0);
    it.return(undefined);
  });

  it('writes addresses with lower-case unit types and the real commune, district and province', () => {
    const hh = take(2_000).find((h) => h.communeCode === '00715');
    if (hh) expect(hh.address).toMatch(/^Thôn .+, xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang$/);
    const urban = take(3_000).find((h) => h.communeCode === '00691');
    if (urban) expect(urban.address).toMatch(/^(Số nhà \d+, tổ|Tổ) \d+, phường Trần Phú, thành phố Hà Giang, tỉnh Hà Giang$/);
    expect(hh ?? urban).toBeDefined();
  });

  it('computes ages against the reference date', () => {
    const later = [...generateCitizens({ ...options(300), referenceDate: '2030-01-01' })];
    expect(later.every((c) => c.dateOfBirth <= '2030-01-01')).toBe(true);
    expect(later.some((c) => c.dateOfBirth > REF)).toBe(true);
  });
});

describe('generatePopulation — inputs', () => {
  it('rejects a province that is not among the units, on the call itself', () => {
    expect(() => generatePopulation({ ...options(10), provinceCode: '01' })).toThrow(/province 01 not found/);
  });

  it('asks for an ethnic mix outside Hà Giang', () => {
    const units: AdministrativeUnitInput[] = [
      { code: '08', name: 'Tỉnh Tuyên Quang', level: 'PROVINCE' },
      { code: '070', name: 'Thành phố Tuyên Quang', level: 'DISTRICT', parentCode: '08' },
      { code: '02212', name: 'Phường Phan Thiết', level: 'COMMUNE', parentCode: '070' },
      { code: '02215', name: 'Phường Minh Xuân', level: 'COMMUNE', parentCode: '070' },
    ];
    expect(() => [...generatePopulation({ ...options(10), provinceCode: '08', units })]).toThrow(/ethnicMix/);
    const people = [...generateCitizens({ ...options(2_000), provinceCode: '08', units, ethnicMix: { Kinh: 60, Tày: 40 } })];
    expect(people).toHaveLength(2_000);
    expect(people.filter((c) => c.personalId.startsWith('008')).length / people.length).toBeGreaterThan(0.95);
    expect(people[0].permanentAddress).toMatch(/, phường (Phan Thiết|Minh Xuân), thành phố Tuyên Quang, tỉnh Tuyên Quang$/);
  });

  it('accepts communes directly under the province (two-tier units)', () => {
    const units: AdministrativeUnitInput[] = [
      { code: '02', name: 'Tỉnh Hà Giang', level: 'PROVINCE' },
      { code: '00715', name: 'Xã Lũng Cú', level: 'COMMUNE', parentCode: '02' },
    ];
    const [hh] = [...generatePopulation({ ...options(3), units })];
    expect(hh.address).toMatch(/^Thôn .+, xã Lũng Cú, tỉnh Hà Giang$/);
  });

  it('rejects an unknown ethnicity, a bad reference date and a negative count', () => {
    expect(() => [...generatePopulation({ ...options(1), ethnicMix: { Klingon: 100 } })]).toThrow(/unknown ethnicity/);
    expect(() => [...generatePopulation({ ...options(1), referenceDate: '2026-02-30' })]).toThrow(/YYYY-MM-DD/);
    expect(() => generatePopulation(options(-1))).toThrow(RangeError);
  });
});

describe('unitNameInAddress', () => {
  it.each([
    ['Xã Lũng Cú', 'xã Lũng Cú'],
    ['Thị trấn Phó Bảng', 'thị trấn Phó Bảng'],
    ['Thành phố Hà Giang', 'thành phố Hà Giang'],
    ['Huyện Đồng Văn', 'huyện Đồng Văn'],
    ['Tỉnh Hà Giang', 'tỉnh Hà Giang'],
    ['Xín Mần', 'Xín Mần'],
  ])('%s → %s', (a, b) => {
    expect(unitNameInAddress(a)).toBe(b);
  });
});

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
