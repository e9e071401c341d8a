import { percentValue, useAgencyNames, viAgency, viDate, viDateTime, viFieldValue, viLabel, viNumber, viPercent, viRevision, viVnd } from './vi-labels';

describe('vi-labels: codes, numbers and dates for people', () => {
  it('names every kind of code in Vietnamese', () => {
    expect(viLabel('status', 'PENDING_APPROVAL')).toBe('Chờ phê duyệt');
    expect(viLabel('gender', 'MALE')).toBe('Nam');
    expect(viLabel('relation', 'FATHER')).toBe('Cha');
    expect(viLabel('channel', 'ONLINE')).toBe('Trực tuyến');
    expect(viLabel('action', 'submit')).toBe('Nộp hồ sơ');
    expect(viLabel('timeliness', 'ON_TIME')).toBe('Đúng hạn');
    expect(viLabel('status', null)).toBe('');
    expect(viLabel('status', 'toString')).toBe('toString');
  });

  it('names agencies from the directory, the code only when unknown', () => {
    useAgencyNames(new Map([['00715.CA', 'Công an xã Lũng Cú']]));
    expect(viAgency('00715.CA')).toBe('Công an xã Lũng Cú');
    expect(viAgency('X')).toBe('X');
  });

  it('formats numbers with a decimal comma and a thousands dot', () => {
    expect(viNumber(1234567)).toBe('1.234.567');
    expect(viNumber(2.25, 2)).toBe('2,25');
    expect(viNumber('abc')).toBe('—');
    expect(viPercent(0.856)).toBe('85,6 %');
    expect(viPercent(null)).toBe('—');
    expect(percentValue(0.75)).toBe(75);
    expect(percentValue(2 / 3)).toBe(66.7);
    expect(viVnd(150000)).toBe('150.000 đồng');
    expect(viVnd(0)).toBe('Miễn phí');
  });

  it('writes dates dd/mm/yyyy and instants in Vietnam time', () => {
    expect(viDate('1994-03-15')).toBe('15/03/1994');
    expect(viDate(new Date('2026-03-01T18:00:00Z'))).toBe('02/03/2026');
    expect(viDateTime('2026-03-01T18:05:00Z')).toBe('02/03/2026 01:05');
    expect(viDateTime('nonsense')).toBe('');
    expect(viRevision(1)).toBe('');
    expect(viRevision(3)).toBe('sửa đổi lần 2');
  });

  it('reads a code no option describes with the one vocabulary', () => {
    expect(viFieldValue(undefined, 'SPOUSE')).toBe('Vợ/Chồng');
    expect(viFieldValue(undefined, 'FEMALE')).toBe('Nữ');
  });
});
