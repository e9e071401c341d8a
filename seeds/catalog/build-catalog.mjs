#!/usr/bin/env node
// Builds seeds/catalog/procedures.json from the national procedure dataset.
// Usage (cwd /work/main): node seeds/catalog/build-catalog.mjs [path/to/procedures-national.jsonl]
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(process.argv[2] || '../shared/data/procedures-national.jsonl');
const OUT = path.resolve('seeds/catalog/procedures.json');

// ---------------------------------------------------------------- helpers
const stripAccents = (s) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const slug = (s) => stripAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const snake = (s, max = 40) => {
  const k = stripAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return (k.slice(0, max).replace(/_[a-z0-9]*$/, '') || k.slice(0, max) || 'doc').replace(/^(\d)/, 'd_$1');
};
const fmtVnd = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
// Source names for civil-status procedures start with "Thủ tục ..."; the portal shows them without it.
const displayName = (n) => cap(n.replace(/\s+/g, ' ').trim().replace(/^Thủ tục\s+/i, ''));

// ---------------------------------------------------------------- parsing
const CHANNEL_RE = /(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)/;
function parseTimeFee(text) {
  const body = (text || '').replace(/^.*?Mô tả/s, '');
  const parts = body.split(CHANNEL_RE);
  const segs = [];
  for (let i = 1; i < parts.length; i += 2) segs.push({ channel: parts[i], text: parts[i + 1] || '' });
  const seg = segs.find((s) => s.channel === 'Trực tuyến') || segs.find((s) => s.channel === 'Trực tiếp') || segs[0];
  const res = { time: null, fee: null };
  if (!seg) return res;
  let s = seg.text.trim();
  if (/^(ngay )?trong ngày/i.test(s) || /^ngay trong ngày/i.test(s)) {
    res.time = { value: 8, unit: 'WORKING_HOUR' };
    s = s.replace(/^(ngay )?trong ngày(làm việc)?/i, '');
  } else {
    const m = s.match(/^(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ)?/i);
    if (m && !m[2] && /^\d+[\d.,]*\s*(Việt Nam\s*Đồng|VNĐ|Đồng|USD)/i.test(s)) {
      // time and fee digits run together (e.g. "1100 VNĐ"): ambiguous, leave both to overrides/defaults
      return res;
    } else if (m) {
      const v = parseFloat(m[1].replace(',', '.'));
      const hours = m[2] && /giờ/i.test(m[2]);
      if (v > 0) res.time = hours ? { value: Math.ceil(v), unit: 'WORKING_HOUR' }
        : v < 1 ? { value: Math.max(1, Math.round(v * 8)), unit: 'WORKING_HOUR' }
        : { value: Math.round(v), unit: 'WORKING_DAY' };
      s = s.slice(m[0].length);
    } else if (/^Không có thông tin/.test(s)) s = s.replace(/^Không có thông tin/, '');
  }
  s = s.trim();
  if (/^(Miễn|Không có thông tin|Không thu|0\s)/i.test(s)) res.fee = 0;
  else {
    const f = s.match(/^(?:(?:Lệ phí|Phí)\s*:?\s*)?([\d.,]+)\s*(?:Việt Nam\s*Đồng|VNĐ|Đồng)/i);
    if (f) res.fee = parseInt(f[1].replace(/[.,]/g, ''), 10);
  }
  return res;
}

const TYPE_WORDS = /(Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Văn bản hợp nhất|Pháp lệnh)\s*(số)?\s*$/;
const AGENCIES = 'BNNPTNT|BNNMT|BTNMT|BLĐTBXH|BGDĐT|BKHĐT|BTTTT|BVHTTDL|VPCP|NHNN|UBTVQH\\d*|BTC|BTP|BCA|BXD|BYT|BCT|BQP|BNV|BNG|BGTVT|TTg|CP|QH\\d*';
const CODE_RE = new RegExp(`(?<![\\d/.])(\\d+(?:\\.\\d+)?\\/\\d{4}\\/(?:QH\\d{2}|(?:TTLT|NĐ|TT|QĐ|NQ|PL|CT|L|VBHN|[A-ZĐ]+)(?:-(?:${AGENCIES}|[A-ZĐ]+(?![\\p{Ll}])))*))`, 'gu');
function typeOf(code) {
  if (/QH\d{2}$/.test(code) && !/NQ|UBTVQH/.test(code)) return 'Luật';
  if (/NĐ-/.test(code)) return 'Nghị định';
  if (/TTLT-/.test(code)) return 'Thông tư liên tịch';
  if (/TT-/.test(code)) return 'Thông tư';
  if (/QĐ-/.test(code)) return 'Quyết định';
  if (/NQ/.test(code)) return 'Nghị quyết';
  return 'Văn bản';
}
function parseLegal(text) {
  const body = (text || '').replace(/^Tên văn bản pháp lýMã văn bản/, '');
  const out = []; const seen = new Set();
  let last = 0; let m;
  CODE_RE.lastIndex = 0;
  while ((m = CODE_RE.exec(body)) && out.length < 5) {
    let name = body.slice(last, m.index).replace(/\s+/g, ' ').trim();
    last = m.index + m[0].length;
    let code = m[1];
    const glued = code.match(/^((?:19|20)\d{2})(\d+\/)/); // "Luật Doanh nghiệp 202076/2025/QH15"
    if (glued) { code = code.slice(4); name = `${name} ${glued[1]}`; }
    if (seen.has(code)) continue;
    seen.add(code);
    name = name.split(/\s+ngày\s+\d|\s+số\s*$/)[0].replace(TYPE_WORDS, '').replace(/^[;,.:\-\s]+|[;,.:\-\s]+$/g, '').trim();
    const clean = name.length >= 5 && name.length <= 150 && /^[\p{Lu}]/u.test(name) && !/\d+\/\d+/.test(name);
    out.push(clean ? `${name} (${code})` : `${typeOf(code)} ${code}`);
  }
  return out.length ? out.join('\n') : 'Theo quy định pháp luật hiện hành';
}

const DOC_HEADERS = [/\*?\s*Giấy tờ phải (nộp|xuất trình)\s*:?/gi, /Tên giấy tờMẫu đơn, tờ khaiSố lượng/g, /^-+/];
function parseDocs(text) {
  let t = text || '';
  for (const h of DOC_HEADERS) t = t.replace(h, '\n');
  const pieces = t.split(/\d+\s*bản (?:chính|sao)(?:\s*,\s*\d+\s*bản (?:chính|sao))*/);
  const docs = []; const keys = new Set();
  for (let p of pieces) {
    p = p.replace(/\S+\.(docx?|pdf|xlsx?|rar|zip)\b/gi, ' ').replace(/\s+/g, ' ').trim();
    p = p.replace(/^(\(?[ivx]+\)|[-*+•]|\d+[.)]|[a-zđ]\))\s*/i, '').replace(/^-+\s*/, '').trim();
    if (p.length < 6 || /^Trường hợp ủy quyền thực hiện thủ tục thì/i.test(p)) continue;
    let name = p.split(/;|\. |:\s/)[0].trim();
    if (name.length > 110) name = name.slice(0, 107).replace(/\s\S*$/, '') + '…';
    if (name.length < 6) continue;
    name = name.replace(/^[-–]\s*/, '').replace(/\s+(là|của|và|hoặc|cho|về|được|theo|tại|trong)$/i, '').trim();
    name = name.replace(/^\(\d+(?:\.\d+)*\)\s*/, '').replace(/^\d+[.)]\s*/, '').replace(/\s+/g, ' ').trim();
    if (name.length < 10) continue;
    if (/^(Người |Bản chụp các giấy tờ gửi kèm|Và |Gia hạn tạm trú|Đăng ký thường trú|Tách hộ để|Trừ trường hợp|Cá nhân|Lưu ý|Hồ sơ|Phiếu này|Phiếu CC01|Mẫu hộ tịch điện tử|Ngoài giấy tờ|Cơ quan|Công dân Việt Nam là)/i.test(name)) continue; // instructions / case headers
    if (/(sau đây|gồm|như sau)$/i.test(name)) continue;
    if (docs.some((d) => d.name.toLowerCase() === name.toLowerCase())) continue;
    const required = !/^(Trường hợp|Đối với|Nếu)|trong trường hợp|nếu có/i.test(name);
    let key = snake(name);
    while (keys.has(key)) key += '_2';
    keys.add(key);
    docs.push({ key, name: cap(name), required });
  }
  docs.sort((a, b) => Number(b.required) - Number(a.required));
  const firstOptional = docs.findIndex((d) => !d.required);
  if (firstOptional >= 1) docs.splice(firstOptional + 1); // keep at most one conditional document
  docs.splice(5);
  if (!docs.length) {
    return [
      { key: 'to_khai_don', name: 'Tờ khai/Đơn theo mẫu', required: true },
      { key: 'giay_to_tuy_than', name: 'Giấy tờ tùy thân', required: true },
    ];
  }
  if (!docs.some((d) => d.required)) docs[0].required = true;
  return docs;
}

function shortResult(text) {
  let r = (text || '').split(/Mã: KQ/)[0].replace(/\s+/g, ' ').trim();
  if (!r || /^Không có thông tin/.test(r)) r = 'Kết quả giải quyết thủ tục hành chính';
  if (r.length > 200) r = r.slice(0, 197).replace(/\s\S*$/, '') + '…';
  return r;
}

// ---------------------------------------------------------------- form templates
const f = (key, label, type, required = true, extra = {}) => ({ key, label, type, required, ...extra });
const GENDER = [{ value: 'MALE', label: 'Nam' }, { value: 'FEMALE', label: 'Nữ' }];
const today = 'today';

function identityFields(variant = 'full') {
  const name = f('applicantName', 'Họ và tên người nộp hồ sơ', 'text', true, { prefill: 'registry.fullName', validation: { minLength: 2, maxLength: 100 } });
  const pid = f('applicantPersonalId', 'Số định danh cá nhân', 'personalId', true, { prefill: 'registry.personalId', validation: { pattern: '^[0-9]{12}$' } });
  const dob = f('applicantDateOfBirth', 'Ngày sinh', 'date', true, { prefill: 'registry.dateOfBirth', validation: { maxDate: today } });
  const gender = f('applicantGender', 'Giới tính', 'select', true, { prefill: 'registry.gender', options: GENDER });
  const addr = f('applicantPermanentAddress', 'Nơi thường trú', 'text', true, { prefill: 'registry.permanentAddress' });
  const phone = f('applicantPhone', 'Số điện thoại', 'phone', true, { prefill: 'account.phone' });
  const email = f('applicantEmail', 'Thư điện tử', 'email', false, { prefill: 'account.email' });
  if (variant === 'short') return [name, pid, phone];
  if (variant === 'mid') return [name, pid, dob, addr, phone];
  return [name, pid, dob, gender, addr, phone, email];
}

const subjectChild = () => [
  f('childName', 'Họ, chữ đệm và tên của trẻ', 'text', true, { subject: true, validation: { minLength: 2, maxLength: 100 } }),
  f('childDateOfBirth', 'Ngày, tháng, năm sinh của trẻ', 'date', true, { subject: true, validation: { maxDate: today } }),
  f('childGender', 'Giới tính của trẻ', 'select', true, { subject: true, options: GENDER }),
];

const FORMS = {
  birth: () => [
    ...identityFields('short'),
    f('relationshipToChild', 'Quan hệ với trẻ', 'select', true, { options: [{ value: 'FATHER', label: 'Cha' }, { value: 'MOTHER', label: 'Mẹ' }, { value: 'GRANDPARENT', label: 'Ông/Bà' }, { value: 'OTHER', label: 'Người thân khác' }] }),
    ...subjectChild(),
    f('placeOfBirth', 'Nơi sinh', 'text', true, { subject: true }),
    f('fatherName', 'Họ và tên cha', 'text', false),
    f('motherName', 'Họ và tên mẹ', 'text', false),
  ],
  // A newborn of the applicant's household: the parents and the relation come from the household in the registry.
  birthNewborn: () =>
    FORMS.birth().map((x) =>
      x.key === 'relationshipToChild' ? { ...x, prefill: 'registry.relationshipToNewborn' }
      : x.key === 'fatherName' ? { ...x, prefill: 'registry.newbornFatherName' }
      : x.key === 'motherName' ? { ...x, prefill: 'registry.newbornMotherName' }
      : x),
  residence: () => [
    ...identityFields('mid'),
    f('newAddress', 'Địa chỉ nơi đăng ký cư trú', 'text'),
    f('householdHeadName', 'Họ và tên chủ hộ', 'text', false),
    f('relationshipToHead', 'Quan hệ với chủ hộ', 'text', false),
  ],
  residenceNewborn: () => [
    ...identityFields('short'),
    ...subjectChild(),
    f('newAddress', 'Địa chỉ đăng ký thường trú của trẻ', 'text', true, { prefill: 'registry.householdAddress' }),
    f('householdHeadName', 'Họ và tên chủ hộ', 'text', false, { prefill: 'registry.householdHeadName' }),
  ],
  insuranceNewborn: () => [
    ...identityFields('short'),
    ...subjectChild(),
    f('healthFacility', 'Nơi đăng ký khám chữa bệnh ban đầu', 'text'),
  ],
  insurance: () => [
    ...identityFields('full'),
    f('socialInsuranceNumber', 'Mã số bảo hiểm xã hội', 'text', false, { validation: { pattern: '^[0-9]{10}$' } }),
    f('monthlyIncome', 'Mức thu nhập làm căn cứ đóng (đồng)', 'number', true, { validation: { min: 0 } }),
  ],
  marriage: () => [
    ...identityFields('full'),
    f('partnerName', 'Họ và tên bên kia', 'text'),
    f('partnerPersonalId', 'Số định danh/giấy tờ của bên kia', 'personalId'),
    f('partnerDateOfBirth', 'Ngày sinh của bên kia', 'date', true, { validation: { maxDate: today } }),
  ],
  death: () => [
    ...identityFields('mid'),
    f('deceasedName', 'Họ và tên người chết', 'text', true, { subject: true }),
    f('dateOfDeath', 'Ngày chết', 'date', true, { validation: { maxDate: today } }),
    f('placeOfDeath', 'Nơi chết', 'text'),
    f('relationshipToDeceased', 'Quan hệ với người chết', 'text'),
  ],
  civil: () => [
    ...identityFields('full'),
    f('subjectName', 'Họ và tên người được đăng ký', 'text', true, { subject: true }),
    f('details', 'Nội dung yêu cầu', 'textarea'),
    f('copies', 'Số bản yêu cầu', 'number', false, { validation: { min: 0, max: 20 } }),
  ],
  certification: () => [
    ...identityFields('mid'),
    f('documentName', 'Tên giấy tờ, văn bản cần chứng thực', 'text'),
    f('copies', 'Số bản', 'number', true, { validation: { min: 1, max: 50 } }),
    f('pages', 'Số trang mỗi bản', 'number', false, { validation: { min: 1, max: 500 } }),
  ],
  identity: () => [
    ...identityFields('full'),
    f('reason', 'Lý do đề nghị', 'select', true, { options: [{ value: 'NEW', label: 'Cấp mới' }, { value: 'EXPIRED', label: 'Hết hạn/đổi' }, { value: 'LOST', label: 'Bị mất/hư hỏng' }, { value: 'CHANGE', label: 'Thay đổi thông tin' }] }),
  ],
  businessHousehold: () => [
    ...identityFields('mid'),
    f('businessName', 'Tên hộ kinh doanh', 'text'),
    f('businessAddress', 'Địa chỉ địa điểm kinh doanh', 'text'),
    f('businessLine', 'Ngành, nghề kinh doanh', 'textarea'),
    f('capital', 'Vốn kinh doanh (đồng)', 'number', true, { validation: { min: 0 } }),
  ],
  enterprise: () => [
    ...identityFields('mid'),
    f('enterpriseName', 'Tên doanh nghiệp/tổ chức', 'text'),
    f('headOfficeAddress', 'Địa chỉ trụ sở chính', 'text'),
    f('businessLine', 'Ngành, nghề kinh doanh', 'textarea'),
    f('charterCapital', 'Vốn điều lệ (đồng)', 'number', true, { validation: { min: 0 } }),
  ],
  construction: () => [
    ...identityFields('mid'),
    f('plotAddress', 'Địa chỉ khu đất xây dựng', 'text'),
    f('landCertificateNumber', 'Số Giấy chứng nhận quyền sử dụng đất', 'text'),
    f('floorArea', 'Tổng diện tích sàn (m²)', 'number', true, { validation: { min: 1 } }),
    f('floors', 'Số tầng', 'number', true, { validation: { min: 1, max: 50 } }),
  ],
  land: () => [
    ...identityFields('mid'),
    f('parcelNumber', 'Số thửa đất', 'text'),
    f('mapSheet', 'Tờ bản đồ số', 'text'),
    f('area', 'Diện tích (m²)', 'number', true, { validation: { min: 0 } }),
    f('landAddress', 'Địa chỉ thửa đất', 'text'),
  ],
  landChange: () => [
    ...identityFields('mid'),
    f('landCertificateNumber', 'Số phát hành Giấy chứng nhận', 'text'),
    f('parcelNumber', 'Số thửa đất', 'text'),
    f('mapSheet', 'Tờ bản đồ số', 'text'),
    f('changeContent', 'Nội dung biến động', 'textarea'),
  ],
  judicial: () => [
    ...identityFields('full'),
    f('requestType', 'Loại Phiếu lý lịch tư pháp', 'select', true, { options: [{ value: '1', label: 'Phiếu số 1' }, { value: '2', label: 'Phiếu số 2' }] }),
    f('purpose', 'Mục đích sử dụng Phiếu', 'text'),
    f('copies', 'Số lượng Phiếu', 'number', true, { validation: { min: 1, max: 10 } }),
  ],
  driving: () => [
    ...identityFields('mid'),
    f('licenceNumber', 'Số giấy phép lái xe', 'text'),
    f('licenceClass', 'Hạng giấy phép lái xe', 'select', true, { options: ['A1', 'A', 'B1', 'B', 'C1', 'C', 'D', 'E'].map((v) => ({ value: v, label: `Hạng ${v}` })) }),
    f('reason', 'Lý do cấp lại', 'textarea', false),
  ],
  passport: () => [
    ...identityFields('full'),
    f('passportNumber', 'Số hộ chiếu cũ (nếu có)', 'text', false),
    f('urgent', 'Đề nghị cấp nhanh', 'checkbox', false),
  ],
  social: () => [
    ...identityFields('mid'),
    f('beneficiaryName', 'Họ và tên người được hưởng/hộ gia đình', 'text', true, { subject: true }),
    f('householdMembers', 'Số nhân khẩu', 'number', false, { validation: { min: 1, max: 30 } }),
    f('reason', 'Lý do đề nghị', 'textarea'),
  ],
  nationality: () => [
    ...identityFields('full'),
    f('currentNationality', 'Quốc tịch hiện tại', 'text'),
    f('reason', 'Lý do', 'textarea'),
  ],
  professional: () => [
    ...identityFields('mid'),
    f('organization', 'Tổ chức/cơ sở liên quan', 'text', false),
    f('details', 'Nội dung đề nghị', 'textarea'),
  ],
  generic: () => [
    ...identityFields('full'),
    f('details', 'Nội dung yêu cầu', 'textarea'),
  ],
};

// ---------------------------------------------------------------- step templates
const step = (key, name, role, share, level, agencyKind) => ({ key, name, role, share, level, agencyKind });
const single = (level, kind) => [
  step('receive', 'Tiếp nhận hồ sơ', 'CLERK', 0.1, level, kind),
  step('examine', 'Thẩm định hồ sơ', 'SPECIALIST', 0.5, level, kind),
  step('approve', 'Phê duyệt kết quả', 'LEADER', 0.3, level, kind),
  step('return', 'Trả kết quả', 'CLERK', 0.1, level, kind),
];
const interLevel = (recvLevel, decideLevel, decideKind) => [
  step('receive', 'Tiếp nhận hồ sơ', 'CLERK', 0.1, recvLevel, 'PEOPLES_COMMITTEE'),
  step('check', 'Kiểm tra, chuyển hồ sơ', 'SPECIALIST', 0.1, recvLevel, 'PEOPLES_COMMITTEE'),
  step('examine', 'Thẩm định hồ sơ', 'SPECIALIST', 0.4, decideLevel, decideKind),
  step('approve', 'Phê duyệt kết quả', 'LEADER', 0.3, decideLevel, decideKind),
  step('return', 'Trả kết quả', 'CLERK', 0.1, recvLevel, 'PEOPLES_COMMITTEE'),
];

// ---------------------------------------------------------------- sectors
const SECTOR_OVERRIDE = {
  'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)': 'Hộ kinh doanh',
  'Thành lập và hoạt động của doanh nghiệp': 'Thành lập doanh nghiệp',
  'Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã': 'Tổ hợp tác, hợp tác xã',
  'Đăng ký, quản lý cư trú': 'Cư trú',
  'Cấp, quản lý căn cước': 'Căn cước',
  'Thu BHXH, BHYT, BHTN, BH tai nạn lao động, bệnh nghề nghiệp': 'Bảo hiểm xã hội, bảo hiểm y tế',
  'Sát hạch, cấp giấy phép lái xe': 'Sát hạch, cấp giấy phép lái xe',
};
function sectorOf(rec, o) {
  let name = o.sector || SECTOR_OVERRIDE[rec.sector] || rec.sector;
  if (/^Thu BHXH|^Thực hiện chính sách BHXH|BHYT/.test(name)) name = 'Bảo hiểm xã hội, bảo hiểm y tế';
  if (/hộ kinh doanh/i.test(rec.sector)) name = 'Hộ kinh doanh';
  name = name.replace(/\s+/g, ' ').trim();
  return { code: slug(name), name };
}

// ---------------------------------------------------------------- selection + overrides
// [code, overrides]. Defaults: level/receivingLevel COMMUNE, kind JUSTICE, onlineLevel PARTIAL, popularity 20, form generic.
// lvl: 'C' commune, 'D' district, 'P' province; recv: receiving level if different (inter-level).
const FREE = { fee: 0, feeDesc: 'Miễn lệ phí' };
const ID_DOC = ['giay_to_tuy_than', 'Hộ chiếu/Thẻ căn cước hoặc giấy tờ tùy thân có ảnh', true];
const AUTH_DOC = ['van_ban_uy_quyen', 'Văn bản ủy quyền (trường hợp ủy quyền)', false];
const DOCS = {
  '1.000894': [['to_khai_dang_ky_ket_hon', 'Tờ khai đăng ký kết hôn theo mẫu', true], ID_DOC, ['giay_xac_nhan_tinh_trang_hon_nhan', 'Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký tại nơi không thường trú)', false]],
  '2.000635': [['to_khai_cap_ban_sao_trich_luc', 'Tờ khai cấp bản sao trích lục hộ tịch theo mẫu', true], ID_DOC, AUTH_DOC],
  '1.004873': [['to_khai_xac_nhan_tinh_trang_hon_nhan', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', true], ID_DOC, ['giay_to_chung_minh_ly_hon', 'Giấy tờ chứng minh đã ly hôn hoặc vợ/chồng đã chết (nếu có)', false]],
  '1.004222': [['to_khai_thay_doi_thong_tin_cu_tru', 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', true], ['giay_to_cho_o_hop_phap', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', true], ['van_ban_dong_y_chu_ho', 'Văn bản đồng ý của chủ hộ/chủ sở hữu chỗ ở (trường hợp không phải chủ sở hữu)', false]],
  '1.004194': [['to_khai_thay_doi_thong_tin_cu_tru', 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', true], ['giay_to_cho_o_hop_phap', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', true]],
  '1.001612': [['giay_de_nghi_dang_ky_hkd', 'Giấy đề nghị đăng ký hộ kinh doanh', true], ['bien_ban_hop_thanh_vien', 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu có)', false], AUTH_DOC],
  '1.013978': [['don_dang_ky_cap_gcn', 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu 04/ĐK)', true], ['giay_to_ve_quyen_su_dung_dat', 'Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai (nếu có)', true], ['chung_tu_nghia_vu_tai_chinh', 'Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ miễn, giảm (nếu có)', false]],
  '1.001939': [['to_khai_tham_gia_bhxh_bhyt', 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (Mẫu TK1-TS)', true], ['giay_chung_sinh', 'Giấy khai sinh hoặc Giấy chứng sinh của trẻ', true]],
  '1.002179': [['to_khai_tham_gia_bhxh_bhyt', 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (Mẫu TK1-TS)', true], ID_DOC],
  '1.002051': [['to_khai_tham_gia_bhxh_bhyt', 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (Mẫu TK1-TS)', true], ['danh_sach_lao_dong', 'Danh sách lao động tham gia BHXH, BHYT (Mẫu D02-LT)', true]],
  '1.013225': [['don_de_nghi_cap_gpxd', 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)', true], ['giay_chung_nhan_qsdd', 'Bản sao giấy tờ chứng minh quyền sử dụng đất', true], ['ban_ve_thiet_ke', 'Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)', true], ['cam_ket_an_toan_cong_trinh_lien_ke', 'Bản cam kết bảo đảm an toàn công trình liền kề (nếu có)', false]],
  '2.000806': [['to_khai_dang_ky_ket_hon', 'Tờ khai đăng ký kết hôn theo mẫu', true], ['giay_xac_nhan_tinh_trang_hon_nhan_nn', 'Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài', true], ['giay_xac_nhan_y_te', 'Giấy xác nhận của tổ chức y tế về việc không mắc bệnh tâm thần', true], ['ho_chieu_giay_to_thay_the', 'Bản sao hộ chiếu/giấy tờ có giá trị thay hộ chiếu của người nước ngoài', true]],
  '3.000333': [['to_khai_cap_phieu_lltp', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu 01/2025/LLTP)', true], ['ban_sao_the_can_cuoc', 'Bản sao thẻ Căn cước/Căn cước công dân hoặc hộ chiếu', true], ['giay_to_mien_giam_phi', 'Giấy tờ chứng minh thuộc đối tượng miễn, giảm phí (nếu có)', false]],
};
const SELECTION = [
  // ---- Hộ tịch (commune)
  ['1.001193', { lvl: 'C', kind: 'JUSTICE', form: 'birthNewborn', pop: 100, online: 'FULL', bundle: 'newborn', onBehalf: true, ...FREE, exemptions: 'Miễn lệ phí đăng ký khai sinh đúng hạn', time: [1, 'WORKING_DAY'],
    docs: [['to_khai_dang_ky_khai_sinh', 'Tờ khai đăng ký khai sinh theo mẫu', true], ['giay_chung_sinh', 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh', true], ['giay_to_tuy_than', 'Giấy tờ tùy thân của người đi đăng ký', true], ['van_ban_uy_quyen', 'Văn bản ủy quyền (trường hợp ủy quyền)', false]] }],
  ['1.000894', { lvl: 'C', kind: 'JUSTICE', form: 'marriage', pop: 80, online: 'FULL', ...FREE }],
  ['1.000656', { lvl: 'C', kind: 'JUSTICE', form: 'death', pop: 60, online: 'FULL', onBehalf: true, ...FREE }],
  ['2.000635', { lvl: 'C', kind: 'JUSTICE', form: 'civil', pop: 60, online: 'FULL', onBehalf: true, perCopy: true }],
  ['1.004873', { lvl: 'C', kind: 'JUSTICE', form: 'civil', pop: 75, online: 'FULL' }],
  ['1.004859', { lvl: 'C', kind: 'JUSTICE', form: 'civil', pop: 45, online: 'FULL', onBehalf: true }],
  ['1.001022', { lvl: 'C', kind: 'JUSTICE', form: 'civil', pop: 30 }],
  ['1.004837', { lvl: 'C', kind: 'JUSTICE', form: 'civil', pop: 15 }],
  ['1.004884', { lvl: 'C', kind: 'JUSTICE', form: 'birth', pop: 40, onBehalf: true }],
  ['1.000689', { lvl: 'C', kind: 'JUSTICE', form: 'birth', pop: 35, onBehalf: true }],
  ['1.003583', { lvl: 'C', kind: 'JUSTICE', form: 'birth', pop: 10 }],
  // ---- Chứng thực (commune)
  ['2.000815', { lvl: 'C', kind: 'JUSTICE', form: 'certification', pop: 95, onBehalf: true, fee: 2000, feeDesc: 'Phí 2.000 đồng/trang; từ trang thứ 3 thu 1.000 đồng/trang, tối đa 200.000 đồng/bản', perCopy: true, time: [8, 'WORKING_HOUR'] }],
  ['2.000884', { lvl: 'C', kind: 'JUSTICE', form: 'certification', pop: 85, fee: 10000, feeDesc: 'Phí 10.000 đồng/trường hợp', time: [8, 'WORKING_HOUR'] }],
  ['2.001035', { lvl: 'C', kind: 'JUSTICE', form: 'certification', pop: 50, fee: 50000, feeDesc: 'Phí 50.000 đồng/hợp đồng, giao dịch' }],
  ['2.001019', { lvl: 'C', kind: 'JUSTICE', form: 'certification', pop: 20, fee: 50000, feeDesc: 'Phí 50.000 đồng/di chúc' }],
  ['2.001406', { lvl: 'C', kind: 'JUSTICE', form: 'certification', pop: 25, fee: 50000, feeDesc: 'Phí 50.000 đồng/văn bản' }],
  // ---- Cư trú, căn cước (commune police)
  ['1.004222', { lvl: 'C', kind: 'POLICE', form: 'residenceNewborn', pop: 75, online: 'FULL', bundle: 'newborn', onBehalf: true }],
  ['1.004194', { lvl: 'C', kind: 'POLICE', form: 'residence', pop: 70, online: 'FULL' }],
  ['1.003677', { lvl: 'C', kind: 'POLICE', form: 'residence', pop: 30, online: 'FULL' }],
  ['1.002755', { lvl: 'C', kind: 'POLICE', form: 'residence', pop: 20, online: 'FULL' }],
  ['1.010038', { lvl: 'C', kind: 'POLICE', form: 'residence', pop: 35, online: 'FULL' }],
  ['1.010041', { lvl: 'C', kind: 'POLICE', form: 'residence', pop: 50, online: 'FULL' }],
  ['1.014061', { lvl: 'C', kind: 'POLICE', form: 'identity', pop: 80 }],
  ['1.014063', { lvl: 'C', kind: 'POLICE', form: 'identity', pop: 50 }],
  ['1.014064', { lvl: 'C', kind: 'POLICE', form: 'identity', pop: 55 }],
  // ---- Giảm nghèo, hòa giải, đất đai (commune)
  ['1.011607', { lvl: 'C', kind: 'CULTURE_SOCIAL', form: 'social', pop: 30, ...FREE }],
  ['3.000412', { lvl: 'C', kind: 'CULTURE_SOCIAL', form: 'social', pop: 15, ...FREE }],
  ['1.002211', { lvl: 'C', kind: 'JUSTICE', form: 'professional', pop: 5, ...FREE }],
  ['1.012796', { lvl: 'C', kind: 'LAND_CONSTRUCTION', form: 'landChange', pop: 15 }],

  // ---- Hộ kinh doanh, HTX (district finance-planning)
  ['1.001612', { lvl: 'D', recv: 'C', kind: 'FINANCE_PLANNING', form: 'businessHousehold', pop: 70, online: 'FULL', onBehalf: true, fee: 100000, feeDesc: 'Lệ phí 100.000 đồng/lần (mức cụ thể do HĐND tỉnh quyết định)' }],
  ['2.000720', { lvl: 'D', kind: 'FINANCE_PLANNING', form: 'businessHousehold', pop: 40, online: 'FULL', onBehalf: true }],
  ['1.001570', { lvl: 'D', kind: 'FINANCE_PLANNING', form: 'businessHousehold', pop: 25, online: 'FULL', ...FREE }],
  ['1.001266', { lvl: 'D', kind: 'FINANCE_PLANNING', form: 'businessHousehold', pop: 20, online: 'FULL', ...FREE }],
  ['2.000575', { lvl: 'D', kind: 'FINANCE_PLANNING', form: 'businessHousehold', pop: 15, online: 'FULL' }],
  ['1.005280', { lvl: 'D', kind: 'FINANCE_PLANNING', form: 'enterprise', pop: 20 }],
  ['2.002637', { lvl: 'D', kind: 'FINANCE_PLANNING', form: 'enterprise', pop: 10 }],
  // ---- Xây dựng (district economy-infrastructure)
  ['1.013225', { lvl: 'D', kind: 'ECONOMY_INFRASTRUCTURE', form: 'construction', pop: 65, fee: 75000, feeDesc: 'Lệ phí 75.000 đồng/giấy phép đối với nhà ở riêng lẻ (theo Nghị quyết HĐND tỉnh)' }],
  ['1.013229', { lvl: 'D', kind: 'ECONOMY_INFRASTRUCTURE', form: 'construction', pop: 30, fee: 75000, feeDesc: 'Lệ phí 75.000 đồng/giấy phép (theo Nghị quyết HĐND tỉnh)' }],
  ['1.013226', { lvl: 'D', kind: 'ECONOMY_INFRASTRUCTURE', form: 'construction', pop: 10, fee: 15000, feeDesc: 'Lệ phí 15.000 đồng/giấy phép (theo Nghị quyết HĐND tỉnh)' }],
  ['1.013227', { lvl: 'D', kind: 'ECONOMY_INFRASTRUCTURE', form: 'construction', pop: 12, fee: 15000, feeDesc: 'Lệ phí 15.000 đồng/giấy phép (theo Nghị quyết HĐND tỉnh)' }],
  // ---- Hộ tịch có yếu tố nước ngoài (district justice)
  ['2.000806', { lvl: 'D', kind: 'JUSTICE', form: 'marriage', pop: 35, fee: 1000000, feeDesc: 'Lệ phí 1.000.000 đồng/trường hợp (theo Nghị quyết HĐND tỉnh)' }],
  ['2.000528', { lvl: 'D', kind: 'JUSTICE', form: 'birth', pop: 30, onBehalf: true, fee: 75000, feeDesc: 'Lệ phí 75.000 đồng/trường hợp (theo Nghị quyết HĐND tỉnh)' }],
  ['1.001766', { lvl: 'D', kind: 'JUSTICE', form: 'death', pop: 10, onBehalf: true }],
  ['1.001669', { lvl: 'D', kind: 'JUSTICE', form: 'civil', pop: 5 }],
  ['2.000513', { lvl: 'D', kind: 'JUSTICE', form: 'marriage', pop: 5 }],
  // ---- Đất đai (district natural resources; received at commune)
  ['1.013978', { lvl: 'D', recv: 'C', kind: 'NATURAL_RESOURCES', form: 'land', pop: 60, onBehalf: true }],
  // ---- BHXH/BHYT (district social insurance)
  ['1.001939', { lvl: 'D', recv: 'C', kind: 'SOCIAL_INSURANCE', form: 'insuranceNewborn', pop: 65, online: 'FULL', bundle: 'newborn', onBehalf: true, ...FREE, exemptions: 'Trẻ em dưới 6 tuổi được ngân sách nhà nước đóng BHYT' }],
  ['1.002179', { lvl: 'D', kind: 'SOCIAL_INSURANCE', form: 'insurance', pop: 40, online: 'FULL', ...FREE }],
  ['1.002051', { lvl: 'D', kind: 'SOCIAL_INSURANCE', form: 'insurance', pop: 35, online: 'FULL', ...FREE }],
  // ---- Xuất nhập cảnh (district police)
  ['1.010385', { lvl: 'D', kind: 'POLICE', form: 'passport', pop: 10, online: 'FULL', ...FREE }],

  // ---- Doanh nghiệp (province planning-investment)
  ['2.001610', { lvl: 'P', kind: 'PLANNING_INVESTMENT', form: 'enterprise', pop: 50, online: 'FULL', fee: 100000, feeDesc: 'Phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng/lần' }],
  ['2.001583', { lvl: 'P', kind: 'PLANNING_INVESTMENT', form: 'enterprise', pop: 55, online: 'FULL', fee: 100000, feeDesc: 'Phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng/lần' }],
  ['2.001199', { lvl: 'P', kind: 'PLANNING_INVESTMENT', form: 'enterprise', pop: 40, online: 'FULL', fee: 100000, feeDesc: 'Phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng/lần' }],
  ['2.002043', { lvl: 'P', kind: 'PLANNING_INVESTMENT', form: 'enterprise', pop: 35, online: 'FULL', fee: 100000, feeDesc: 'Phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng/lần' }],
  ['2.002042', { lvl: 'P', kind: 'PLANNING_INVESTMENT', form: 'enterprise', pop: 5, online: 'FULL', fee: 100000, feeDesc: 'Phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng/lần' }],
  // ---- Lý lịch tư pháp, quốc tịch, trợ giúp pháp lý, công chứng, con nuôi (province justice)
  ['3.000333', { lvl: 'P', recv: 'D', kind: 'JUSTICE', form: 'judicial', pop: 85, online: 'FULL', onBehalf: true, fee: 200000, feeDesc: 'Phí 200.000 đồng/lần/người', exemptions: 'Giảm 50% cho sinh viên, người có công; miễn cho trẻ em, người cao tuổi, người khuyết tật, hộ nghèo' }],
  ['2.002039', { lvl: 'P', kind: 'JUSTICE', form: 'nationality', pop: 5 }],
  ['2.002036', { lvl: 'P', kind: 'JUSTICE', form: 'nationality', pop: 5 }],
  ['1.005136', { lvl: 'P', kind: 'JUSTICE', form: 'nationality', pop: 10 }],
  ['2.000829', { lvl: 'P', kind: 'JUSTICE', form: 'social', pop: 20, ...FREE }],
  ['1.013803', { lvl: 'P', kind: 'JUSTICE', form: 'professional', pop: 3 }],
  ['1.003179', { lvl: 'P', kind: 'JUSTICE', form: 'civil', pop: 2 }],
  // ---- Đất đai: đăng ký biến động (province natural resources, received at district)
  ['1.013831', { lvl: 'P', recv: 'D', kind: 'NATURAL_RESOURCES', form: 'landChange', pop: 70, onBehalf: true }],
  ['1.013833', { lvl: 'P', recv: 'D', kind: 'NATURAL_RESOURCES', form: 'landChange', pop: 30, onBehalf: true }],
  ['1.013977', { lvl: 'P', recv: 'D', kind: 'NATURAL_RESOURCES', form: 'landChange', pop: 25, onBehalf: true }],
  // ---- Giấy phép lái xe, đường bộ (province transport)
  ['3.000348', { lvl: 'P', kind: 'TRANSPORT', form: 'driving', pop: 60, online: 'FULL', fee: 135000, feeDesc: 'Lệ phí 135.000 đồng/lần cấp' }],
  ['1.001777', { lvl: 'P', kind: 'TRANSPORT', form: 'professional', pop: 3 }],
  ['1.001765', { lvl: 'P', kind: 'TRANSPORT', form: 'professional', pop: 3 }],
  // ---- Hộ chiếu (province police)
  ['1.001456', { lvl: 'P', kind: 'POLICE', form: 'passport', pop: 70, online: 'FULL', fee: 200000, feeDesc: 'Lệ phí 200.000 đồng/hộ chiếu' }],
];

const LV = { C: 'COMMUNE', D: 'DISTRICT', P: 'PROVINCE' };

// ---------------------------------------------------------------- build
const byCode = new Map();
for (const line of fs.readFileSync(SRC, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line.normalize('NFC'));
  byCode.set(r.code, r);
}

const out = [];
const missing = [];
for (const [code, o] of SELECTION) {
  const rec = byCode.get(code);
  if (!rec) { missing.push(code); continue; }
  const level = LV[o.lvl];
  const receivingLevel = LV[o.recv || o.lvl];
  const tf = parseTimeFee(rec.channelsTimeFee);
  const processingTime = o.time ? { value: o.time[0], unit: o.time[1] } : (tf.time || { value: 5, unit: 'WORKING_DAY' });
  const amount = o.fee ?? tf.fee ?? 0;
  const fee = { amount, description: o.feeDesc || (amount > 0 ? `Lệ phí ${fmtVnd(amount)} đồng/trường hợp` : 'Miễn lệ phí') };
  if (o.perCopy) fee.perCopy = true;
  if (o.exemptions) fee.exemptions = o.exemptions;
  const ENTERPRISE_DOCS = [['giay_de_nghi_dang_ky_doanh_nghiep', 'Giấy đề nghị đăng ký doanh nghiệp', true], ['dieu_le_cong_ty', 'Điều lệ công ty (đối với công ty)', true], ['danh_sach_thanh_vien', 'Danh sách thành viên/cổ đông sáng lập (nếu có)', false], ['ban_sao_giay_to_phap_ly', 'Bản sao giấy tờ pháp lý của cá nhân/tổ chức là chủ sở hữu, thành viên', true]];
  const docSpec = o.docs || DOCS[code] || (o.form === 'enterprise' && o.lvl === 'P' ? (code === '2.001610' ? ENTERPRISE_DOCS.filter((d) => !/dieu_le|danh_sach/.test(d[0])) : ENTERPRISE_DOCS) : null);
  const documents = docSpec ? docSpec.map(([key, name, required]) => ({ key, name, required })) : parseDocs(rec.documents);
  const item = {
    code: rec.code,
    name: displayName(rec.name),
    sector: sectorOf(rec, o),
    level,
    receivingLevel,
    competentAgencyKind: o.kind,
    processingTime,
    fee,
    documents,
    onlineLevel: o.online || 'PARTIAL',
    legalBasis: parseLegal(rec.legalBasis),
    result: shortResult(rec.result),
    requiresPrepayment: amount > 0,
    allowsOnBehalf: !!o.onBehalf,
    popularity: o.pop ?? 20,
  };
  if (o.bundle) item.bundle = o.bundle;
  item.form = { fields: (FORMS[o.form] || FORMS.generic)() };
  item.steps = receivingLevel === level ? single(level, o.kind) : interLevel(receivingLevel, level, o.kind);
  out.push(item);
}
if (missing.length) console.warn('WARN missing codes:', missing.join(', '));
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${out.length} procedures to ${path.relative(process.cwd(), OUT)}`);
