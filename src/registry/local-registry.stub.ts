import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { prefixPattern } from '../common/sql-like';
import { DEMO_PENDING_BIRTHS } from './generator/demo-citizens';
import { GENERATED_SERIAL_LIMIT } from './generator/personal-ids';
import { encodePersonalId, identityMatches, isIsoDate, isValidPersonalId, namesMatch } from './normalize';
import { RegistryFailure, type BirthRegistration, type PopulationRegistry, type RegistryPerson } from './population-registry';
import { RegistryFaultsService } from './registry-faults.service';

const CITIZEN_COLUMNS = `personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, gender, ethnicity,
  religion, hometown_code, hometown, permanent_address, permanent_commune_code, current_address, current_commune_code,
  household_id, relationship_to_head, father_personal_id, mother_personal_id, father_name, mother_name, marital_status`;

/**
 * The population registry stand-in: reads its own `registry` schema and behaves like a remote
 * service (latency, random failures, full outage from RegistryFaultsService).
 */
@Injectable()
export class LocalRegistryStub implements PopulationRegistry {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly faults: RegistryFaultsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async remoteCall(signal?: AbortSignal): Promise<void> {
    const f = this.faults.get();
    if (f.meanLatencyMs > 0) await sleep(Math.round(f.meanLatencyMs * (0.5 + Math.random())), undefined, { signal });
    if (f.outage) throw new RegistryFailure('registry outage (injected)');
    if (f.failureRate > 0 && Math.random() < f.failureRate) throw new RegistryFailure('registry failure (injected)');
  }

  async verify(personalId: string, fullName: string, dateOfBirth: string, signal?: AbortSignal): Promise<boolean> {
    await this.remoteCall(signal);
    if (!isValidPersonalId(personalId) || !isIsoDate(dateOfBirth)) return false;
    const rows: { full_name: string; date_of_birth: string }[] = await this.ds.query(
      `SELECT full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM registry.citizens WHERE personal_id = $1`,
      [personalId],
    );
    if (!rows[0]) return false;
    return identityMatches({ personalId, fullName: rows[0].full_name, dateOfBirth: rows[0].date_of_birth }, { personalId, fullName, dateOfBirth });
  }

  async lookup(personalId: string, signal?: AbortSignal): Promise<RegistryPerson | null> {
    await this.remoteCall(signal);
    if (!isValidPersonalId(personalId)) return null;
    const rows: Record<string, string | null>[] = await this.ds.query(`SELECT ${CITIZEN_COLUMNS} FROM registry.citizens WHERE personal_id = $1`, [
      personalId,
    ]);
    const c = rows[0];
    if (!c) return null;
    const [hh] = await this.ds.query('SELECT id, head_personal_id, commune_code, address FROM registry.households WHERE id = $1', [c.household_id]);
    const members: Record<string, string>[] = await this.ds.query(
      `SELECT personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, gender, relationship_to_head
         FROM registry.citizens WHERE household_id = $1
        ORDER BY (relationship_to_head = 'HEAD') DESC, date_of_birth, personal_id`,
      [c.household_id],
    );
    return {
      personalId: c.personal_id!,
      fullName: c.full_name!,
      dateOfBirth: c.date_of_birth!,
      gender: c.gender!,
      ethnicity: c.ethnicity!,
      religion: c.religion,
      hometownCode: c.hometown_code!,
      hometown: c.hometown!,
      permanentAddress: c.permanent_address!,
      permanentCommuneCode: c.permanent_commune_code!,
      currentAddress: c.current_address!,
      currentCommuneCode: c.current_commune_code!,
      maritalStatus: c.marital_status!,
      relationshipToHead: c.relationship_to_head!,
      father: c.father_name || c.father_personal_id ? { personalId: c.father_personal_id, fullName: c.father_name ?? '' } : null,
      mother: c.mother_name || c.mother_personal_id ? { personalId: c.mother_personal_id, fullName: c.mother_name ?? '' } : null,
      household: {
        id: c.household_id!,
        headPersonalId: hh?.head_personal_id ?? '',
        communeCode: hh?.commune_code ?? c.permanent_commune_code!,
        address: hh?.address ?? c.permanent_address!,
        members: members.map((m) => ({
          personalId: m.personal_id,
          fullName: m.full_name,
          dateOfBirth: m.date_of_birth,
          gender: m.gender,
          relationshipToHead: m.relationship_to_head,
        })),
      },
    };
  }

  async registerBirth(b: BirthRegistration, signal?: AbortSignal): Promise<string> {
    await this.remoteCall(signal);
    if (!isIsoDate(b.dateOfBirth)) throw new UnprocessableEntityException('Ngày sinh không hợp lệ');
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(4343)');
      const parentIds = [b.motherPersonalId, b.fatherPersonalId].filter((x): x is string => !!x && isValidPersonalId(x));
      const parents: Record<string, string | null>[] = parentIds.length
        ? await m.query(
            `SELECT personal_id, full_name, ethnicity, hometown_code, hometown, permanent_address, permanent_commune_code,
                    current_address, current_commune_code, household_id, relationship_to_head
               FROM registry.citizens WHERE personal_id = ANY($1::varchar[])`,
            [parentIds],
          )
        : [];
      const mother = parents.find((p) => p.personal_id === b.motherPersonalId) ?? null;
      const father = parents.find((p) => p.personal_id === b.fatherPersonalId) ?? null;
      const base = mother ?? father;
      if (!base) throw new UnprocessableEntityException('Không tìm thấy cha hoặc mẹ trong Cơ sở dữ liệu quốc gia về dân cư');

      // Already registered (a retry): the same number.
      const existing: { personal_id: string; full_name: string }[] = await m.query(
        `SELECT personal_id, full_name FROM registry.citizens
          WHERE date_of_birth = $1 AND (mother_personal_id = $2 OR father_personal_id = $3)`,
        [b.dateOfBirth, b.motherPersonalId ?? null, b.fatherPersonalId ?? null],
      );
      const same = existing.find((e) => namesMatch(e.full_name, b.fullName));
      if (same) return same.personal_id;

      const pending = DEMO_PENDING_BIRTHS.find(
        (p) => namesMatch(p.fullName, b.fullName) && p.dateOfBirth === b.dateOfBirth && (p.motherPersonalId === b.motherPersonalId || p.fatherPersonalId === b.fatherPersonalId),
      );
      let personalId = pending?.reservedPersonalId ?? null;
      if (!personalId || (await m.query('SELECT 1 FROM registry.citizens WHERE personal_id = $1', [personalId])).length) {
        const prefix = encodePersonalId(this.config.provinceCode, b.gender, Number(b.dateOfBirth.slice(0, 4)), 0).slice(0, 6);
        // Run-time numbers come from the reserved range above the demo citizens (9901xx…).
        const floor = `${prefix}${String(GENERATED_SERIAL_LIMIT + 100).padStart(6, '0')}`;
        const [{ max }] = await m.query('SELECT max(personal_id) AS max FROM registry.citizens WHERE personal_id >= $1 AND personal_id LIKE $2', [
          floor,
          prefixPattern(prefix),
        ]);
        const next = max ? Number(max.slice(6)) + 1 : GENERATED_SERIAL_LIMIT + 100;
        if (next > 999_999) throw new RegistryFailure('no personal ID serial left');
        personalId = `${prefix}${String(next).padStart(6, '0')}`;
      }
      const relationship = base.relationship_to_head === 'HEAD' || base.relationship_to_head === 'SPOUSE' ? 'CHILD' : base.relationship_to_head === 'CHILD' ? 'GRANDCHILD' : 'OTHER';
      const origin = father ?? base;
      await m.query(
        `INSERT INTO registry.citizens (personal_id, full_name, date_of_birth, gender, ethnicity, religion, hometown_code, hometown,
           permanent_address, permanent_commune_code, current_address, current_commune_code, household_id, relationship_to_head,
           father_personal_id, mother_personal_id, father_name, mother_name, marital_status)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'SINGLE')`,
        [
          personalId,
          b.fullName.normalize('NFC').replace(/\s+/g, ' ').trim(),
          b.dateOfBirth,
          b.gender,
          b.ethnicity ?? origin.ethnicity,
          origin.hometown_code,
          origin.hometown,
          base.permanent_address,
          base.permanent_commune_code,
          base.current_address,
          base.current_commune_code,
          base.household_id,
          relationship,
          father?.personal_id ?? null,
          mother?.personal_id ?? null,
          father?.full_name ?? b.fatherName ?? null,
          mother?.full_name ?? b.motherName ?? null,
        ],
      );
      return personalId;
    });
  }
}
