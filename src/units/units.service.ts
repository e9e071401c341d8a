import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdministrativeUnit, type UnitLevel } from './administrative-unit.entity';
import { Agency } from './agency.entity';

export interface UnitView {
  code: string;
  name: string;
  type: string;
  level: UnitLevel;
  parentCode: string | null;
}

export interface AgencyView {
  code: string;
  name: string;
  unitCode: string;
  level: UnitLevel;
  kind: string;
}

@Injectable()
export class UnitsService {
  private provinceCache: AdministrativeUnit | null = null;

  constructor(
    @InjectRepository(AdministrativeUnit) private readonly units: Repository<AdministrativeUnit>,
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async province(): Promise<AdministrativeUnit> {
    if (!this.provinceCache) {
      this.provinceCache = await this.units.findOneByOrFail({ code: this.config.provinceCode });
    }
    return this.provinceCache;
  }

  async listUnits(filter: { parentCode?: string; level?: UnitLevel }): Promise<UnitView[]> {
    const qb = this.units.createQueryBuilder('u').orderBy('u.code');
    if (filter.parentCode) qb.andWhere('u.parent_code = :p', { p: filter.parentCode });
    if (filter.level) qb.andWhere('u.level = :l', { l: filter.level });
    const rows = await qb.getMany();
    return rows.map(toUnitView);
  }

  async getUnit(code: string): Promise<AdministrativeUnit> {
    const unit = await this.units.findOneBy({ code });
    if (!unit) throw new NotFoundException('Không tìm thấy đơn vị hành chính');
    return unit;
  }

  async listAgencies(filter: { unitCode?: string; level?: UnitLevel }): Promise<AgencyView[]> {
    const qb = this.agencies.createQueryBuilder('a').orderBy('a.unit_code').addOrderBy('a.code');
    if (filter.unitCode) qb.andWhere('a.unit_code = :u', { u: filter.unitCode });
    if (filter.level) qb.andWhere('a.level = :l', { l: filter.level });
    return (await qb.getMany()).map(toAgencyView);
  }

  async getAgency(code: string): Promise<Agency> {
    const agency = await this.agencies.findOneBy({ code });
    if (!agency) throw new NotFoundException('Không tìm thấy cơ quan');
    return agency;
  }

  findAgency(code: string): Promise<Agency | null> {
    return this.agencies.findOneBy({ code });
  }

  /** The agency of a given kind at a unit (e.g. the JUSTICE desk of a commune). */
  agencyAt(unitCode: string, kind: string): Promise<Agency | null> {
    return this.agencies.findOneBy({ unitCode, kind });
  }

  /** Directory page: districts with their communes, and counts. */
  async directory() {
    const province = await this.province();
    const all = await this.units.find({ where: { provinceCode: province.code }, order: { code: 'ASC' } });
    const districts = all.filter((u) => u.level === 'DISTRICT');
    return {
      province,
      districts: districts.map((d) => ({
        ...d,
        communes: all.filter((c) => c.level === 'COMMUNE' && c.parentCode === d.code),
      })),
      communeCount: all.filter((u) => u.level === 'COMMUNE').length,
    };
  }
}

export function toUnitView(u: AdministrativeUnit): UnitView {
  return { code: u.code, name: u.name, type: u.type, level: u.level, parentCode: u.parentCode };
}

export function toAgencyView(a: Agency): AgencyView {
  return { code: a.code, name: a.name, unitCode: a.unitCode, level: a.level, kind: a.kind };
}
