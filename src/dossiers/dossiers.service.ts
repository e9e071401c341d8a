import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessLogService } from '../audit/access-log.service';
import type { Page } from '../common/pagination';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { toIsoLocal } from '../common/local-time';
import type { DossierStatus } from './dossier.types';
import { eventView, stageView, type DossierEventView, type DossierStageView } from './dossier-view';

export type { DossierEventView, DossierStageView } from './dossier-view';

/** GET /api/v1/dossiers/{code} (shared/API.md); optional fields are left out when empty. */
export interface DossierView {
  code: string;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  receivingAgencyCode: string;
  status: DossierStatus;
  version: number;
  channel: string;
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  originalDueAt?: string;
  pausedAt?: string;
  completedAt?: string;
  timeliness?: 'EARLY' | 'ON_TIME' | 'LATE';
  overdue: boolean;
  extensionCount: number;
  assigneeUserId?: string;
  currentStep?: string;
  currentStepDueAt?: string;
  applicantName: string;
  subjectName?: string;
  feeAmount: number;
  paymentStatus: string;
  bundleId?: string;
  registryNote?: string;
  data: Record<string, unknown>;
  prefill: Record<string, unknown>;
  documents: { documentKey: string; fileId: string; name: string; size: number; mimeType: string }[];
  events: DossierEventView[];
  stages: DossierStageView[];
}

export interface DossierSummary {
  code: string;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  status: DossierStatus;
  version: number;
  channel: string;
  submittedAt: string;
  dueAt?: string;
  completedAt?: string;
  applicantName: string;
  overdue: boolean;
  bundleId?: string;
}

export interface ListFilter {
  status?: DossierStatus;
  overdue?: boolean;
  procedureCode?: string;
  agencyCode?: string;
  bundleId?: string;
  page: number;
  pageSize: number;
}

const TERMINAL: DossierStatus[] = ['RETURNED', 'REFUSED', 'WITHDRAWN'];

/** Times as ISO 8601 with the Vietnam offset, as the workflow's action responses give them. */
function iso(v: unknown): string | undefined {
  return v ? toIsoLocal(new Date(v as string)) : undefined;
}

function opt<T>(k: string, v: T | null | undefined): Record<string, T> {
  return v === null || v === undefined ? {} : { [k]: v };
}

@Injectable()
export class DossiersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly policy: PolicyService,
    private readonly accessLog: AccessLogService,
  ) {}

  /** The dossier with its timeline, or 404 when it does not exist or the actor may not see it. Staff reads are logged. */
  async get(actor: AuthUser | undefined, code: string): Promise<DossierView> {
    const row = await this.findRow(code);
    if (!row) throw new NotFoundException('Không tìm thấy hồ sơ');
    await this.policy.assert(actor, 'dossier.read', {
      ref: `dossier:${row.code}`,
      agencyCode: row.agency_code,
      agencyCodes: await this.stageAgencies(row.id, row.receiving_agency_code),
      ownerUserId: row.applicant_user_id,
      ownerPersonalId: row.applicant_personal_id,
    });
    if (actor?.isStaff) {
      await this.accessLog.record({ staff: actor, citizenPersonalId: row.applicant_personal_id, what: `Hồ sơ ${row.code}`, dossierCode: row.code });
    }
    return this.toView(row);
  }

  /** For the citizen's own pages: only their dossier, else 404 (no policy call, no access log). */
  async getOwn(user: AuthUser, code: string): Promise<DossierView> {
    const row = await this.findRow(code);
    if (!row || row.applicant_user_id !== user.id) throw new NotFoundException('Không tìm thấy hồ sơ');
    return this.toView(row);
  }

  private async findRow(code: string): Promise<Record<string, any> | null> {
    if (typeof code !== 'string' || code.length > 48) return null;
    const [row] = await this.ds.query(
      `SELECT d.*, p.name AS procedure_name, a.name AS agency_name
         FROM dossiers d JOIN procedures p ON p.id = d.procedure_id LEFT JOIN agencies a ON a.code = d.agency_code
        WHERE d.code = $1`,
      [code],
    );
    return row ?? null;
  }

  private async stageAgencies(dossierId: string, receiving: string): Promise<string[]> {
    const rows: { agency_code: string }[] = await this.ds.query('SELECT DISTINCT agency_code FROM dossier_stages WHERE dossier_id = $1', [dossierId]);
    return [receiving, ...rows.map((r) => r.agency_code)];
  }

  private async toView(row: Record<string, any>): Promise<DossierView> {
    const [events, documents, stages] = await Promise.all([
      this.ds.query(
        `SELECT id, at, action, from_status, to_status, actor_name, actor_role, agency_code, reason, step_key, step_due_at
           FROM dossier_events WHERE dossier_id = $1 ORDER BY id`,
        [row.id],
      ),
      this.ds.query(
        `SELECT dd.document_key, f.id, f.name, f.size, f.mime_type FROM dossier_documents dd JOIN files f ON f.id = dd.file_id
          WHERE dd.dossier_id = $1 ORDER BY dd.id`,
        [row.id],
      ),
      this.ds.query('SELECT seq, agency_code, started_at, due_at, completed_at, timeliness FROM dossier_stages WHERE dossier_id = $1 ORDER BY seq', [row.id]),
    ]);
    const overdue =
      !!row.due_at && !row.completed_at && !row.paused_at && !TERMINAL.includes(row.status) && new Date(row.due_at).getTime() < Date.now();
    return {
      code: row.code,
      procedureCode: row.procedure_code,
      procedureName: row.procedure_name,
      agencyCode: row.agency_code,
      agencyName: row.agency_name ?? row.agency_code,
      receivingAgencyCode: row.receiving_agency_code,
      status: row.status,
      version: row.version,
      channel: row.channel,
      submittedAt: iso(row.submitted_at)!,
      ...opt('receivedAt', iso(row.received_at)),
      ...opt('dueAt', iso(row.due_at)),
      ...opt('originalDueAt', iso(row.original_due_at)),
      ...opt('pausedAt', iso(row.paused_at)),
      ...opt('completedAt', iso(row.completed_at)),
      ...opt('timeliness', row.timeliness),
      overdue,
      extensionCount: Number(row.extension_count ?? 0),
      ...opt('assigneeUserId', row.assignee_user_id),
      ...opt('currentStep', row.current_step),
      ...opt('currentStepDueAt', iso(row.current_step_due_at)),
      applicantName: row.applicant_name,
      ...opt('subjectName', row.subject_name),
      feeAmount: Number(row.fee_amount),
      paymentStatus: row.payment_status,
      ...opt('bundleId', row.bundle_id),
      ...opt('registryNote', row.registry_note),
      data: row.data,
      prefill: row.prefill,
      documents: documents.map((d: Record<string, any>) => ({
        documentKey: d.document_key,
        fileId: d.id,
        name: d.name,
        size: Number(d.size),
        mimeType: d.mime_type,
      })),
      events: events.map((e: Record<string, any>) => eventView(e, iso)),
      stages: stages.map((g: Record<string, any>) => stageView(g, iso, new Date())),
    } as DossierView;
  }

  /** A citizen's own dossiers, or a staff member's queue within their agency scope. */
  async list(actor: AuthUser, f: ListFilter): Promise<Page<DossierSummary>> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (actor.isStaff) {
      await this.policy.assert(actor, 'dossier.list', { ref: 'dossiers:list' });
      where.push(`d.agency_code = ANY(${p(await this.policy.visibleAgencyCodes(actor))}::varchar[])`);
    } else {
      where.push(`d.applicant_user_id = ${p(actor.id)}`);
    }
    if (f.status) where.push(`d.status = ${p(f.status)}`);
    if (f.procedureCode) where.push(`d.procedure_code = ${p(f.procedureCode)}`);
    if (f.agencyCode) where.push(`d.agency_code = ${p(f.agencyCode)}`);
    if (f.bundleId) where.push(`d.bundle_id = ${p(f.bundleId)}::uuid`);
    if (f.overdue === true) where.push(`d.due_at < now() AND d.completed_at IS NULL AND d.paused_at IS NULL AND d.status <> ALL(${p(TERMINAL)}::varchar[])`);
    if (f.overdue === false) where.push(`NOT (d.due_at IS NOT NULL AND d.due_at < now() AND d.completed_at IS NULL)`);
    const order = actor.isStaff ? 'd.due_at ASC NULLS LAST, d.submitted_at ASC' : 'd.submitted_at DESC';
    const offset = (f.page - 1) * f.pageSize;
    const rows = await this.ds.query(
      `SELECT d.code, d.procedure_code, p.name AS procedure_name, d.agency_code, a.name AS agency_name, d.status, d.version, d.channel,
              d.submitted_at, d.due_at, d.completed_at, d.applicant_name, d.bundle_id,
              (d.due_at < now() AND d.completed_at IS NULL AND d.paused_at IS NULL AND d.status <> ALL(ARRAY['RETURNED','REFUSED','WITHDRAWN'])) AS overdue,
              count(*) OVER () AS total_count
         FROM dossiers d JOIN procedures p ON p.id = d.procedure_id LEFT JOIN agencies a ON a.code = d.agency_code
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order}
        LIMIT ${f.pageSize} OFFSET ${offset}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total_count) : 0;
    if (!rows.length && offset > 0) {
      const [c] = await this.ds.query(`SELECT count(*)::int AS n FROM dossiers d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
      total = c.n;
    }
    return { items: rows.map(toSummary), total, page: f.page, pageSize: f.pageSize };
  }

  /** Public status lookup: code + last 4 digits of the applicant's ID; only code, procedure, status and due date. */
  async lookup(code: string, idLast4: string): Promise<{ code: string; procedureName: string; status: DossierStatus; dueAt: string | null }> {
    const notFound = new NotFoundException('Không tìm thấy hồ sơ với mã và 4 số cuối giấy tờ tùy thân đã nhập');
    if (typeof code !== 'string' || typeof idLast4 !== 'string' || code.length > 48 || !/^\d{4}$/.test(idLast4)) throw notFound;
    const [row] = await this.ds.query(
      `SELECT d.code, p.name AS procedure_name, d.status, d.due_at, d.applicant_personal_id
         FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.code = $1`,
      [code.trim().toUpperCase()],
    );
    if (!row || !String(row.applicant_personal_id).endsWith(idLast4)) throw notFound;
    return { code: row.code, procedureName: row.procedure_name, status: row.status, dueAt: iso(row.due_at) ?? null };
  }

  /** Dossiers created together by a life-event form, for the applicant. */
  async bundle(user: AuthUser, bundleId: string): Promise<DossierSummary[]> {
    if (!/^[0-9a-f-]{36}$/i.test(bundleId)) return [];
    return (await this.list(user, { bundleId, page: 1, pageSize: 20 })).items;
  }
}

function toSummary(r: Record<string, any>): DossierSummary {
  return {
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    agencyCode: r.agency_code,
    agencyName: r.agency_name ?? r.agency_code,
    status: r.status,
    version: r.version,
    channel: r.channel,
    submittedAt: iso(r.submitted_at)!,
    ...opt('dueAt', iso(r.due_at)),
    ...opt('completedAt', iso(r.completed_at)),
    applicantName: r.applicant_name,
    overdue: !!r.overdue,
    ...opt('bundleId', r.bundle_id),
  } as DossierSummary;
}
