/** Security log (issue 10 item 7): when each alert rule last fired per subject, shared by every app process. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityAlerts1796086225173 implements MigrationInterface {
  name = 'SecurityAlerts1796086225173';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"security_alerts\" (\"rule\" character varying(60) NOT NULL, \"subject\" character varying(128) NOT NULL, \"raised_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"times\" integer NOT NULL DEFAULT '1', CONSTRAINT \"PK_99207f8f85543bf4500bd13e44d\" PRIMARY KEY (\"rule\", \"subject\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"security_alerts\"");
  }
}
