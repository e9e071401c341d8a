import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DOSSIER_READ, DossiersService } from '../dossiers/dossiers.service';
import type { AuthUser } from '../identity/auth-user';
import { CalendarService } from '../calendar/calendar.service';
import { describeLocal } from '../calendar/working-calendar';
import type { DocumentRequirement, FormDefinition, WorkflowStep } from '../catalog/procedure.types';
import { availableActions, latestApologyAt, ruleFor, statusLabel } from './dossier-state-machine';
import { describeData } from './dossier-fields';
import { CALENDAR_SHIFT_ACTION, CALENDAR_SHIFT_LABEL } from './holiday-shift';
import { QueueService, remainingTime } from './queue.service';
import { ResultIssuer } from './result-issuer';
import { ACTION_FORMS, groupActions } from './staff-actions';

const SLIPS: Record<string, { kind: string; label: string }[]> = {
  receive: [{ kind: 'tiep-nhan', label: 'Giấy tiếp nhận và hẹn trả kết quả' }],
  'request-supplement': [{ kind: 'yeu-cau-bo-sung', label: 'Phiếu yêu cầu bổ sung' }],
  refuse: [{ kind: 'tu-choi', label: 'Phiếu từ chối tiếp nhận' }],
  extend: [{ kind: 'xin-loi', label: 'Phiếu xin lỗi và hẹn lại' }],
};

/** While a result is being prepared or awaits approval, its draft can be previewed. */
const PREVIEW_STATUSES = new Set(['IN_PROGRESS', 'PENDING_APPROVAL']);

interface ProcedureParts {
  name: string;
  result: string;
  legal_basis: string | null;
  form: FormDefinition | null;
  documents: DocumentRequirement[] | null;
  steps: WorkflowStep[] | null;
}

const sizeText = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const viewerOf = (mime: string) => (mime === 'application/pdf' ? 'pdf' : mime.startsWith('image/') ? 'image' : null);

/**
 * View model of the staff dossier page, in the order of the work: summary and deadline, the
 * applicant's data, the documents under their required-document names (with an inline viewer),
 * the timeline, then the actions this role may take now, grouped, the primary one first.
 */
@Injectable()
export class StaffDossierService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly gate: DossierGate,
    private readonly repo: DossierRepository,
    private readonly dossiers: DossiersService,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly results: ResultIssuer,
  ) {}

  async page(user: AuthUser, code: string) {
    const access = await this.gate.read(user, code, DOSSIER_READ);
    const row = (await this.repo.findById(access.id))!;
    const v = await this.dossiers.view(row.code);
    const proc = await this.procedure(row.procedureId);
    const mayAct = user.role !== 'MANAGER' && user.agencyCode === row.agencyCode;
    const actions = mayAct ? availableActions(row.status, user.role).map((r) => ({ action: r.action, label: r.label })) : [];
    const has = (a: string) => actions.some((x) => x.action === a);
    const agencies = has('transfer') ? await this.transferTargets(row.agencyCode, row.receivingAgencyCode) : [];
    const actionsDone = new Set(v.events.map((e) => e.action));
    const slips = Object.entries(SLIPS).filter(([a]) => actionsDone.has(a)).flatMap(([, s]) => s);
    if (v.receivedAt) slips.push({ kind: 'kiem-soat', label: 'Phiếu kiểm soát quá trình giải quyết' });
    const now = this.clock.now();
    const cal = await this.calendar.calendar();
    let banner: string | null = null;
    if (v.overdue) banner = 'Hồ sơ đã quá hạn giải quyết.';
    else if (v.pausedAt) banner = 'Hồ sơ đang tạm dừng tính thời gian, chờ công dân bổ sung.';
    else if (v.dueAt && !v.completedAt && Date.parse(v.dueAt) - now.getTime() < 24 * 3_600_000 && v.status !== 'RESULT_READY') banner = 'Hồ sơ sắp đến hạn trả kết quả.';
    const stepName = new Map<string, string>((proc.steps ?? []).map((x) => [x.key, x.name]));
    // The apology form says by when it may still be sent (the guard's own rule, Thông tư 01/2018 Điều 12).
    const apology = has('extend') && v.dueAt ? { latest: describeLocal(latestApologyAt(new Date(v.dueAt), cal)), workingHours: cal.describeWorkingHours() } : null;
    const receiveEvent = v.events.find((e) => e.action === 'receive');
    const proposal = [...v.events].reverse().find((e) => e.action === 'propose');
    const names = await this.names([row.receivingAgencyCode, ...v.stages.map((s) => s.agencyCode), ...v.events.map((e) => e.agencyCode ?? '')], row.assigneeUserId);
    const remaining = remainingTime({ status: row.status, dueAt: row.dueAt, pausedAt: row.pausedAt, processingEndedAt: row.processingEndedAt }, now, cal);
    const groups = groupActions(actions);
    return {
      title: `Hồ sơ ${v.code}`,
      d: {
        ...v,
        statusLabel: statusLabel(v.status),
        currentStepName: v.currentStep ? stepName.get(v.currentStep) ?? 'Bước xử lý' : null,
        receivingAgencyName: names.agency.get(row.receivingAgencyCode) ?? v.receivingAgencyCode,
        assigneeName: names.assignee,
        remainingText: remaining.remainingText,
        dueClass: remaining.dueClass,
      },
      dueExplanation: receiveEvent?.data?.dueExplanation ?? null,
      proposal: proposal ? { actor: proposal.actor, at: proposal.at, opinion: proposal.reason ?? null } : null,
      data: describeData(proc.form?.fields, row.data, { otherLabel: 'Thông tin khác' }),
      documentGroups: this.documentGroups(proc.documents ?? [], v.documents),
      events: v.events.map((e) => ({
        ...e,
        actionLabel: e.action === 'submit' ? 'Nộp hồ sơ' : e.action === CALENDAR_SHIFT_ACTION ? CALENDAR_SHIFT_LABEL : ruleFor(e.action)?.label ?? 'Cập nhật hồ sơ',
        toLabel: statusLabel(e.toStatus),
        agencyName: e.agencyCode ? names.agency.get(e.agencyCode) ?? e.agencyCode : null,
        reasonLabel: ACTION_FORMS[e.action]?.timelineLabel ?? 'Lý do',
        reason: e.reason?.replace(/[.\s]+$/, ''),
        stepName: e.stepKey ? stepName.get(e.stepKey) ?? 'bước tiếp theo' : null,
      })),
      stages: v.stages.map((s) => ({ ...s, agencyName: names.agency.get(s.agencyCode) ?? s.agencyCode })),
      actions,
      actionGroups: groups,
      preview: PREVIEW_STATUSES.has(row.status) ? { url: `/can-bo/ho-so/${encodeURIComponent(v.code)}/ban-xem-truoc.pdf`, inline: has('approve') } : null,
      specialists: has('assign') ? await this.queue.specialists(row.agencyCode) : [],
      agencies,
      apology,
      slips,
      banner,
      staffBanner: banner,
      form: {},
      errors: [],
    };
  }

  /** The draft result, unsigned and marked, for staff who may read the dossier (the same gate, the read logged). */
  async previewPdf(user: AuthUser, code: string): Promise<{ code: string; pdf: Buffer }> {
    const access = await this.gate.read(user, code, (c) => `Bản xem trước kết quả hồ sơ ${c}`);
    const row = (await this.repo.findById(access.id))!;
    if (!PREVIEW_STATUSES.has(row.status)) throw new NotFoundException('Hồ sơ chưa có hoặc không còn dự thảo kết quả để xem trước');
    const proc = await this.procedure(row.procedureId);
    const signer = user.role === 'LEADER' ? user.fullName : 'Lãnh đạo cơ quan';
    return { code: row.code, pdf: await this.results.preview(row, proc, signer, this.clock.now()) };
  }

  private async procedure(id: string): Promise<ProcedureParts> {
    const [p] = await this.ds.query(`SELECT name, result, legal_basis, form, documents, steps FROM procedures WHERE id = $1`, [id]);
    return (p ?? { name: '', result: '', legal_basis: null, form: null, documents: [], steps: [] }) as ProcedureParts;
  }

  /** Files under the procedure's required-document names, in the catalog's order; a required one without a file is shown missing. */
  private documentGroups(required: DocumentRequirement[], files: { documentKey: string; fileId: string; name: string; size: number; mimeType: string }[]) {
    const known = new Set(required.map((r) => r.key));
    const view = (f: (typeof files)[number]) => ({ id: f.fileId, name: f.name, sizeText: sizeText(f.size), viewer: viewerOf(f.mimeType) });
    const groups = required
      .map((r) => ({ name: r.name, required: r.required, files: files.filter((f) => f.documentKey === r.key).map(view) }))
      .filter((g) => g.required || g.files.length);
    const other = files.filter((f) => !known.has(f.documentKey)).map(view);
    if (other.length) groups.push({ name: 'Giấy tờ khác', required: false, files: other });
    return groups;
  }

  private async names(agencyCodes: string[], assigneeId: string | null): Promise<{ agency: Map<string, string>; assignee: string | null }> {
    const codes = [...new Set(agencyCodes.filter(Boolean))];
    const [agencies, [assignee]] = await Promise.all([
      codes.length ? this.ds.query(`SELECT code, name FROM agencies WHERE code = ANY($1::varchar[])`, [codes]) : [],
      assigneeId ? this.ds.query(`SELECT full_name FROM users WHERE id = $1`, [assigneeId]) : [],
    ]);
    return { agency: new Map(agencies.map((a: { code: string; name: string }) => [a.code, a.name])), assignee: assignee?.full_name ?? null };
  }

  /** Agencies a dossier may go to: other kinds at the same unit, the district's and the province's agencies, and back to the receiver. */
  private async transferTargets(current: string, receiving: string): Promise<{ code: string; name: string }[]> {
    return this.ds.query(
      `WITH cur AS (SELECT unit_code, district_code, province_code FROM agencies WHERE code = $1)
       SELECT a.code, a.name FROM agencies a, cur
        WHERE a.code <> $1 AND (a.code = $2 OR a.unit_code = cur.unit_code OR a.unit_code = cur.district_code
              OR (a.level = 'PROVINCE' AND a.province_code = cur.province_code)
              OR (a.level = 'DISTRICT' AND a.district_code = cur.district_code))
        ORDER BY a.level DESC, a.code LIMIT 200`,
      [current, receiving],
    );
  }
}
