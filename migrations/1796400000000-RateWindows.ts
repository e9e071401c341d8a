import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixed-window counters shared by every app instance (src/partners/rate-windows.ts): the partner
 * clients' per-minute quotas and failed secret checks, which lived in one process's memory.
 */
export class RateWindows1796400000000 implements MigrationInterface {
  name = 'RateWindows1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_windows" ("scope" character varying(40) NOT NULL, "key" character varying(80) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_0cceb1e3386a0dafc84066b0ebe" PRIMARY KEY ("scope", "key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_windows"`);
  }
}
