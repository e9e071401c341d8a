import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DOSSIER_READ, DossiersService } from '../dossiers/dossiers.service';
import type { AuthUser } from '../identity/auth-user';
import { CalendarService } from '../calendar/calendar.service';
import { describeLocal } from '../calendar/working-calendar';
import { availableActions, latestApologyAt, statusLabel } from './dossier-state-machine';
import { describeFormData, viAction, viAgency } from '../common/vi-labels';
import { QueueService } from './queue.service';

const SLIPS: Record<string, { kind: string; label: string }[]> = {
  receive: [{ kind: 'tiep-nhan', label: 'Giấy tiếp nhận và hẹn trả kết quả' }],
  'request-supplement': [{ kind: 'yeu-cau-bo-sung', label: 'Phiếu yêu cầu bổ sung' }],
  refuse: [{ kind: 'tu-choi', label: 'Phiếu từ chối tiếp nhận' }],
  extend: [{ kind: 'xin-loi', label: 'Phiếu xin lỗi và hẹn lại' }],
};

/** View model of the staff dossier page: data, documents, timeline, stages, slips and the actions the caller may take. */
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
  ) {}

  async page(user: AuthUser, code: string) {
    const access = await this.gate.read(user, code, DOSSIER_READ);
    const row = (await this.repo.findById(access.id))!;
    const v = await this.dossiers.view(row.code);
    const [proc] = await this.ds.query(`SELECT form, documents, steps FROM procedures WHERE id = $1`, [row.procedureId]);
    const data = describeFormData(proc?.form?.fields, row.data);
    const docNames = new Map<string, string>((proc?.documents ?? []).map((d: { key: string; name: string }) => [d.key, d.name]));
    const mayAct = user.role !== 'MANAGER' && user.agencyCode === row.agencyCode;
    const actions = mayAct ? availableActions(row.status, user.role).map((r) => ({ action: r.action, label: r.label })) : [];
    const has = (a: string) => actions.some((x) => x.action === a);
    const agencies = has('transfer') ? await this.transferTargets(row.agencyCode, row.receivingAgencyCode) : [];
    const actionsDone = new Set(v.events.map((e) => e.action));
    const slips = Object.entries(SLIPS).filter(([a]) => actionsDone.has(a)).flatMap(([, s]) => s);
    if (v.receivedAt) slips.push({ kind: 'kiem-soat', label: 'Phiếu kiểm soát quá trình giải quyết' });
    const now = this.clock.now();
    let banner: string | null = null;
    if (v.overdue) banner = 'Hồ sơ đã quá hạn giải quyết.';
    else if (v.pausedAt) banner = 'Hồ sơ đang tạm dừng tính thời gian, chờ công dân bổ sung.';
    else if (v.dueAt && !v.completedAt && Date.parse(v.dueAt) - now.getTime() < 24 * 3_600_000 && v.status !== 'RESULT_READY') banner = 'Hồ sơ sắp đến hạn trả kết quả.';
    const stepName = new Map<string, string>((proc?.steps ?? []).map((x: { key: string; name: string }) => [x.key, x.name]));
    // The apology form says by when it may still be sent (the guard's own rule, Thông tư 01/2018 Điều 12).
    const cal = has('extend') && v.dueAt ? await this.calendar.calendar() : null;
    const apology = cal && v.dueAt
      ? { latest: describeLocal(latestApologyAt(new Date(v.dueAt), cal)), workingHours: cal.describeWorkingHours() }
      : null;
    const receiveEvent = v.events.find((e) => e.action === 'receive');
    return {
      title: `Hồ sơ ${v.code}`,
      d: { ...v, statusLabel: statusLabel(v.status), currentStepName: v.currentStep ? stepName.get(v.currentStep) ?? v.currentStep : null },
      dueExplanation: receiveEvent?.data?.dueExplanation ?? null,
      data,
      documents: v.documents.map((x) => ({ document_key: x.documentKey, id: x.fileId, name: x.name, size: x.size, documentName: docNames.get(x.documentKey) ?? x.documentKey })),
      events: v.events.map((e) => ({ ...e, actionLabel: viAction(e.action), toLabel: statusLabel(e.toStatus), agencyName: viAgency(e.agencyCode), stepName: e.stepKey ? stepName.get(e.stepKey) ?? e.stepKey : null })),
      stages: v.stages,
      actions,
      has: Object.fromEntries(actions.map((a) => [a.action.replace(/-/g, '_'), true])),
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
