import type { FormFieldDefinition } from '../catalog/procedure.types';
import { describeData, fieldValueText } from './dossier-fields';

const FIELDS: FormFieldDefinition[] = [
  { key: 'gender', label: 'Giới tính', type: 'select', required: true, options: [{ value: 'MALE', label: 'Nam' }, { value: 'FEMALE', label: 'Nữ' }] },
  { key: 'born', label: 'Ngày sinh', type: 'date', required: true },
  { key: 'copies', label: 'Số bản sao', type: 'number', required: false },
  { key: 'phone', label: 'Số điện thoại', type: 'phone', required: false },
  { key: 'agree', label: 'Đồng ý', type: 'checkbox', required: false },
];

describe('dossier data in words', () => {
  it('turns codes, dates and numbers into words', () => {
    expect(fieldValueText(FIELDS[0], 'MALE')).toBe('Nam');
    expect(fieldValueText(FIELDS[1], '1994-03-15')).toBe('15/03/1994');
    expect(fieldValueText(FIELDS[2], 1200)).toBe('1.200');
    expect(fieldValueText(FIELDS[4], true)).toBe('Có');
    expect(fieldValueText(undefined, { street: 'Thôn 1', commune: 'Xã A' })).toBe('Thôn 1, Xã A');
  });
  it('labels every value, drops omitted kinds, never shows a key', () => {
    const out = describeData(FIELDS, { gender: 'FEMALE', born: '2001-01-02', copies: 2, phone: '0901', secret: 'x', note: 'Ghi chú' }, { omitTypes: ['phone'], otherLabel: 'Thông tin khác' });
    expect(out.map((f) => `${f.label}: ${f.text}`)).toEqual(['Giới tính: Nữ', 'Ngày sinh: 02/01/2001', 'Số bản sao: 2', 'Thông tin khác: x; Ghi chú']);
    expect(describeData(FIELDS, { phone: '0901', unknownKey: 'v' }).map((f) => f.label)).toEqual(['Số điện thoại']);
  });
  it('reads option labels, numbers, dates and checkboxes; internal notes and unknown keys never under their keys', () => {
    const fields: FormFieldDefinition[] = [
      { key: 'applicantGender', label: 'Giới tính', type: 'select', required: true, options: [{ value: 'MALE', label: 'Nam' }, { value: 'FEMALE', label: 'Nữ' }] },
      { key: 'relation', label: 'Quan hệ với người được cấp', type: 'select', required: true, options: [{ value: 'FATHER', label: 'Cha' }] },
      { key: 'copies', label: 'Số bản sao', type: 'number', required: false },
      { key: 'birthDate', label: 'Ngày sinh', type: 'date', required: true },
      { key: 'agree', label: 'Cam đoan', type: 'checkbox', required: true },
    ];
    const data = { copies: 2, applicantGender: 'MALE', relation: 'FATHER', birthDate: '1994-03-15', agree: true, $registryNote: 'ghi chú nội bộ', extraGender: 'FEMALE' };
    expect(describeData(fields, data, { otherLabel: 'Thông tin khác' }).map((r) => `${r.label}: ${r.text}`)).toEqual([
      'Giới tính: Nam',
      'Quan hệ với người được cấp: Cha',
      'Số bản sao: 2',
      'Ngày sinh: 15/03/1994',
      'Cam đoan: Có',
      'Thông tin khác: Nữ',
    ]);
  });
});
