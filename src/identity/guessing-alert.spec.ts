import { guessingReason, isDistributedGuessing, isGuessableSubject, type GuessingRule } from './guessing-alert';

const rule: GuessingRule = { windowMinutes: 15, minFailures: 10, minDistinctAddresses: 5 };

describe('distributed guessing rule', () => {
  it.each([
    [10, 5, true],
    [11, 6, true],
    [100, 5, true],
    [9, 5, false], // enough addresses, too few failures
    [10, 4, false], // enough failures, from too few addresses (the per-address lock's case)
    [50, 1, false], // one address hammering: the throttle's job, not this alert
    [0, 0, false],
    [4, 4, false],
  ])('%i failures from %i addresses → %s', (failures, distinctAddresses, expected) => {
    expect(isDistributedGuessing({ failures, distinctAddresses }, rule)).toBe(expected);
  });

  it('follows the configured thresholds', () => {
    const strict: GuessingRule = { windowMinutes: 5, minFailures: 3, minDistinctAddresses: 3 };
    expect(isDistributedGuessing({ failures: 3, distinctAddresses: 3 }, strict)).toBe(true);
    expect(isDistributedGuessing({ failures: 3, distinctAddresses: 2 }, strict)).toBe(false);
  });

  it('does not treat an empty username as an account', () => {
    expect(isGuessableSubject('-')).toBe(false);
    expect(isGuessableSubject('  ')).toBe(false);
    expect(isGuessableSubject('')).toBe(false);
    expect(isGuessableSubject('002094990001')).toBe(true);
    expect(isGuessableSubject('clerk.026.ptp')).toBe(true);
  });

  it('says what was seen and against which thresholds', () => {
    expect(guessingReason({ failures: 12, distinctAddresses: 6 }, rule)).toBe(
      '12 lần đăng nhập sai từ 6 địa chỉ khác nhau trong 15 phút (ngưỡng 10 lần, 5 địa chỉ)',
    );
  });
});
