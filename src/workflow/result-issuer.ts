import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { preloadPdfFonts } from '../common/pdf';
import { formatLocal } from '../common/local-time';
import { sha256 } from '../common/hash';
import { FILE_STORAGE, newStorageKey, type FileStorage } from '../files/file-storage';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DossierRow } from '../dossiers/dossier-rows';
import { DossierRepository } from '../dossiers/dossier.repository';
import type { AuthUser } from '../identity/auth-user';
import { SigningService } from '../signing/signing.service';
import { renderPdf, type PrintableDocument } from '../documents/printable';
import { buildResultDocument } from '../documents/result-templates';
import type { FormDefinition } from '../catalog/procedure.types';
import { describeData } from './dossier-fields';

type ResultDossier = Pick<DossierRow, 'id' | 'code' | 'agencyCode' | 'applicantUserId' | 'applicantPersonalId' | 'applicantName' | 'data'>;
export interface ResultProcedure {
  name: string;
  result: string;
  legal_basis: string | null;
  form: FormDefinition | null;
}

/** Already said in the document's opening sentence. */
const DUPLICATED_IN_TEXT = new Set(['applicantName', 'applicantPersonalId']);

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
export class ResultIssuer implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly signing: SigningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly dossiers: DossierRepository,
  ) {}

  /** The fonts are parsed at start-up rather than in the first approval. */
  onApplicationBootstrap(): void {
    preloadPdfFonts();
  }

  /** Creates the CA and the agency's key if needed — outside the approval's transaction. */
  async prepare(agencyCode: string): Promise<void> {
    await this.signing.prepare(agencyCode);
  }

  /** The result as the leader will sign it, unsigned and marked "BẢN XEM TRƯỚC" (nothing is stored). */
  async preview(d: ResultDossier, p: ResultProcedure, signerName: string, at: Date): Promise<Buffer> {
    const doc = await this.document(this.ds.manager, d, p, signerName, at, '', true);
    return renderPdf(doc, { info: { Subject: `Bản xem trước kết quả hồ sơ ${d.code}` } });
  }

  async issue(
    m: EntityManager,
    d: ResultDossier,
    p: ResultProcedure,
    actor: AuthUser,
    at: Date,
    eventId: string,
  ): Promise<{ fileId: string; verificationCode: string }> {
    const code = verificationCode();
    const doc = await this.document(m, d, p, actor.fullName, at, code, false);
    const t = doc.template;
    const unsigned = await renderPdf(doc, { info: { Subject: `Kết quả hồ sơ ${d.code}`, Keywords: code } });
    const { pdf, identity } = await this.signing.sign(unsigned, d.agencyCode, doc.agencyName, actor.fullName, at);
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

  /** One rendering for the preview and the signed original: the template of the catalog's result kind. */
  private async document(m: EntityManager, d: ResultDossier, p: ResultProcedure, signerName: string, at: Date, code: string, preview: boolean): Promise<PrintableDocument> {
    const [agency] = await m.query(
      `SELECT a.name, p.name AS parent_name, u.name AS unit_name FROM agencies a LEFT JOIN agencies p ON p.code = a.parent_code
         LEFT JOIN administrative_units u ON u.code = a.unit_code WHERE a.code = $1`,
      [d.agencyCode],
    );
    const fields = describeData(p.form?.fields, d.data, { omitTypes: ['phone', 'email'] })
      .filter((f) => !DUPLICATED_IN_TEXT.has(f.key))
      .slice(0, 24)
      .map((f) => ({ label: f.label, text: f.text }));
    return buildResultDocument(
      {
        code: d.code,
        applicantName: d.applicantName,
        applicantPersonalId: d.applicantPersonalId,
        procedureName: p.name,
        result: p.result,
        legalBasis: p.legal_basis,
        agencyName: agency?.name ?? d.agencyCode,
        parentName: agency?.parent_name ?? agency?.unit_name ?? 'Ủy ban nhân dân',
        fields,
        verificationCode: code,
        verifyUrl: `${this.config.publicBaseUrl.replace(/\/$/, '')}/xac-thuc`,
        placeAndDate: `${agency?.unit_name ? `${agency.unit_name}, ` : ''}${preview ? 'ngày ký: khi phê duyệt' : `ngày ký ${formatLocal(at)}`}`,
        signerName,
        preview,
      },
      at,
    );
  }
}
