import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { SEEDS_DIR } from '../config/paths';
import type { Seed } from '../database/seed-runner';
import type { CalendarException } from './calendar.types';

const HOLIDAYS_FILE = join(SEEDS_DIR, 'calendar', 'holidays.json');

/**
 * Public holidays and swapped days for the current and next year. Runs again only when the file
 * changes; the file is then the authority for the dates it lists, while days admins added stay.
 * It writes the table directly, without moving the due dates of open dossiers: a day decreed after
 * dossiers were received is added through the admin action (/quan-tri/lich or
 * PUT /api/v1/calendar/exceptions/{date}), which re-explains the deadlines it moves.
 */
export const calendarSeed: Seed = {
  key: 'calendar',
  checksum: () => readFileSync(HOLIDAYS_FILE, 'utf8'),
  async run(manager: EntityManager, _config, log) {
    const rows = JSON.parse(readFileSync(HOLIDAYS_FILE, 'utf8')) as CalendarException[];
    await manager.query(
      `INSERT INTO calendar_exceptions (date, name, working, note, legal_source)
       SELECT * FROM unnest($1::date[], $2::varchar[], $3::boolean[], $4::text[], $5::varchar[])
       ON CONFLICT (date) DO UPDATE SET name = EXCLUDED.name, working = EXCLUDED.working, note = EXCLUDED.note,
         legal_source = EXCLUDED.legal_source`,
      [rows.map((r) => r.date), rows.map((r) => r.name), rows.map((r) => r.working), rows.map((r) => r.note ?? null), rows.map((r) => r.legalSource ?? null)],
    );
    log(`  lịch làm việc: ${rows.length} ngày ngoại lệ`);
  },
};
