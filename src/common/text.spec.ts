import { foldText, lowerFirstWord } from './text';

describe('foldText', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['ĐĂNG KÝ KHAI SINH', 'dang ky khai sinh'],
    ['dang ky khai sinh', 'dang ky khai sinh'],
    ['  Chứng thực   bản sao, từ bản chính ', 'chung thuc ban sao tu ban chinh'],
    ['Giấy phép lái xe (đổi)', 'giay phep lai xe doi'],
    ['H\u0027Mông', 'h mong'],
    ['Khai sinh'.normalize('NFD'), 'khai sinh'],
    ['Lý lịch tư pháp', 'ly lich tu phap'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe('lowerFirstWord', () => {
  it('lowers the unit type prefix', () => {
    expect(lowerFirstWord('Huyện Đồng Văn', 'Huyện')).toBe('huyện Đồng Văn');
    expect(lowerFirstWord('Thành phố Hà Giang', 'Thành phố')).toBe('thành phố Hà Giang');
    expect(lowerFirstWord('Tỉnh Hà Giang', 'Tỉnh')).toBe('tỉnh Hà Giang');
  });
  it('leaves other names alone', () => {
    expect(lowerFirstWord('Hà Giang', 'Tỉnh')).toBe('Hà Giang');
  });
});
