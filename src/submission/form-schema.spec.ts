import type { FormFieldDefinition } from '../catalog/procedure.types';
import { localDateOf } from '../common/local-time';
import { buildFormSchema, coerceFormPost, resolveDateBound, validateForm } from './form-schema';

const NOW = new Date('2026-11-22T03:00:00Z'); // 10:00 in Hà Giang

const FIELDS: FormFieldDefinition[] = [
  { key: 'fullName', label: 'Họ và tên', type: 'text', required: true, prefill: 'registry.fullName' },
  { key: 'dateOfBirth', label: 'Ngày sinh', type: 'date', required: true, validation: { minDate: '-120y', maxDate: 'today' } },
  { key: 'personalId', label: 'Số định danh cá nhân', type: 'personalId', required: true },
  { key: 'phone', label: 'Số điện thoại', type: 'phone', required: false },
  { key: 'email', label: 'Thư điện tử', type: 'email', required: false },
  {
    key: 'purpose',
    label: 'Mục đích',
    type: 'select',
    required: true,
    options: [
      { value: 'WORK', label: 'Xin việc' },
      { value: 'OTHER', label: 'Khác' },
    ],
  },
  { key: 'purposeOther', label: 'Mục đích khác', type: 'text', required: false, validation: { requiredIf: { field: 'purpose', equals: 'OTHER' } } },
  { key: 'copies', label: 'Số bản sao', type: 'number', required: false, validation: { min: 0, max: 10 } },
  { key: 'note', label: 'Ghi chú', type: 'textarea', required: false, validation: { maxLength: 1000 } },
  { key: 'communeCode', label: 'Xã/phường', type: 'unit', required: false },
  { key: 'agree', label: 'Tôi cam đoan nội dung khai trên là đúng sự thật', type: 'checkbox', required: true },
  { key: 'sendByPost', label: 'Nhận kết quả qua bưu điện', type: 'checkbox', required: false },
  { key: 'postAddress', label: 'Địa chỉ nhận kết quả', type: 'text', required: false, validation: { requiredIf: { field: 'sendByPost', equals: true } } },
];

const VALID = {
  fullName: 'Lò Văn Páo',
  dateOfBirth: '1990-05-17',
  personalId: '002090123456',
  purpose: 'WORK',
  agree: true,
};

function errorsOf(input: Record<string, unknown>) {
  return Object.fromEntries(validateForm(FIELDS, input, NOW).errors.map((e) => [e.field, e.message]));
}

describe('resolveDateBound', () => {
  it.each([
    ['today', '2026-11-22'],
    ['-120y', '1906-11-22'],
    ['+1y', '2027-11-22'],
    ['-30d', '2026-10-23'],
    ['+10d', '2026-12-02'],
    ['-6m', '2026-05-22'],
    ['today-1d', '2026-11-21'],
    ['2020-02-29', '2020-02-29'],
  ])('%s → %s', (bound, expected) => {
    expect(resolveDateBound(bound, NOW)).toBe(expected);
  });
  it('clamps month offsets to the end of a shorter month', () => {
    expect(resolveDateBound('-9m', new Date('2026-12-31T03:00:00Z'))).toBe('2026-03-31');
    expect(resolveDateBound('-10m', new Date('2026-12-31T03:00:00Z'))).toBe('2026-02-28');
  });
  it.each(['yesterday', '2021-02-29', '-y', '120y', ''])('does not understand %p', (b) => {
    expect(resolveDateBound(b, NOW)).toBeNull();
  });
  it('uses the Vietnamese calendar day', () => {
    expect(localDateOf(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
  });
});

describe('buildFormSchema', () => {
  const schema = buildFormSchema(FIELDS, NOW) as any;
  it('lists required fields', () => {
    expect(schema.required).toEqual(['fullName', 'dateOfBirth', 'personalId', 'purpose', 'agree']);
  });
  it('turns select options into an enum', () => {
    expect(schema.properties.purpose.enum).toEqual(['WORK', 'OTHER']);
  });
  it('turns requiredIf into if/then', () => {
    expect(schema.allOf).toContainEqual({
      if: { properties: { purpose: { const: 'OTHER' } }, required: ['purpose'] },
      then: { required: ['purposeOther'] },
    });
  });
  it('resolves relative date bounds', () => {
    expect(schema.properties.dateOfBirth).toMatchObject({ format: 'date', formatMinimum: '1906-11-22', formatMaximum: '2026-11-22' });
  });
  it('caps text at 500 characters by default and keeps explicit limits', () => {
    expect(schema.properties.fullName.maxLength).toBe(500);
    expect(schema.properties.note.maxLength).toBe(1000);
  });
  it('refuses unknown properties', () => {
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('validateForm', () => {
  it('accepts a complete form', () => {
    const r = validateForm(FIELDS, VALID, NOW);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('names every missing required field in Vietnamese, in form order', () => {
    const r = validateForm(FIELDS, {}, NOW);
    expect(r.errors.map((e) => e.field)).toEqual(['fullName', 'dateOfBirth', 'personalId', 'purpose', 'agree']);
    expect(r.errors[0]!.message).toBe('Vui lòng nhập họ và tên');
    expect(r.errors[3]!.message).toBe('Vui lòng chọn mục đích');
    expect(r.errors[4]!.message).toContain('Vui lòng xác nhận');
  });

  it('treats blank strings as missing', () => {
    expect(errorsOf({ ...VALID, fullName: '   ' }).fullName).toBe('Vui lòng nhập họ và tên');
  });

  it('trims and NFC-normalises text', () => {
    const r = validateForm(FIELDS, { ...VALID, fullName: '  Lò Văn Páo '.normalize('NFD') }, NOW);
    expect(r.data.fullName).toBe('Lò Văn Páo');
  });

  it('drops unknown keys', () => {
    const r = validateForm(FIELDS, { ...VALID, isAdmin: true, __proto__x: 1 }, NOW);
    expect(r.ok).toBe(true);
    expect(Object.keys(r.data)).not.toContain('isAdmin');
  });

  it('refuses a required attestation left unticked', () => {
    expect(errorsOf({ ...VALID, agree: false }).agree).toContain('Vui lòng xác nhận');
  });

  describe('requiredIf', () => {
    it('requires the dependent field when the condition holds', () => {
      expect(errorsOf({ ...VALID, purpose: 'OTHER' }).purposeOther).toBe('Vui lòng nhập mục đích khác');
    });
    it('does not require it otherwise', () => {
      expect(errorsOf({ ...VALID, purpose: 'WORK' }).purposeOther).toBeUndefined();
    });
    it('works with a boolean condition', () => {
      expect(errorsOf({ ...VALID, sendByPost: true }).postAddress).toBe('Vui lòng nhập địa chỉ nhận kết quả');
      expect(errorsOf({ ...VALID, sendByPost: false }).postAddress).toBeUndefined();
    });
  });

  describe('phone numbers', () => {
    it.each(['0912345678', '0312345678', '0587654321', '0701234567', '0812345678', '+84912345678'])('accepts %s', (phone) => {
      expect(errorsOf({ ...VALID, phone }).phone).toBeUndefined();
    });
    it.each(['0212345678', '0112345678', '091234567', '09123456789', '84912345678', '+8491234567', 'abcdefghij', '0912 345 678'])(
      'refuses %s',
      (phone) => {
        expect(errorsOf({ ...VALID, phone }).phone).toMatch(/không phải số điện thoại di động Việt Nam hợp lệ/);
      },
    );
  });

  describe('personal IDs', () => {
    it.each(['00209012345', '0020901234567', '00209012345a', ' 002090123456x', '１２３４５６７８９０１２'])('refuses %p', (personalId) => {
      expect(errorsOf({ ...VALID, personalId }).personalId).toBe('Số định danh cá nhân phải gồm đúng 12 chữ số');
    });
  });

  describe('dates', () => {
    it('refuses a date in the future', () => {
      expect(errorsOf({ ...VALID, dateOfBirth: '2026-11-23' }).dateOfBirth).toBe('Ngày sinh không được sau ngày 22/11/2026');
    });
    it('accepts today', () => {
      expect(errorsOf({ ...VALID, dateOfBirth: '2026-11-22' }).dateOfBirth).toBeUndefined();
    });
    it('refuses a date more than 120 years ago', () => {
      expect(errorsOf({ ...VALID, dateOfBirth: '1906-11-21' }).dateOfBirth).toBe('Ngày sinh không được trước ngày 22/11/1906');
    });
    it.each(['2026-02-30', '17/05/1990', '1990-5-17', 'hôm qua', '1990-05-17T00:00:00Z'])('refuses %p', (dateOfBirth) => {
      expect(errorsOf({ ...VALID, dateOfBirth }).dateOfBirth).toMatch(/Ngày sinh/);
    });
  });

  describe('numbers', () => {
    it('refuses text in a number field', () => {
      expect(errorsOf({ ...VALID, copies: 'ba' }).copies).toBe('Số bản sao phải là một số');
    });
    it('enforces min and max', () => {
      expect(errorsOf({ ...VALID, copies: 11 }).copies).toBe('Số bản sao không được lớn hơn 10');
      expect(errorsOf({ ...VALID, copies: -1 }).copies).toBe('Số bản sao không được nhỏ hơn 0');
    });
    it('refuses huge numbers', () => {
      expect(errorsOf({ ...VALID, copies: 1e308 }).copies).toBeDefined();
    });
  });

  describe('bad input', () => {
    it.each([
      ['an object', { $gt: '' }],
      ['an array', ['a', 'b']],
      ['a number', 12345],
      ['a boolean', true],
    ])('refuses %s where text is expected', (_what, fullName) => {
      expect(errorsOf({ ...VALID, fullName }).fullName).toBe('Họ và tên phải là chuỗi ký tự');
    });
    it('refuses a string where a boolean is expected', () => {
      expect(errorsOf({ ...VALID, agree: 'yes' }).agree).toBeDefined();
    });
    it('refuses text longer than the limit', () => {
      expect(errorsOf({ ...VALID, fullName: 'a'.repeat(501) }).fullName).toBe('Họ và tên không được dài quá 500 ký tự');
    });
    it('refuses a megabyte of text without choking', () => {
      expect(errorsOf({ ...VALID, note: 'x'.repeat(1024 * 1024) }).note).toBe('Ghi chú không được dài quá 1000 ký tự');
    });
    it.each(['Lò\u0000Văn', 'Lò\u0007Văn', 'Lò\nVăn', 'Lò\u202EVăn', 'Lò\u007FVăn'])('refuses control characters in %j', (fullName) => {
      expect(errorsOf({ ...VALID, fullName }).fullName).toMatch(/ký tự không được phép/);
    });
    it('allows line breaks in a textarea but not other controls', () => {
      expect(errorsOf({ ...VALID, note: 'dòng 1\r\ndòng 2\ttab' }).note).toBeUndefined();
      expect(errorsOf({ ...VALID, note: 'dòng 1\u0000' }).note).toMatch(/ký tự không được phép/);
    });
    it.each(['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a > b'])('refuses markup %p', (fullName) => {
      expect(errorsOf({ ...VALID, fullName }).fullName).toMatch(/ký tự không được phép/);
    });
    it.each(["' OR 1=1 --", "1'; DROP TABLE dossiers; --"])('refuses SQL in typed fields (%p)', (sql) => {
      const e = errorsOf({ ...VALID, personalId: sql, phone: sql, dateOfBirth: sql, purpose: sql, copies: sql, communeCode: sql });
      expect(Object.keys(e).sort()).toEqual(['communeCode', 'copies', 'dateOfBirth', 'personalId', 'phone', 'purpose']);
    });
    it('keeps SQL-looking free text as inert text (it is stored through parameters)', () => {
      const r = validateForm(FIELDS, { ...VALID, note: "Robert'); DROP TABLE dossiers;--" }, NOW);
      expect(r.ok).toBe(true);
      expect(r.data.note).toBe("Robert'); DROP TABLE dossiers;--");
    });
    it('refuses a select value outside the options', () => {
      expect(errorsOf({ ...VALID, purpose: 'HACK' }).purpose).toBe('Mục đích: lựa chọn không hợp lệ');
    });
    it('refuses an invalid email', () => {
      expect(errorsOf({ ...VALID, email: 'not-an-email' }).email).toBe('Thư điện tử không phải địa chỉ thư điện tử hợp lệ');
      expect(errorsOf({ ...VALID, email: 'dan@example.vn' }).email).toBeUndefined();
    });
    it.each([null, 'string', 42, [1, 2]])('refuses form data that is not an object (%p)', (input) => {
      const r = validateForm(FIELDS, input, NOW);
      if (input === null) expect(r.errors.map((e) => e.field)).toContain('fullName');
      else expect(r.errors).toEqual([{ field: 'data', message: 'Dữ liệu tờ khai phải là một đối tượng JSON' }]);
    });
  });

  it('reuses the compiled schema per cache key and day', () => {
    const a = validateForm(FIELDS, VALID, NOW, 'proc-v1');
    const b = validateForm(FIELDS, { ...VALID, dateOfBirth: '2026-11-23' }, NOW, 'proc-v1');
    expect(a.ok).toBe(true);
    expect(b.ok).toBe(false);
    // the next day, "today" has moved on
    const c = validateForm(FIELDS, { ...VALID, dateOfBirth: '2026-11-23' }, new Date('2026-11-23T03:00:00Z'), 'proc-v1');
    expect(c.ok).toBe(true);
  });
});

describe('coerceFormPost (HTML form strings → typed values)', () => {
  it('converts checkboxes, numbers, dd/mm/yyyy dates and spaced phone numbers', () => {
    const out = coerceFormPost(FIELDS, { agree: 'on', copies: '3', dateOfBirth: '7/5/1990', phone: '0912 345 678' });
    expect(out).toMatchObject({ agree: true, sendByPost: false, copies: 3, dateOfBirth: '1990-05-07', phone: '0912345678' });
  });
  it('keeps what does not convert, for a field error', () => {
    const out = coerceFormPost(FIELDS, { copies: 'ba' });
    expect(out.copies).toBe('ba');
    expect(validateForm(FIELDS, { ...VALID, ...out, agree: true }, NOW).errors.map((e) => e.field)).toEqual(['copies']);
  });
  it('takes the last of repeated values', () => {
    expect(coerceFormPost(FIELDS, { fullName: ['a', 'b'] }).fullName).toBe('b');
  });
});
