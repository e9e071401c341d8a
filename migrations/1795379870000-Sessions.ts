import { MigrationInterface, QueryRunner } from 'typeorm';

/** Server-side sessions (connect-pg-simple's table layout). */
export class Sessions1795379870000 implements MigrationInterface {
  name = 'Sessions1795379870000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sessions" ("sid" varchar NOT NULL PRIMARY KEY, "sess" json NOT NULL, "expire" timestamp(6) NOT NULL)`,
    );
    await queryRunner.query('CREATE INDEX "IDX_sessions_expire" ON "sessions" ("expire")');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "sessions"');
  }
}
