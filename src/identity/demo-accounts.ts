/**
 * Demo accounts (demo mode only). Naming rule: staff username = `{role}.{agency code}` in lower
 * case (e.g. `clerk.026.ptp`, `manager.026.ubnd`, `admin.02.ubnd`), password DEMO_PASSWORD_STAFF;
 * citizens sign in with their personal ID and DEMO_PASSWORD_CITIZEN.
 */
import { createHash } from 'node:crypto';
import { DEMO_CITIZENS } from '../registry/generator/demo-citizens';
import type { Role } from './user.entity';

export const DEMO_PASSWORD_STAFF = 'MotCua@2026';
export const DEMO_PASSWORD_CITIZEN = 'CongDan@2026';
export const DEMO_STAFF_ROLES: readonly Role[] = ['CLERK', 'SPECIALIST', 'LEADER', 'MANAGER', 'ADMIN'];
/**
 * Communes whose agencies get demo staff (besides every province- and district-level agency): three
 * sample communes plus the wards where the demo citizens live (00691 Trần Phú: the newborn's family;
 * 00694 Nguyễn Trãi: Giàng Thị Mỷ), so their dossiers can be processed end to end with demo accounts.
 */
export const DEMO_COMMUNES = ['00715', '00688', '00700', '00691', '00694'] as const;

export function demoStaffUsername(role: Role, agencyCode: string): string {
  return `${role}.${agencyCode}`.toLowerCase();
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Nông', 'Ma', 'Lương', 'Vàng', 'Giàng', 'Triệu', 'Bàn', 'Lò', 'Sùng'];
const MALE = ['Văn Hùng', 'Đức Minh', 'Văn Thắng', 'Quang Huy', 'Mạnh Cường', 'Văn Sáng', 'Seo Chứ', 'Tiến Dũng', 'Văn Lợi', 'Minh Tuấn'];
const FEMALE = ['Thị Hoa', 'Thu Hương', 'Thị Lan', 'Ngọc Anh', 'Thị Thoa', 'Thanh Mai', 'Thị Mỷ', 'Phương Thảo', 'Thị Nhàn', 'Hải Yến'];

/** A deterministic, plausible Vietnamese name for a demo staff account (shown in the access log). */
export function demoStaffName(username: string): string {
  const h = createHash('sha256').update(username).digest();
  const surname = SURNAMES[h[0] % SURNAMES.length];
  const given = h[1] % 2 === 0 ? MALE[h[2] % MALE.length] : FEMALE[h[2] % FEMALE.length];
  return `${surname} ${given}`;
}

export interface DemoPanelAccount {
  username: string;
  password: string;
  label: string;
}

/** The "try it as…" panel on the demo home page: a handful of useful accounts, one click each. */
export const DEMO_PANEL: { citizens: DemoPanelAccount[]; staff: DemoPanelAccount[] } = {
  citizens: DEMO_CITIZENS.filter((c) => Number(c.dateOfBirth.slice(0, 4)) <= 2008).map((c) => ({
    username: c.personalId,
    password: DEMO_PASSWORD_CITIZEN,
    label: `Công dân ${c.fullName}`,
  })),
  staff: [
    // The newborn family lives in phường Trần Phú: birth registration goes to its civil-status desk.
    { username: 'clerk.00691.tpht', password: DEMO_PASSWORD_STAFF, label: 'Cán bộ một cửa — Tư pháp - Hộ tịch phường Trần Phú' },
    { username: 'specialist.00691.tpht', password: DEMO_PASSWORD_STAFF, label: 'Công chức Tư pháp - Hộ tịch phường Trần Phú' },
    { username: 'leader.00691.tpht', password: DEMO_PASSWORD_STAFF, label: 'Lãnh đạo — Tư pháp - Hộ tịch phường Trần Phú' },
    { username: 'clerk.00715.tpht', password: DEMO_PASSWORD_STAFF, label: 'Cán bộ một cửa — Tư pháp - Hộ tịch xã Lũng Cú' },
    { username: 'clerk.026.ptp', password: DEMO_PASSWORD_STAFF, label: 'Cán bộ một cửa — Phòng Tư pháp huyện Đồng Văn' },
    { username: 'specialist.026.ptp', password: DEMO_PASSWORD_STAFF, label: 'Chuyên viên — Phòng Tư pháp huyện Đồng Văn' },
    { username: 'leader.026.ptp', password: DEMO_PASSWORD_STAFF, label: 'Lãnh đạo — Phòng Tư pháp huyện Đồng Văn' },
    { username: 'manager.026.ubnd', password: DEMO_PASSWORD_STAFF, label: 'Quản lý — UBND huyện Đồng Văn' },
    { username: 'clerk.02.stp', password: DEMO_PASSWORD_STAFF, label: 'Cán bộ một cửa — Sở Tư pháp' },
    { username: 'manager.02.ubnd', password: DEMO_PASSWORD_STAFF, label: 'Quản lý — UBND tỉnh' },
    { username: 'admin.02.ubnd', password: DEMO_PASSWORD_STAFF, label: 'Quản trị hệ thống — UBND tỉnh' },
  ],
};
