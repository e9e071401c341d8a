import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { SEEDS_DIR } from '../config/paths';
import { foldText } from '../common/text';
import type { Seed } from '../database/seed-runner';
import { sha256 } from '../common/hash';
import type { UnitLevel } from '../units/administrative-unit.entity';
import type { DocumentRequirement, FormDefinition, OnlineLevel, ProcessingUnit, WorkflowStep } from './procedure.types';

const CATALOG_FILE = join(SEEDS_DIR, 'catalog', 'procedures.json');

/** One procedure as curated in seeds/catalog/procedures.json (built from the national database). */
export interface CatalogEntry {
  code: string;
  name: string;
  sector: { code: string; name: string };
  level: UnitLevel;
  receivingLevel: UnitLevel;
  competentAgencyKind: string;
  processingTime: { value: number; unit: ProcessingUnit };
  fee: { amount: number; description: string; perCopy?: boolean; exemptions?: string };
  documents: DocumentRequirement[];
  onlineLevel: OnlineLevel;
  legalBasis: string;
  result: string;
  requiresPrepayment: boolean;
  allowsOnBehalf: boolean;
  popularity: number;
  bundle?: string;
  form: FormDefinition;
  steps: WorkflowStep[];
}

export function readCatalog(): CatalogEntry[] {
  const entries = JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as CatalogEntry[];
  return entries.map((e) => ({ ...e, name: displayName(e.name) }));
}

/**
 * The national database often prefixes names with "Thủ tục" ("Thủ tục đăng ký khai sinh"); portals
 * show the procedure itself ("Đăng ký khai sinh").
 */
export function displayName(name: string): string {
  const m = /^Thủ tục\s+(.+)$/su.exec(name.trim());
  if (!m) return name.trim();
  return m[1].charAt(0).toLocaleUpperCase('vi') + m[1].slice(1);
}

export const catalogSeed: Seed = {
  key: 'catalog',
  checksum: () => readFileSync(CATALOG_FILE, 'utf8'),
  async run(manager: EntityManager, _config, log) {
    const entries = readCatalog();
    const sectors = new Map(entries.map((e) => [e.sector.code, e.sector.name]));
    for (const [code, name] of sectors) {
      await manager.query(
        `INSERT INTO sectors (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
        [code, name],
      );
    }
    let created = 0;
    let versioned = 0;
    for (const e of entries) {
      const contentHash = sha256(JSON.stringify(e));
      const [current] = await manager.query(
        'SELECT id, version, content_hash FROM procedures WHERE code = $1 AND is_current',
        [e.code],
      );
      if (current?.content_hash === contentHash) continue;
      // A changed entry becomes a new version; dossiers keep pointing at the version they were filed under.
      if (current) {
        await manager.query('UPDATE procedures SET is_current = false WHERE id = $1', [current.id]);
        versioned++;
      } else created++;
      await manager.query(
        `INSERT INTO procedures (code, version, is_current, name, search_text, sector_code, level, receiving_level,
           competent_agency_kind, processing_value, processing_unit, fee_amount, fee_description, fee_per_copy,
           fee_exemptions, online_level, legal_basis, result, documents, form, steps, requires_prepayment,
           allows_on_behalf, bundle, popularity, content_hash)
         VALUES ($1, $2, true, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)`,
        [
          e.code, (current?.version ?? 0) + 1, e.name, foldText(e.name), e.sector.code, e.level, e.receivingLevel ?? e.level,
          e.competentAgencyKind, e.processingTime.value, e.processingTime.unit, e.fee.amount, e.fee.description,
          e.fee.perCopy ?? false, e.fee.exemptions ?? null, e.onlineLevel, e.legalBasis, e.result,
          JSON.stringify(e.documents), JSON.stringify(e.form), JSON.stringify(e.steps), e.requiresPrepayment,
          e.allowsOnBehalf, e.bundle ?? null, e.popularity, contentHash,
        ],
      );
    }
    log(`  danh mục: ${entries.length} thủ tục (${created} mới, ${versioned} phiên bản mới), ${sectors.size} lĩnh vực`);
  },
};
