import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: the access log (Decree 13/2023/NĐ-CP) records partner systems' reads too — a partner
 * client (LGSP/NDXP) reading a dossier or its signed result is a read of the citizen's data.
 * A row names either a staff account or a partner client.
 */
export class AccessLogPartners1796090100000 implements MigrationInterface {
  name = 'AccessLogPartners1796090100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "access_log" ALTER COLUMN "staff_user_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "access_log" ADD "partner_client_id" uuid`);
    await q.query(`ALTER TABLE "access_log" ADD CONSTRAINT "CHK_access_log_reader" CHECK ((staff_user_id IS NULL) <> (partner_client_id IS NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "access_log" DROP CONSTRAINT "CHK_access_log_reader"`);
    await q.query(`DELETE FROM "access_log" WHERE staff_user_id IS NULL`);
    await q.query(`ALTER TABLE "access_log" DROP COLUMN "partner_client_id"`);
    await q.query(`ALTER TABLE "access_log" ALTER COLUMN "staff_user_id" SET NOT NULL`);
  }
}
