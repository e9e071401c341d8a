import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The population registry stub's own schema (`registry`), standing in for the national population
 * database (CSDL quốc gia về dân cư). The portal reaches it only through `PopulationRegistry`.
 */
@Entity({ schema: 'registry', name: 'citizens' })
export class RegistryCitizen {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  personalId: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'varchar', length: 6 })
  gender: string;

  @Column({ type: 'varchar', length: 40 })
  ethnicity: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  religion: string | null;

  @Column({ type: 'varchar', length: 8 })
  hometownCode: string;

  @Column({ type: 'varchar', length: 300 })
  hometown: string;

  @Column({ type: 'varchar', length: 300 })
  permanentAddress: string;

  @Index()
  @Column({ type: 'varchar', length: 8 })
  permanentCommuneCode: string;

  @Column({ type: 'varchar', length: 300 })
  currentAddress: string;

  @Column({ type: 'varchar', length: 8 })
  currentCommuneCode: string;

  @Index()
  @Column({ type: 'varchar', length: 40 })
  householdId: string;

  @Column({ type: 'varchar', length: 12 })
  relationshipToHead: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  fatherPersonalId: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  motherPersonalId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fatherName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  motherName: string | null;

  @Column({ type: 'varchar', length: 10 })
  maritalStatus: string;
}

@Entity({ schema: 'registry', name: 'households' })
export class RegistryHousehold {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 12 })
  headPersonalId: string;

  @Column({ type: 'varchar', length: 8 })
  communeCode: string;

  @Column({ type: 'varchar', length: 300 })
  address: string;
}
