/** Vietnamese labels for codes shown on pages. */
export const LEVEL_LABELS: Record<string, string> = {
  PROVINCE: 'Cấp tỉnh',
  DISTRICT: 'Cấp huyện',
  COMMUNE: 'Cấp xã',
};

export const ONLINE_LEVEL_LABELS: Record<string, string> = {
  FULL: 'Toàn trình',
  PARTIAL: 'Một phần',
};

export const ROLE_LABELS: Record<string, string> = {
  CITIZEN: 'Công dân',
  CLERK: 'Cán bộ một cửa',
  SPECIALIST: 'Chuyên viên',
  LEADER: 'Lãnh đạo',
  MANAGER: 'Quản lý',
  ADMIN: 'Quản trị hệ thống',
};

export const PROCESSING_UNIT_LABELS: Record<string, string> = {
  WORKING_DAY: 'ngày làm việc',
  WORKING_HOUR: 'giờ làm việc',
};
