import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, item 6 — every calendar exception names its legal source (the article of the Labour
 * Code, the Government's notice of a swap, the decision that decrees a new day off) apart from the
 * free-text note. Existing rows keep NULL until the calendar seed (seeds/calendar/holidays.json,
 * which now carries `legalSource`) or an administrator fills it.
 */
export class CalendarLegalSource1796100000000 implements MigrationInterface {
  name = 'CalendarLegalSource1796100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "calendar_exceptions" ADD "legal_source" character varying(500)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "calendar_exceptions" DROP COLUMN "legal_source"`);
  }
}
