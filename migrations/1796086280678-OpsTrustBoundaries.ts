import { MigrationInterface, QueryRunner } from 'typeorm';

export class OpsTrustBoundaries1796086280678 implements MigrationInterface {
  name = 'OpsTrustBoundaries1796086280678';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"lookup_windows\" (\"ip\" character varying(64) NOT NULL, \"window_start\" TIMESTAMP WITH TIME ZONE NOT NULL, \"count\" integer NOT NULL, CONSTRAINT \"PK_8cb9064b0050ef3d8a1d8f603a9\" PRIMARY KEY (\"ip\"))");
    await queryRunner.query("CREATE TABLE \"instance_markers\" (\"key\" character varying(40) NOT NULL, \"value\" character varying(200) NOT NULL, \"set_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_116f67246f67ca214b82d2ca871\" PRIMARY KEY (\"key\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"instance_markers\"");
    await queryRunner.query("DROP TABLE \"lookup_windows\"");
  }
}
