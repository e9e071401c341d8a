import { buildGeography, placeIn, unitNameInAddress } from './geography';
import { COMMUNE_CODES, UNITS } from './ha-giang-units.fixture';
import { Rng } from './random';

describe('fixture', () => {
  it('has the province, its 11 districts and 193 communes', () => {
    expect(UNITS.filter((u) => u.level === 'PROVINCE')).toHaveLength(1);
    expect(UNITS.filter((u) => u.level === 'DISTRICT')).toHaveLength(11);
    expect(COMMUNE_CODES.size).toBe(193);
  });
});

describe('unitNameInAddress', () => {
  it.each([
    ['Xã Lũng Cú', 'xã Lũng Cú'],
    ['Thị trấn Phó Bảng', 'thị trấn Phó Bảng'],
    ['Thành phố Hà Giang', 'thành phố Hà Giang'],
    ['Huyện Đồng Văn', 'huyện Đồng Văn'],
    ['Tỉnh Hà Giang', 'tỉnh Hà Giang'],
    ['Xín Mần', 'Xín Mần'],
  ])('%s → %s', (a, b) => {
    expect(unitNameInAddress(a)).toBe(b);
  });
});

describe('buildGeography', () => {
  const geo = buildGeography('02', UNITS, new Rng(1));

  it('takes every commune of the province, sorted by code, with its district', () => {
    expect(geo.provinceCode2).toBe('02');
    expect(geo.provinceName).toBe('Tỉnh Hà Giang');
    expect(geo.communes.map((c) => c.code)).toEqual([...COMMUNE_CODES].sort());
    expect(geo.byCode.get('00715')).toMatchObject({ districtCode: '026', urban: false, tail: 'xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang' });
    expect(geo.byCode.get('00691')).toMatchObject({ districtCode: '024', urban: true, tail: 'phường Trần Phú, thành phố Hà Giang, tỉnh Hà Giang' });
    expect(geo.communesOfDistrict.get('026')!.map((i) => geo.communes[i].code)).toContain('00715');
  });

  it('gives towns residential groups and rural communes distinct villages', () => {
    for (const c of geo.communes) {
      if (c.urban) expect([c.villages.length, c.groups >= 8 && c.groups <= 24]).toEqual([0, true]);
      else expect([new Set(c.villages).size === c.villages.length, c.villages.length >= 6 && c.villages.length <= 14]).toEqual([true, true]);
    }
  });

  it('places people in a village, or in a residential group with or without a house number', () => {
    const rng = new Rng(2);
    const rural = geo.byCode.get('00715')!;
    const urban = geo.byCode.get('00691')!;
    for (let i = 0; i < 200; i++) {
      expect(rural.villages.map((v) => `Thôn ${v}`)).toContain(placeIn(rural, rng));
      expect(placeIn(urban, rng)).toMatch(/^(Số nhà \d+, tổ|Tổ) \d+$/);
    }
  });

  it('accepts "002" for "02", and refuses a province without communes', () => {
    expect(buildGeography('002', UNITS, new Rng(1)).communes).toHaveLength(COMMUNE_CODES.size);
    expect(() => buildGeography('02', UNITS.filter((u) => u.level !== 'COMMUNE'), new Rng(1))).toThrow(/no communes/);
  });
});
