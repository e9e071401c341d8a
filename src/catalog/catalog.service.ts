import { Injectable, NotFoundException, Optional } from '@nestjs/common';
import { ReadReplica } from '../database/read-replica';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { pageParams, type Page } from '../common/pagination';
import { containsPattern } from '../common/sql-like';
import { foldText } from '../common/text';
import type { ProceduresQuery } from './dto/procedures.query';
import { Procedure } from './procedure.entity';
import { Sector } from './sector.entity';

export interface ProcedureSummary {
  code: string;
  name: string;
  sector: string;
  sectorName: string;
  level: string;
  processingTime: { value: number; unit: string };
  fee: { amount: number; description: string };
  onlineLevel: string;
}

export interface ProcedureDetail extends ProcedureSummary {
  version: number;
  receivingLevel: string;
  competentAgencyKind: string;
  legalBasis: string;
  result: string;
  requiresPrepayment: boolean;
  allowsOnBehalf: boolean;
  bundle: string | null;
  documents: { key: string; name: string; required: boolean }[];
  form: { fields: { key: string; label: string; type: string; required: boolean; prefill?: string }[] };
  steps: { key: string; name: string; role: string; share: number; level: string; agencyKind: string }[];
}

@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(Procedure) private readonly procedures: Repository<Procedure>,
    @InjectRepository(Sector) private readonly sectors: Repository<Sector>,
    /** Catalog lists read the replica when there is one (the catalog changes at deploy only). */
    @Optional() private readonly replica?: ReadReplica,
  ) {}

  private list<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    return this.replica ? this.replica.query<T>(sql, params) : this.procedures.query(sql, params);
  }

  /**
   * Accent- and case-insensitive, forgiving search: the folded query is matched against folded
   * names; exact and phrase matches first, then every word present, then trigram similarity
   * (typos), then how commonly the procedure is used.
   */
  async search(query: ProceduresQuery): Promise<Page<ProcedureSummary>> {
    const { page, pageSize, offset } = pageParams(query);
    const q = foldText(query.q ?? '');
    const words = q.split(' ').filter(Boolean).slice(0, 12);
    const params: unknown[] = [];
    const where: string[] = ['p.is_current'];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (query.level) where.push(`p.level = ${p(query.level)}`);
    if (query.sector) where.push(`p.sector_code = ${p(query.sector)}`);
    if (query.agencyKind) where.push(`p.competent_agency_kind = ${p(query.agencyKind)}`);
    if (query.onlineLevel) where.push(`p.online_level = ${p(query.onlineLevel)}`);
    let order = 'p.popularity DESC, p.name ASC';
    const raw = query.q?.trim() ?? '';
    if (!q && raw) {
      // Only punctuation ("%", "_", "\"): folding leaves nothing to search by, so match it literally
      // instead of returning the whole catalog.
      where.push(`(p.code = ${p(raw)} OR p.name ILIKE ${p(containsPattern(raw))})`);
    } else if (q) {
      const qp = p(q);
      const allWords = words.map((w) => `p.search_text LIKE ${p(containsPattern(w))}`).join(' AND ');
      const codeMatch = `p.code = ${p(raw)}`;
      where.push(`((${allWords}) OR similarity(p.search_text, ${qp}) > 0.35 OR ${codeMatch})`);
      order = `${codeMatch} DESC, (p.search_text = ${qp}) DESC, (position(${qp} in p.search_text) > 0) DESC,
        (${allWords}) DESC, similarity(p.search_text, ${qp}) DESC, p.popularity DESC, length(p.name) ASC`;
    }
    const rows = await this.list(
      `SELECT p.*, s.name AS sector_name, count(*) OVER () AS total_count
         FROM procedures p JOIN sectors s ON s.code = p.sector_code
        WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total_count) : 0;
    if (!rows.length && offset > 0) {
      const [c] = await this.list(
        `SELECT count(*)::int AS n FROM procedures p WHERE ${where.join(' AND ')}`,
        params,
      );
      total = c.n;
    }
    return { items: rows.map(rowToSummary), total, page, pageSize };
  }

  async get(code: string): Promise<ProcedureDetail> {
    const proc = await this.findCurrent(code);
    if (!proc) throw new NotFoundException('Không tìm thấy thủ tục hành chính');
    const sector = await this.sectors.findOneBy({ code: proc.sectorCode });
    return toDetail(proc, sector?.name ?? proc.sectorCode);
  }

  findCurrent(code: string): Promise<Procedure | null> {
    if (code.length > 40) return Promise.resolve(null);
    return this.procedures.findOneBy({ code, isCurrent: true });
  }

  findVersion(id: string): Promise<Procedure | null> {
    return this.procedures.findOneBy({ id });
  }

  async sectorsWithCounts(): Promise<{ code: string; name: string; count: number }[]> {
    return this.list(
      `SELECT s.code, s.name, count(p.id)::int AS count FROM sectors s
         JOIN procedures p ON p.sector_code = s.code AND p.is_current
        GROUP BY s.code, s.name ORDER BY count(p.id) DESC, s.name`,
    );
  }

  async mostUsed(limit = 8): Promise<ProcedureSummary[]> {
    const rows = await this.list(
      `SELECT p.*, s.name AS sector_name FROM procedures p JOIN sectors s ON s.code = p.sector_code
        WHERE p.is_current ORDER BY p.popularity DESC, p.name LIMIT $1`,
      [limit],
    );
    return rows.map(rowToSummary);
  }

  async agencyKinds(): Promise<string[]> {
    const rows = await this.list(
      'SELECT DISTINCT competent_agency_kind AS kind FROM procedures WHERE is_current ORDER BY 1',
    );
    return rows.map((r: { kind: string }) => r.kind);
  }

  async bundle(name: string): Promise<Procedure[]> {
    return this.procedures.find({ where: { bundle: name, isCurrent: true }, order: { level: 'DESC', code: 'ASC' } });
  }
}

function rowToSummary(r: Record<string, any>): ProcedureSummary {
  return {
    code: r.code,
    name: r.name,
    sector: r.sector_code,
    sectorName: r.sector_name,
    level: r.level,
    processingTime: { value: Number(r.processing_value), unit: r.processing_unit },
    fee: { amount: Number(r.fee_amount), description: r.fee_description },
    onlineLevel: r.online_level,
  };
}

export function toDetail(p: Procedure, sectorName: string): ProcedureDetail {
  return {
    code: p.code,
    name: p.name,
    sector: p.sectorCode,
    sectorName,
    level: p.level,
    processingTime: { value: p.processingValue, unit: p.processingUnit },
    fee: { amount: p.feeAmount, description: p.feeDescription },
    onlineLevel: p.onlineLevel,
    version: p.version,
    receivingLevel: p.receivingLevel,
    competentAgencyKind: p.competentAgencyKind,
    legalBasis: p.legalBasis,
    result: p.result,
    requiresPrepayment: p.requiresPrepayment,
    allowsOnBehalf: p.allowsOnBehalf,
    bundle: p.bundle,
    documents: p.documents.map((d) => ({ key: d.key, name: d.name, required: d.required })),
    form: {
      fields: p.form.fields.map((f) => ({
        key: f.key,
        label: f.label,
        type: f.type,
        required: f.required,
        ...(f.prefill ? { prefill: f.prefill } : {}),
      })),
    },
    steps: p.steps.map((s) => ({ key: s.key, name: s.name, role: s.role, share: s.share, level: s.level, agencyKind: s.agencyKind })),
  };
}
