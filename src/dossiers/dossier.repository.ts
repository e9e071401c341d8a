/**
 * The dossier tables' one owner: every read and write of `dossiers`, `dossier_events`,
 * `dossier_stages` and `dossier_documents` goes through this repository (Immich's repository
 * pattern), with rows typed and mapped once (dossier-rows.ts). Services hold the rules; this file
 * only talks to the database.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notEndedSql } from './dossier-rules';

export type ReportKey = 'agency' | 'procedure' | 'sector';

@Injectable()
export class DossierRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * For a report whose period ends after `now`: open dossiers of the scope that the day-grain rollups
   * count as overdue by the end of `toDay` but are not overdue yet at `now` (due later today or
   * on a later day of the period), per report key — the report subtracts them (overdue as of now).
   */
  async notYetOverdue(q: { key: ReportKey; now: Date; toDay: string; agencies: string[] | null; procedureCode?: string }): Promise<Map<string, number>> {
    const col = q.key === 'agency' ? 'd.agency_code' : q.key === 'procedure' ? 'd.procedure_code' : 'd.sector_code';
    const params: unknown[] = [q.now, q.toDay];
    const where = [
      'd.received_at IS NOT NULL',
      notEndedSql('d'),
      'd.due_at >= $1',
      `(d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $2::date`,
      'NOT (d.paused_at IS NOT NULL AND d.paused_at <= d.due_at)',
    ];
    if (q.agencies) where.push(`d.agency_code = ANY($${params.push(q.agencies)}::varchar[])`);
    if (q.procedureCode) where.push(`d.procedure_code = $${params.push(q.procedureCode)}`);
    const rows: { key: string; n: number }[] = await this.ds.query(
      `SELECT ${col} AS key, count(*)::int AS n FROM dossiers d WHERE ${where.join(' AND ')} GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  }
}
