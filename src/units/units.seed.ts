import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { SEEDS_DIR } from '../config/paths';
import { lowerFirstWord } from '../common/text';
import type { Seed } from '../database/seed-runner';
import type { UnitLevel } from './administrative-unit.entity';
import { AGENCY_KINDS, agencyCode } from './agency-kinds';

const UNITS_FILE = join(SEEDS_DIR, 'administrative-units.csv');

export interface UnitRow {
  code: string;
  name: string;
  type: string;
  level: UnitLevel;
  parentCode: string | null;
}

/** Every unit of the country, from the statistics office list copied into seeds/. */
export function readAllUnits(): UnitRow[] {
  const lines = readFileSync(UNITS_FILE, 'utf8').split(/\r?\n/).slice(1);
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [code, name, type, level, parent] = l.split(',');
      return { code, name, type, level: level as UnitLevel, parentCode: parent || null };
    });
}

/** The configured province and every district and commune under it. */
export function provinceUnits(provinceCode: string): UnitRow[] {
  const all = readAllUnits();
  const province = all.find((u) => u.code === provinceCode && u.level === 'PROVINCE');
  if (!province) throw new Error(`Không tìm thấy tỉnh có mã ${provinceCode} trong danh mục đơn vị hành chính`);
  const districts = all.filter((u) => u.level === 'DISTRICT' && u.parentCode === provinceCode);
  const districtCodes = new Set(districts.map((d) => d.code));
  const communes = all.filter((u) => u.level === 'COMMUNE' && u.parentCode !== null && districtCodes.has(u.parentCode));
  return [province, ...districts, ...communes];
}

async function upsertUnits(manager: EntityManager, provinceCode: string, units: UnitRow[]) {
  const rows = units.map((u) => ({
    ...u,
    provinceCode,
    districtCode: u.level === 'DISTRICT' ? u.code : u.level === 'COMMUNE' ? u.parentCode : null,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await manager.query(
      `INSERT INTO administrative_units (code, name, type, level, parent_code, province_code, district_code)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, level = EXCLUDED.level,
         parent_code = EXCLUDED.parent_code, province_code = EXCLUDED.province_code, district_code = EXCLUDED.district_code`,
      [
        chunk.map((r) => r.code),
        chunk.map((r) => r.name),
        chunk.map((r) => r.type),
        chunk.map((r) => r.level),
        chunk.map((r) => r.parentCode),
        chunk.map((r) => r.provinceCode),
        chunk.map((r) => r.districtCode),
      ],
    );
  }
}

/** People's Committees, departments, divisions and commune officers' desks for every unit. */
export function agenciesFor(provinceCode: string, units: UnitRow[]) {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const rows: {
    code: string; name: string; kind: string; level: UnitLevel; unitCode: string;
    districtCode: string | null; provinceCode: string; parentCode: string | null; oneStopDesk: boolean;
  }[] = [];
  for (const unit of units) {
    const unitName = lowerFirstWord(unit.name, unit.type);
    const committee = agencyCode(unit.code, 'UBND');
    const parentUnit = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
    const parentCommittee = parentUnit ? agencyCode(parentUnit.code, 'UBND') : null;
    for (const def of AGENCY_KINDS[unit.level]) {
      const code = agencyCode(unit.code, def.abbr);
      rows.push({
        code,
        name: `${def.name} ${unitName}`,
        kind: def.kind,
        level: unit.level,
        unitCode: unit.code,
        districtCode: unit.level === 'DISTRICT' ? unit.code : unit.level === 'COMMUNE' ? unit.parentCode : null,
        provinceCode,
        parentCode: def.kind === 'PEOPLES_COMMITTEE' ? parentCommittee : committee,
        oneStopDesk: def.oneStopDesk,
      });
    }
  }
  return rows;
}

export const unitsSeed: Seed = {
  key: 'units-and-agencies',
  checksum: () => readFileSync(UNITS_FILE, 'utf8') + JSON.stringify(AGENCY_KINDS),
  async run(manager: EntityManager, config: AppConfig, log) {
    const units = provinceUnits(config.provinceCode);
    await upsertUnits(manager, config.provinceCode, units);
    const agencies = agenciesFor(config.provinceCode, units);
    for (let i = 0; i < agencies.length; i += 500) {
      const chunk = agencies.slice(i, i + 500);
      await manager.query(
        `INSERT INTO agencies (code, name, kind, level, unit_code, district_code, province_code, parent_code, one_stop_desk)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::boolean[])
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, level = EXCLUDED.level,
           unit_code = EXCLUDED.unit_code, district_code = EXCLUDED.district_code, province_code = EXCLUDED.province_code,
           parent_code = EXCLUDED.parent_code, one_stop_desk = EXCLUDED.one_stop_desk`,
        [
          chunk.map((a) => a.code), chunk.map((a) => a.name), chunk.map((a) => a.kind), chunk.map((a) => a.level),
          chunk.map((a) => a.unitCode), chunk.map((a) => a.districtCode), chunk.map((a) => a.provinceCode),
          chunk.map((a) => a.parentCode), chunk.map((a) => a.oneStopDesk),
        ],
      );
    }
    log(`  ${units.length} đơn vị hành chính, ${agencies.length} cơ quan của tỉnh ${config.provinceCode}`);
  },
};
