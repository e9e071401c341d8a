import type { FormFieldDefinition } from '../catalog/procedure.types';
import { buildDocumentViews, buildFieldViews, errorsForForm, readPostedForm } from './form-view';
import type { PrefilledValue } from './prefill';

const FIELDS: FormFieldDefinition[] = [
  { key: 'fullName', label: 'Họ và tên', type: 'text', required: true, prefill: 'registry.fullName' },
  { key: 'phone', label: 'Số điện thoại', type: 'phone', required: true, prefill: 'account.phone' },
  { key: 'copies', label: 'Số bản', type: 'number', required: false, validation: { min: 1, max: 5 } },
  { key: 'gender', label: 'Giới tính', type: 'select', required: true, options: [{ value: 'MALE', label: 'Nam' }, { value: 'FEMALE', label: 'Nữ' }] },
  { key: 'agree', label: 'Cam đoan', type: 'checkbox', required: true },
  { key: 'childName', label: 'Tên trẻ', type: 'text', required: true, subject: true },
];
const DOCS = [
  { key: 'cccd', name: 'Căn cước', required: true },
  { key: 'other', name: 'Giấy khác', required: false },
];
const P = (value: string, source: PrefilledValue['source'], locked: boolean): PrefilledValue => ({ value, source, locked, fetchedAt: '2026-11-22T00:00:00.000Z', hash: 'h' });

describe('buildFieldViews', () => {
  const prefill = { fullName: P('Lò Văn Páo', 'REGISTRY', true), phone: P('0912345678', 'HISTORY', false) };
  it('locks registry identity and shows its source, whatever was posted', () => {
    const [name] = buildFieldViews(FIELDS, { fullName: 'Tên giả' }, prefill, {});
    expect(name).toMatchObject({ id: 'f_fullName', value: 'Lò Văn Páo', locked: true, sourceLabel: 'Từ CSDL quốc gia về dân cư' });
  });
  it('keeps what the citizen typed over a prefilled value, without claiming the source', () => {
    const phone = buildFieldViews(FIELDS, { phone: '0987654321' }, prefill, {})[1]!;
    expect(phone.value).toBe('0987654321');
    expect(phone.sourceLabel).toBeUndefined();
  });
  it('shows the source of an untouched prefilled value', () => {
    expect(buildFieldViews(FIELDS, {}, prefill, {})[1]).toMatchObject({ value: '0912345678', sourceLabel: 'Từ hồ sơ bạn đã nộp trước đây', htmlType: 'tel' });
  });
  it('renders types as the right controls', () => {
    const v = buildFieldViews(FIELDS, { gender: 'FEMALE', agree: true }, {}, {});
    expect(v[2]).toMatchObject({ kind: 'input', htmlType: 'number', inputmode: 'numeric', min: 1, max: 5 });
    expect(v[3]!.kind).toBe('select');
    expect(v[3]!.options.find((o) => o.selected)?.value).toBe('FEMALE');
    expect(v[4]).toMatchObject({ kind: 'checkbox', checked: true });
    expect(v[5]!.subject).toBe(true);
  });
  it('attaches field errors by HTML id', () => {
    expect(buildFieldViews(FIELDS, {}, {}, { f_copies: 'Sai' })[2]!.error).toBe('Sai');
  });
});

describe('errorsForForm', () => {
  it('maps service field names to the form\'s ids', () => {
    const { list, byId } = errorsForForm(
      [
        { field: 'phone', message: 'a' },
        { field: 'documents.cccd', message: 'b' },
        { field: 'subject.fullName', message: 'c' },
        { field: 'agencyCode', message: 'd' },
        { field: 'phone', message: 'second' },
      ],
      FIELDS,
    );
    expect(list.map((e) => e.field)).toEqual(['f_phone', 'doc_cccd', 'subjectName', 'agencyCode', 'f_phone']);
    expect(byId.f_phone).toBe('a');
  });
});

describe('readPostedForm', () => {
  it('reads prefixed fields, picked files, the agency and the action', () => {
    const posted = readPostedForm(FIELDS, DOCS, {
      f_fullName: 'Lò Văn Páo',
      f_copies: '2',
      f_agree: 'on',
      pick_cccd: ['11111111-1111-4111-8111-111111111111', ''],
      pick_other: '22222222-2222-4222-8222-222222222222',
      agencyCode: '00715.CA',
      submissionKey: 'k1',
      action: 'draft',
      unknown: 'dropped',
      fullName: 'not prefixed, dropped',
    });
    expect(posted.data).toEqual({ fullName: 'Lò Văn Páo', copies: 2, agree: true });
    expect(posted.picked).toEqual({ cccd: ['11111111-1111-4111-8111-111111111111'], other: ['22222222-2222-4222-8222-222222222222'] });
    expect(posted).toMatchObject({ agencyCode: '00715.CA', submissionKey: 'k1', action: 'draft', subject: null });
  });
  it('defaults to submitting, an unticked checkbox is false', () => {
    const posted = readPostedForm(FIELDS, DOCS, {});
    expect(posted.action).toBe('submit');
    expect(posted.data).toEqual({ agree: false });
  });
  it('reads the on-behalf subject', () => {
    expect(readPostedForm(FIELDS, DOCS, { subjectName: ' Hoàng Minh An ', subjectPersonalId: '' }).subject).toEqual({
      fullName: 'Hoàng Minh An',
      personalId: null,
      relationship: null,
    });
  });
});

describe('buildDocumentViews', () => {
  const store = [{ id: 'f1', name: 'cccd.pdf', mimeType: 'application/pdf', size: 2048, sha256: 'x' }];
  it('offers document-store files, pre-ticking the one used last time', () => {
    const [cccd, other] = buildDocumentViews(DOCS, {}, store, { cccd: { value: ['f1'] } }, {});
    expect(cccd!.choices).toEqual([{ id: 'f1', label: 'cccd.pdf (2 KB)', checked: true, fromStore: true }]);
    expect(other!.choices[0]!.checked).toBe(false);
    expect(cccd).toMatchObject({ inputName: 'doc_cccd', pickName: 'pick_cccd', required: true });
  });
  it('lists what was picked or kept on a re-rendered form as attached, not offered again', () => {
    const kept = { id: 'f2', name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', size: 4096, sha256: 'y' };
    const [cccd, other] = buildDocumentViews(DOCS, { other: ['f1', 'f2', 'gone'] }, store, { other: { value: ['f1'] } }, { doc_other: 'Lỗi' }, [kept]);
    expect(other!.attached).toEqual([
      { id: 'f1', label: 'cccd.pdf (2 KB)' },
      { id: 'f2', label: 'giay-chung-sinh.pdf (4 KB)' },
    ]);
    expect(other!.choices).toEqual([]);
    expect(other!.error).toBe('Lỗi');
    expect(cccd!.attached).toEqual([]);
  });
});
