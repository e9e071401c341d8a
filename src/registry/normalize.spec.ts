import {
  decodePersonalId,
  encodePersonalId,
  genderCenturyDigit,
  identityMatches,
  isIsoDate,
  isValidPersonalId,
  namesMatch,
  normalizeName,
  personalIdConsistent,
  toIdProvinceCode,
} from './normalize';

describe('normalizeName', () => {
  it('keeps diacritics and lower-cases', () => {
    expect(normalizeName('Lò Văn Páo')).toBe('lò văn páo');
  });

  it('lower-cases Đ to đ', () => {
    expect(normalizeName('ĐẶNG THỊ DUA')).toBe('đặng thị dua');
  });

  it('gives the same key for NFD and NFC input', () => {
    const nfc = 'Nguyễn Thị Thu Hà'.normalize('NFC');
    const nfd = 'Nguyễn Thị Thu Hà'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(normalizeName(nfd)).toBe(normalizeName(nfc));
  });

  it('returns NFC', () => {
    const key = normalizeName('Vàng Mí Sính'.normalize('NFD'));
    expect(key).toBe(key.normalize('NFC'));
  });

  it('trims and collapses runs of spaces', () => {
    expect(normalizeName('  LÒ   văn páo ')).toBe('lò văn páo');
  });

  it('folds tabs, newlines, NBSP and other Unicode spaces', () => {
    expect(normalizeName('Lò\tVăn\u00A0Páo')).toBe('lò văn páo');
    expect(normalizeName('Lò\u3000Văn\nPáo')).toBe('lò văn páo');
    expect(normalizeName('\u2003Lò\u2009Văn\u202FPáo\uFEFF')).toBe('lò văn páo');
  });

  it('drops zero-width characters and soft hyphens', () => {
    expect(normalizeName('Lò Văn\u200B Páo')).toBe('lò văn páo');
    expect(normalizeName('Giàng\u00AD Thị Mỷ')).toBe('giàng thị mỷ');
  });

  it.each(["H'Mông", 'H’Mông', 'HʼMông', 'H‘Mông', 'H`Mông'])('unifies the apostrophe in %s', (s) => {
    expect(normalizeName(s)).toBe("h'mông");
  });

  it('reads a legacy eth (Ð) as Đ', () => {
    expect(normalizeName('\u00D0ặng Văn Sinh')).toBe('đặng văn sinh');
  });

  it.each([
    ['Nguyễn Thị Thúy', 'Nguyễn Thị Thuý'],
    ['Hòa', 'Hoà'],
    ['Khỏe', 'Khoẻ'],
    ['Lũy', 'Luỹ'],
    ['Xòe', 'Xoè'],
  ])('treats old and new tone placement alike: %s = %s', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it('does not move tone marks where placement is not ambiguous', () => {
    expect(normalizeName('Quý')).toBe('quý');
    expect(normalizeName('Hoàng')).toBe('hoàng');
    expect(normalizeName('Thuyết')).toBe('thuyết');
  });

  it('is idempotent', () => {
    for (const s of ['  LÒ   văn páo ', 'H’Mông', 'Nguyễn Thị Thuý', 'ĐẶNG\tTHỊ  DUA']) {
      expect(normalizeName(normalizeName(s))).toBe(normalizeName(s));
    }
  });

  it('is locale-independent ASCII lower-casing for I', () => {
    expect(normalizeName('LÝ I')).toBe('lý i');
  });

  it('maps whitespace-only input to the empty string', () => {
    expect(normalizeName(' \t\u00A0 ')).toBe('');
  });
});

describe('namesMatch', () => {
  it('matches after case and whitespace folding', () => {
    expect(namesMatch('  LÒ   văn páo ', 'Lò Văn Páo')).toBe(true);
  });

  it('does not strip accents', () => {
    expect(namesMatch('Lo Van Pao', 'Lò Văn Páo')).toBe(false);
  });

  it('does not match when a single accent is missing', () => {
    expect(namesMatch('Lò Văn Pao', 'Lò Văn Páo')).toBe(false);
  });

  it('does not match a different tone mark', () => {
    expect(namesMatch('Lọ Văn Páo', 'Lò Văn Páo')).toBe(false);
  });

  it('tells Đ from D', () => {
    expect(namesMatch('Dặng Thị Dua', 'Đặng Thị Dua')).toBe(false);
  });

  it('matches NFD input against NFC record', () => {
    expect(namesMatch('Giàng Thị Mỷ'.normalize('NFD'), 'Giàng Thị Mỷ')).toBe(true);
  });

  it('matches across apostrophe variants', () => {
    expect(namesMatch('H’Mông', "H'Mông")).toBe(true);
  });

  it('does not match on different word boundaries', () => {
    expect(namesMatch('Lò Văn Páo', 'LòVăn Páo')).toBe(false);
  });

  it('never matches empty names', () => {
    expect(namesMatch('', '')).toBe(false);
    expect(namesMatch('  ', '\t')).toBe(false);
  });
});

describe('isValidPersonalId', () => {
  it('accepts 12 ASCII digits', () => {
    expect(isValidPersonalId('002094990001')).toBe(true);
  });

  it('rejects 11 digits', () => {
    expect(isValidPersonalId('00209499000')).toBe(false);
  });

  it('rejects 13 digits', () => {
    expect(isValidPersonalId('0020949900011')).toBe(false);
  });

  it('rejects letters', () => {
    expect(isValidPersonalId('A02094990001')).toBe(false);
    expect(isValidPersonalId('00209499000O')).toBe(false);
  });

  it('rejects full-width digits', () => {
    expect(isValidPersonalId('００２０９４９９０００１')).toBe(false);
  });

  it('rejects other Unicode digits', () => {
    expect(isValidPersonalId('٠٠٢٠٩٤٩٩٠٠٠١')).toBe(false);
  });

  it('rejects surrounding or inner spaces', () => {
    expect(isValidPersonalId(' 002094990001')).toBe(false);
    expect(isValidPersonalId('002094990001\n')).toBe(false);
    expect(isValidPersonalId('002 094 990 001')).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidPersonalId(2094990001)).toBe(false);
    expect(isValidPersonalId(null)).toBe(false);
    expect(isValidPersonalId(undefined)).toBe(false);
  });
});

describe('genderCenturyDigit / encodePersonalId', () => {
  it.each([
    ['MALE', 1900, 0],
    ['FEMALE', 1999, 1],
    ['MALE', 2000, 2],
    ['FEMALE', 2026, 3],
    ['MALE', 2100, 4],
  ] as const)('%s born %i → %i', (gender, year, digit) => {
    expect(genderCenturyDigit(gender, year)).toBe(digit);
  });

  it('rejects years outside 1900–2399', () => {
    expect(() => genderCenturyDigit('MALE', 1899)).toThrow(RangeError);
  });

  it('pads the province code to three digits', () => {
    expect(toIdProvinceCode('02')).toBe('002');
    expect(toIdProvinceCode('002')).toBe('002');
    expect(toIdProvinceCode(2)).toBe('002');
  });

  it('encodes province, gender/century, year and serial', () => {
    expect(encodePersonalId('02', 'MALE', 1994, 990001)).toBe('002094990001');
    expect(encodePersonalId('19', 'FEMALE', 2007, 990006)).toBe('019307990006');
    expect(encodePersonalId('02', 'MALE', 2005, 7)).toBe('002205000007');
  });

  it('rejects serials outside 0–999999', () => {
    expect(() => encodePersonalId('02', 'MALE', 1994, 1_000_000)).toThrow(RangeError);
    expect(() => encodePersonalId('02', 'MALE', 1994, -1)).toThrow(RangeError);
  });
});

describe('decodePersonalId', () => {
  it('decodes a 20th-century man', () => {
    expect(decodePersonalId('002094990001')).toEqual({
      provinceCode: '002',
      gender: 'MALE',
      century: 20,
      yearOfBirth2: '94',
      yearOfBirth: 1994,
      serial: '990001',
    });
  });

  it('decodes a 21st-century woman born in another province', () => {
    expect(decodePersonalId('019307990006')).toMatchObject({ provinceCode: '019', gender: 'FEMALE', century: 21, yearOfBirth: 2007 });
  });

  it('decodes a 20th-century woman', () => {
    expect(decodePersonalId('002160123456')).toMatchObject({ gender: 'FEMALE', century: 20, yearOfBirth: 1960 });
  });

  it('returns null for an invalid ID', () => {
    expect(decodePersonalId('00209499000')).toBeNull();
  });

  it('round-trips with encodePersonalId', () => {
    const id = encodePersonalId('02', 'FEMALE', 2026, 123);
    expect(decodePersonalId(id)).toMatchObject({ provinceCode: '002', gender: 'FEMALE', yearOfBirth: 2026, serial: '000123' });
  });
});

describe('personalIdConsistent', () => {
  it('accepts matching gender and year', () => {
    expect(personalIdConsistent('002094990001', '1994-03-15', 'MALE')).toBe(true);
  });

  it('rejects the wrong gender', () => {
    expect(personalIdConsistent('002094990001', '1994-03-15', 'FEMALE')).toBe(false);
  });

  it('rejects the wrong year', () => {
    expect(personalIdConsistent('002094990001', '1995-03-15', 'MALE')).toBe(false);
  });

  it('rejects the wrong century', () => {
    expect(personalIdConsistent('002094990001', '2094-03-15', 'MALE')).toBe(false);
  });

  it('checks the province of birth when given', () => {
    expect(personalIdConsistent('019307990006', '2007-06-30', 'FEMALE', '019')).toBe(true);
    expect(personalIdConsistent('019307990006', '2007-06-30', 'FEMALE', '02')).toBe(false);
    expect(personalIdConsistent('002094990001', '1994-03-15', 'MALE', '02')).toBe(true);
  });

  it('rejects an impossible date', () => {
    expect(personalIdConsistent('002094990001', '1994-02-30', 'MALE')).toBe(false);
  });

  it('rejects an invalid ID', () => {
    expect(personalIdConsistent('００２０９４９９０００１', '1994-03-15', 'MALE')).toBe(false);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-13-01', false],
    ['2026-11-31', false],
    ['2026-11-30', true],
    ['26-11-30', false],
    ['2026-1-3', false],
  ])('%s → %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });
});

describe('identityMatches', () => {
  const record = { personalId: '002048990005', fullName: 'Lò Văn Páo', dateOfBirth: '1948-02-10' };

  it('matches with folded name', () => {
    expect(identityMatches(record, { ...record, fullName: '  LÒ   văn páo ' })).toBe(true);
  });

  it('rejects the unaccented name', () => {
    expect(identityMatches(record, { ...record, fullName: 'Lo Van Pao' })).toBe(false);
  });

  it('rejects a different date of birth', () => {
    expect(identityMatches(record, { ...record, dateOfBirth: '1948-02-11' })).toBe(false);
  });

  it('rejects a different number', () => {
    expect(identityMatches(record, { ...record, personalId: '002048990006' })).toBe(false);
  });

  it('rejects a number written with full-width digits', () => {
    expect(identityMatches(record, { ...record, personalId: '００２０４８９９０００５' })).toBe(false);
  });

  it('answers a bare boolean, whatever differed', () => {
    expect(identityMatches(record, { personalId: 'x', fullName: '', dateOfBirth: '' })).toBe(false);
  });
});
