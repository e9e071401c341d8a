import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import { renderPdf } from '../documents/printable';
import { createCa, createSigner, toP12, verifyPdfSignature, type PkiIdentity } from './dev-pki';

describe('development PKI and PDF signatures', () => {
  let ca: PkiIdentity;
  let other: PkiIdentity;
  let signer: PkiIdentity;
  let signed: Buffer;

  beforeAll(async () => {
    ca = await createCa('Tỉnh Hà Giang');
    other = await createCa('Tỉnh Khác');
    signer = await createSigner(ca, '00715.TPHT', 'Công chức Tư pháp - Hộ tịch xã Lũng Cú');
    const pdf = await renderPdf({
      parentName: 'Ủy ban nhân dân xã Lũng Cú', agencyName: 'Công chức Tư pháp - Hộ tịch', formNo: 'Thử', title: 'Giấy thử nghiệm',
      paragraphs: [{ label: 'Nội dung', text: 'Tiếng Việt có dấu: ạ ặ ữ đ' }], placeAndDate: 'Lũng Cú', signer: { title: 'Người ký' },
      template: { key: 'thu', version: 1, validFrom: '2026-01-01' },
    });
    const { p12, passphrase } = toP12(signer, ca);
    const withPlaceholder = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'Thử', contactInfo: 'x', name: 'x', location: 'VN', signatureLength: 8192 });
    signed = Buffer.from(await signpdf.sign(withPlaceholder, new P12Signer(p12, { passphrase })));
  });

  it('the agency certificate is issued by the CA and names the agency', () => {
    expect(signer.subject).toContain('00715.TPHT');
    expect(signer.serial).toMatch(/^[0-9a-f]+$/);
  });
  it('a signed PDF verifies against the CA', () => {
    expect(verifyPdfSignature(signed, ca.certificatePem)).toMatchObject({
      signed: true, integrity: true, signatureValid: true, chainValid: true, coversWholeFile: true, signerOrganisationUnit: '00715.TPHT',
    });
  });
  it('another CA does not vouch for it', () => expect(verifyPdfSignature(signed, other.certificatePem).chainValid).toBe(false));
  it('a changed byte breaks the integrity', () => {
    const copy = Buffer.from(signed);
    copy[300] = copy[300] === 0x20 ? 0x21 : 0x20;
    expect(verifyPdfSignature(copy, ca.certificatePem).integrity).toBe(false);
  });
  it('bytes appended after signing are detected', () => {
    const longer = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    expect(verifyPdfSignature(longer, ca.certificatePem).coversWholeFile).toBe(false);
  });
  it('an unsigned PDF is reported as unsigned', async () => {
    const plain = Buffer.from('%PDF-1.4\n%%EOF\n');
    expect(verifyPdfSignature(plain, ca.certificatePem)).toMatchObject({ signed: false });
  });
});
