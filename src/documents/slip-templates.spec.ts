import { fill, SLIP_TEMPLATES, templateFor } from './slip-templates';

describe('slip templates', () => {
  it('covers the five forms of Thông tư 01/2018 and the result', () => {
    expect(new Set(SLIP_TEMPLATES.map((t) => t.key))).toEqual(new Set(['tiep-nhan', 'yeu-cau-bo-sung', 'tu-choi', 'xin-loi', 'kiem-soat', 'ket-qua']));
    for (const n of ['01', '02', '03', '04', '05']) expect(SLIP_TEMPLATES.some((t) => t.formNo.includes(`Mẫu số ${n}`))).toBe(true);
  });
  it('key and version are unique', () => {
    const ids = SLIP_TEMPLATES.map((t) => `${t.key}@${t.version}`);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('picks the version in force at a date', () => expect(templateFor('tiep-nhan', new Date('2026-11-23T00:00:00Z')).version).toBe(1));
  it('fills placeholders and marks missing ones', () => expect(fill('{a} và {b}', { a: 'Một' })).toBe('Một và —'));
});
