import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service';
import type { Procedure } from '../catalog/procedure.entity';
import { Clock } from '../common/clock';
import { DossierRepository } from '../dossiers/dossier.repository';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FilesService, type FileView, type PreparedFile } from '../files/files.service';
import type { AuthUser } from '../identity/auth-user';
import { isValidPersonalId } from '../registry/normalize';
import type { RegistryPerson } from '../registry/population-registry';
import { DossierWriter, DuplicateKey } from './dossier-writer.service';
import type { DossierView } from '../dossiers/dossiers.service';
import type { Channel, PrefillRecord } from '../dossiers/dossier.types';
import { validateForm, type FieldError } from './form-schema';
import { checkLockedValues, prefillRecords, valueHash } from './prefill';
import { PrefillService } from './prefill.service';
import { ReceivingAgencyService, type AgencyRef } from './receiving-agency.service';
import type { AttachedDocument, Applicant, PreparedSubmission, SubjectInput, SubmitResult } from './submission.types';
export type { AttachedDocument, Applicant, PreparedSubmission, SubjectInput, SubmitResult } from './submission.types';
import { toIsoLocal } from '../common/local-time';


export interface SubmissionInput {
  procedureCode: string;
  agencyCode?: string | null;
  data: unknown;
  /** documentKey → ids of files already in the applicant's document store. */
  documents?: unknown;
  /** Files uploaded with the form itself (pages), checked but not yet stored. */
  newFiles?: { documentKey: string; file: PreparedFile }[];
  registryNote?: string | null;
  subject?: SubjectInput | null;
  idempotencyKey?: string | null;
  bundleId?: string | null;
  /** Problems found before the service (e.g. a refused upload on a page form): the submission fails with them. */
  extraErrors?: FieldError[];
}





export class SubmissionInvalid extends UnprocessableEntityException {
  constructor(readonly errors: FieldError[]) {
    super({ message: 'Hồ sơ chưa hợp lệ, vui lòng kiểm tra lại các mục được đánh dấu', details: errors });
  }
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
const CONTROL = /[\u0000-\u001F\u007F<>]/;

/**
 * Nộp hồ sơ: validates the form against the pinned procedure version, re-checks locked registry
 * values, checks attachments and the receiving agency, then writes the dossier, its first event,
 * its documents and the outbox message in ONE transaction with a race-free, gap-free code.
 */
@Injectable()
export class SubmissionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalog: CatalogService,
    private readonly prefill: PrefillService,
    private readonly agencies: ReceivingAgencyService,
    private readonly files: FilesService,
    private readonly writer: DossierWriter,
    private readonly dossiers: DossierRepository,
    private readonly clock: Clock,
  ) {}

  static checkIdempotencyKey(key: string | undefined | null): string | null {
    if (key === undefined || key === null || key === '') return null;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new UnprocessableEntityException('Idempotency-Key phải gồm 1–64 ký tự chữ, số hoặc . _ : -');
    }
    return key;
  }

  /** Prepare (validate everything) then commit. Replays of an idempotency key return the first dossier. */
  async submit(actor: AuthUser, applicant: Applicant, channel: Channel, input: SubmissionInput): Promise<SubmitResult> {
    const key = SubmissionService.checkIdempotencyKey(input.idempotencyKey);
    const scopedKey = key ? this.scopeKey(actor, applicant, channel, key) : null;
    // The replay check and the checks of a new submission (reads only) go out together; a replay
    // answers with the dossier it made before, whatever the checks say now.
    const preparing = this.prepare(applicant, input);
    preparing.catch(() => undefined);
    if (scopedKey) {
      const existing = await this.writer.findByKey(this.ds.manager, applicant.userId, scopedKey);
      if (existing) return { ...existing, created: false };
    }
    const prepared = await preparing;
    return this.writer.commit(actor, applicant, channel, prepared, { idempotencyKey: scopedKey, bundleId: input.bundleId ?? null });
  }

  /** Counter idempotency keys are scoped by the clerk (the applicant may have no account). */
  private scopeKey(actor: AuthUser, applicant: Applicant, channel: Channel, key: string): string {
    return channel === 'COUNTER' || applicant.userId !== actor.id ? `c:${actor.id}:${key}` : key;
  }

  async procedureOrFail(code: unknown): Promise<Procedure> {
    const proc = typeof code === 'string' ? await this.catalog.findCurrent(code) : null;
    if (!proc) throw new NotFoundException('Không tìm thấy thủ tục hành chính');
    return proc;
  }

  /** Every rule, no writes: throws SubmissionInvalid (422) with one message per field. */
  async prepare(applicant: Applicant, input: SubmissionInput, opts: { person?: RegistryPerson | null } = {}): Promise<PreparedSubmission> {
    const proc = await this.procedureOrFail(input.procedureCode);
    const now = this.clock.now();
    const errors: FieldError[] = [...(input.extraErrors ?? [])];

    // Attachments are checked while the registry re-check runs.
    const docErrors: FieldError[] = [];
    const docsP = this.checkDocuments(proc, applicant, input, docErrors);
    docsP.catch(() => undefined);
    // Registry re-check of locked values (a 503 when the registry cannot answer).
    const fresh = await this.prefill.forProcedure({ id: applicant.userId, personalId: applicant.personalId }, proc, {
      tolerateRegistryOutage: false,
      person: opts.person,
    });
    // Locked fields (shown read-only) may be left out: the registry's values are taken.
    let raw = input.data;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      const merged: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
      for (const [key, p] of Object.entries(fresh.fields)) {
        if (p.locked && (merged[key] === undefined || merged[key] === null || merged[key] === '')) merged[key] = p.value;
      }
      raw = merged;
    }
    const form = validateForm(proc.form.fields, raw, now, proc.id);
    errors.push(...form.errors);
    const locked = checkLockedValues(proc.form.fields, form.data, fresh.fields);
    for (const m of locked.mismatches) if (!errors.some((e) => e.field === m.field)) errors.push(m);

    // On behalf of someone else (a parent for a newborn): applicant and subject are distinct.
    let subject: SubjectInput | null = null;
    if (input.subject && (input.subject.fullName || input.subject.personalId)) {
      if (!proc.allowsOnBehalf) errors.push({ field: 'subject', message: 'Thủ tục này không cho phép nộp hồ sơ thay người khác' });
      else {
        const s = input.subject;
        const fullName = typeof s.fullName === 'string' ? s.fullName.normalize('NFC').trim() : '';
        const pid = typeof s.personalId === 'string' && s.personalId.trim() ? s.personalId.trim() : null;
        if (!fullName) errors.push({ field: 'subject.fullName', message: 'Vui lòng nhập họ và tên người được nộp thay' });
        else if (fullName.length > 200 || CONTROL.test(fullName)) errors.push({ field: 'subject.fullName', message: 'Họ và tên người được nộp thay không hợp lệ' });
        if (pid && !isValidPersonalId(pid)) errors.push({ field: 'subject.personalId', message: 'Số định danh cá nhân của người được nộp thay không hợp lệ' });
        if (pid && pid === applicant.personalId) errors.push({ field: 'subject.personalId', message: 'Người được nộp thay phải khác người nộp hồ sơ' });
        const rel = typeof s.relationship === 'string' ? s.relationship.trim().slice(0, 60) : null;
        subject = { fullName, personalId: pid, relationship: rel && !CONTROL.test(rel) ? rel : null };
      }
    }

    // The subject as the form names it (e.g. the newborn's name), when not given separately.
    if (!subject && proc.allowsOnBehalf) {
      const nameField = proc.form.fields.find((f) => f.subject && f.type === 'text' && /name/i.test(f.key));
      const idField = proc.form.fields.find((f) => f.subject && f.type === 'personalId');
      const name = nameField ? locked.data[nameField.key] : undefined;
      if (typeof name === 'string' && name) {
        const pid = idField ? locked.data[idField.key] : undefined;
        subject = { fullName: name.slice(0, 200), personalId: typeof pid === 'string' ? pid : null, relationship: null };
      }
    }

    let registryNote: string | null = null;
    if (typeof input.registryNote === 'string' && input.registryNote.trim()) {
      registryNote = input.registryNote.normalize('NFC').trim();
      if (registryNote.length > 1000) errors.push({ field: 'registryNote', message: 'Phản ánh sai lệch dữ liệu dân cư không được dài quá 1000 ký tự' });
      else if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F<>]/.test(registryNote)) {
        errors.push({ field: 'registryNote', message: 'Phản ánh sai lệch dữ liệu dân cư chứa ký tự không được phép' });
      }
    }

    const docs = await docsP;
    errors.push(...docErrors);

    let agency: AgencyRef | null = null;
    if (typeof input.agencyCode === 'string' && input.agencyCode !== '') {
      const c = await this.agencies.check(proc, input.agencyCode);
      if (c.problem) errors.push({ field: 'agencyCode', message: c.problem });
      agency = c.agency;
    } else {
      agency = await this.agencies.defaultFor(proc, fresh.person);
      if (!agency) errors.push({ field: 'agencyCode', message: 'Vui lòng chọn cơ quan tiếp nhận hồ sơ' });
    }

    if (errors.length) throw new SubmissionInvalid(errors);

    const records = prefillRecords(locked.data, fresh.fields);
    for (const d of docs.documents) {
      const earlier = fresh.documents[d.documentKey];
      if (earlier?.value.includes(d.fileId)) {
        records[`documents.${d.documentKey}`] = { source: 'DOCUMENT_STORE', fetchedAt: toIsoLocal(now), hash: valueHash(d.documentKey, d.fileId), locked: false };
      }
    }
    return {
      proc,
      agency: agency!,
      data: locked.data,
      prefill: records,
      documents: docs.documents,
      newFiles: docs.newFiles,
      subject,
      registryNote,
    };
  }

  private async checkDocuments(
    proc: Procedure,
    applicant: Applicant,
    input: SubmissionInput,
    errors: FieldError[],
  ): Promise<{ documents: AttachedDocument[]; newFiles: PreparedFile[] }> {
    const requirements = new Map(proc.documents.map((d) => [d.key, d]));
    const raw = input.documents ?? {};
    const documents: AttachedDocument[] = [];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ field: 'documents', message: 'Thành phần hồ sơ phải là đối tượng {mã giấy tờ: [mã tệp]}' });
      return { documents, newFiles: [] };
    }
    const wanted: { documentKey: string; fileId: string }[] = [];
    for (const [docKey, ids] of Object.entries(raw as Record<string, unknown>)) {
      const req = requirements.get(docKey);
      if (!req) {
        errors.push({ field: `documents.${docKey.slice(0, 60)}`, message: 'Thủ tục không có thành phần hồ sơ này' });
        continue;
      }
      const list = Array.isArray(ids) ? ids : typeof ids === 'string' ? [ids] : null;
      if (!list || list.length > 10 || list.some((id) => typeof id !== 'string')) {
        errors.push({ field: `documents.${docKey}`, message: `${req.name}: danh sách tệp không hợp lệ` });
        continue;
      }
      for (const id of new Set(list as string[])) if (id) wanted.push({ documentKey: docKey, fileId: id });
    }
    const owned = applicant.userId ? await this.files.findOwned(applicant.userId, wanted.map((w) => w.fileId)) : [];
    const byId = new Map<string, FileView>(owned.map((f) => [f.id, f]));
    let total = 0;
    const reported = new Set<string>();
    for (const w of wanted) {
      const f = byId.get(w.fileId);
      if (!f) {
        if (!reported.has(w.documentKey)) {
          errors.push({ field: `documents.${w.documentKey}`, message: `${requirements.get(w.documentKey)!.name}: không tìm thấy tệp đã chọn` });
          reported.add(w.documentKey);
        }
        continue;
      }
      documents.push({ ...w, name: f.name, size: f.size, mimeType: f.mimeType });
      total += f.size;
    }
    const newFiles = input.newFiles ?? [];
    for (const n of newFiles) {
      if (!requirements.has(n.documentKey)) continue;
      documents.push({ documentKey: n.documentKey, fileId: n.file.id, name: n.file.name, size: n.file.size, mimeType: n.file.mimeType });
      total += n.file.size;
    }
    for (const req of proc.documents) {
      if (req.required && !documents.some((d) => d.documentKey === req.key) && !errors.some((e) => e.field === `documents.${req.key}`)) {
        errors.push({ field: `documents.${req.key}`, message: `Vui lòng đính kèm ${req.name.charAt(0).toLowerCase()}${req.name.slice(1)}` });
      }
    }
    if (total > this.config.uploads.maxDossierBytes) {
      errors.push({
        field: 'documents',
        message: `Tổng dung lượng tệp đính kèm vượt quá ${Math.round(this.config.uploads.maxDossierBytes / 1024 / 1024)} MB cho một hồ sơ`,
      });
    }
    return { documents, newFiles: newFiles.filter((n) => requirements.has(n.documentKey)).map((n) => n.file) };
  }

  /**
   * A life event (e.g. newborn): several procedures from one form, each its own dossier and code at
   * its own agency, all sharing a bundle id, written in ONE transaction (all or nothing). Files
   * uploaded once are attached to every dossier that asks for them.
   */
  async submitBundle(
    actor: AuthUser,
    applicant: Applicant,
    inputs: SubmissionInput[],
    idempotencyKey: string | null,
  ): Promise<{ bundleId: string; codes: string[]; created: boolean }> {
    const key = SubmissionService.checkIdempotencyKey(idempotencyKey);
    const keyFor = (i: number) => (key ? `${key}:${i}` : null);
    if (key) {
      const existing = await this.writer.findByKey(this.ds.manager, applicant.userId, keyFor(0)!);
      if (existing) {
        const first = (await this.dossiers.findById(existing.dossierId))!;
        return { bundleId: first.bundleId!, codes: await this.dossiers.bundleCodes(existing.dossierId), created: false };
      }
    }
    const errors: FieldError[] = [];
    const prepared: PreparedSubmission[] = [];
    for (const input of inputs) {
      try {
        prepared.push(await this.prepare(applicant, input));
      } catch (err) {
        if (!(err instanceof SubmissionInvalid)) throw err;
        for (const e of err.errors) if (!errors.some((x) => x.field === e.field)) errors.push(e);
      }
    }
    if (errors.length) throw new SubmissionInvalid(errors);
    const bundleId = randomUUID();
    const allNew = new Map<string, PreparedFile>();
    for (const p of prepared) for (const f of p.newFiles) allNew.set(f.id, f);
    const blobs = [...allNew.values()];
    await this.files.writeBlobs(blobs);
    try {
      const codes = await this.ds.transaction(async (m) => {
        if (blobs.length) await this.files.insertRows(m, { userId: applicant.userId, personalId: applicant.personalId }, blobs);
        const out: string[] = [];
        for (const [i, p] of prepared.entries()) {
          const r = await this.writer.write(m, actor, applicant, 'ONLINE', { ...p, newFiles: [] }, { idempotencyKey: keyFor(i), bundleId });
          out.push(r.code);
        }
        return out;
      });
      return { bundleId, codes, created: true };
    } catch (err) {
      await this.files.discard(blobs);
      if (err instanceof DuplicateKey && key) return this.submitBundle(actor, applicant, inputs, key);
      throw err;
    }
  }
}
