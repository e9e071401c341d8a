import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Procedure } from '../catalog/procedure.entity';
import { FilesService, type FileView, type PreparedFile } from '../files/files.service';
import type { UploadedPart } from '../files/upload.interceptor';
import type { AuthUser } from '../identity/auth-user';
import { DraftsService } from './drafts.service';
import type { FieldError } from './form-schema';
import {
  agencyOptions,
  buildDocumentViews,
  buildFieldViews,
  docInputName,
  errorsForForm,
  readPostedForm,
  type PostedForm,
} from './form-view';
import { PrefillService, type PrefillResult } from './prefill.service';
import { ReceivingAgencyService } from './receiving-agency.service';
import { SubmissionInvalid, SubmissionService, type Applicant } from './submission.service';

export interface FormState {
  values?: Record<string, unknown>;
  picked?: Record<string, string[]>;
  agencyCode?: string | null;
  registryNote?: string | null;
  subject?: PostedForm['subject'];
  errors?: FieldError[];
  draftId?: string | null;
  submissionKey?: string | null;
  saved?: boolean;
  reupload?: boolean;
  /** Shown after a refused submission: what was given is kept in the draft. */
  kept?: boolean;
}

export type PostOutcome = { redirect: string } | { status: number; model: Record<string, unknown> };

/** Orchestrates the online form pages: view models, drafts, uploads with the form, submission. */
@Injectable()
export class SubmissionPagesService {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly prefill: PrefillService,
    private readonly agencies: ReceivingAgencyService,
    private readonly drafts: DraftsService,
    private readonly files: FilesService,
  ) {}

  async procedure(code: string): Promise<Procedure> {
    return this.submissions.procedureOrFail(code);
  }

  /** GET /nop-ho-so/{code}[?draft=id[&loi=1]]: the form, prefilled, or a saved draft resumed (with its errors after a refused post). */
  async formPage(user: AuthUser, code: string, draftId?: string, saved = false, showErrors = false): Promise<Record<string, unknown>> {
    const proc = await this.procedure(code);
    const state: FormState = { saved, ...(draftId ? await this.draftState(user, proc.code, draftId, showErrors) : {}) };
    return this.model(user, proc, state);
  }

  /** A saved draft as form state; `showErrors` after a post that was refused (POST-redirect-GET). */
  async draftState(user: AuthUser, procedureCode: string, draftId: string, showErrors: boolean): Promise<FormState> {
    const draft = await this.drafts.getOwn(user.id, draftId);
    if (draft.procedureCode !== procedureCode) throw new NotFoundException('Không tìm thấy hồ sơ nháp');
    const { $registryNote, $subject, $errors, $submissionKey, ...values } = draft.data as Record<string, unknown>;
    return {
      values,
      picked: draft.documents,
      agencyCode: draft.agencyCode,
      registryNote: typeof $registryNote === 'string' ? $registryNote : null,
      subject: ($subject as PostedForm['subject']) ?? null,
      draftId: draft.id,
      errors: showErrors && Array.isArray($errors) ? ($errors as FieldError[]) : undefined,
      kept: showErrors,
      submissionKey: typeof $submissionKey === 'string' ? $submissionKey : null,
    };
  }

  async dropDraft(user: AuthUser, draftId: string): Promise<void> {
    await this.drafts.delete(user.id, draftId);
  }

  /**
   * Keeps everything the person gave: the accepted files of this post go to their document store
   * and, with what was typed and picked, into their draft (created or updated). Returns its id.
   */
  async keepDraft(
    user: AuthUser,
    proc: Pick<Procedure, 'id' | 'code'>,
    posted: PostedForm,
    files: { documentKey: string; file: PreparedFile }[],
    errors: FieldError[] = [],
  ): Promise<string> {
    // Check ownership of the draft before storing anything.
    if (posted.draftId) await this.drafts.getOwn(user.id, posted.draftId);
    await this.files.storeStandalone({ userId: user.id, personalId: user.personalId }, files.map((u) => u.file));
    const documents: Record<string, string[]> = { ...posted.picked };
    for (const u of files) documents[u.documentKey] = [...(documents[u.documentKey] ?? []), u.file.id];
    return this.drafts.save(user.id, {
      id: posted.draftId,
      procedureId: proc.id,
      procedureCode: proc.code,
      agencyCode: posted.agencyCode && posted.agencyCode.length <= 24 ? posted.agencyCode : null,
      data: {
        ...sanitiseDraftData(posted.data),
        $registryNote: posted.registryNote?.slice(0, 1000) ?? null,
        $subject: posted.subject,
        $errors: errors.slice(0, 60).map((e) => ({ field: String(e.field).slice(0, 80), message: String(e.message).slice(0, 300) })),
        $submissionKey: posted.submissionKey?.slice(0, 64) ?? null,
      },
      documents,
    });
  }

  /**
   * After a refused submission: accepted files become draft attachments. When every file was
   * accepted the answer is a redirect to the draft with its errors (POST-redirect-GET); when a file
   * was refused the page is answered at once (422, or 503 with the scanner down), nothing of a
   * refused file stored.
   */
  async refused(
    user: AuthUser,
    proc: Pick<Procedure, 'id' | 'code'>,
    posted: PostedForm,
    uploads: { files: { documentKey: string; file: PreparedFile }[]; errors: FieldError[]; failStatus: 422 | 503 },
    errors: FieldError[],
    formPath: string,
  ): Promise<{ redirect: string } | { state: FormState; status: number }> {
    const state: FormState = {
      values: posted.data,
      picked: posted.picked,
      agencyCode: posted.agencyCode,
      registryNote: posted.registryNote,
      subject: posted.subject,
      draftId: posted.draftId,
      submissionKey: posted.submissionKey,
      errors,
    };
    if (!uploads.errors.length || uploads.files.length) {
      const id = await this.keepDraft(user, proc, posted, uploads.files, errors);
      if (!uploads.errors.length) return { redirect: `${formPath}?draft=${id}&loi=1` };
      const kept = await this.draftState(user, proc.code, id, true);
      return { state: { ...kept, values: posted.data, errors }, status: uploads.failStatus };
    }
    if (posted.draftId) await this.drafts.getOwn(user.id, posted.draftId);
    return { state, status: uploads.failStatus };
  }

  async model(
    user: AuthUser,
    proc: Procedure,
    state: FormState,
    pre?: PrefillResult,
    opts: { store?: FileView[]; extra?: Record<string, unknown> } = {},
  ): Promise<Record<string, unknown>> {
    const prefill = pre ?? (await this.prefill.forProcedure(user, proc, { tolerateRegistryOutage: true }));
    const [candidates, defaultAgency, store] = await Promise.all([
      this.agencies.candidates(proc),
      this.agencies.defaultFor(proc, prefill.person),
      opts.store ?? this.files.documentStore(user, 20),
    ]);
    const pickedIds = Object.values(state.picked ?? {}).flat();
    const known = pickedIds.length ? await this.files.findOwned(user.id, pickedIds) : [];
    const { list, byId } = errorsForForm(state.errors ?? [], proc.form.fields);
    const fields = buildFieldViews(proc.form.fields, state.values ?? {}, prefill.fields, byId);
    const selectedAgency = state.agencyCode ?? defaultAgency?.code ?? null;
    return {
      title: `Nộp hồ sơ: ${proc.name}`,
      procedure: { code: proc.code, name: proc.name, version: proc.version, feeAmount: proc.feeAmount, allowsOnBehalf: proc.allowsOnBehalf, requiresPrepayment: proc.requiresPrepayment, bundle: proc.bundle },
      action: `/nop-ho-so/${encodeURIComponent(proc.code)}`,
      applicantFields: fields.filter((f) => !f.subject),
      subjectFields: fields.filter((f) => f.subject),
      hasLocked: fields.some((f) => f.locked),
      documents: buildDocumentViews(proc.documents, state.picked ?? {}, store, state.values ? {} : prefill.documents, byId, known),
      agencies: agencyOptions(candidates, selectedAgency),
      agencyError: byId.agencyCode,
      defaultAgencyName: defaultAgency?.name,
      registryAvailable: prefill.registryAvailable,
      registryNote: state.registryNote ?? '',
      registryNoteError: byId.registryNote,
      subject: state.subject ?? { fullName: '', personalId: '', relationship: '' },
      subjectErrors: { name: byId.subjectName, personalId: byId.subjectPersonalId, any: byId.subject },
      errors: list,
      documentsError: byId.documents,
      draftId: state.draftId ?? '',
      submissionKey: state.submissionKey ?? randomUUID(),
      saved: !!state.saved,
      reupload: !!state.reupload,
      kept: !!state.kept,
      allowDrafts: true,
      ...opts.extra,
    };
  }

  /**
   * Checks the files that came with the form; refused ones become field errors of their document.
   * `failStatus` is 503 when the virus scanner was down (uploads fail closed), else 422.
   */
  async prepareUploads(
    proc: Procedure,
    parts: UploadedPart[],
  ): Promise<{ files: { documentKey: string; file: PreparedFile }[]; errors: FieldError[]; failStatus: 422 | 503 }> {
    const byInput = new Map(proc.documents.map((d) => [docInputName(d.key), d]));
    const files: { documentKey: string; file: PreparedFile }[] = [];
    const errors: FieldError[] = [];
    let failStatus: 422 | 503 = 422;
    for (const part of parts ?? []) {
      const doc = byInput.get(part.fieldname);
      if (!doc) continue;
      // An empty file input is sent as a part with no name and no content.
      if (!part.originalname && part.size === 0) continue;
      try {
        files.push({ documentKey: doc.key, file: await this.files.prepare(part, doc.name) });
      } catch (err) {
        if (!(err instanceof HttpException)) throw err;
        if (err.getStatus() === 503) failStatus = 503;
        errors.push({ field: `documents.${doc.key}`, message: err.message });
      }
    }
    return { files, errors, failStatus };
  }

  /** POST /nop-ho-so/{code}: "Lưu nháp" or "Nộp hồ sơ". */
  async post(user: AuthUser, code: string, body: Record<string, unknown>, parts: UploadedPart[]): Promise<PostOutcome> {
    const proc = await this.procedure(code);
    const posted = readPostedForm(proc.form.fields, proc.documents, body ?? {});
    const uploads = await this.prepareUploads(proc, parts);
    const state: FormState = {
      values: posted.data,
      picked: posted.picked,
      agencyCode: posted.agencyCode,
      registryNote: posted.registryNote,
      subject: posted.subject,
      draftId: posted.draftId,
      submissionKey: posted.submissionKey,
    };

    if (posted.action === 'draft') {
      if (uploads.errors.length) return { status: uploads.failStatus, model: await this.model(user, proc, { ...state, errors: uploads.errors }) };
      const id = await this.keepDraft(user, proc, posted, uploads.files);
      return { redirect: `${formPath(proc.code)}?draft=${id}&da-luu=1` };
    }

    if (posted.draftId) await this.drafts.getOwn(user.id, posted.draftId);
    const applicant: Applicant = { userId: user.id, personalId: user.personalId!, fullName: user.fullName };
    try {
      const result = await this.submissions.submit(user, applicant, 'ONLINE', {
        procedureCode: proc.code,
        agencyCode: posted.agencyCode,
        data: posted.data,
        documents: posted.picked,
        newFiles: uploads.files,
        registryNote: posted.registryNote,
        subject: posted.subject,
        idempotencyKey: posted.submissionKey,
        extraErrors: uploads.errors,
      });
      if (posted.draftId) await this.drafts.delete(user.id, posted.draftId);
      return { redirect: `/ho-so/${encodeURIComponent(result.code)}/xac-nhan` };
    } catch (err) {
      if (!(err instanceof SubmissionInvalid)) throw err;
      const r = await this.refused(user, proc, posted, uploads, err.errors, formPath(proc.code));
      if ('redirect' in r) return r;
      return { status: r.status, model: await this.model(user, proc, r.state) };
    }
  }
}

const formPath = (code: string) => `/nop-ho-so/${encodeURIComponent(code)}`;

/** Drafts keep what was typed, bounded (nothing is validated until submission). */
function sanitiseDraftData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string') out[k] = v.slice(0, 2000);
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}
