/**
 * The dossier tables' queries over many dossiers: lists, queues, the dashboard's lists and
 * drill-down rows, report corrections, notification recipients. Part of the dossier core's one
 * ownership of these tables (with dossier.repository.ts); every "overdue" here is the SQL twin of
 * the one rule (dossier-rules.ts), evaluated at the instant the caller passes (the business clock).
 */
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../database/read-replica';
import { notEndedSql, OPEN_STATUSES, overdueSql } from './dossier-rules';
import { toDossierRow, type DossierRow } from './dossier-rows';
import type { DossierStatus } from './dossier.types';

export type ReportKey = 'agency' | 'procedure' | 'sector';

export interface ListQuery {
  /** A citizen's own… */
  applicantUserId?: string;
  /** …or the dossiers held now by these agencies. */
  agencies?: string[];
  status?: DossierStatus;
  overdue?: boolean;
  procedureCode?: string;
  agencyCode?: string;
  bundleId?: string;
  now: Date;
  order: 'due' | 'newest';
  page: number;
  pageSize: number;
}

@Injectable()
export class DossierListings {
  /** Report reads (dashboard, reports, open data, partner statistics): the read replica when there is one. */
  private readonly reads: Pick<DataSource, 'query'>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Optional() replica?: ReadReplica,
  ) {
    this.reads = replica ?? ds;
  }

  /** GET /api/v1/dossiers: a citizen's dossiers or a staff scope's, filtered, one page and the total. */
  async list(q: ListQuery): Promise<{ rows: DossierRow[]; total: number }> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (q.applicantUserId !== undefined) where.push(`d.applicant_user_id = ${p(q.applicantUserId)}`);
    if (q.agencies !== undefined) where.push(`d.agency_code = ANY(${p(q.agencies)}::varchar[])`);
    if (q.status) where.push(`d.status = ${p(q.status)}`);
    if (q.procedureCode) where.push(`d.procedure_code = ${p(q.procedureCode)}`);
    if (q.agencyCode) where.push(`d.agency_code = ${p(q.agencyCode)}`);
    if (q.bundleId) where.push(`d.bundle_id = ${p(q.bundleId)}::uuid`);
    if (q.overdue !== undefined) {
      const overdue = overdueSql('d', `${p(q.now)}::timestamptz`);
      where.push(q.overdue ? overdue : `NOT ${overdue}`);
    }
    const order = q.order === 'due' ? 'd.due_at ASC NULLS LAST, d.submitted_at ASC' : 'd.submitted_at DESC';
    const offset = (q.page - 1) * q.pageSize;
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.ds.query(
      `SELECT d.*, p.name AS procedure_name, COALESCE(a.name, d.agency_code) AS agency_name, count(*) OVER () AS total_count
         FROM dossiers d JOIN procedures p ON p.id = d.procedure_id LEFT JOIN agencies a ON a.code = d.agency_code
        ${whereSql}
        ORDER BY ${order}
        LIMIT ${q.pageSize} OFFSET ${offset}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total_count) : 0;
    if (!rows.length && offset > 0) {
      const [c] = await this.ds.query(`SELECT count(*)::int AS n FROM dossiers d ${whereSql}`, params);
      total = c.n;
    }
    return { rows: rows.map(toDossierRow), total };
  }

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
    const rows: { key: string; n: number }[] = await this.reads.query(
      `SELECT ${col} AS key, count(*)::int AS n FROM dossiers d WHERE ${where.join(' AND ')} GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  /** Per-agency figures of a period for the partner API: submitted, received, processing ended (on time / late). */
  async partnerStatistics(from: Date, to: Date, agencies: string[]) {
    const rows: { agency_code: string; submitted: number; received: number; completed: number; onTime: number; late: number }[] = await this.reads.query(
      `SELECT agency_code,
              count(*) FILTER (WHERE submitted_at >= $1 AND submitted_at < $2)::int AS submitted,
              count(*) FILTER (WHERE received_at >= $1 AND received_at < $2)::int AS received,
              count(*) FILTER (WHERE processing_ended_at >= $1 AND processing_ended_at < $2)::int AS completed,
              count(*) FILTER (WHERE processing_ended_at >= $1 AND processing_ended_at < $2 AND timeliness IN ('EARLY', 'ON_TIME'))::int AS "onTime",
              count(*) FILTER (WHERE processing_ended_at >= $1 AND processing_ended_at < $2 AND timeliness = 'LATE')::int AS late
         FROM dossiers WHERE agency_code = ANY($3::varchar[])
          AND (submitted_at < $2) AND (processing_ended_at IS NULL OR processing_ended_at >= $1)
        GROUP BY agency_code ORDER BY agency_code`,
      [from, to, agencies],
    );
    return rows.map((r) => ({ agencyCode: r.agency_code, submitted: r.submitted, received: r.received, completed: r.completed, onTime: r.onTime, late: r.late }));
  }

  /**
   * The dashboard's two lists, within a scope (null = everything): open dossiers overdue at `now`
   * (the one rule) and those due within one working day (`soon`) and not paused, most urgent first,
   * with who holds them and how many there are. Found on the (agency_code, status, due_at) index
   * within a scope, or province-wide on the partial index of open received dossiers by due time
   * (migration OpenDossiersDueIndex1796200100000: its predicate is the `received_at IS NOT NULL`
   * below and the rule's `processing_ended_at IS NULL`; `due_at < now` is implied by the rule and
   * lets either be used), names joined for the shown ones only.
   */
  async openLists(q: { agencies: string[] | null; now: Date; soon: Date; limit: number }) {
    const params: unknown[] = [[...OPEN_STATUSES], q.now, q.soon, q.limit];
    const scope = q.agencies ? `AND d.agency_code = ANY($${params.push(q.agencies)}::varchar[])` : '';
    const list = (cond: string) => `
      WITH hit AS (
        SELECT d.id, d.due_at, COUNT(*) OVER () AS total FROM dossiers d
        WHERE d.status = ANY($1) AND d.received_at IS NOT NULL AND ${cond} ${scope}
        ORDER BY d.due_at LIMIT $4)
      SELECT d.code, d.procedure_code AS "procedureCode", COALESCE(p.name, d.procedure_code) AS "procedureName", d.agency_code AS "agencyCode",
        a.name AS "agencyName", d.status, d.due_at AS "dueAt", d.current_step AS "currentStep", u.full_name AS "holderName", u.role AS "holderRole",
        hit.total AS "totalCount"
      FROM hit JOIN dossiers d ON d.id = hit.id
      LEFT JOIN agencies a ON a.code = d.agency_code
      LEFT JOIN users u ON u.id = d.assignee_user_id
      LEFT JOIN procedures p ON p.code = d.procedure_code AND p.is_current
      ORDER BY hit.due_at`;
    const [overdue, atRisk] = await Promise.all([
      this.reads.query(list(`d.due_at < $2 AND ${overdueSql('d', '$2::timestamptz')} AND $3::timestamptz IS NOT NULL`), params),
      this.reads.query(list(`d.due_at >= $2 AND d.due_at <= $3 AND d.paused_at IS NULL AND ${notEndedSql('d')}`), params),
    ]);
    return { overdue: overdue as Record<string, unknown>[], atRisk: atRisk as Record<string, unknown>[] };
  }

  /**
   * Report drill-down rows: dossiers of one procedure in the scope whose processing ran at some time
   * in [from, to) — received before `to`, not ended before `from` — newest reception first.
   */
  async drillDown(q: { procedureCode: string; from: Date; to: Date; agencies: string[] | null; now: Date; limit: number; offset: number }) {
    const params: unknown[] = [q.procedureCode, q.from, q.to, q.limit, q.offset, q.now];
    const scope = q.agencies ? `AND d.agency_code = ANY($${params.push(q.agencies)}::varchar[])` : '';
    return (await this.reads.query(
      `SELECT d.code, d.status, d.channel, d.received_at AS "receivedAt", d.due_at AS "dueAt",
              COALESCE(d.processing_ended_at, d.completed_at) AS "completedAt", d.timeliness,
              d.agency_code AS "agencyCode", a.name AS "agencyName", u.full_name AS "holderName",
              ${overdueSql('d', '$6::timestamptz')} AS overdue
       FROM dossiers d LEFT JOIN agencies a ON a.code = d.agency_code LEFT JOIN users u ON u.id = d.assignee_user_id
       WHERE d.procedure_code = $1 AND d.received_at < $3 AND (COALESCE(d.processing_ended_at, d.completed_at) IS NULL OR COALESCE(d.processing_ended_at, d.completed_at) >= $2) ${scope}
       ORDER BY d.received_at DESC LIMIT $4 OFFSET $5`,
      params,
    )) as Record<string, unknown>[];
  }

  /**
   * A staff inbox: an agency's dossiers in the given statuses, most urgent first (due time, then
   * submission). Top-N per (status, has a due date) part, each read in index order of (agency_code,
   * status, due_at), then merged: the order of one ORDER BY over the whole queue without sorting it.
   */
  async queue(q: {
    agencyCode: string;
    statuses: readonly DossierStatus[];
    procedureCode?: string;
    overdue: boolean;
    dueSoonUntil: Date | null;
    assigneeUserId?: string;
    /** A specialist's inbox: the dossiers assigned to them come first (each part, then the merge, in that order). */
    mineFirstUserId?: string;
    now: Date;
    page: number;
    pageSize: number;
  }): Promise<{ rows: any[]; total: number }> {
    const params: unknown[] = [q.agencyCode];
    const p = (v: unknown) => `$${params.push(v)}`;
    let nowRef: string | null = null;
    const now = () => (nowRef ??= `${p(q.now)}::timestamptz`);
    const where = ['d.agency_code = $1'];
    if (q.procedureCode) where.push(`d.procedure_code = ${p(q.procedureCode)}`);
    if (q.overdue) where.push(`d.due_at < ${now()} AND ${overdueSql('d', now())}`);
    if (q.dueSoonUntil) where.push(`d.due_at >= ${now()} AND d.due_at <= ${p(q.dueSoonUntil)} AND d.paused_at IS NULL AND ${notEndedSql('d')}`);
    if (q.assigneeUserId) where.push(`d.assignee_user_id = ${p(q.assigneeUserId)}`);
    const cols = `d.code, d.version, d.procedure_code, d.applicant_name, d.status, d.submitted_at, d.due_at, d.paused_at, d.processing_ended_at, d.procedure_id, d.assignee_user_id`;
    const k = q.page * q.pageSize;
    const countParams = [...params, q.statuses];
    const countWhere = [...where, `d.status = ANY($${countParams.length}::varchar[])`];
    const me = q.mineFirstUserId ? p(q.mineFirstUserId) : null;
    const mine = (t: string) => (me ? `COALESCE(${t}.assignee_user_id = ${me}::uuid, false) DESC, ` : '');
    const parts = q.statuses.flatMap((st) => {
      const sp = p(st);
      return [
        `(SELECT ${cols} FROM dossiers d WHERE ${[...where, `d.status = ${sp}`, 'd.due_at IS NULL'].join(' AND ')} ORDER BY ${mine('d')}d.submitted_at ASC LIMIT ${k})`,
        `(SELECT ${cols} FROM dossiers d WHERE ${[...where, `d.status = ${sp}`, 'd.due_at IS NOT NULL'].join(' AND ')} ORDER BY ${mine('d')}d.due_at ASC, d.submitted_at ASC LIMIT ${k})`,
      ];
    });
    const sql = `SELECT * FROM (${parts.join(' UNION ALL ')}) q
                  ORDER BY ${mine('q')}q.due_at ASC NULLS FIRST, q.submitted_at ASC
                  LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
    const [rows, [{ n }]] = await Promise.all([
      this.ds.query(sql, params),
      this.ds.query(`SELECT count(*)::int AS n FROM dossiers d WHERE ${countWhere.join(' AND ')}`, countParams),
    ]);
    return { rows, total: n };
  }

  /** Open dossiers (clock running, not paused) due in (now, until], soonest first — candidates for a due-soon reminder. */
  async dueWithin(now: Date, until: Date, limit: number): Promise<{ code: string; dueAt: Date }[]> {
    const rows: { code: string; due_at: Date }[] = await this.ds.query(
      `SELECT d.code, d.due_at FROM dossiers d
        WHERE d.status = ANY($4::varchar[]) AND d.paused_at IS NULL AND ${notEndedSql('d')}
          AND d.due_at > $1 AND d.due_at <= $2
        ORDER BY d.due_at LIMIT $3`,
      [now, until, limit, OPEN_STATUSES.filter((s) => s !== 'SUPPLEMENT_REQUESTED')],
    );
    return rows.map((r) => ({ code: r.code, dueAt: new Date(r.due_at) }));
  }

  /** How many dossiers received in [from, to) carry at least one electronic document (digitisation). */
  async receivedWithDocuments(from: Date, to: Date): Promise<{ n: number }[]> {
    return this.reads.query(
      `SELECT count(*)::int AS n FROM dossiers d
        WHERE d.received_at >= $1 AND d.received_at < $2 AND EXISTS (SELECT 1 FROM dossier_documents dd WHERE dd.dossier_id = d.id)`,
      [from, to],
    );
  }
}
