/**
 * Test fixture shared by the generator's specs (not loaded by the application): the units of
 * Hà Giang and small helpers around generatePopulation().
 */
import type { AdministrativeUnitInput, Household } from './citizen';
import { DEFAULT_REFERENCE_DATE, generatePopulation, type GeneratePopulationOptions } from './generate';

// Hà Giang rows of /work/shared/data/administrative-units.csv (code,name,parent_code), copied so
// that the test does not depend on files outside the repository.
const HA_GIANG_UNITS_CSV = `
02,Tỉnh Hà Giang,
024,Thành phố Hà Giang,02
00688,Phường Quang Trung,024
00691,Phường Trần Phú,024
00692,Phường Ngọc Hà,024
00694,Phường Nguyễn Trãi,024
00697,Phường Minh Khai,024
00700,Xã Ngọc Đường,024
00946,Xã Phương Độ,024
00949,Xã Phương Thiện,024
026,Huyện Đồng Văn,02
00712,Thị trấn Phó Bảng,026
00715,Xã Lũng Cú,026
00718,Xã Má Lé,026
00721,Thị trấn Đồng Văn,026
00724,Xã Lũng Táo,026
00727,Xã Phố Là,026
00730,Xã Thài Phìn Tủng,026
00733,Xã Sủng Là,026
00736,Xã Xà Phìn,026
00739,Xã Tả Phìn,026
00742,Xã Tả Lủng,026
00745,Xã Phố Cáo,026
00748,Xã Sính Lủng,026
00751,Xã Sảng Tủng,026
00754,Xã Lũng Thầu,026
00757,Xã Hố Quáng Phìn,026
00760,Xã Vần Chải,026
00763,Xã Lũng Phìn,026
00766,Xã Sủng Trái,026
027,Huyện Mèo Vạc,02
00769,Thị trấn Mèo Vạc,027
00772,Xã Thượng Phùng,027
00775,Xã Pải Lủng,027
00778,Xã Xín Cái,027
00781,Xã Pả Vi,027
00784,Xã Giàng Chu Phìn,027
00787,Xã Sủng Trà,027
00790,Xã Sủng Máng,027
00793,Xã Sơn Vĩ,027
00796,Xã Tả Lủng,027
00799,Xã Cán Chu Phìn,027
00802,Xã Lũng Pù,027
00805,Xã Lũng Chinh,027
00808,Xã Tát Ngà,027
00811,Xã Nậm Ban,027
00814,Xã Khâu Vai,027
00815,Xã Niêm Tòng,027
00817,Xã Niêm Sơn,027
028,Huyện Yên Minh,02
00820,Thị trấn Yên Minh,028
00823,Xã Thắng Mố,028
00826,Xã Phú Lũng,028
00829,Xã Sủng Tráng,028
00832,Xã Bạch Đích,028
00835,Xã Na Khê,028
00838,Xã Sủng Thài,028
00841,Xã Hữu Vinh,028
00844,Xã Lao Và Chải,028
00847,Xã Mậu Duệ,028
00850,Xã Đông Minh,028
00853,Xã Mậu Long,028
00856,Xã Ngam La,028
00859,Xã Ngọc Long,028
00862,Xã Đường Thượng,028
00865,Xã Lũng Hồ,028
00868,Xã Du Tiến,028
00871,Xã Du Già,028
029,Huyện Quản Bạ,02
00874,Thị trấn Tam Sơn,029
00877,Xã Bát Đại Sơn,029
00880,Xã Nghĩa Thuận,029
00883,Xã Cán Tỷ,029
00886,Xã Cao Mã Pờ,029
00889,Xã Thanh Vân,029
00892,Xã Tùng Vài,029
00895,Xã Đông Hà,029
00898,Xã Quản Bạ,029
00901,Xã Lùng Tám,029
00904,Xã Quyết Tiến,029
00907,Xã Tả Ván,029
00910,Xã Thái An,029
030,Huyện Vị Xuyên,02
00703,Xã Kim Thạch,030
00706,Xã Phú Linh,030
00709,Xã Kim Linh,030
00913,Thị trấn Vị Xuyên,030
00916,Thị trấn Nông Trường Việt Lâm,030
00919,Xã Minh Tân,030
00922,Xã Thuận Hoà,030
00925,Xã Tùng Bá,030
00928,Xã Thanh Thủy,030
00931,Xã Thanh Đức,030
00934,Xã Phong Quang,030
00937,Xã Xín Chải,030
00940,Xã Phương Tiến,030
00943,Xã Lao Chải,030
00952,Xã Cao Bồ,030
00955,Xã Đạo Đức,030
00958,Xã Thượng Sơn,030
00961,Xã Linh Hồ,030
00964,Xã Quảng Ngần,030
00967,Xã Việt Lâm,030
00970,Xã Ngọc Linh,030
00973,Xã Ngọc Minh,030
00976,Xã Bạch Ngọc,030
00979,Xã Trung Thành,030
031,Huyện Bắc Mê,02
00982,Xã Minh Sơn,031
00985,Xã Giáp Trung,031
00988,Xã Yên Định,031
00991,Thị trấn Yên Phú,031
00994,Xã Minh Ngọc,031
00997,Xã Yên Phong,031
01000,Xã Lạc Nông,031
01003,Xã Phú Nam,031
01006,Xã Yên Cường,031
01009,Xã Thượng Tân,031
01012,Xã Đường Âm,031
01015,Xã Đường Hồng,031
01018,Xã Phiêng Luông,031
032,Huyện Hoàng Su Phì,02
01021,Thị trấn Vinh Quang,032
01024,Xã Bản Máy,032
01027,Xã Thàng Tín,032
01030,Xã Thèn Chu Phìn,032
01033,Xã Pố Lồ,032
01036,Xã Bản Phùng,032
01039,Xã Túng Sán,032
01042,Xã Chiến Phố,032
01045,Xã Đản Ván,032
01048,Xã Tụ Nhân,032
01051,Xã Tân Tiến,032
01054,Xã Nàng Đôn,032
01057,Xã Pờ Ly Ngài,032
01060,Xã Sán Xả Hồ,032
01063,Xã Bản Luốc,032
01066,Xã Ngàm Đăng Vài,032
01069,Xã Bản Nhùng,032
01072,Xã Tả Sử Choóng,032
01075,Xã Nậm Dịch,032
01081,Xã Hồ Thầu,032
01084,Xã Nam Sơn,032
01087,Xã Nậm Tỵ,032
01090,Xã Thông Nguyên,032
01093,Xã Nậm Khòa,032
033,Huyện Xín Mần,02
01096,Thị trấn Cốc Pài,033
01099,Xã Nàn Xỉn,033
01102,Xã Bản Díu,033
01105,Xã Chí Cà,033
01108,Xã Xín Mần,033
01114,Xã Thèn Phàng,033
01117,Xã Trung Thịnh,033
01120,Xã Pà Vầy Sủ,033
01123,Xã Cốc Rế,033
01126,Xã Thu Tà,033
01129,Xã Nàn Ma,033
01132,Xã Tả Nhìu,033
01135,Xã Bản Ngò,033
01138,Xã Chế Là,033
01141,Xã Nấm Dẩn,033
01144,Xã Quảng Nguyên,033
01147,Xã Nà Chì,033
01150,Xã Khuôn Lùng,033
034,Huyện Bắc Quang,02
01153,Thị trấn Việt Quang,034
01156,Thị trấn Vĩnh Tuy,034
01159,Xã Tân Lập,034
01162,Xã Tân Thành,034
01165,Xã Đồng Tiến,034
01168,Xã Đồng Tâm,034
01171,Xã Tân Quang,034
01174,Xã Thượng Bình,034
01177,Xã Hữu Sản,034
01180,Xã Kim Ngọc,034
01183,Xã Việt Vinh,034
01186,Xã Bằng Hành,034
01189,Xã Quang Minh,034
01192,Xã Liên Hiệp,034
01195,Xã Vô Điếm,034
01198,Xã Việt Hồng,034
01201,Xã Hùng An,034
01204,Xã Đức Xuân,034
01207,Xã Tiên Kiều,034
01210,Xã Vĩnh Hảo,034
01213,Xã Vĩnh Phúc,034
01216,Xã Đồng Yên,034
01219,Xã Đông Thành,034
035,Huyện Quang Bình,02
01222,Xã Xuân Minh,035
01225,Xã Tiên Nguyên,035
01228,Xã Tân Nam,035
01231,Xã Bản Rịa,035
01234,Xã Yên Thành,035
01237,Thị trấn Yên Bình,035
01240,Xã Tân Trịnh,035
01243,Xã Tân Bắc,035
01246,Xã Bằng Lang,035
01249,Xã Yên Hà,035
01252,Xã Hương Sơn,035
01255,Xã Xuân Giang,035
01258,Xã Nà Khương,035
01261,Xã Tiên Yên,035
01264,Xã Vĩ Thượng,035`;

function parseUnits(text: string): AdministrativeUnitInput[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [code, name, parentCode] = line.split(',');
      const level = code.length === 2 ? 'PROVINCE' : code.length === 3 ? 'DISTRICT' : 'COMMUNE';
      return { code, name, level, parentCode: parentCode || null };
    });
}

export const UNITS = parseUnits(HA_GIANG_UNITS_CSV);
export const COMMUNE_CODES = new Set(UNITS.filter((u) => u.level === 'COMMUNE').map((u) => u.code));
export const REF = DEFAULT_REFERENCE_DATE;

export function options(count: number, seed: number | string = 'motcua'): GeneratePopulationOptions {
  return { seed, count, provinceCode: '02', units: UNITS, referenceDate: REF };
}

export function take(count: number, seed: number | string = 'motcua'): Household[] {
  return [...generatePopulation(options(count, seed))];
}

export function ageYears(dob: string, on = REF): number {
  return (Date.parse(on) - Date.parse(dob)) / (365.2425 * 864e5);
}
