import type { FormFieldDefinition } from '../catalog/procedure.types';
import type { RegistryPerson } from '../registry/population-registry';
import { checkLockedValues, computePrefill, prefillRecords, registryValue, valueHash } from './prefill';

const PERSON: RegistryPerson = {
  personalId: '002094990001',
  fullName: 'Hoàng Văn Thắng',
  dateOfBirth: '1994-03-15',
  gender: 'MALE',
  ethnicity: 'Tày',
  religion: null,
  hometownCode: '00955',
  hometown: 'Xã Đạo Đức, huyện Vị Xuyên, tỉnh Hà Giang',
  permanentAddress: 'Số nhà 15, tổ 7, Phường Trần Phú, thành phố Hà Giang, tỉnh Hà Giang',
  permanentCommuneCode: '00691',
  currentAddress: 'Số nhà 15, tổ 7, Phường Trần Phú, thành phố Hà Giang, tỉnh Hà Giang',
  currentCommuneCode: '00691',
  maritalStatus: 'MARRIED',
  relationshipToHead: 'HEAD',
  father: { personalId: null, fullName: 'Hoàng Văn Lợi' },
  mother: { personalId: null, fullName: 'Ma Thị Thoa' },
  household: {
    id: 'HK-1',
    headPersonalId: '002094990001',
    communeCode: '00691',
    address: 'Số nhà 15, tổ 7',
    members: [
      { personalId: '002094990001', fullName: 'Hoàng Văn Thắng', dateOfBirth: '1994-03-15', gender: 'MALE', relationshipToHead: 'HEAD' },
      { personalId: '002197990002', fullName: 'Nông Thị Hoa', dateOfBirth: '1997-08-02', gender: 'FEMALE', relationshipToHead: 'SPOUSE' },
    ],
  },
};

const FIELDS: FormFieldDefinition[] = [
  { key: 'fullName', label: 'Họ và tên', type: 'text', required: true, prefill: 'registry.fullName' },
  { key: 'dateOfBirth', label: 'Ngày sinh', type: 'date', required: true, prefill: 'registry.dateOfBirth' },
  { key: 'gender', label: 'Giới tính', type: 'select', required: true, prefill: 'registry.gender', options: [{ value: 'Nam', label: 'Nam' }, { value: 'Nữ', label: 'Nữ' }] },
  { key: 'address', label: 'Nơi cư trú', type: 'text', required: true, prefill: 'registry.household.address' },
  { key: 'spouse', label: 'Họ tên vợ/chồng', type: 'text', required: false, prefill: 'registry.spouseName' },
  { key: 'phone', label: 'Điện thoại', type: 'phone', required: false, prefill: 'account.phone' },
  { key: 'job', label: 'Nghề nghiệp', type: 'text', required: false },
  { key: 'childName', label: 'Họ tên trẻ', type: 'text', required: true, subject: true },
  { key: 'childFather', label: 'Họ tên cha của trẻ', type: 'text', required: false, subject: true, prefill: 'registry.fullName' },
  { key: 'agree', label: 'Cam đoan', type: 'checkbox', required: true },
];

const AT = new Date('2026-11-22T03:00:00Z');

describe('registryValue', () => {
  it('reads paths and aliases', () => {
    expect(registryValue(PERSON, 'fullName')).toBe('Hoàng Văn Thắng');
    expect(registryValue(PERSON, 'household.address')).toBe('Số nhà 15, tổ 7');
    expect(registryValue(PERSON, 'father.fullName')).toBe('Hoàng Văn Lợi');
    expect(registryValue(PERSON, 'motherName')).toBe('Ma Thị Thoa');
    expect(registryValue(PERSON, 'spouseName')).toBe('Nông Thị Hoa');
    expect(registryValue(PERSON, 'householdHeadName')).toBe('Hoàng Văn Thắng');
  });
  it.each(['nope', 'fullName.length', '__proto__', 'constructor', 'household.members.0'])('gives nothing for %p', (path) => {
    const v = registryValue(PERSON, path);
    expect(v === undefined || typeof v === 'object').toBe(true);
  });
});

describe('newborn of the household (household relations)', () => {
  const MOTHER: RegistryPerson = { ...PERSON, personalId: '002197990002', fullName: 'Nông Thị Hoa', gender: 'FEMALE', relationshipToHead: 'SPOUSE' };
  const GRANDCHILD: RegistryPerson = { ...PERSON, personalId: '002300000001', fullName: 'Hoàng Văn Bé', relationshipToHead: 'CHILD' };
  it('the applicant who heads the household is the father, the spouse the mother', () => {
    expect(registryValue(PERSON, 'newbornFatherName')).toBe('Hoàng Văn Thắng');
    expect(registryValue(PERSON, 'newbornMotherName')).toBe('Nông Thị Hoa');
    expect(registryValue(PERSON, 'relationshipToNewborn')).toBe('FATHER');
  });
  it('the spouse applying is the mother, the head the father', () => {
    expect(registryValue(MOTHER, 'newbornFatherName')).toBe('Hoàng Văn Thắng');
    expect(registryValue(MOTHER, 'newbornMotherName')).toBe('Nông Thị Hoa');
    expect(registryValue(MOTHER, 'relationshipToNewborn')).toBe('MOTHER');
  });
  it('a single parent at the head: only their own side', () => {
    const single: RegistryPerson = { ...MOTHER, relationshipToHead: 'HEAD', household: { ...PERSON.household, headPersonalId: MOTHER.personalId, members: [PERSON.household.members[1]!] } };
    expect(registryValue(single, 'newbornMotherName')).toBe('Nông Thị Hoa');
    expect(registryValue(single, 'newbornFatherName')).toBeUndefined();
  });
  it('guesses nothing for someone else in the household', () => {
    expect(registryValue(GRANDCHILD, 'newbornFatherName')).toBeUndefined();
    expect(registryValue(GRANDCHILD, 'relationshipToNewborn')).toBeUndefined();
  });
  it('fills the relation select, the parents and the household, none locked', () => {
    const fields: FormFieldDefinition[] = [
      { key: 'relationshipToChild', label: 'Quan hệ với trẻ', type: 'select', required: true, prefill: 'registry.relationshipToNewborn', options: [{ value: 'FATHER', label: 'Cha' }, { value: 'MOTHER', label: 'Mẹ' }] },
      { key: 'fatherName', label: 'Họ và tên cha', type: 'text', required: false, prefill: 'registry.newbornFatherName' },
      { key: 'newAddress', label: 'Địa chỉ', type: 'text', required: true, prefill: 'registry.householdAddress' },
      { key: 'householdHeadName', label: 'Chủ hộ', type: 'text', required: false, prefill: 'registry.householdHeadName' },
    ];
    const out = computePrefill(fields, { registry: MOTHER, account: null, history: {}, fetchedAt: AT });
    expect(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [v.value, v.source, v.locked]]))).toEqual({
      relationshipToChild: ['MOTHER', 'REGISTRY', false],
      fatherName: ['Hoàng Văn Thắng', 'REGISTRY', false],
      newAddress: ['Số nhà 15, tổ 7', 'REGISTRY', false],
      householdHeadName: ['Hoàng Văn Thắng', 'REGISTRY', false],
    });
  });
});

describe('computePrefill', () => {
  const out = computePrefill(FIELDS, {
    registry: PERSON,
    account: { phone: '0912345678', email: null },
    history: { job: 'Giáo viên', childName: 'Hoàng Minh An', agree: true, fullName: 'Tên cũ' },
    fetchedAt: AT,
  });
  it('takes identity from the registry, locked, with time and hash', () => {
    expect(out.fullName).toEqual({ value: 'Hoàng Văn Thắng', source: 'REGISTRY', locked: true, fetchedAt: '2026-11-22T10:00:00+07:00', hash: valueHash('fullName', 'Hoàng Văn Thắng') });
    expect(out.dateOfBirth).toMatchObject({ value: '1994-03-15', source: 'REGISTRY', locked: true });
  });
  it('prefills household and relatives from the registry without locking them', () => {
    expect(out.address).toMatchObject({ value: 'Số nhà 15, tổ 7', source: 'REGISTRY', locked: false });
    expect(out.spouse).toMatchObject({ value: 'Nông Thị Hoa', source: 'REGISTRY', locked: false });
  });
  it('maps registry codes onto select options', () => {
    expect(out.gender).toMatchObject({ value: 'Nam', source: 'REGISTRY' });
  });
  it('takes account contact data as earlier declarations', () => {
    expect(out.phone).toMatchObject({ value: '0912345678', source: 'HISTORY', locked: false });
  });
  it('takes the latest earlier answer for plain applicant fields', () => {
    expect(out.job).toMatchObject({ value: 'Giáo viên', source: 'HISTORY', locked: false });
  });
  it('never prefills the subject (e.g. the newborn) from history or registry', () => {
    expect(out.childName).toBeUndefined();
    expect(out.childFather).toBeUndefined();
  });
  it('never prefills attestations', () => {
    expect(out.agree).toBeUndefined();
  });
  it('works without the registry (down) from history only', () => {
    const partial = computePrefill(FIELDS, { registry: null, account: null, history: { job: 'Nông dân' }, fetchedAt: AT });
    expect(Object.keys(partial)).toEqual(['job']);
  });
});

describe('checkLockedValues', () => {
  const fresh = computePrefill(FIELDS, { registry: PERSON, account: null, history: {}, fetchedAt: AT });
  it('accepts the registry values (NFC/space-insensitive)', () => {
    const r = checkLockedValues(FIELDS, { fullName: ' Hoàng Văn Thắng'.normalize('NFD'), dateOfBirth: '1994-03-15' }, fresh);
    expect(r.mismatches).toEqual([]);
  });
  it('refuses a tampered locked value', () => {
    const r = checkLockedValues(FIELDS, { fullName: 'Người Khác', dateOfBirth: '1994-03-15' }, fresh);
    expect(r.mismatches.map((m) => m.field)).toEqual(['fullName']);
    expect(r.mismatches[0]!.message).toMatch(/Cơ sở dữ liệu quốc gia về dân cư/);
  });
  it('fills locked values the client left out', () => {
    const r = checkLockedValues(FIELDS, {}, fresh);
    expect(r.data).toMatchObject({ fullName: 'Hoàng Văn Thắng', dateOfBirth: '1994-03-15', gender: 'Nam' });
  });
  it('leaves unlocked values alone', () => {
    const r = checkLockedValues(FIELDS, { spouse: 'Ai đó' }, fresh);
    expect(r.mismatches.find((m) => m.field === 'spouse')).toBeUndefined();
  });
});

describe('prefillRecords', () => {
  it('records a source only for values the citizen kept', () => {
    const fresh = computePrefill(FIELDS, { registry: PERSON, account: { phone: '0912345678', email: null }, history: {}, fetchedAt: AT });
    const recs = prefillRecords({ fullName: 'Hoàng Văn Thắng', phone: '0987654321' }, fresh);
    expect(Object.keys(recs)).toEqual(['fullName']);
    expect(recs.fullName).toEqual({ source: 'REGISTRY', fetchedAt: '2026-11-22T10:00:00+07:00', hash: valueHash('fullName', 'Hoàng Văn Thắng'), locked: true });
  });
});
