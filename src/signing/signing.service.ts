import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitsService } from '../units/units.service';
import { createCa, createSigner, verifyPdfSignature, type PkiIdentity, type SignatureCheck } from './dev-pki';
import { NativeKeySigner } from './native-signer';

/**
 * Real PDF signatures (PKCS#7 detached, adbe.pkcs7.detached) with per-agency keys issued by the
 * development CA. Keys live in `signing_identities`, created on first use under an advisory lock so
 * that parallel approvals (or app instances) agree on one key per agency.
 */
@Injectable()
export class SigningService {
  private readonly log = new Logger(SigningService.name);
  private readonly cache = new Map<string, PkiIdentity>();
  /** Signers per agency, their key and certificates parsed once (no PKCS#12 round trip per signature). */
  private readonly signers = new Map<string, NativeKeySigner>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly units: UnitsService,
  ) {}

  async ca(): Promise<PkiIdentity> {
    const cached = this.cache.get('CA');
    if (cached) return cached;
    const province = await this.units.province();
    return this.identity('CA', () => createCa(province.name));
  }

  /** Ensures the CA and the agency's identity exist and are cached (each uses its own short transaction). */
  async prepare(agencyCode: string): Promise<void> {
    if (this.cache.has(agencyCode)) return; // made or loaded already: nothing to prepare
    const ca = await this.ca();
    const [agency] = await this.ds.query(`SELECT name FROM agencies WHERE code = $1`, [agencyCode]);
    await this.identity(agencyCode, () => createSigner(ca, agencyCode, agency?.name ?? agencyCode));
  }

  async sign(pdf: Buffer, agencyCode: string, agencyName: string, signerName: string, at: Date): Promise<{ pdf: Buffer; identity: PkiIdentity }> {
    const ca = await this.ca();
    const identity = await this.identity(agencyCode, () => createSigner(ca, agencyCode, agencyName));
    let signer = this.signers.get(agencyCode);
    if (!signer) {
      signer = new NativeKeySigner(identity, ca);
      this.signers.set(agencyCode, signer);
    }
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: `Phê duyệt kết quả giải quyết thủ tục hành chính — ${signerName}`,
      contactInfo: agencyCode,
      name: agencyName,
      location: 'Việt Nam',
      signingTime: at,
      signatureLength: 8192,
      appName: 'motcua',
    });
    const signed = await signpdf.sign(withPlaceholder, signer, at);
    return { pdf: Buffer.from(signed), identity };
  }

  async verify(pdf: Buffer): Promise<SignatureCheck> {
    return verifyPdfSignature(pdf, (await this.ca()).certificatePem);
  }

  private async identity(id: string, create: () => Promise<PkiIdentity>): Promise<PkiIdentity> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const found = await this.find(this.ds.manager, id);
    if (found) return this.remember(id, found);
    const made = await this.ds.transaction(async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`signing:${id}`]);
      const again = await this.find(m, id);
      if (again) return again;
      const fresh = await create();
      await m.query(
        `INSERT INTO signing_identities (id, certificate_pem, private_key_pem, serial, subject) VALUES ($1, $2, $3, $4, $5)`,
        [id, fresh.certificatePem, fresh.privateKeyPem, fresh.serial, fresh.subject.slice(0, 300)],
      );
      this.log.log(`Đã tạo khóa ký số phát triển cho ${id}`);
      return fresh;
    });
    return this.remember(id, made);
  }

  private remember(id: string, p: PkiIdentity): PkiIdentity {
    this.cache.set(id, p);
    return p;
  }

  private async find(m: EntityManager, id: string): Promise<PkiIdentity | null> {
    const [r] = await m.query(`SELECT certificate_pem, private_key_pem, serial, subject FROM signing_identities WHERE id = $1`, [id]);
    return r ? { certificatePem: r.certificate_pem, privateKeyPem: r.private_key_pem, serial: r.serial, subject: r.subject } : null;
  }
}
