import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { describeFormData, viDateTime } from '../common/vi-labels';
import { sha256 } from '../common/hash';
import { FILE_STORAGE, newStorageKey, type FileStorage } from '../files/file-storage';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DossierRow } from '../dossiers/dossier-rows';
import { DossierRepository } from '../dossiers/dossier.repository';
import type { AuthUser } from '../identity/auth-user';
import { SigningService } from '../signing/signing.service';
import { renderPdf, type PrintableDocument } from '../documents/printable';
import { fill, templateFor } from '../documents/slip-templates';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function verificationCode(): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/**
 * On approval: the result document rendered from its template, signed with the approving
 * agency's key, stored in the applicant's document store (files, kind RESULT) and recorded for
 * public verification — inside the approval's transaction.
 */
@Injectable()
export class ResultIssuer {
  constructor(
    private readonly signing: SigningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly dossiers: DossierRepository,
  ) {}

  /** Creates the CA and the agency's key if needed — outside the approval's transaction. */
  async prepare(agencyCode: string): Promise<void> {
    await this.signing.prepare(agencyCode);
  }

  async issue(
    m: EntityManager,
    d: Pick<DossierRow, 'id' | 'code' | 'procedureId' | 'agencyCode' | 'applicantUserId' | 'applicantPersonalId' | 'applicantName' | 'data'>,
    p: { name: string; result: string; legal_basis: string | null },
    actor: AuthUser,
    at: Date,
    eventId: string,
  ): Promise<{ fileId: string; verificationCode: string }> {
    const [agency] = await m.query(
      `SELECT a.code, a.name, p.name AS parent_name FROM agencies a LEFT JOIN agencies p ON p.code = a.parent_code WHERE a.code = $1`,
      [d.agencyCode],
    );
    const code = verificationCode();
    const t = templateFor('ket-qua', at);
    // The applicant's data as people read it: the form's own labels, option labels, dd/mm/yyyy (vi-labels.ts).
    const [proc] = await m.query(`SELECT form FROM procedures WHERE id = $1`, [d.procedureId]);
    const dataSummary = describeFormData(proc?.form?.fields, d.data)
      .slice(0, 12)
      .map((r) => `${r.label}: ${r.value}`)
      .join('; ');
    const vars = {
      code: d.code,
      applicantName: d.applicantName,
      applicantPersonalId: d.applicantPersonalId,
      procedureName: p.name,
      agencyName: agency?.name ?? d.agencyCode,
      legalBasis: (p.legal_basis ?? '').split('\n')[0]?.slice(0, 300) || 'quy định hiện hành',
      result: p.result,
      dataSummary: dataSummary || '—',
      verificationCode: code,
      verifyUrl: `${this.config.publicBaseUrl.replace(/\/$/, '')}/xac-thuc`,
    };
    const doc: PrintableDocument = {
      parentName: agency?.parent_name ?? 'Ủy ban nhân dân',
      agencyName: agency?.name ?? d.agencyCode,
      formNo: t.formNo,
      title: t.title,
      reference: `${d.code}/QĐ`,
      paragraphs: t.paragraphs.map((x) => ({ label: x.label, text: fill(x.text, vars) })),
      placeAndDate: `Ngày ký: ${viDateTime(at)}`,
      signer: { title: t.signerTitle, name: actor.fullName, note: '(Đã ký số)' },
      footer: t.footer,
      template: { key: t.key, version: t.version },
    };
    const unsigned = await renderPdf(doc, { info: { Subject: `Kết quả hồ sơ ${d.code}`, Keywords: code } });
    const { pdf, identity } = await this.signing.sign(unsigned, d.agencyCode, agency?.name ?? d.agencyCode, actor.fullName, at);
    const hash = sha256(pdf);
    const fileName = `ket-qua-${d.code}.pdf`;
    // The blob is written before the rows commit; a rolled-back approval leaves an orphan blob, never a row without content.
    const storageKey = newStorageKey();
    await this.storage.put(storageKey, pdf);
    const [file] = await m.query(
      `INSERT INTO files (owner_user_id, owner_personal_id, name, mime_type, size, sha256, storage_key, kind)
       VALUES ($1, $2, $3, 'application/pdf', $4, $5, $6, 'RESULT') RETURNING id`,
      [d.applicantUserId, d.applicantPersonalId, fileName, pdf.length, hash, storageKey],
    );
    await m.query(
      `INSERT INTO result_documents (verification_code, dossier_id, dossier_code, file_id, agency_code, signer_name,
         certificate_subject, certificate_serial, sha256, template, template_version, pdf, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [code, d.id, d.code, file.id, d.agencyCode, actor.fullName.slice(0, 200), identity.subject.slice(0, 200), identity.serial, hash, t.key, t.version, pdf, at],
    );
    await this.dossiers.addEventData(m, eventId, { resultFileId: file.id, verificationCode: code, sha256: hash });
    return { fileId: file.id, verificationCode: code };
  }
}
