/**
 * Fixed demo citizens with known personal IDs, names and households, next to the generated
 * population: the people the demo accounts and the tests log in as, plus a newborn who is not
 * yet birth-registered (the subject of the birth-registration journey).
 */
import type { Gender } from '../normalize';
import type { AdministrativeUnitInput, Citizen, Household, MaritalStatus, Relationship } from './citizen';
import { buildGeography, type CommuneInfo } from './geography';
import { Rng } from './random';

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
