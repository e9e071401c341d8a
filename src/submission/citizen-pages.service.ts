import { HttpException, Inject, Injectable } from '@nestjs/common';
import { DossierRepository } from '../dossiers/dossier.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import QRCode from 'qrcode';
import { pageLinks } from '../common/pagination';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FilesService } from '../files/files.service';
import type { UploadedPart } from '../files/upload.interceptor';
import type { AuthUser } from '../identity/auth-user';
import { UnitsService } from '../units/units.service';
import { statusLabel } from '../workflow/dossier-state-machine';
import { WorkflowService } from '../workflow/workflow.service';
import { DossiersService, type DossierView } from '../dossiers/dossiers.service';
import { DraftsService } from './drafts.service';
import { nextStepsFor, renderReceiptPdf } from './receipt-pdf';
import { viAction } from '../common/vi-labels';


/** The citizen's space: acknowledgement, "Hồ sơ của tôi", timeline, withdraw and supplement. */
@Injectable()
export class CitizenPagesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly dossiers: DossiersService,
    private readonly drafts: DraftsService,
    private readonly files: FilesService,
    private readonly units: UnitsService,
    private readonly workflow: WorkflowService,
    private readonly repo: DossierRepository,
  ) {}

  lookupUrl(code: string): string {
    return `${this.config.publicBaseUrl}/tra-cuu?code=${encodeURIComponent(code)}`;
  }

  async acknowledgement(user: AuthUser, code: string) {
    const d = await this.dossiers.getOwn(user, code);
    const bundle = d.bundleId ? await this.dossiers.bundle(user, d.bundleId) : [];
    const qr = await QRCode.toDataURL(this.lookupUrl(d.code), { margin: 1, width: 200, errorCorrectionLevel: 'M' });
    return {
      title: `Đã nộp hồ sơ ${d.code}`,
      dossier: d,
      statusLabel: statusLabel(d.status),
      qr,
      lookupUrl: this.lookupUrl(d.code),
      nextSteps: nextStepsFor(d),
      paymentPending: d.paymentStatus === 'PENDING',
      bundle: bundle.filter((b) => b.code !== d.code).map((b) => ({ ...b, statusLabel: statusLabel(b.status) })),
    };
  }

  async receiptPdf(user: AuthUser, code: string): Promise<Buffer> {
    const d = await this.dossiers.getOwn(user, code);
    const province = await this.units.province();
    return renderReceiptPdf({
      provinceName: province.name,
      code: d.code,
      procedureName: d.procedureName,
      procedureCode: d.procedureCode,
      agencyName: d.agencyName,
      applicantName: d.applicantName,
      subjectName: d.subjectName,
      submittedAt: d.submittedAt,
      channel: d.channel,
      feeAmount: d.feeAmount,
      paymentStatus: d.paymentStatus,
      lookupUrl: this.lookupUrl(d.code),
      nextSteps: nextStepsFor(d),
    });
  }

  async myDossiers(user: AuthUser, page: number) {
    const [list, drafts] = await Promise.all([
      this.dossiers.list(user, { page, pageSize: 20 }),
      page === 1 ? this.drafts.listOwn(user.id) : Promise.resolve([]),
    ]);
    return {
      title: 'Hồ sơ của tôi',
      items: list.items.map((d) => ({ ...d, statusLabel: statusLabel(d.status) })),
      total: list.total,
      drafts,
      pagination: pageLinks('/ho-so-cua-toi', {}, list.page, list.pageSize, list.total),
    };
  }

  async detail(user: AuthUser, code: string, extra: { errors?: { field: string; message: string }[]; notice?: string } = {}) {
    const d = await this.dossiers.getOwn(user, code);
    return {
      title: `Hồ sơ ${d.code}`,
      dossier: d,
      statusLabel: statusLabel(d.status),
      timeline: [...d.events].reverse().map((e) => ({ ...e, label: viAction(e.action), statusLabel: statusLabel(e.toStatus) })),
      hasResult: d.status === 'RESULT_READY' || d.status === 'RETURNED',
      canRate: d.status === 'RETURNED',
      canWithdraw: d.status === 'SUBMITTED',
      canSupplement: d.status === 'SUPPLEMENT_REQUESTED',
      supplementReason: d.status === 'SUPPLEMENT_REQUESTED' ? [...d.events].reverse().find((e) => e.action === 'request-supplement')?.reason : undefined,
      paymentPending: d.paymentStatus === 'PENDING' && !['WITHDRAWN', 'REFUSED'].includes(d.status),
      documentKeys: await this.documentRequirements(d),
      errors: extra.errors ?? [],
      notice: extra.notice,
    };
  }

  private async documentRequirements(d: DossierView) {
    // The documents of the procedure VERSION the dossier was filed under.
    const dossier = (await this.repo.findByCode(d.code))!;
    const [row] = await this.ds.query('SELECT documents FROM procedures WHERE id = $1', [dossier.procedureId]);
    return ((row?.documents ?? []) as { key: string; name: string }[]).map((x) => ({ key: x.key, name: x.name, inputName: `doc_${x.key}` }));
  }

  /** Rút hồ sơ: only before reception; the state change itself is the workflow's. */
  async withdraw(user: AuthUser, code: string, expectedVersion: number, reason: string | undefined) {
    await this.workflow.transition(user, code, 'withdraw', { expectedVersion, reason: reason?.slice(0, 1000) || 'Công dân rút hồ sơ' });
  }

  /** Bổ sung hồ sơ: store the new files in the citizen's document store, then the workflow's `supplement`. */
  async supplement(user: AuthUser, code: string, expectedVersion: number, note: string | undefined, parts: UploadedPart[]) {
    const d = await this.dossiers.getOwn(user, code);
    const reqs = await this.documentRequirements(d);
    const documents: Record<string, string[]> = {};
    const prepared = [];
    for (const part of parts ?? []) {
      const req = reqs.find((r) => r.inputName === part.fieldname);
      if (!req || (!part.originalname && part.size === 0)) continue;
      const file = await this.files.prepare(part, req.name);
      prepared.push(file);
      (documents[req.key] ??= []).push(file.id);
    }
    await this.files.storeStandalone({ userId: user.id, personalId: user.personalId }, prepared);
    await this.workflow.transition(user, code, 'supplement', {
      expectedVersion,
      reason: note?.slice(0, 1000) || 'Công dân bổ sung hồ sơ',
      documents,
    });
  }

  errorMessage(err: unknown): string {
    return err instanceof HttpException ? err.message : 'Không thực hiện được thao tác';
  }
}
