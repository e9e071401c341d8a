import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sha256 } from '../common/hash';
import { SigningService } from './signing.service';
import type { SignatureCheck } from './dev-pki';
import { apiInstant } from '../common/api-json';

export interface VerificationResult {
  /** The file is a result this portal issued, unchanged, with a valid signature from our CA. */
  valid: boolean;
  verdict: string;
  issued?: { dossierCode: string; agencyCode: string; signerName: string; issuedAt: string; verificationCode: string; sha256: string };
  signature?: SignatureCheck;
  matchesIssuedFile?: boolean;
}

/** Public verification of signed results (/xac-thuc): by uploaded PDF or by the code printed on it. */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly signing: SigningService,
  ) {}

  async byFile(pdf: Buffer | undefined): Promise<VerificationResult> {
    if (!pdf || pdf.length === 0) throw new BadRequestException('Cần tải lên tệp PDF kết quả');
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return { valid: false, verdict: 'Tệp không phải là PDF' };
    const hash = sha256(pdf);
    const signature = await this.signing.verify(pdf);
    const [issued] = await this.ds.query(
      `SELECT dossier_code, agency_code, signer_name, issued_at, verification_code, sha256 FROM result_documents WHERE sha256 = $1 LIMIT 1`,
      [hash],
    );
    const sigOk = signature.signed && signature.integrity && signature.signatureValid && signature.chainValid && signature.coversWholeFile;
    const valid = sigOk && !!issued;
    let verdict: string;
    if (!signature.signed) verdict = 'Tệp không có chữ ký số.';
    else if (!signature.integrity) verdict = 'Nội dung tệp đã bị thay đổi sau khi ký: chữ ký không còn giá trị.';
    else if (!signature.signatureValid) verdict = 'Chữ ký số không hợp lệ.';
    else if (!signature.chainValid) verdict = 'Chứng thư số không do hệ thống cấp.';
    else if (!signature.coversWholeFile) verdict = 'Tệp đã bị thêm nội dung sau khi ký.';
    else if (!issued) verdict = 'Chữ ký hợp lệ nhưng tệp không khớp với kết quả nào hệ thống đã cấp.';
    else verdict = 'Văn bản hợp lệ: do cơ quan nhà nước ký số và chưa bị thay đổi.';
    return { valid, verdict, signature, matchesIssuedFile: !!issued, issued: issued ? this.issuedView(issued) : undefined };
  }

  async byCode(codeRaw: string | undefined): Promise<VerificationResult> {
    const code = String(codeRaw ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(code)) throw new BadRequestException('Mã xác thực có dạng XXXXX-XXXXX');
    const [issued] = await this.ds.query(
      `SELECT dossier_code, agency_code, signer_name, issued_at, verification_code, sha256, pdf FROM result_documents WHERE verification_code = $1`,
      [code],
    );
    if (!issued) throw new NotFoundException('Không tìm thấy văn bản có mã xác thực này');
    const signature = await this.signing.verify(issued.pdf);
    const intact = sha256(issued.pdf) === issued.sha256;
    const valid = intact && signature.integrity && signature.signatureValid && signature.chainValid;
    return {
      valid,
      verdict: valid ? 'Mã xác thực hợp lệ: văn bản do cơ quan nhà nước cấp và ký số.' : 'Bản lưu của văn bản không còn nguyên vẹn.',
      issued: this.issuedView(issued),
      signature,
      matchesIssuedFile: intact,
    };
  }

  private issuedView(r: Record<string, any>) {
    return {
      dossierCode: r.dossier_code,
      agencyCode: r.agency_code,
      signerName: r.signer_name,
      issuedAt: apiInstant(r.issued_at)!,
      verificationCode: r.verification_code,
      sha256: r.sha256,
    };
  }
}
