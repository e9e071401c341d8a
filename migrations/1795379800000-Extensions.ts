import { MigrationInterface, QueryRunner } from 'typeorm';

/** pg_trgm gives the catalog search its typo tolerance (trusted extension: no superuser needed). */
export class Extensions1795379800000 implements MigrationInterface {
  name = 'Extensions1795379800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
