import { Injectable, NotFoundException } from '@nestjs/common';
import { DossierRepository } from '../dossiers/dossier.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessLogService } from '../audit/access-log.service';
import { CatalogService } from '../catalog/catalog.service';
import type { Procedure } from '../catalog/procedure.entity';
import type { DocumentRequirement, FormFieldDefinition } from '../catalog/procedure.types';
import type { UploadedPart } from '../files/upload.interceptor';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { isValidPersonalId } from '../registry/normalize';
import type { RegistryPerson } from '../registry/population-registry';
import { RegistryClient } from '../registry/registry.client';
import { readPostedForm } from './form-view';
import { PrefillService } from './prefill.service';
import { ReceivingAgencyService, receivingKind } from './receiving-agency.service';
import { SubmissionPagesService, type PostOutcome } from './submission-pages.service';
import { SubmissionInvalid, SubmissionService, type Applicant } from './submission.service';

const COUNTER_PATH = '/can-bo/tiep-nhan-truc-tiep';
/** The newborn life event: its page, and the procedure code its drafts are saved under. */
export const NEWBORN_FORM = { path: '/su-kien/khai-sinh', code: 'newborn' } as const;
const NEWBORN_PATH = NEWBORN_FORM.path;

/**
 * Counter intake (a clerk records a paper dossier for a citizen at the desk, after a logged
 * registry lookup) and the newborn life event (one form → three linked dossiers). Both reuse the
 * online form, its validation and the same submission service.
 */
@Injectable()
export class IntakePagesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly registry: RegistryClient,
    private readonly policy: PolicyService,
    private readonly accessLog: AccessLogService,
    private readonly prefill: PrefillService,
    private readonly agencies: ReceivingAgencyService,
    private readonly submissions: SubmissionService,
    private readonly pages: SubmissionPagesService,
    private readonly repo: DossierRepository,
  ) {}

  /** Procedures the clerk's agency receives. */
  private async counterProcedures(clerk: AuthUser): Promise<{ code: string; name: string }[]> {
    const agency = clerk.agencyCode ? await this.agencies.get(clerk.agencyCode) : null;
    if (!agency) return [];
    const rows: Procedure[] = await this.ds.query(
      `SELECT code, name, steps, competent_agency_kind AS "competentAgencyKind", receiving_level AS "receivingLevel"
         FROM procedures WHERE is_current ORDER BY popularity DESC, name`,
    );
    return rows.filter((p) => p.receivingLevel === agency.level && receivingKind(p) === agency.kind).map((p) => ({ code: p.code, name: p.name }));
  }

  /** Step 1: choose the procedure and look the citizen up. */
  async counterStart(clerk: AuthUser, query: { personalId?: string; procedureCode?: string }) {
    await this.policy.assert(clerk, 'dossier.create-counter', { agencyCode: clerk.agencyCode });
    const procedures = await this.counterProcedures(clerk);
    const errors: { field: string; message: string }[] = [];
    const personalId = (query.personalId ?? '').trim();
    const procedureCode = (query.procedureCode ?? '').trim();
    const base = { title: 'Tiếp nhận hồ sơ trực tiếp', procedures: procedures.map((p) => ({ ...p, selected: p.code === procedureCode })), personalId, errors };
    if (!personalId && !procedureCode) return { view: 'dossiers/counter-start', model: base };
    if (!isValidPersonalId(personalId)) errors.push({ field: 'personalId', message: 'Số định danh cá nhân phải gồm đúng 12 chữ số hợp lệ' });
    if (!procedures.some((p) => p.code === procedureCode)) errors.push({ field: 'procedureCode', message: 'Vui lòng chọn thủ tục do cơ quan của bạn tiếp nhận' });
    if (errors.length) return { view: 'dossiers/counter-start', model: base, status: 422 };
    const person = await this.lookupLogged(clerk, personalId);
    if (!person) {
      errors.push({ field: 'personalId', message: 'Không tìm thấy công dân trong Cơ sở dữ liệu quốc gia về dân cư' });
      return { view: 'dossiers/counter-start', model: base, status: 422 };
    }
    const proc = await this.submissions.procedureOrFail(procedureCode);
    return { view: 'dossiers/form', model: await this.counterForm(clerk, proc, person, {}) };
  }

  /** Every registry read by staff is logged for the citizen (Decree 13/2023). */
  private async lookupLogged(clerk: AuthUser, personalId: string): Promise<RegistryPerson | null> {
    const person = await this.registry.lookup(personalId);
    if (person) {
      await this.accessLog.record({ staff: clerk, citizenPersonalId: personalId, what: 'Thông tin dân cư (tiếp nhận hồ sơ trực tiếp)' });
    }
    return person;
  }

  private async citizenAccount(personalId: string): Promise<string | null> {
    const [u] = await this.ds.query(`SELECT id FROM users WHERE personal_id = $1 AND role = 'CITIZEN'`, [personalId]);
    return u?.id ?? null;
  }

  private async counterForm(clerk: AuthUser, proc: Procedure, person: RegistryPerson, state: Parameters<SubmissionPagesService['model']>[2]) {
    const userId = await this.citizenAccount(person.personalId);
    const pre = await this.prefill.forProcedure({ id: userId, personalId: person.personalId }, proc, { tolerateRegistryOutage: false, person });
    return this.pages.model(clerk, proc, { ...state, agencyCode: clerk.agencyCode }, pre, {
      store: [],
      extra: {
        title: `Tiếp nhận trực tiếp: ${proc.name}`,
        heading: `Tiếp nhận hồ sơ trực tiếp: ${proc.name}`,
        action: COUNTER_PATH,
        counterApplicant: { fullName: person.fullName, personalId: person.personalId },
        hiddenFields: [
          { name: 'personalId', value: person.personalId },
          { name: 'procedureCode', value: proc.code },
        ],
        hideAgencyChoice: true,
        allowDrafts: false,
        submitLabel: 'Tiếp nhận hồ sơ',
      },
    });
  }

  /**
   * Step 2: the same form and validation; channel COUNTER, at the clerk's agency. Nothing is kept
   * for the clerk: no draft (a paper dossier is recorded at once or not at all, and a "draft"
   * action is read as a submission) and no file of a refused post (the clerk scans them again),
   * so no citizen's papers stay in a clerk's store.
   */
  async counterSubmit(clerk: AuthUser, body: Record<string, unknown>, parts: UploadedPart[]): Promise<PostOutcome> {
    await this.policy.assert(clerk, 'dossier.create-counter', { agencyCode: clerk.agencyCode });
    const personalId = typeof body.personalId === 'string' ? body.personalId : '';
    if (!isValidPersonalId(personalId)) throw new NotFoundException('Không tìm thấy công dân');
    const proc = await this.submissions.procedureOrFail(body.procedureCode);
    const person = await this.registry.lookup(personalId);
    if (!person) throw new NotFoundException('Không tìm thấy công dân');
    const posted = readPostedForm(proc.form.fields, proc.documents, body);
    const uploads = await this.pages.prepareUploads(proc, parts);
    const applicant: Applicant = { userId: await this.citizenAccount(personalId), personalId, fullName: person.fullName };
    try {
      const r = await this.submissions.submit(clerk, applicant, 'COUNTER', {
        procedureCode: proc.code,
        agencyCode: clerk.agencyCode,
        data: posted.data,
        documents: {},
        newFiles: uploads.files,
        registryNote: posted.registryNote,
        subject: posted.subject,
        idempotencyKey: posted.submissionKey,
        extraErrors: uploads.errors,
      });
      return { redirect: `${COUNTER_PATH}/xong/${encodeURIComponent(r.code)}` };
    } catch (err) {
      if (!(err instanceof SubmissionInvalid)) throw err;
      const model = await this.counterForm(clerk, proc, person, {
        values: posted.data,
        registryNote: posted.registryNote,
        subject: posted.subject,
        submissionKey: posted.submissionKey,
        errors: err.errors,
        reupload: uploads.files.length > 0,
      });
      return { status: uploads.failStatus, model };
    }
  }

  async counterDone(clerk: AuthUser, code: string) {
    const row = await this.repo.findByCode(code);
    if (!row || row.agencyCode !== clerk.agencyCode || row.channel !== 'COUNTER') throw new NotFoundException('Không tìm thấy hồ sơ');
    const dossier = { code: row.code, applicant_name: row.applicantName, channel: row.channel, procedure_name: row.procedureName, agency_name: row.agencyName };
    return { title: `Đã tiếp nhận hồ sơ ${row.code}`, dossier };
  }

  // ------------------------------------------------------------------ newborn life event

  private async newbornProcedures(): Promise<Procedure[]> {
    const procs = await this.catalog.bundle('newborn');
    if (!procs.length) throw new NotFoundException('Chưa có nhóm thủ tục liên thông cho trẻ mới sinh');
    return procs;
  }

  /** One form over the three procedures: their fields and documents, each key once. */
  private combined(procs: Procedure[]): Procedure {
    const fields: FormFieldDefinition[] = [];
    const documents: DocumentRequirement[] = [];
    for (const p of procs) {
      for (const f of p.form.fields) if (!fields.some((x) => x.key === f.key)) fields.push(f);
      for (const d of p.documents) if (!documents.some((x) => x.key === d.key)) documents.push(d);
    }
    return { ...procs[0]!, code: NEWBORN_FORM.code, name: 'Liên thông khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi', form: { fields }, documents, allowsOnBehalf: true, feeAmount: 0 } as Procedure;
  }

  /** GET /su-kien/khai-sinh[?draft=id[&da-luu=1|&loi=1]]. */
  async newbornPage(user: AuthUser, draftId?: string, saved = false, showErrors = false) {
    const state = draftId ? await this.pages.draftState(user, NEWBORN_FORM.code, draftId, showErrors) : {};
    return this.newbornForm(user, { ...state, saved });
  }

  async newbornForm(user: AuthUser, state: Parameters<SubmissionPagesService['model']>[2] = {}) {
    const procs = await this.newbornProcedures();
    const combined = this.combined(procs);
    const pre = await this.prefill.forProcedure(user, combined, { tolerateRegistryOutage: true });
    const targets = await Promise.all(procs.map(async (p) => ({ name: p.name, agency: (await this.agencies.defaultFor(p, pre.person))?.name ?? 'Chưa xác định được (cần địa chỉ trong CSDL dân cư)' })));
    return this.pages.model(user, combined, state, pre, {
      extra: {
        title: 'Khai sinh cho trẻ mới sinh',
        heading: 'Khai sinh cho trẻ: một tờ khai cho ba thủ tục',
        action: NEWBORN_PATH,
        bundleTargets: targets,
        hideAgencyChoice: true,
        allowDrafts: true,
        submitLabel: 'Nộp 3 hồ sơ',
      },
    });
  }

  async newbornSubmit(user: AuthUser, body: Record<string, unknown>, parts: UploadedPart[]): Promise<PostOutcome> {
    const procs = await this.newbornProcedures();
    const combined = this.combined(procs);
    const posted = readPostedForm(combined.form.fields, combined.documents, body);
    const uploads = await this.pages.prepareUploads(combined, parts);
    if (posted.action === 'draft') {
      if (uploads.errors.length) {
        return { status: uploads.failStatus, model: await this.newbornForm(user, { values: posted.data, picked: posted.picked, registryNote: posted.registryNote, draftId: posted.draftId, errors: uploads.errors }) };
      }
      const id = await this.pages.keepDraft(user, combined, posted, uploads.files);
      return { redirect: `${NEWBORN_PATH}?draft=${id}&da-luu=1` };
    }
    if (posted.draftId) await this.pages.draftState(user, NEWBORN_FORM.code, posted.draftId, false);
    const applicant: Applicant = { userId: user.id, personalId: user.personalId!, fullName: user.fullName };
    const inputs = procs.map((p) => {
      const keys = new Set(p.form.fields.map((f) => f.key));
      const docKeys = new Set(p.documents.map((d) => d.key));
      return {
        procedureCode: p.code,
        agencyCode: null,
        data: Object.fromEntries(Object.entries(posted.data).filter(([k]) => keys.has(k))),
        documents: Object.fromEntries(Object.entries(posted.picked).filter(([k]) => docKeys.has(k))),
        newFiles: uploads.files.filter((u) => docKeys.has(u.documentKey)),
        registryNote: posted.registryNote,
        extraErrors: uploads.errors,
      };
    });
    try {
      const r = await this.submissions.submitBundle(user, applicant, inputs, posted.submissionKey);
      if (posted.draftId) await this.pages.dropDraft(user, posted.draftId);
      return { redirect: `/ho-so/${encodeURIComponent(r.codes[0]!)}/xac-nhan` };
    } catch (err) {
      if (!(err instanceof SubmissionInvalid)) throw err;
      const r = await this.pages.refused(user, combined, posted, uploads, err.errors, NEWBORN_PATH);
      if ('redirect' in r) return r;
      return { status: r.status, model: await this.newbornForm(user, r.state) };
    }
  }
}
