import { localDateOf } from '../common/local-time';
/**
 * Versioned slip templates (Thông tư 01/2018/TT-VPCP, mẫu 01–05; the 2025 regime's Thông tư
 * 03/2025/TT-VPCP renumbers them — a province on it adds new versions here, it changes no code).
 * A printed slip records the template key and version it came from; old versions stay so that a
 * reprint matches what was handed out. `{name}` placeholders are filled from the dossier.
 */
export type SlipKind = 'tiep-nhan' | 'yeu-cau-bo-sung' | 'tu-choi' | 'xin-loi' | 'kiem-soat' | 'ket-qua';

export interface SlipTemplate {
  key: SlipKind;
  version: number;
  validFrom: string;
  formNo: string;
  /** The slip's symbol in its reference number ("Số: <mã hồ sơ>/GTN"), as documents abbreviate their kind. */
  symbol: string;
  title: string;
  /** The event whose facts the slip reports (null: the dossier as a whole). */
  event: string | null;
  paragraphs: { label?: string; text: string }[];
  signerTitle: string;
  footer?: string;
}

export const SLIP_TEMPLATES: readonly SlipTemplate[] = [
  {
    key: 'tiep-nhan', version: 1, validFrom: '2018-08-21', event: 'receive',
    formNo: 'Mẫu số 01 — Thông tư 01/2018/TT-VPCP',
    symbol: 'GTN',
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    paragraphs: [
      { text: '{agencyName} tiếp nhận hồ sơ của: {applicantName}.' },
      { label: 'Mã hồ sơ', text: '{code}' },
      { label: 'Nội dung yêu cầu giải quyết', text: '{procedureName}' },
      { label: 'Số điện thoại / thư điện tử', text: '{contact}' },
      { label: 'Thành phần hồ sơ', text: '{documents}' },
      { label: 'Số lượng hồ sơ', text: '01 bộ' },
      { label: 'Thời gian giải quyết hồ sơ theo quy định', text: '{processingTime}' },
      { label: 'Thời gian nhận hồ sơ', text: '{receivedAt}' },
      { label: 'Thời gian trả kết quả giải quyết hồ sơ', text: '{dueAt}' },
      { label: 'Cách tính hạn', text: '{dueExplanation}' },
      { label: 'Đăng ký nhận kết quả tại', text: '{returnPlace}' },
    ],
    signerTitle: 'Người tiếp nhận',
    footer: 'Tra cứu tình trạng hồ sơ tại Cổng dịch vụ công bằng mã hồ sơ.',
  },
  {
    key: 'yeu-cau-bo-sung', version: 1, validFrom: '2018-08-21', event: 'request-supplement',
    formNo: 'Mẫu số 02 — Thông tư 01/2018/TT-VPCP',
    symbol: 'PYCBS',
    title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    paragraphs: [
      { text: '{agencyName} tiếp nhận hồ sơ của: {applicantName}.' },
      { label: 'Mã hồ sơ', text: '{code}' },
      { label: 'Nội dung yêu cầu giải quyết', text: '{procedureName}' },
      { text: 'Sau khi xem xét, đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:' },
      { label: 'Nội dung cần bổ sung', text: '{eventReason}' },
      { text: '{pauseNote}' },
      { text: 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ {agencyName} để được hướng dẫn. Xin trân trọng cảm ơn.' },
    ],
    signerTitle: 'Người hướng dẫn',
  },
  {
    key: 'tu-choi', version: 1, validFrom: '2018-08-21', event: 'refuse',
    formNo: 'Mẫu số 03 — Thông tư 01/2018/TT-VPCP',
    symbol: 'PTC',
    title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    paragraphs: [
      { text: '{agencyName} tiếp nhận hồ sơ của: {applicantName}.' },
      { label: 'Mã hồ sơ', text: '{code}' },
      { label: 'Nội dung yêu cầu giải quyết', text: '{procedureName}' },
      { text: 'Căn cứ quy định tại {legalBasis}, cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này với lý do:' },
      { label: 'Lý do', text: '{eventReason}' },
      { text: 'Xin thông báo để ông/bà được biết và thực hiện.' },
    ],
    signerTitle: 'Người tiếp nhận',
  },
  {
    key: 'xin-loi', version: 1, validFrom: '2018-08-21', event: 'extend',
    formNo: 'Mẫu số 04 — Thông tư 01/2018/TT-VPCP',
    symbol: 'PXL',
    title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    paragraphs: [
      { text: 'Ngày {receivedAt}, {receivingAgencyName} tiếp nhận giải quyết hồ sơ của ông/bà {applicantName}.' },
      { label: 'Mã hồ sơ', text: '{code}' },
      { label: 'Nội dung yêu cầu giải quyết', text: '{procedureName}' },
      { label: 'Thời hạn trả kết quả theo giấy tiếp nhận', text: '{previousDueAt}' },
      { text: 'Tuy nhiên đến nay, {agencyName} chưa trả kết quả giải quyết hồ sơ của ông/bà đúng thời hạn ghi trên giấy tiếp nhận và hẹn trả kết quả.' },
      { label: 'Lý do', text: '{eventReason}' },
      { text: '{agencyName} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào {newDueAt}.' },
      { text: 'Mong nhận được sự thông cảm của ông/bà vì sự chậm trễ này.' },
    ],
    signerTitle: 'Thủ trưởng cơ quan',
  },
  {
    key: 'kiem-soat', version: 1, validFrom: '2018-08-21', event: null,
    formNo: 'Mẫu số 05 — Thông tư 01/2018/TT-VPCP',
    symbol: 'PKS',
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    paragraphs: [
      { label: 'Mã hồ sơ', text: '{code}' },
      { label: 'Người nộp', text: '{applicantName}' },
      { label: 'Thủ tục', text: '{procedureName}' },
      { label: 'Ngày nhận', text: '{receivedAt}' },
      { label: 'Hẹn trả', text: '{dueAt}' },
      { label: 'Kết quả', text: '{timelinessText}' },
    ],
    signerTitle: 'Bộ phận tiếp nhận và trả kết quả',
  },
  {
    key: 'ket-qua', version: 1, validFrom: '2026-01-01', event: 'approve',
    formNo: 'Kết quả giải quyết thủ tục hành chính (văn bản điện tử có chữ ký số)',
    symbol: 'KQ',
    title: 'Quyết định giải quyết thủ tục hành chính',
    paragraphs: [
      { text: 'Căn cứ {legalBasis};' },
      { text: 'Xét hồ sơ mã {code} của ông/bà {applicantName} ({applicantPersonalId}) đề nghị giải quyết thủ tục "{procedureName}";' },
      { text: '{agencyName} chấp thuận yêu cầu của ông/bà {applicantName}.' },
      { label: 'Kết quả', text: '{result}' },
      { label: 'Nội dung', text: '{dataSummary}' },
      { label: 'Mã xác thực', text: '{verificationCode} — kiểm tra tính xác thực tại {verifyUrl}' },
    ],
    signerTitle: 'Thủ trưởng cơ quan',
    footer: 'Văn bản điện tử được ký số; bản in chỉ có giá trị khi đối chiếu được mã xác thực.',
  },
];

/** The newest version of a template in force at `at` (the local day), or the newest of all without `at`. */
export function templateFor(key: SlipKind, at?: Date): SlipTemplate {
  const day = at ? localDateOf(at) : '9999-12-31';
  const candidates = SLIP_TEMPLATES.filter((t) => t.key === key && t.validFrom <= day).sort((a, b) => b.version - a.version);
  const t = candidates[0] ?? SLIP_TEMPLATES.find((x) => x.key === key);
  if (!t) throw new Error(`Unknown slip template ${key}`);
  return t;
}

export function fill(text: string, vars: Record<string, string | undefined | null>): string {
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '—');
}
