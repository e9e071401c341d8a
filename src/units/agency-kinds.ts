import type { UnitLevel } from './administrative-unit.entity';

/**
 * The agencies seeded at each administrative level. Data, not logic: a province organised
 * differently (or the two-tier structure since 1/7/2025) changes this table, not the code.
 * `name` is prefixed to the unit's name: "Phòng Tư pháp" + " huyện Đồng Văn".
 */
export interface AgencyKindDefinition {
  kind: string;
  abbr: string;
  name: string;
  oneStopDesk: boolean;
}

export const AGENCY_KINDS: Record<UnitLevel, AgencyKindDefinition[]> = {
  PROVINCE: [
    { kind: 'PEOPLES_COMMITTEE', abbr: 'UBND', name: 'Ủy ban nhân dân', oneStopDesk: true },
    { kind: 'JUSTICE', abbr: 'STP', name: 'Sở Tư pháp', oneStopDesk: true },
    { kind: 'PLANNING_INVESTMENT', abbr: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', oneStopDesk: true },
    { kind: 'CONSTRUCTION', abbr: 'SXD', name: 'Sở Xây dựng', oneStopDesk: true },
    { kind: 'NATURAL_RESOURCES', abbr: 'STNMT', name: 'Sở Tài nguyên và Môi trường', oneStopDesk: true },
    { kind: 'TRANSPORT', abbr: 'SGTVT', name: 'Sở Giao thông vận tải', oneStopDesk: true },
    { kind: 'LABOUR', abbr: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội', oneStopDesk: true },
    { kind: 'HEALTH', abbr: 'SYT', name: 'Sở Y tế', oneStopDesk: true },
    { kind: 'EDUCATION', abbr: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', oneStopDesk: true },
    { kind: 'INDUSTRY_TRADE', abbr: 'SCT', name: 'Sở Công Thương', oneStopDesk: true },
    { kind: 'FINANCE', abbr: 'STC', name: 'Sở Tài chính', oneStopDesk: true },
    { kind: 'AGRICULTURE', abbr: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', oneStopDesk: true },
    { kind: 'CULTURE', abbr: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', oneStopDesk: true },
    { kind: 'HOME_AFFAIRS', abbr: 'SNV', name: 'Sở Nội vụ', oneStopDesk: true },
    { kind: 'POLICE', abbr: 'CA', name: 'Công an', oneStopDesk: true },
    { kind: 'SOCIAL_INSURANCE', abbr: 'BHXH', name: 'Bảo hiểm xã hội', oneStopDesk: true },
  ],
  DISTRICT: [
    { kind: 'PEOPLES_COMMITTEE', abbr: 'UBND', name: 'Ủy ban nhân dân', oneStopDesk: true },
    { kind: 'JUSTICE', abbr: 'PTP', name: 'Phòng Tư pháp', oneStopDesk: true },
    { kind: 'FINANCE_PLANNING', abbr: 'PTCKH', name: 'Phòng Tài chính - Kế hoạch', oneStopDesk: true },
    { kind: 'ECONOMY_INFRASTRUCTURE', abbr: 'PKTHT', name: 'Phòng Kinh tế và Hạ tầng', oneStopDesk: true },
    { kind: 'NATURAL_RESOURCES', abbr: 'PTNMT', name: 'Phòng Tài nguyên và Môi trường', oneStopDesk: true },
    { kind: 'LABOUR', abbr: 'PLDTBXH', name: 'Phòng Lao động - Thương binh và Xã hội', oneStopDesk: true },
    { kind: 'EDUCATION', abbr: 'PGDDT', name: 'Phòng Giáo dục và Đào tạo', oneStopDesk: true },
    { kind: 'HEALTH', abbr: 'PYT', name: 'Phòng Y tế', oneStopDesk: true },
    { kind: 'CULTURE', abbr: 'PVHTT', name: 'Phòng Văn hóa và Thông tin', oneStopDesk: true },
    { kind: 'AGRICULTURE', abbr: 'PNNPTNT', name: 'Phòng Nông nghiệp và Phát triển nông thôn', oneStopDesk: true },
    { kind: 'POLICE', abbr: 'CA', name: 'Công an', oneStopDesk: true },
    { kind: 'SOCIAL_INSURANCE', abbr: 'BHXH', name: 'Bảo hiểm xã hội', oneStopDesk: true },
  ],
  COMMUNE: [
    { kind: 'PEOPLES_COMMITTEE', abbr: 'UBND', name: 'Ủy ban nhân dân', oneStopDesk: true },
    { kind: 'JUSTICE', abbr: 'TPHT', name: 'Công chức Tư pháp - Hộ tịch', oneStopDesk: false },
    { kind: 'LAND_CONSTRUCTION', abbr: 'DCXD', name: 'Công chức Địa chính - Xây dựng', oneStopDesk: false },
    { kind: 'CULTURE_SOCIAL', abbr: 'VHXH', name: 'Công chức Văn hóa - Xã hội', oneStopDesk: false },
    { kind: 'POLICE', abbr: 'CA', name: 'Công an', oneStopDesk: true },
  ],
};

export function agencyCode(unitCode: string, abbr: string): string {
  return `${unitCode}.${abbr}`;
}

export const AGENCY_KIND_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(AGENCY_KINDS)
    .flat()
    .map((k) => [k.kind, k.name]),
);
