/**
 * What the portal needs from the national population database (CSDL quốc gia về dân cư). The
 * local stub implements it over its own schema; a real connector (through the provincial
 * data-sharing platform) would implement the same interface.
 */
export interface RegistryRelative {
  personalId: string | null;
  fullName: string;
}

export interface RegistryHouseholdMember {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  gender: string;
  relationshipToHead: string;
}

export interface RegistryPerson {
  personalId: string;
  fullName: string;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  /** 'MALE' | 'FEMALE' */
  gender: string;
  ethnicity: string;
  religion: string | null;
  hometownCode: string;
  hometown: string;
  permanentAddress: string;
  permanentCommuneCode: string;
  currentAddress: string;
  currentCommuneCode: string;
  maritalStatus: string;
  relationshipToHead: string;
  father: RegistryRelative | null;
  mother: RegistryRelative | null;
  household: {
    id: string;
    headPersonalId: string;
    communeCode: string;
    address: string;
    /** the head first */
    members: RegistryHouseholdMember[];
  };
}

/** A birth registered by the portal (đăng ký khai sinh): the registry issues the child's personal ID. */
export interface BirthRegistration {
  fullName: string;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  gender: 'MALE' | 'FEMALE';
  ethnicity?: string;
  fatherPersonalId?: string | null;
  motherPersonalId?: string | null;
  fatherName?: string | null;
  motherName?: string | null;
}

export interface PopulationRegistry {
  /** Match / no match on number + full name + date of birth; never says which field differed. */
  verify(personalId: string, fullName: string, dateOfBirth: string, signal?: AbortSignal): Promise<boolean>;
  /** The person with household members and parents, or null when the number is unknown. */
  lookup(personalId: string, signal?: AbortSignal): Promise<RegistryPerson | null>;
  /**
   * Records a registered birth and returns the child's personal ID. Idempotent: the same child
   * (name, date of birth, parents) gets the same number again.
   */
  registerBirth(birth: BirthRegistration, signal?: AbortSignal): Promise<string>;
}

/** The registry could not answer (timeout, failure, outage, circuit open). */
export class RegistryFailure extends Error {
  constructor(message = 'population registry failure') {
    super(message);
    this.name = 'RegistryFailure';
  }
}
