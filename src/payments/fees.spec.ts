import { computeFee, copiesRequested } from './fees';

const fixed = { feeAmount: 8000, feeDescription: 'Lệ phí đăng ký', feePerCopy: false, feeExemptions: null };
const perCopy = { feeAmount: 3000, feeDescription: 'Phí cấp bản sao trích lục', feePerCopy: true, feeExemptions: 'Người thuộc hộ nghèo' };

describe('fees', () => {
  it('charges a fixed fee once', () => {
    expect(computeFee(fixed, { copies: 5 })).toMatchObject({ amount: 8000, copies: 1, exempt: false });
  });
  it('charges per copy', () => {
    const q = computeFee(perCopy, { soBanSao: '4' });
    expect(q.amount).toBe(12000);
    expect(q.lines[0]).toMatchObject({ unitAmount: 3000, quantity: 4, amount: 12000 });
  });
  it('defaults to one copy and caps absurd numbers', () => {
    expect(copiesRequested({})).toBe(1);
    expect(copiesRequested({ copies: 0 })).toBe(1);
    expect(copiesRequested({ copies: 5000 })).toBe(100);
  });
  it('applies an exemption the procedure provides for', () => {
    const q = computeFee(perCopy, { copies: 2, mienLePhi: true });
    expect(q).toMatchObject({ amount: 0, exempt: true });
    expect(q.lines).toHaveLength(2);
    expect(q.lines[1].amount).toBe(-6000);
  });
  it('ignores an exemption claim when the procedure has none', () => {
    expect(computeFee(fixed, { mienLePhi: true })).toMatchObject({ amount: 8000, exempt: false });
  });
  it('free procedures cost nothing', () => {
    expect(computeFee({ ...fixed, feeAmount: 0 }, {})).toMatchObject({ amount: 0, lines: [] });
  });
});
