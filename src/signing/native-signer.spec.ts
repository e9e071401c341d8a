import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { renderPdf } from '../documents/printable';
import { createCa, createSigner, verifyPdfSignature, type PkiIdentity } from './dev-pki';
import { NativeKeySigner } from './native-signer';

describe('native-key PDF signer (the one the approval uses)', () => {
  let ca: PkiIdentity;
  let signer: NativeKeySigner;
  beforeAll(async () => {
    ca = await createCa('Tỉnh Hà Giang');
    signer = new NativeKeySigner(await createSigner(ca, '00715.TPHT', 'Công chức Tư pháp - Hộ tịch xã Lũng Cú'), ca);
  });
  const at = new Date('2026-11-23T03:00:00Z');

  async function signedPdf(text: string): Promise<Buffer> {
    const pdf = await renderPdf({
      parentName: 'Ủy ban nhân dân xã Lũng Cú', agencyName: 'Công chức Tư pháp - Hộ tịch', formNo: 'Thử', title: 'Giấy thử nghiệm',
      paragraphs: [{ label: 'Nội dung', text }], placeAndDate: 'Lũng Cú', signer: { title: 'Người ký' }, template: { key: 'thu', version: 1, validFrom: '2026-01-01' },
    });
    const withPlaceholder = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'Thử', contactInfo: 'x', name: 'x', location: 'VN', signingTime: at, signatureLength: 8192 });
    return Buffer.from(await signpdf.sign(withPlaceholder, signer, at));
  }

  it('signs PDFs that verify against the CA, again and again with the same parsed key', async () => {
    for (const text of ['Tiếng Việt có dấu: ạ ặ ữ đ', 'Lần ký thứ hai']) {
      const check = verifyPdfSignature(await signedPdf(text), ca.certificatePem);
      expect(check).toMatchObject({ signed: true, integrity: true, signatureValid: true, chainValid: true, coversWholeFile: true, signerOrganisationUnit: '00715.TPHT' });
      expect(check.signingTime).toBe(at.toISOString());
    }
  });
  it('a changed byte breaks the integrity', async () => {
    const copy = await signedPdf('Nội dung');
    copy[300] = copy[300] === 0x20 ? 0x21 : 0x20;
    expect(verifyPdfSignature(copy, ca.certificatePem).integrity).toBe(false);
  });
  it('refuses to sign without the business time', async () => {
    await expect(signer.sign(Buffer.from('%PDF-1.4'))).rejects.toThrow('signing time');
  });
});
