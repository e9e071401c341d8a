import { containsPattern, escapeLike, prefixPattern } from './sql-like';

describe('LIKE patterns from user text', () => {
  it.each([
    ['', ''],
    ['abc', 'abc'],
    ['%', '\\%'],
    ['_', '\\_'],
    ['\\', '\\\\'],
    ['100%_done\\', '100\\%\\_done\\\\'],
    ['%%', '\\%\\%'],
    ['a\\%b', 'a\\\\\\%b'],
    ['Đăng ký', 'Đăng ký'],
  ])('escapeLike(%j) = %j', (input, expected) => {
    expect(escapeLike(input)).toBe(expected);
  });

  it('wraps for contains and prefix searches', () => {
    expect(containsPattern('%')).toBe('%\\%%');
    expect(containsPattern('a_b')).toBe('%a\\_b%');
    expect(prefixPattern('0020')).toBe('0020%');
    expect(prefixPattern('_')).toBe('\\_%');
  });
});
