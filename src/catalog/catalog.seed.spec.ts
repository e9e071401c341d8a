import { displayName } from './catalog.seed';

describe('displayName', () => {
  it.each([
    ['Thủ tục đăng ký khai sinh', 'Đăng ký khai sinh'],
    ['Thủ tục đăng ký kết hôn có yếu tố nước ngoài', 'Đăng ký kết hôn có yếu tố nước ngoài'],
    ['Cấp bản sao Trích lục hộ tịch', 'Cấp bản sao Trích lục hộ tịch'],
    ['  Chứng thực chữ ký  ', 'Chứng thực chữ ký'],
    ['Thủ tục  ưu đãi', 'Ưu đãi'],
  ])('%s → %s', (a, b) => expect(displayName(a)).toBe(b));
});
