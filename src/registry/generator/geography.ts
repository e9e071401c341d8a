/**
 * The province's real communes, districts and province as the generator places people in them:
 * display forms for addresses ("xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang") and synthetic villages
 * or residential groups inside each commune.
 */
import { toIdProvinceCode } from '../normalize';
import type { AdministrativeUnitInput } from './citizen';
import { VILLAGE_FIRST, VILLAGE_SECOND } from './population-data';
import type { Rng } from './random';

const UNIT_TYPE_PREFIXES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Đặc khu', 'Phường', 'Quận', 'Huyện', 'Tỉnh', 'Xã'];

/** "Xã Lũng Cú" → "xã Lũng Cú", "Thành phố Hà Giang" → "thành phố Hà Giang" (for use inside an address). */
export function unitNameInAddress(name: string): string {
  for (const p of UNIT_TYPE_PREFIXES) {
    if (name.startsWith(p + ' ')) return p.toLowerCase() + name.slice(p.length);
  }
  return name;
}

function bareUnitName(name: string): string {
  for (const p of UNIT_TYPE_PREFIXES) {
    if (name.startsWith(p + ' ')) return name.slice(p.length + 1);
  }
  return name;
}

export interface CommuneInfo {
  code: string;
  name: string;
  districtCode: string | null;
  urban: boolean;
  /** "xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang" */
  tail: string;
  /** villages (rural) or the number of residential groups "tổ" (urban) */
  villages: string[];
  groups: number;
}

export interface Geography {
  provinceCode2: string;
  provinceName: string;
  communes: CommuneInfo[];
  byCode: Map<string, CommuneInfo>;
  communesOfDistrict: Map<string, number[]>;
}

export function buildGeography(provinceCode: string, units: readonly AdministrativeUnitInput[], rng: Rng): Geography {
  const p2 = toIdProvinceCode(provinceCode).slice(1);
  const level = (u: AdministrativeUnitInput): string => u.level.toUpperCase();
  const province = units.find((u) => level(u) === 'PROVINCE' && toIdProvinceCode(u.code).slice(1) === p2);
  if (!province) throw new Error(`province ${p2} not found among the units`);
  const districts = new Map<string, AdministrativeUnitInput>();
  for (const u of units) if (level(u) === 'DISTRICT' && u.parentCode === province.code) districts.set(u.code, u);
  const communes: CommuneInfo[] = [];
  const provinceInAddress = unitNameInAddress(province.name);
  for (const u of units) {
    if (level(u) !== 'COMMUNE' || !u.parentCode) continue;
    const district = districts.get(u.parentCode) ?? null;
    if (!district && u.parentCode !== province.code) continue;
    const urban = /^(Phường|Thị trấn)\b/.test(u.name) || /^(Phường|Thị trấn)$/.test(u.type ?? '');
    const tail = [unitNameInAddress(u.name), district ? unitNameInAddress(district.name) : null, provinceInAddress]
      .filter(Boolean)
      .join(', ');
    communes.push({ code: u.code, name: u.name, districtCode: district?.code ?? null, urban, tail, villages: [], groups: 0 });
  }
  if (communes.length === 0) throw new Error(`no communes found for province ${p2}`);
  communes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const communesOfDistrict = new Map<string, number[]>();
  communes.forEach((c, i) => {
    const key = c.districtCode ?? '';
    const list = communesOfDistrict.get(key) ?? [];
    list.push(i);
    communesOfDistrict.set(key, list);
    if (c.urban) {
      c.groups = rng.int(8, 24);
    } else {
      const n = rng.int(6, 14);
      const names = new Set<string>();
      if (rng.chance(0.6)) names.add(bareUnitName(c.name));
      while (names.size < n) names.add(`${rng.pick(VILLAGE_FIRST)} ${rng.pick(VILLAGE_SECOND)}`);
      c.villages = [...names];
    }
  });
  return {
    provinceCode2: p2,
    provinceName: province.name,
    communes,
    byCode: new Map(communes.map((c) => [c.code, c])),
    communesOfDistrict,
  };
}

/** "Thôn Nà Pin" / "Số nhà 27, tổ 5" / "Tổ 5" */
export function placeIn(c: CommuneInfo, rng: Rng): string {
  if (c.urban) {
    const group = rng.int(1, c.groups);
    return rng.chance(0.5) ? `Số nhà ${rng.int(1, 180)}, tổ ${group}` : `Tổ ${group}`;
  }
  return `Thôn ${rng.pick(c.villages)}`;
}
