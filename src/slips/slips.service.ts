import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { viAgency, viDateTime } from '../common/vi-labels';
import type { AuthUser } from '../identity/auth-user';
import { Clock } from '../common/clock';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { classify, TIMELINESS_LABELS } from '../dossiers/dossier-rules';
import type { DossierView } from '../dossiers/dossier-view';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DossiersService } from '../dossiers/dossiers.service';
import { formatHours } from '../workflow/queue.service';
import type { WorkflowStep } from '../catalog/procedure.types';
import { fill, SLIP_TEMPLATES, templateFor, type SlipKind } from '../documents/slip-templates';
import type { PrintableDocument } from '../documents/printable';
import { citedLegalBasis } from '../documents/result-templates';

const KINDS = new Set(SLIP_TEMPLATES.filter((t) => t.key !== 'ket-qua').map((t) => t.key));
/** Dates and codes on slips are said by the one vocabulary (src/common/vi-labels.ts). */
const fmt = (iso?: string | Date | null) => viDateTime(iso) || '—';

/** Slips (phiếu) built from the dossier's events with the template version in force when the event happened. */
@Injectable()
export class SlipsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly gate: DossierGate,
    private readonly repo: DossierRepository,
    private readonly dossiers: DossiersService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async build(user: AuthUser | undefined, code: string, kindRaw: string): Promise<PrintableDocument> {
    if (!KINDS.has(kindRaw as SlipKind)) throw new NotFoundException('Không có loại phiếu này');
    const kind = kindRaw as SlipKind;
    const tplProbe = templateFor(kind);
    const access = await this.gate.authorize(user, code, 'dossier.read');
    const row = (await this.repo.findById(access.id))!;
    const v = await this.dossiers.view(row.code);
    const event = tplProbe.event ? [...v.events].reverse().find((e) => e.action === tplProbe.event) : undefined;
    if (tplProbe.event && !event) throw new NotFoundException('Hồ sơ chưa có thao tác tương ứng với phiếu này');
    // The slip exists: its read is logged for the citizen (the gate's log).
    await this.gate.logRead(user, access, (c) => `${tplProbe.title} — hồ sơ ${c}`);
    const when = event ? new Date(event.at) : new Date(v.receivedAt ?? v.submittedAt);
    const t = templateFor(kind, when);
    const issuingAgency = event?.agencyCode ?? v.agencyCode;
    const [agency] = await this.ds.query(
      `SELECT a.name, a.address, p.name AS parent_name, u.name AS unit_name FROM agencies a
         LEFT JOIN agencies p ON p.code = a.parent_code LEFT JOIN administrative_units u ON u.code = a.unit_code WHERE a.code = $1`,
      [issuingAgency],
    );
    const [receiving] = await this.ds.query(`SELECT name, address FROM agencies WHERE code = $1`, [v.receivingAgencyCode]);
    const [proc] = await this.ds.query(
      `SELECT name, legal_basis, processing_value, processing_unit, documents, steps FROM procedures WHERE id = $1`,
      [row.procedureId],
    );
    const [contact] = row.applicantUserId ? await this.ds.query(`SELECT phone, email FROM users WHERE id = $1`, [row.applicantUserId]) : [];
    const docs = [...new Set(v.documents.map((d) => d.documentKey))];
    const docName = new Map<string, string>((proc?.documents ?? []).map((d: { key: string; name: string }) => [d.key, d.name]));
    const receiveEvent = v.events.find((e) => e.action === 'receive');
    const vars: Record<string, string> = {
      code: v.code,
      applicantName: v.applicantName,
      applicantPersonalId: row.applicantPersonalId,
      procedureName: proc?.name ?? v.procedureCode,
      agencyName: agency?.name ?? issuingAgency,
      receivingAgencyName: receiving?.name ?? v.receivingAgencyCode,
      contact: [contact?.phone, contact?.email].filter(Boolean).join(' / ') || '—',
      documents: docs.length ? docs.map((k) => docName.get(k) ?? k).join('; ') : 'Theo danh mục thành phần hồ sơ của thủ tục',
      processingTime: `${Number(proc?.processing_value)} ${proc?.processing_unit === 'WORKING_HOUR' ? 'giờ làm việc' : 'ngày làm việc'}`,
      receivedAt: fmt(v.receivedAt),
      dueAt: fmt(receiveEvent && kind === 'tiep-nhan' ? (v.originalDueAt ?? v.dueAt) : v.dueAt),
      dueExplanation: String(receiveEvent?.data?.dueExplanation ?? '—'),
      returnPlace: receiving?.name ?? v.receivingAgencyCode,
      eventReason: event?.reason ?? '—',
      pauseNote: event?.data?.paused ? 'Thời gian giải quyết hồ sơ tạm dừng kể từ ngày ký phiếu này cho đến khi nhận đủ hồ sơ bổ sung.' : 'Hồ sơ chưa được tiếp nhận; thời hạn giải quyết tính từ khi tiếp nhận hồ sơ đầy đủ.',
      legalBasis: citedLegalBasis(proc?.legal_basis),
      previousDueAt: fmt(String(event?.data?.previousDueAt ?? v.originalDueAt ?? '')),
      newDueAt: fmt(String(event?.data?.newDueAt ?? v.dueAt ?? '')),
      timelinessText: v.timeliness ? TIMELINESS_LABELS[v.timeliness] : v.overdue ? 'Đang quá hạn' : 'Đang giải quyết',
    };
    const doc: PrintableDocument = {
      parentName: agency?.parent_name ?? agency?.unit_name ?? 'Ủy ban nhân dân',
      agencyName: agency?.name ?? issuingAgency,
      formNo: t.formNo,
      title: t.title,
      reference: `${v.code}/${t.symbol}`,
      paragraphs: t.paragraphs.map((p) => ({ label: p.label, text: fill(p.text, vars) })).filter((p) => p.text.trim() !== ''),
      placeAndDate: `${agency?.unit_name ?? ''}, ${fmt(when)}`,
      signer: { title: t.signerTitle, name: event?.actor },
      footer: t.footer,
      template: { key: t.key, version: t.version, validFrom: t.validFrom },
    };
    if (kind === 'kiem-soat') doc.table = await this.controlTable(v, (proc?.steps ?? []) as WorkflowStep[], Number(proc?.processing_value), proc?.processing_unit);
    return doc;
  }

  /** The signed result of a dossier for its applicant (or staff who may read the dossier). */
  async result(user: AuthUser | undefined, code: string) {
    const access = await this.gate.authorize(user, code, 'dossier.read');
    const row = (await this.repo.findById(access.id))!;
    const [r] = await this.ds.query(
      `SELECT r.file_id, r.verification_code, r.signer_name, r.issued_at, r.agency_code, r.sha256, a.name AS agency_name
         FROM result_documents r LEFT JOIN agencies a ON a.code = r.agency_code
        WHERE r.dossier_id = $1 ORDER BY r.issued_at DESC LIMIT 1`,
      [row.id],
    );
    if (!r) throw new NotFoundException('Hồ sơ chưa có kết quả');
    await this.gate.logRead(user, access, (c) => `Kết quả đã ký số của hồ sơ ${c}`);
    const [proc] = await this.ds.query(`SELECT name FROM procedures WHERE id = $1`, [row.procedureId]);
    return {
      title: `Kết quả hồ sơ ${row.code}`,
      code: row.code,
      status: row.status,
      procedureName: proc?.name,
      fileId: r.file_id,
      verificationCode: r.verification_code,
      signerName: r.signer_name,
      agencyName: r.agency_name ?? r.agency_code,
      issuedAt: r.issued_at,
      sha256: r.sha256,
    };
  }

  /** Mẫu 05: every hand-over, time used against time allotted, and early / on time / late per step. */
  private async controlTable(
    v: DossierView,
    steps: WorkflowStep[],
    total: number,
    unit: string,
  ): Promise<NonNullable<PrintableDocument['table']>> {
    const cal = await this.calendar.calendar();
    const now = this.clock.now();
    const hourMs = 3_600_000;
    const stepOf = new Map(steps.map((s) => [s.key, s]));
    const handovers = v.events.filter((e) => e.stepKey);
    const rows: string[][] = [];
    handovers.forEach((e, i) => {
      const next = handovers[i + 1];
      const endIso = next?.at ?? v.completedAt ?? null;
      const end = endIso ? new Date(endIso) : null;
      const step = stepOf.get(e.stepKey!);
      const allotted = step ? Number(step.share) * total * (unit === 'WORKING_HOUR' ? 1 : 8) * hourMs : 0;
      const used = cal.workingMillisBetween(new Date(e.at), end ?? now);
      const due = e.stepDueAt ? new Date(e.stepDueAt) : null;
      const assessment = end ? TIMELINESS_LABELS[classify(end, due, false)] : due && due < now ? 'Đang quá hạn' : 'Đang xử lý';
      rows.push([
        step?.name ?? e.stepKey!,
        e.agencyCode ? `${e.actor} (${viAgency(e.agencyCode)})` : e.actor,
        fmt(e.at),
        fmt(e.stepDueAt),
        end ? fmt(end) : '—',
        `${formatHours(used)} / ${formatHours(allotted)}`,
        assessment,
      ]);
    });
    return {
      caption: 'Quá trình giải quyết hồ sơ',
      headers: ['Bước', 'Người, cơ quan nhận', 'Thời gian nhận', 'Hạn của bước', 'Thời gian giao', 'Thời gian sử dụng / được giao', 'Kết quả'],
      rows,
    };
  }
}
