/**
 * Population data for the registry stub's generator: ethnic groups of the province with their
 * proportions, name books, family-size profiles, district affinities and synthetic village names.
 * Plausible, not exhaustive; every group takes the father's surname.
 */
// ---------------------------------------------------------------------------------------------
// Ethnic groups and name books (every group takes the father's surname; plausible, not exhaustive)
// ---------------------------------------------------------------------------------------------

/** [value, relative weight] */
export type WeightedList = ReadonlyArray<readonly [string, number]>;

export type FertilityProfile = 'HIGH' | 'MEDIUM_HIGH' | 'MEDIUM' | 'LOW';

export interface NameBook {
  surnames: WeightedList;
  maleMiddle: WeightedList;
  femaleMiddle: WeightedList;
  /** middle names more common among people born from the 1990s on */
  maleMiddleModern: WeightedList;
  femaleMiddleModern: WeightedList;
  maleGiven: readonly string[];
  femaleGiven: readonly string[];
  maleGivenModern: readonly string[];
  femaleGivenModern: readonly string[];
  /** clan-exogamous groups never marry within the surname (H'Mông) */
  exogamousSurnames: boolean;
}

export interface EthnicProfile {
  name: string;
  fertility: FertilityProfile;
  /** probability that a spouse belongs to another group */
  mixedMarriage: number;
  /** household religion, [name, probability]; no entry = no religion */
  religions: ReadonlyArray<readonly [string, number]>;
  names: NameBook;
}

export const KINH_MALE_GIVEN = [
  'Hùng', 'Dũng', 'Tuấn', 'Hải', 'Nam', 'Long', 'Thắng', 'Cường', 'Sơn', 'Tùng', 'Hiếu', 'Trung',
  'Hoàng', 'Phong', 'Quân', 'Đạt', 'Huy', 'Bình', 'Minh', 'Phúc', 'Việt', 'Hưng', 'Toàn', 'Thành',
  'Kiên', 'Duy', 'Thịnh', 'Lộc', 'Tâm', 'Hòa',
] as const;
export const KINH_MALE_GIVEN_MODERN = [
  'Khôi', 'Khoa', 'Lâm', 'An', 'Bảo', 'Phúc', 'Huy', 'Minh', 'Đức', 'Nam', 'Quân', 'Khang', 'Phát',
  'Kiệt', 'Nguyên', 'Thiện', 'Vinh', 'Tuấn', 'Hưng', 'Long',
] as const;
export const KINH_FEMALE_GIVEN = [
  'Hoa', 'Lan', 'Hương', 'Hằng', 'Nga', 'Mai', 'Liên', 'Thủy', 'Dung', 'Hạnh', 'Oanh', 'Loan',
  'Nhung', 'Hà', 'Yến', 'Thảo', 'Huyền', 'Tuyết', 'Hồng', 'Thu', 'Xuân', 'Bích', 'Vân', 'Hiền',
] as const;
export const KINH_FEMALE_GIVEN_MODERN = [
  'Linh', 'Trang', 'Ngọc', 'Anh', 'Phương', 'Vy', 'Ngân', 'My', 'An', 'Châu', 'Giang', 'Quỳnh',
  'Chi', 'Diệp', 'Hân', 'Nhi', 'Thư', 'Trâm', 'Uyên', 'Yến',
] as const;

export const TAY_MALE_GIVEN = [
  'Thắng', 'Lợi', 'Hùng', 'Dũng', 'Tiến', 'Sinh', 'Sáng', 'Quyết', 'Thành', 'Chiến', 'Hưng', 'Luân',
  'Khánh', 'Bình', 'Đông', 'Vinh', 'Nghĩa', 'Tài', 'Phúc', 'Cường', 'Long', 'Tuấn', 'Quang', 'Hải',
] as const;
export const TAY_FEMALE_GIVEN = [
  'Hoa', 'Lan', 'Thu', 'Mai', 'Nga', 'Duyên', 'Hương', 'Liên', 'Thoa', 'Nhàn', 'Hạnh', 'Chanh',
  'Tươi', 'Xuyến', 'Thắm', 'Lụa', 'Diệp', 'Dung', 'Huyền', 'Phương', 'Thơm', 'Lựu',
] as const;

export const HMONG_MALE_GIVEN = [
  'Páo', 'Sính', 'Chứ', 'Pó', 'Sử', 'Dìn', 'Chúng', 'Lử', 'Phử', 'Tủa', 'Sì', 'Say', 'Chơ', 'Ché',
  'Tráng', 'Súng', 'Vư', 'Lầu', 'Nủ', 'Phừ', 'Khai', 'Mình', 'Chớ', 'Dình', 'Sò', 'Chính', 'Của',
] as const;
export const HMONG_FEMALE_GIVEN = [
  'Mỷ', 'Dính', 'Súa', 'Sợ', 'Chá', 'Dợ', 'Pà', 'Sú', 'Dế', 'Xúa', 'Mỉ', 'Dầu', 'Máy', 'Chía',
  'Pằng', 'Dua', 'Vá', 'Mẩy', 'Sâu', 'Nhìa', 'Dúa', 'Mai', 'Hoa', 'Ly',
] as const;
export const HMONG_MALE_GIVEN_MODERN = ['Dũng', 'Tùng', 'Hòa', 'Minh', 'Thành', 'Chính', 'Hùng', 'Páo', 'Sính', 'Chứ'] as const;
export const HMONG_FEMALE_GIVEN_MODERN = ['Hoa', 'Lan', 'Chi', 'Ly', 'Mai', 'Dung', 'Mỷ', 'Súa', 'Linh', 'Thảo'] as const;

export const DAO_MALE_GIVEN = [
  'Quẩy', 'Sinh', 'Phin', 'Kiềm', 'Chàn', 'Chiêu', 'Vần', 'Dùng', 'Phấu', 'Sành', 'Tòng', 'Pu',
  'Kiên', 'Thanh', 'Minh', 'Tiến', 'Quý', 'Lưu', 'Dền', 'Lở', 'Sếnh', 'Phú',
] as const;
export const DAO_FEMALE_GIVEN = [
  'Mẩy', 'Dua', 'Xiêm', 'Phây', 'Chạn', 'Liếu', 'Nhất', 'Nái', 'Xuân', 'Thu', 'Lan', 'Mai', 'Hoa',
  'Sai', 'Xoan', 'Lai', 'Kiều', 'Chòi', 'Siêu', 'Nhị',
] as const;

export const MINORITY_MALE_GIVEN_MODERN = ['Dũng', 'Tùng', 'Minh', 'Hải', 'Đức', 'Hoàng', 'Thành', 'Khánh', 'Huy', 'Nam', 'Long', 'Tuấn'] as const;
export const MINORITY_FEMALE_GIVEN_MODERN = ['Linh', 'Trang', 'Ngọc', 'Anh', 'Phương', 'Hoa', 'Lan', 'Chi', 'Thảo', 'Ly', 'Mai', 'Hà'] as const;

export const VAN: WeightedList = [['Văn', 1]];
export const THI: WeightedList = [['Thị', 1]];
export const KINH_MALE_MIDDLE_MODERN: WeightedList = [
  ['Minh', 4], ['Gia', 3], ['Bảo', 3], ['Đức', 3], ['Anh', 2], ['Quang', 2], ['Hoàng', 2], ['Văn', 3], ['Tuấn', 1], ['Trung', 1],
];
export const KINH_FEMALE_MIDDLE_MODERN: WeightedList = [
  ['Thị', 2], ['Ngọc', 3], ['Thu', 2], ['Thanh', 2], ['Phương', 2], ['Minh', 2], ['Bảo', 2], ['Khánh', 2], ['Thùy', 2], ['Hải', 1], ['Mai', 1],
];
export const MINORITY_MALE_MIDDLE_MODERN: WeightedList = [['Văn', 6], ['Minh', 2], ['Đức', 2], ['Quang', 1], ['Tiến', 1]];
export const MINORITY_FEMALE_MIDDLE_MODERN: WeightedList = [['Thị', 7], ['Ngọc', 1], ['Thu', 1], ['Hồng', 1], ['Thanh', 1]];

/** Name book for the smaller groups: own surnames, Tày-like given names. */
export function minorityBook(surnames: WeightedList): NameBook {
  return {
    surnames,
    maleMiddle: VAN,
    femaleMiddle: THI,
    maleMiddleModern: MINORITY_MALE_MIDDLE_MODERN,
    femaleMiddleModern: MINORITY_FEMALE_MIDDLE_MODERN,
    maleGiven: TAY_MALE_GIVEN,
    femaleGiven: TAY_FEMALE_GIVEN,
    maleGivenModern: MINORITY_MALE_GIVEN_MODERN,
    femaleGivenModern: MINORITY_FEMALE_GIVEN_MODERN,
    exogamousSurnames: false,
  };
}

export const ETHNIC_PROFILES: readonly EthnicProfile[] = [
  {
    name: "H'Mông",
    fertility: 'HIGH',
    mixedMarriage: 0.03,
    religions: [['Tin lành', 0.07], ['Công giáo', 0.01]],
    names: {
      surnames: [
        ['Vàng', 18], ['Giàng', 18], ['Sùng', 14], ['Thào', 9], ['Lù', 8], ['Hầu', 6], ['Ly', 6], ['Mua', 5],
        ['Vừ', 5], ['Lò', 4], ['Cứ', 3], ['Hoàng', 3], ['Mã', 2], ['Sình', 2],
      ],
      maleMiddle: [['Mí', 30], ['Seo', 30], ['Văn', 35], ['A', 5]],
      femaleMiddle: THI,
      maleMiddleModern: [['Văn', 50], ['Mí', 20], ['Seo', 20], ['Minh', 5], ['A', 5]],
      femaleMiddleModern: THI,
      maleGiven: HMONG_MALE_GIVEN,
      femaleGiven: HMONG_FEMALE_GIVEN,
      maleGivenModern: HMONG_MALE_GIVEN_MODERN,
      femaleGivenModern: HMONG_FEMALE_GIVEN_MODERN,
      exogamousSurnames: true,
    },
  },
  {
    name: 'Tày',
    fertility: 'MEDIUM',
    mixedMarriage: 0.12,
    religions: [['Phật giáo', 0.01]],
    names: {
      surnames: [
        ['Hoàng', 22], ['Nông', 18], ['Ma', 10], ['Lục', 8], ['Hà', 7], ['Lương', 6], ['Nguyễn', 5], ['Vi', 4],
        ['Lường', 4], ['Đinh', 3], ['Quan', 3], ['Mã', 3], ['Phùng', 2], ['La', 2], ['Lý', 2], ['Hứa', 2], ['Sầm', 1],
      ],
      maleMiddle: [['Văn', 80], ['Đức', 6], ['Minh', 5], ['Tiến', 4], ['Quang', 3], ['Xuân', 2]],
      femaleMiddle: [['Thị', 90], ['Thu', 4], ['Hồng', 3], ['Thanh', 3]],
      maleMiddleModern: MINORITY_MALE_MIDDLE_MODERN,
      femaleMiddleModern: MINORITY_FEMALE_MIDDLE_MODERN,
      maleGiven: TAY_MALE_GIVEN,
      femaleGiven: TAY_FEMALE_GIVEN,
      maleGivenModern: MINORITY_MALE_GIVEN_MODERN,
      femaleGivenModern: MINORITY_FEMALE_GIVEN_MODERN,
      exogamousSurnames: false,
    },
  },
  {
    name: 'Dao',
    fertility: 'MEDIUM_HIGH',
    mixedMarriage: 0.06,
    religions: [['Tin lành', 0.01]],
    names: {
      surnames: [['Triệu', 30], ['Bàn', 20], ['Đặng', 18], ['Lý', 12], ['Chảo', 6], ['Phùng', 5], ['Tẩn', 4], ['Dương', 2]],
      maleMiddle: [['Văn', 70], ['Tiến', 15], ['Kim', 5], ['Quầy', 5], ['Chòi', 5]],
      femaleMiddle: [['Thị', 85], ['Mùi', 15]],
      maleMiddleModern: MINORITY_MALE_MIDDLE_MODERN,
      femaleMiddleModern: MINORITY_FEMALE_MIDDLE_MODERN,
      maleGiven: DAO_MALE_GIVEN,
      femaleGiven: DAO_FEMALE_GIVEN,
      maleGivenModern: MINORITY_MALE_GIVEN_MODERN,
      femaleGivenModern: MINORITY_FEMALE_GIVEN_MODERN,
      exogamousSurnames: false,
    },
  },
  {
    name: 'Kinh',
    fertility: 'LOW',
    mixedMarriage: 0.12,
    religions: [['Phật giáo', 0.04], ['Công giáo', 0.02]],
    names: {
      surnames: [
        ['Nguyễn', 31], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4.5], ['Vũ', 4], ['Đặng', 2],
        ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Đào', 1], ['Đinh', 1], ['Lý', 0.5],
        ['Lương', 0.5], ['Mai', 0.5], ['Trịnh', 0.5], ['Cao', 0.4],
      ],
      maleMiddle: [['Văn', 60], ['Đức', 8], ['Minh', 7], ['Quang', 6], ['Hữu', 6], ['Công', 4], ['Xuân', 4], ['Mạnh', 3], ['Tiến', 2]],
      femaleMiddle: [['Thị', 85], ['Thu', 4], ['Thanh', 4], ['Ngọc', 3], ['Hồng', 2], ['Kim', 2]],
      maleMiddleModern: KINH_MALE_MIDDLE_MODERN,
      femaleMiddleModern: KINH_FEMALE_MIDDLE_MODERN,
      maleGiven: KINH_MALE_GIVEN,
      femaleGiven: KINH_FEMALE_GIVEN,
      maleGivenModern: KINH_MALE_GIVEN_MODERN,
      femaleGivenModern: KINH_FEMALE_GIVEN_MODERN,
      exogamousSurnames: false,
    },
  },
  {
    name: 'Nùng',
    fertility: 'MEDIUM',
    mixedMarriage: 0.12,
    religions: [],
    names: {
      ...minorityBook([
        ['Nông', 20], ['Hoàng', 15], ['Lục', 10], ['Vi', 8], ['Lương', 7], ['Lý', 6], ['Mã', 4], ['Lù', 4],
        ['Vương', 3], ['Lèng', 3], ['Sầm', 3], ['Chu', 3], ['Hà', 3], ['Sin', 2], ['Cháng', 2], ['Triệu', 2],
      ]),
    },
  },
  { name: 'Giáy', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Lò', 5], ['Vương', 4], ['Hoàng', 4], ['Lù', 3], ['Sèn', 2], ['Lục', 2]]) },
  { name: 'La Chí', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Vương', 5], ['Hoàng', 4], ['Lù', 3], ['Ly', 3], ['Sèn', 2], ['Cháng', 2]]) },
  { name: 'Pà Thẻn', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Tráng', 6], ['Lý', 3], ['Bàn', 2], ['Hoàng', 2]]) },
  { name: 'Phù Lá', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Vàng', 4], ['Ma', 3], ['Lò', 3], ['Hoàng', 2], ['Thèn', 2]]) },
  { name: 'Lô Lô', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Lò', 5], ['Sình', 3], ['Vàng', 3], ['Chi', 2], ['Lù', 2]]) },
  { name: 'Cờ Lao', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Vần', 4], ['Sẩn', 3], ['Cáo', 2], ['Hoàng', 2]]) },
  { name: 'Bố Y', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Lù', 4], ['Hoàng', 3], ['Sân', 2], ['Vương', 2]]) },
  { name: 'Sán Chay', fertility: 'MEDIUM', mixedMarriage: 0.15, religions: [], names: minorityBook([['Ninh', 4], ['Lâm', 3], ['Hoàng', 3], ['Trần', 2], ['Sầm', 2]]) },
  { name: 'Pu Péo', fertility: 'MEDIUM_HIGH', mixedMarriage: 0.15, religions: [], names: minorityBook([['Cháng', 4], ['Tráng', 3], ['Phù', 2]]) },
  {
    name: 'Hoa',
    fertility: 'LOW',
    mixedMarriage: 0.2,
    religions: [['Phật giáo', 0.05]],
    names: {
      ...minorityBook([['Lý', 4], ['Trương', 3], ['Hoàng', 3], ['Lâm', 3], ['Tạ', 2]]),
      maleGiven: KINH_MALE_GIVEN,
      femaleGiven: KINH_FEMALE_GIVEN,
      maleGivenModern: KINH_MALE_GIVEN_MODERN,
      femaleGivenModern: KINH_FEMALE_GIVEN_MODERN,
    },
  },
];

/**
 * Hà Giang (province 02), share of the population by ethnic group, in percent
 * (close to the 2019 census: H'Mông 32, Tày 23, Dao 15, Kinh 13, Nùng 10, others 7).
 */
export const ETHNIC_MIX_HA_GIANG: Readonly<Record<string, number>> = {
  "H'Mông": 32,
  Tày: 23,
  Dao: 15,
  Kinh: 13,
  Nùng: 10,
  Giáy: 2.2,
  'La Chí': 1.6,
  'Pà Thẻn': 0.9,
  'Phù Lá': 0.6,
  'Lô Lô': 0.5,
  'Cờ Lao': 0.3,
  'Bố Y': 0.3,
  'Sán Chay': 0.3,
  Hoa: 0.2,
  'Pu Péo': 0.1,
};

/**
 * Where groups live in Hà Giang, by district code: relative multipliers on top of the province mix
 * (the generator rescales so that the province-wide mix is kept). Unlisted groups: 1.
 */
export const HA_GIANG_DISTRICT_AFFINITY: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '024': { Kinh: 8, Tày: 2, Nùng: 0.6, Dao: 0.4, "H'Mông": 0.15, Hoa: 4 }, // Thành phố Hà Giang
  '026': { "H'Mông": 10, 'Lô Lô': 8, 'Pu Péo': 6, Kinh: 0.3, Tày: 0.1, Dao: 0.1, Nùng: 0.1 }, // Đồng Văn
  '027': { "H'Mông": 10, 'Lô Lô': 4, Giáy: 2, Dao: 0.5, Kinh: 0.3, Tày: 0.1, Nùng: 0.1 }, // Mèo Vạc
  '028': { "H'Mông": 6, Giáy: 4, 'Pu Péo': 2, Dao: 1.5, Tày: 0.5, Kinh: 0.4, Nùng: 0.3 }, // Yên Minh
  '029': { "H'Mông": 6, 'Bố Y': 8, Giáy: 2, Dao: 1.5, Tày: 0.6, Kinh: 0.4 }, // Quản Bạ
  '030': { Tày: 2, Dao: 1.5, Kinh: 1.5, Giáy: 1, "H'Mông": 0.8, Nùng: 0.6 }, // Vị Xuyên
  '031': { Tày: 2, Dao: 2, "H'Mông": 1, Kinh: 0.5 }, // Bắc Mê
  '032': { Nùng: 3, 'La Chí': 4, 'Phù Lá': 3, 'Cờ Lao': 3, Dao: 2, "H'Mông": 0.6, Tày: 0.5, Kinh: 0.3 }, // Hoàng Su Phì
  '033': { Nùng: 3, 'La Chí': 3, 'Phù Lá': 2, 'Cờ Lao': 2, "H'Mông": 1, Dao: 1, Tày: 0.6, Kinh: 0.3 }, // Xín Mần
  '034': { Tày: 2.5, Kinh: 2.5, 'Pà Thẻn': 2, 'Sán Chay': 3, Dao: 1.5, Nùng: 0.7, "H'Mông": 0.2 }, // Bắc Quang
  '035': { Tày: 2.5, 'Pà Thẻn': 4, Dao: 2, Kinh: 1, Nùng: 0.8, "H'Mông": 0.3 }, // Quang Bình
};

/** Syllables for plausible (synthetic) village names in the northern uplands. */
export const VILLAGE_FIRST = [
  'Nà', 'Khuổi', 'Bản', 'Pác', 'Cốc', 'Nặm', 'Phìn', 'Lũng', 'Sủng', 'Séo', 'Tả', 'Mã', 'Sán', 'Cán', 'Chúng',
  'Khâu', 'Thèn', 'Lao', 'Tát', 'Há', 'Mỏ', 'Lùng', 'Ngài', 'Chín', 'Khủa', 'Pố', 'Quán', 'Xà', 'Nậm', 'Tổng',
] as const;
export const VILLAGE_SECOND = [
  'Chải', 'Phìn', 'Sán', 'Pải', 'Lủng', 'Cáo', 'Tủng', 'Chớ', 'Lìn', 'Hồ', 'Vài', 'Đon', 'Mu', 'Quang', 'Tỷ',
  'Sà', 'Pin', 'Dền', 'Chư', 'Sưa', 'Dìn', 'Ván', 'Thầu', 'Tráng', 'Chang', 'Hin', 'Pùng', 'Chá', 'Tò', 'Nhùng',
  'Khương', 'Luông', 'Thượng', 'Hạ', 'Trung', 'Mới',
] as const;

