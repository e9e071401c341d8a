/**
 * The result document of a procedure, from a template per KIND of result the catalog names in the
 * procedure's `result` field: a certificate (giấy chứng nhận, giấy khai sinh…), an extract (trích
 * lục), a confirmation (giấy xác nhận, thông báo), a licence (giấy phép) or a decision (quyết
 * định, the fallback). The document's title is the result's own name ("Giấy xác nhận tình trạng
 * hôn nhân"), its legal basis the procedure's own (fee and charge acts left out), and its content
 * the dossier's data under the form's labels. Templates are versioned like the slips: a signed
 * result records the key and version it came from. Pure.
 */
import { localDateOf } from '../common/local-time';
import type { PrintableDocument } from './printable';

export type ResultKind = 'chung-nhan' | 'trich-luc' | 'xac-nhan' | 'giay-phep' | 'quyet-dinh';

export interface ResultTemplate {
  key: `ket-qua-${ResultKind}`;
  kind: ResultKind;
  version: number;
  validFrom: string;
  /** Title printed when the catalog's result name cannot serve (the decision's is always this). */
  title?: string;
  /** Paragraphs; `{fields}` stands for the dossier's content, one labelled line per field. */
  paragraphs: { label?: string; text: string }[];
  signerTitle: string;
}

const FORM_NO = 'Kết quả giải quyết thủ tục hành chính (văn bản điện tử có chữ ký số)';
const VERIFY = { label: 'Mã xác thực', text: '{verificationCode} — kiểm tra tính xác thực tại {verifyUrl}' };

export const RESULT_TEMPLATES: readonly ResultTemplate[] = [
  {
    key: 'ket-qua-chung-nhan', kind: 'chung-nhan', version: 1, validFrom: '2026-01-01',
    paragraphs: [
      { text: 'Căn cứ {legalBasis};' },
      { text: '{agencyName} chứng nhận theo hồ sơ mã {code} của ông/bà {applicantName} ({applicantPersonalId}), thủ tục "{procedureName}":' },
      { text: '{fields}' },
      VERIFY,
    ],
    signerTitle: 'Thủ trưởng cơ quan',
  },
  {
    key: 'ket-qua-trich-luc', kind: 'trich-luc', version: 1, validFrom: '2026-01-01',
    paragraphs: [
      { text: 'Căn cứ {legalBasis};' },
      { text: '{agencyName} trích lục nội dung đã đăng ký theo hồ sơ mã {code} của ông/bà {applicantName} ({applicantPersonalId}), thủ tục "{procedureName}":' },
      { text: '{fields}' },
      VERIFY,
    ],
    signerTitle: 'Người ký trích lục',
  },
  {
    key: 'ket-qua-xac-nhan', kind: 'xac-nhan', version: 1, validFrom: '2026-01-01',
    paragraphs: [
      { text: 'Căn cứ {legalBasis};' },
      { text: 'Xét đề nghị của ông/bà {applicantName} ({applicantPersonalId}) tại hồ sơ mã {code}, thủ tục "{procedureName}", {agencyName} xác nhận:' },
      { text: '{fields}' },
      { text: 'Văn bản này được cấp theo đề nghị của người nộp hồ sơ và có giá trị theo quy định.' },
      VERIFY,
    ],
    signerTitle: 'Thủ trưởng cơ quan',
  },
  {
    key: 'ket-qua-giay-phep', kind: 'giay-phep', version: 1, validFrom: '2026-01-01',
    paragraphs: [
      { text: 'Căn cứ {legalBasis};' },
      { text: 'Xét hồ sơ mã {code} của ông/bà {applicantName} ({applicantPersonalId}) đề nghị "{procedureName}", {agencyName} cấp phép với nội dung:' },
      { text: '{fields}' },
      { text: 'Người được cấp phép có trách nhiệm thực hiện đúng nội dung được cấp phép và các quy định của pháp luật có liên quan.' },
      VERIFY,
    ],
    signerTitle: 'Thủ trưởng cơ quan',
  },
  {
    key: 'ket-qua-quyet-dinh', kind: 'quyet-dinh', version: 1, validFrom: '2026-01-01',
    title: 'Quyết định',
    paragraphs: [
      { text: 'Căn cứ {legalBasis};' },
      { text: 'Xét hồ sơ mã {code} của ông/bà {applicantName} ({applicantPersonalId}) đề nghị giải quyết thủ tục "{procedureName}",' },
      { text: 'QUYẾT ĐỊNH:' },
      { label: 'Điều 1', text: 'Chấp thuận đề nghị của ông/bà {applicantName}: {resultName}, với nội dung:' },
      { text: '{fields}' },
      { label: 'Điều 2', text: 'Quyết định này có hiệu lực kể từ ngày ký. Ông/bà {applicantName} và các cơ quan, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.' },
      VERIFY,
    ],
    signerTitle: 'Thủ trưởng cơ quan',
  },
];

/** The kind of result the catalog's text names (the first one where it lists several). */
export function resultKindOf(result: string | null | undefined): ResultKind {
  const r = resultNameOf(result).toLocaleLowerCase('vi');
  if (r.startsWith('quyết định')) return 'quyet-dinh';
  if (r.includes('trích lục')) return 'trich-luc';
  if (r.includes('giấy phép')) return 'giay-phep';
  if (r.includes('xác nhận') || r.startsWith('thông báo')) return 'xac-nhan';
  if (/chứng nhận|khai sinh|chứng thực|^thẻ|hộ chiếu|phiếu lý lịch/.test(r)) return 'chung-nhan';
  return 'quyet-dinh';
}

/** The result's own name, fit for a title: the first of a list, without a bullet, a final stop or an appended note. */
export function resultNameOf(result: string | null | undefined): string {
  const first = (result ?? '').split(/[;\n]/)[0] ?? '';
  const name = first.replace(/^\s*[-–•]\s*/, '').replace(/\s*\(.*$/, '').replace(/[.…\s]+$/, '').trim();
  return name.length > 120 ? `${name.slice(0, 117).replace(/\s+\S*$/, '')}…` : name;
}

/**
 * The acts a result cites: the procedure's legal basis, one act a line, without the acts on fees
 * and charges (they govern the fee, not the decision) — unless nothing else is listed.
 */
export function citedLegalBasis(legalBasis: string | null | undefined, max = 4): string {
  const acts = (legalBasis ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const substantive = acts.filter((l) => !/\bphí\b|lệ phí|TT-BTC/i.test(l));
  const chosen = (substantive.length ? substantive : acts).slice(0, max).map((l) => (l.length > 200 ? `${l.slice(0, 197)}…` : l));
  return chosen.join('; ') || 'các quy định hiện hành';
}

/** The newest version of a kind's template in force at `at`. */
export function resultTemplateFor(kind: ResultKind, at?: Date): ResultTemplate {
  const day = at ? localDateOf(at) : '9999-12-31';
  const t = RESULT_TEMPLATES.filter((x) => x.kind === kind && x.validFrom <= day).sort((a, b) => b.version - a.version)[0]
    ?? RESULT_TEMPLATES.find((x) => x.kind === kind);
  if (!t) throw new Error(`Unknown result template ${kind}`);
  return t;
}

export interface ResultInput {
  code: string;
  applicantName: string;
  applicantPersonalId: string;
  procedureName: string;
  /** The catalog's `result` text. */
  result: string;
  legalBasis: string | null;
  agencyName: string;
  parentName: string;
  /** The dossier's content as people read it (form labels, values in words). */
  fields: { label: string; text: string }[];
  verificationCode: string;
  verifyUrl: string;
  placeAndDate: string;
  signerName: string;
  /** A draft for the leader: marked, unsigned, without a verification code. */
  preview?: boolean;
}

/** The printable result document (the same for the preview and the signed original, but for the marks). */
export function buildResultDocument(input: ResultInput, at: Date): PrintableDocument {
  const kind = resultKindOf(input.result);
  const t = resultTemplateFor(kind, at);
  const resultName = resultNameOf(input.result) || input.procedureName;
  const vars: Record<string, string> = {
    code: input.code,
    applicantName: input.applicantName,
    applicantPersonalId: input.applicantPersonalId,
    procedureName: input.procedureName,
    agencyName: input.agencyName,
    legalBasis: citedLegalBasis(input.legalBasis),
    resultName,
    verificationCode: input.preview ? '(cấp khi phê duyệt)' : input.verificationCode,
    verifyUrl: input.verifyUrl,
  };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '—');
  const fields = input.fields.length ? input.fields : [{ label: 'Nội dung', text: 'Theo hồ sơ đề nghị' }];
  const paragraphs = t.paragraphs.flatMap((p) => (p.text === '{fields}' ? fields : [{ label: p.label, text: fill(p.text) }]));
  return {
    parentName: input.parentName,
    agencyName: input.agencyName,
    formNo: FORM_NO,
    title: t.title ?? resultName,
    subtitle: t.kind === 'quyet-dinh' ? `Về việc ${input.procedureName.charAt(0).toLocaleLowerCase('vi')}${input.procedureName.slice(1)}` : undefined,
    reference: `${input.code}/${kind === 'quyet-dinh' ? 'QĐ' : 'KQ'}`,
    paragraphs,
    placeAndDate: input.placeAndDate,
    signer: { title: t.signerTitle, name: input.signerName, note: input.preview ? '(Chưa ký số — bản xem trước)' : '(Đã ký số)' },
    footer: input.preview
      ? 'BẢN XEM TRƯỚC — không có giá trị pháp lý; văn bản chính thức được ký số khi lãnh đạo phê duyệt.'
      : 'Văn bản điện tử được ký số; bản in chỉ có giá trị khi đối chiếu được mã xác thực.',
    watermark: input.preview ? 'BẢN XEM TRƯỚC' : undefined,
    template: { key: t.key, version: t.version, validFrom: t.validFrom },
  };
}
