import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../identity/auth-user';

/**
 * Đánh giá mức độ hài lòng — the national portal's four-level scale. A citizen rates each of their
 * dossiers once, after the result was returned (status RETURNED), with an optional comment.
 * Satisfaction rate = (Rất hài lòng + Hài lòng) / all ratings; "Chấp nhận được" is neither
 * satisfied nor dissatisfied and stays in the denominator.
 */
export const SATISFACTION_SCALE = [
  { value: 4, key: 'VERY_SATISFIED', label: 'Rất hài lòng' },
  { value: 3, key: 'SATISFIED', label: 'Hài lòng' },
  { value: 2, key: 'ACCEPTABLE', label: 'Chấp nhận được' },
  { value: 1, key: 'DISSATISFIED', label: 'Không hài lòng' },
] as const;

export interface SatisfactionSummary {
  verySatisfied: number;
  satisfied: number;
  acceptable: number;
  dissatisfied: number;
  total: number;
  /** (very satisfied + satisfied) / total, null without ratings. */
  rate: number | null;
}

export function parseRating(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 4) return raw;
  if (typeof raw === 'string') {
    const byKey = SATISFACTION_SCALE.find((s) => s.key === raw);
    if (byKey) return byKey.value;
    if (/^[1-4]$/.test(raw)) return Number(raw);
  }
  return null;
}

@Injectable()
export class SatisfactionService {
  constructor(
    private readonly ds: DataSource,
    private readonly gate: DossierGate,
    private readonly dossiers: DossierRepository,
  ) {}

  /** Only the citizen who owns the dossier rates it (the gate: 404 for anyone else). */
  private async ownDossier(actor: AuthUser, code: string) {
    if (actor.role !== 'CITIZEN') throw new NotFoundException('Không tìm thấy hồ sơ');
    const access = await this.gate.read(actor, code, (c) => `Hồ sơ ${c}`);
    const d = (await this.dossiers.findById(access.id))!;
    return { id: d.id, code: d.code, status: d.status, agency_code: d.agencyCode, procedure_code: d.procedureCode, sector_code: d.sectorCode };
  }

  async get(actor: AuthUser, code: string) {
    const d = await this.ownDossier(actor, code);
    const [r] = await this.ds.query(`SELECT rating, comment, rated_at FROM satisfaction_ratings WHERE dossier_id = $1`, [d.id]);
    return {
      dossier: d,
      rating: r ? { rating: SATISFACTION_SCALE.find((s) => s.value === r.rating)!.key, value: r.rating as number, comment: r.comment as string | null, ratedAt: r.rated_at as Date } : null,
      canRate: d.status === 'RETURNED' && !r,
    };
  }

  async rate(actor: AuthUser, code: string, ratingRaw: unknown, commentRaw: unknown) {
    const rating = parseRating(ratingRaw);
    const comment = typeof commentRaw === 'string' && commentRaw.trim() !== '' ? commentRaw.trim() : null;
    const errors: { field: string; message: string }[] = [];
    if (rating === null) errors.push({ field: 'rating', message: 'Hãy chọn một mức đánh giá' });
    if (commentRaw !== undefined && commentRaw !== null && typeof commentRaw !== 'string') errors.push({ field: 'comment', message: 'Góp ý phải là văn bản' });
    if (comment && comment.length > 2000) errors.push({ field: 'comment', message: 'Góp ý tối đa 2000 ký tự' });
    const d = await this.ownDossier(actor, code);
    if (errors.length) throw new UnprocessableEntityException({ message: errors[0].message, details: errors });
    if (d.status !== 'RETURNED') throw new UnprocessableEntityException('Chỉ đánh giá được sau khi đã nhận kết quả');
    const inserted = await this.ds.query(
      `INSERT INTO satisfaction_ratings (dossier_id, dossier_code, agency_code, procedure_code, sector_code, rating, comment, citizen_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dossier_id) DO NOTHING RETURNING id`,
      [d.id, d.code, d.agency_code, d.procedure_code, d.sector_code, rating, comment, actor.id],
    );
    if (!inserted.length) throw new ConflictException('Hồ sơ này đã được đánh giá');
    return this.get(actor, code);
  }

  /** Ratings given in whole months `fromMonth`..`toMonth` (YYYY-MM-01), in the scope (null = all). */
  async summary(agencies: string[] | null, fromMonth: string, toMonth: string, groupBy?: 'agency' | 'sector'): Promise<Map<string, SatisfactionSummary>> {
    const params: unknown[] = [fromMonth, toMonth];
    let scope = '';
    if (agencies) {
      params.push(agencies);
      scope = 'AND agency_code = ANY($3::varchar[])';
    }
    const key = groupBy === 'agency' ? 'agency_code' : groupBy === 'sector' ? 'sector_code' : `'TOTAL'`;
    const rows: Record<string, string>[] = await this.ds.query(
      `SELECT ${key} AS key, SUM(very_satisfied)::bigint AS vs, SUM(satisfied)::bigint AS s, SUM(acceptable)::bigint AS a, SUM(dissatisfied)::bigint AS d
       FROM satisfaction_rollup WHERE month BETWEEN $1::date AND $2::date ${scope} GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.key, summaryOf(Number(r.vs), Number(r.s), Number(r.a), Number(r.d))]));
  }
}

export function summaryOf(vs: number, s: number, a: number, d: number): SatisfactionSummary {
  const total = vs + s + a + d;
  return { verySatisfied: vs, satisfied: s, acceptable: a, dissatisfied: d, total, rate: total ? Math.round(((vs + s) / total) * 10000) / 10000 : null };
}

export const EMPTY_SATISFACTION = summaryOf(0, 0, 0, 0);
