import { civilYear, DAYS_PER_YEAR, daysFromCivil, formatDay, parseIsoDay } from './days';

describe('calendar days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-02-29', 11_016],
    ['2026-11-22', 20_779],
    ['1900-03-01', -25_508],
  ])('%s is day %i', (iso, day) => {
    expect(parseIsoDay(iso)).toBe(day);
    expect(parseIsoDay(iso)).toBe(Date.parse(iso) / 864e5);
    expect(formatDay(day)).toBe(iso);
  });

  it('round-trips every day from 1890 to 2040 and agrees with Date', () => {
    const bad: string[] = [];
    for (let z = daysFromCivil(1890, 1, 1); z <= daysFromCivil(2040, 12, 31); z++) {
      const iso = formatDay(z);
      if (parseIsoDay(iso) !== z || iso !== new Date(z * 864e5).toISOString().slice(0, 10) || civilYear(z) !== Number(iso.slice(0, 4))) bad.push(iso);
    }
    expect(bad).toEqual([]);
  });

  it('knows the year on either side of New Year and of leap days', () => {
    expect(civilYear(parseIsoDay('1999-12-31'))).toBe(1999);
    expect(civilYear(parseIsoDay('2000-01-01'))).toBe(2000);
    expect(formatDay(parseIsoDay('2024-02-28') + 1)).toBe('2024-02-29');
    expect(formatDay(parseIsoDay('2100-02-28') + 1)).toBe('2100-03-01');
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects %p', (s) => {
    expect(() => parseIsoDay(s)).toThrow(/YYYY-MM-DD/);
  });

  it('uses the mean Gregorian year for ages', () => {
    expect(DAYS_PER_YEAR * 400).toBe(daysFromCivil(2400, 1, 1) - daysFromCivil(2000, 1, 1));
  });
});
