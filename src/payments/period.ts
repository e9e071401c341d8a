import { localDateOf } from '../common/local-time';
import { parsePeriod as parseDays } from '../reporting/sla-report.service';

/**
 * A payment or partner period: whole local days `from`..`to` (the one period parser of the reports),
 * default the current month, as instants [from, to) too.
 */
export function parsePeriod(from: string | undefined, to: string | undefined, now: Date): { from: Date; to: Date; fromDay: string; toDay: string } {
  const days = parseDays(from, to, localDateOf(now), 'month');
  const start = new Date(`${days.from}T00:00:00+07:00`);
  const end = new Date(new Date(`${days.to}T00:00:00+07:00`).getTime() + 86400_000);
  return { from: start, to: end, fromDay: days.from, toDay: days.to };
}
