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
