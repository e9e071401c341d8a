import { BadRequestException } from '@nestjs/common';
import { localDateOf } from '../common/local-time';

/** `from`/`to` as YYYY-MM-DD (Vietnam days, `to` inclusive); default: the current month. */
export function parsePeriod(from?: string, to?: string): { from: Date; to: Date; fromDay: string; toDay: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const today = localDateOf(new Date());
  const fromDay = from || `${today.slice(0, 7)}-01`;
  const toDay = to || today;
  if (!day.test(fromDay) || !day.test(toDay) || Number.isNaN(Date.parse(fromDay)) || Number.isNaN(Date.parse(toDay))) {
    throw new BadRequestException({ message: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)', details: [{ field: 'from', messages: ['YYYY-MM-DD'] }] });
  }
  const start = new Date(`${fromDay}T00:00:00+07:00`);
  const end = new Date(new Date(`${toDay}T00:00:00+07:00`).getTime() + 86400_000);
  if (end <= start) throw new BadRequestException('Ngày bắt đầu phải trước ngày kết thúc');
  return { from: start, to: end, fromDay, toDay };
}
