import { Inject, Injectable, Optional } from '@nestjs/common';
import { CacheBus } from '../database/cache-bus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Procedure } from '../catalog/procedure.entity';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RegistryPerson } from '../registry/population-registry';
import type { UnitLevel } from '../units/administrative-unit.entity';

export interface AgencyRef {
  code: string;
  name: string;
  kind: string;
  level: UnitLevel;
  unitCode: string;
  districtCode: string | null;
  provinceCode: string;
}

interface UnitRef {
  code: string;
  level: UnitLevel;
  parentCode: string | null;
  provinceCode: string;
}

const CACHE_TTL_MS = 60_000;

/** The kind of agency that receives a procedure's dossiers: the first step's desk. */
export function receivingKind(proc: Pick<Procedure, 'steps' | 'competentAgencyKind'>): string {
  return proc.steps[0]?.agencyKind ?? proc.competentAgencyKind;
}

/**
 * Where a dossier is submitted: the agency of the first step's kind at the procedure's receiving
 * level, at the citizen's place of residence (commune, or its district) by default; a province-level
 * procedure goes to the province's agency. The citizen may choose another unit of the same level.
 */
@Injectable()
export class ReceivingAgencyService {
  private agencies = new Map<string, AgencyRef>();
  private units = new Map<string, UnitRef>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() bus?: CacheBus,
  ) {
    bus?.on('agencies', () => {
      this.loadedAt = 0;
    });
  }

  private async load(): Promise<void> {
    if (Date.now() - this.loadedAt < CACHE_TTL_MS && this.agencies.size) return;
    this.loading ??= (async () => {
      try {
        const [agencies, units] = await Promise.all([
          this.ds.query(`SELECT code, name, kind, level, unit_code, district_code, province_code FROM agencies WHERE province_code = $1`, [this.config.provinceCode]),
          this.ds.query(`SELECT code, level, parent_code, province_code FROM administrative_units WHERE province_code = $1`, [this.config.provinceCode]),
        ]);
        this.agencies = new Map(
          agencies.map((a: Record<string, string>) => [
            a.code,
            { code: a.code, name: a.name, kind: a.kind, level: a.level as UnitLevel, unitCode: a.unit_code, districtCode: a.district_code, provinceCode: a.province_code },
          ]),
        );
        this.units = new Map(
          units.map((u: Record<string, string>) => [u.code, { code: u.code, level: u.level as UnitLevel, parentCode: u.parent_code, provinceCode: u.province_code }]),
        );
        this.loadedAt = Date.now();
      } finally {
        this.loading = null;
      }
    })();
    await this.loading;
  }

  async get(code: string): Promise<AgencyRef | null> {
    await this.load();
    return this.agencies.get(code) ?? null;
  }

  /** Every agency that may receive this procedure's dossiers (for the form's choice). */
  async candidates(proc: Procedure): Promise<AgencyRef[]> {
    await this.load();
    const kind = receivingKind(proc);
    return [...this.agencies.values()]
      .filter((a) => a.kind === kind && a.level === proc.receivingLevel)
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  }

  /** The default from the registry address (current residence), or null when it cannot be derived. */
  async defaultFor(proc: Procedure, person: Pick<RegistryPerson, 'currentCommuneCode' | 'permanentCommuneCode'> | null): Promise<AgencyRef | null> {
    await this.load();
    const kind = receivingKind(proc);
    const level = proc.receivingLevel;
    let unitCode: string | null = null;
    if (level === 'PROVINCE') unitCode = this.config.provinceCode;
    else if (person) {
      const commune = this.units.get(person.currentCommuneCode) ?? this.units.get(person.permanentCommuneCode);
      if (commune) unitCode = level === 'COMMUNE' ? commune.code : commune.parentCode;
    }
    if (!unitCode) return null;
    for (const a of this.agencies.values()) if (a.unitCode === unitCode && a.kind === kind) return a;
    return null;
  }

  /** Checks a chosen agency: right kind, right level, this province. Returns a Vietnamese reason when not. */
  async check(proc: Procedure, code: string): Promise<{ agency: AgencyRef | null; problem: string | null }> {
    const agency = typeof code === 'string' && code.length <= 24 ? await this.get(code) : null;
    if (!agency) return { agency: null, problem: 'Cơ quan tiếp nhận không tồn tại' };
    if (agency.kind !== receivingKind(proc) || agency.level !== proc.receivingLevel) {
      return { agency: null, problem: 'Cơ quan đã chọn không tiếp nhận hồ sơ của thủ tục này' };
    }
    return { agency, problem: null };
  }
}
