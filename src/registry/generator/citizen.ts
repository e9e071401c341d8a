/**
 * What the population generator produces: citizens and households as the residence database
 * records them, with the Vietnamese labels of their coded fields.
 */
import type { Gender } from '../normalize';
import { GENDER_LABELS as VI_GENDER, MARITAL_STATUS_LABELS as VI_MARITAL, RELATION_LABELS as VI_RELATION } from '../../common/vi-labels';

export type Relationship = 'HEAD' | 'SPOUSE' | 'CHILD' | 'CHILD_IN_LAW' | 'PARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';
export type MaritalStatus = 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';

/** Relationship to the head of household as written in the residence database (labels: src/common/vi-labels.ts). */
const RELATIONSHIPS: readonly Relationship[] = ['HEAD', 'SPOUSE', 'CHILD', 'CHILD_IN_LAW', 'PARENT', 'GRANDCHILD', 'SIBLING', 'OTHER'];
export const RELATIONSHIP_LABELS: Readonly<Record<Relationship, string>> = Object.fromEntries(RELATIONSHIPS.map((r) => [r, VI_RELATION[r]])) as Record<Relationship, string>;
export const MARITAL_STATUS_LABELS: Readonly<Record<MaritalStatus, string>> = VI_MARITAL;
export const GENDER_LABELS: Readonly<Record<Gender, string>> = VI_GENDER;

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
