/**
 * Issue 10: a partner client reads only the agencies it is registered for (each with its
 * subtree), and who created it is recorded. Existing clients get no agency: they read no dossier,
 * result or statistics until a province administrator registers their agencies — the safe side,
 * since any administrator could create them before.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnerAgencies1795386100000 implements MigrationInterface {
  name = 'PartnerAgencies1795386100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partner_clients" ADD "agency_codes" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "partner_clients" ADD "created_by" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partner_clients" DROP COLUMN "created_by"`);
    await queryRunner.query(`ALTER TABLE "partner_clients" DROP COLUMN "agency_codes"`);
  }
}
