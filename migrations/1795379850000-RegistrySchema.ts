import { MigrationInterface, QueryRunner } from 'typeorm';

/** The population registry stub lives in a schema of its own, as a remote system would. */
export class RegistrySchema1795379850000 implements MigrationInterface {
  name = 'RegistrySchema1795379850000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS registry');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS registry CASCADE');
  }
}
