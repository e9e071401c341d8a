import { footNote } from './printable';
import { buildResultDocument, citedLegalBasis, RESULT_TEMPLATES, resultKindOf, resultNameOf } from './result-templates';

describe('result templates', () => {
  it('maps the catalog result names to their kinds', () => {
    expect(resultKindOf('Giấy xác nhận tình trạng hôn nhân')).toBe('xac-nhan');
    expect(resultKindOf('Trích lục khai tử')).toBe('trich-luc');
    expect(resultKindOf('Bản sao Trích lục hộ tịch, bản sao giấy khai sinh')).toBe('trich-luc');
    expect(resultKindOf('Giấy chứng nhận kết hôn')).toBe('chung-nhan');
    expect(resultKindOf('Giấy khai sinh')).toBe('chung-nhan');
    expect(resultKindOf('- Giấy phép xây dựng được điều chỉnh.')).toBe('giay-phep');
    expect(resultKindOf('Quyết định công nhận hòa giải viên')).toBe('quyet-dinh');
    expect(resultKindOf('Thông báo xác nhận kết quả đăng ký đất đai.')).toBe('xac-nhan');
    expect(resultKindOf('Vụ việc được vào sổ thụ lý')).toBe('quyet-dinh');
  });
  it('titles the document with the result name', () => {
    expect(resultNameOf('- Giấy phép xây dựng được gia hạn.')).toBe('Giấy phép xây dựng được gia hạn');
    expect(resultNameOf('Quyết định hoàn trả (mẫu C16-TS) và Tiền hoàn trả')).toBe('Quyết định hoàn trả');
  });
  it('cites the procedure\'s own acts, not the fee circular', () => {
    const basis = 'Thông tư Hướng dẫn về phí và lệ phí (85/2019/TT-BTC)\nNghị định 123/2015/NĐ-CP\nThông tư 04/2020/TT-BTP';
    expect(citedLegalBasis(basis)).toBe('Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP');
    expect(citedLegalBasis('Thông tư 85/2019/TT-BTC')).toBe('Thông tư 85/2019/TT-BTC');
    expect(citedLegalBasis(null)).toBe('các quy định hiện hành');
  });
  it('one template per kind, unique key and version', () => {
    expect(new Set(RESULT_TEMPLATES.map((t) => t.kind)).size).toBe(5);
    expect(new Set(RESULT_TEMPLATES.map((t) => `${t.key}@${t.version}`)).size).toBe(RESULT_TEMPLATES.length);
  });
  it('builds the certificate with labelled fields; the preview is marked and has no code', () => {
    const input = {
      code: 'A-1', applicantName: 'Lê Thị B', applicantPersonalId: '001199000001', procedureName: 'Đăng ký kết hôn', result: 'Giấy chứng nhận kết hôn',
      legalBasis: 'Luật Hộ tịch 2014', agencyName: 'UBND xã X', parentName: 'UBND huyện Y', fields: [{ label: 'Giới tính', text: 'Nữ' }],
      verificationCode: 'ABCDE-23456', verifyUrl: 'https://x/xac-thuc', placeAndDate: 'xã X', signerName: 'Trần C',
    };
    const signed = buildResultDocument(input, new Date('2026-11-23T03:00:00Z'));
    expect(signed.title).toBe('Giấy chứng nhận kết hôn');
    expect(signed.template).toEqual({ key: 'ket-qua-chung-nhan', version: 1, validFrom: '2026-01-01' });
    expect(signed.paragraphs).toContainEqual({ label: 'Giới tính', text: 'Nữ' });
    expect(signed.paragraphs.map((p) => p.text).join(' ')).toContain('Căn cứ Luật Hộ tịch 2014;');
    expect(signed.paragraphs.map((p) => p.text).join(' ')).toContain('ABCDE-23456');
    const preview = buildResultDocument({ ...input, preview: true }, new Date('2026-11-23T03:00:00Z'));
    expect(preview.watermark).toBe('BẢN XEM TRƯỚC');
    expect(preview.paragraphs.map((p) => p.text).join(' ')).not.toContain('ABCDE-23456');
  });
  it('prints the form version in words at the foot, never the template key', () => {
    const foot = footNote({ footer: 'Văn bản điện tử được ký số.', template: { key: 'ket-qua-chung-nhan', version: 2, validFrom: '2026-07-01' } });
    expect(foot).toBe('Văn bản điện tử được ký số. · Mẫu phiên bản 2, áp dụng từ 01/07/2026');
    expect(footNote({ template: { key: 'tiep-nhan', version: 1, validFrom: '2018-08-21' } })).toBe('Mẫu phiên bản 1, áp dụng từ 21/08/2018');
  });
});
