import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed sign-ins / registration checks, for throttling per (account, IP) and per IP. */
export class IdentityThrottle1795381000000 implements MigrationInterface {
  name = 'IdentityThrottle1795381000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"auth_failures\" (\"id\" BIGSERIAL NOT NULL, \"kind\" character varying(16) NOT NULL, \"subject\" character varying(64) NOT NULL, \"ip\" character varying(64) NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_e2b915d735b7aa6e2f015f5c799\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_caa5e21e03530a42c856ee7cce\" ON \"auth_failures\"  (\"ip\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0136872847cf0c577e22981d01\" ON \"auth_failures\"  (\"subject\", \"ip\", \"at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_0136872847cf0c577e22981d01\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_caa5e21e03530a42c856ee7cce\"");
    await queryRunner.query("DROP TABLE \"auth_failures\"");
  }
}
