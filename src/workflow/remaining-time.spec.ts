import type { WorkingCalendar } from '../calendar/working-calendar';
import { remainingTime } from './queue.service';

describe('remaining time in words', () => {
  const cal = {} as WorkingCalendar; // not consulted once processing has ended
  const ended = (status: 'RESULT_READY' | 'RETURNED' | 'REFUSED' | 'WITHDRAWN') =>
    remainingTime({ status, dueAt: null, pausedAt: null, processingEndedAt: new Date('2026-12-01T08:00:00Z') }, new Date(), cal).remainingText;
  it('says a refused or withdrawn dossier ended without a result, and a decided one has its result', () => {
    expect(ended('REFUSED')).toBe('Đã kết thúc (từ chối tiếp nhận)');
    expect(ended('WITHDRAWN')).toBe('Đã kết thúc (rút hồ sơ)');
    expect(ended('RESULT_READY')).toBe('Đã có kết quả');
    expect(ended('RETURNED')).toBe('Đã có kết quả');
  });
});
