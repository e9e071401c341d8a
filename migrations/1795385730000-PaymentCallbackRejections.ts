import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unsigned payment callbacks are counted per source address and minute (the rate limit's state)
 * instead of being stored whole in payment_callbacks.
 */
export class PaymentCallbackRejections1795385730000 implements MigrationInterface {
  name = 'PaymentCallbackRejections1795385730000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "payment_callback_rejections" ("remote_ip" character varying(60) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_txn_ref" character varying(60), "last_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53bfdbc88ffccd3de2e8cb5543d" PRIMARY KEY ("remote_ip", "window_start"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_dde4027f395867f05f5de5fb5d" ON "payment_callback_rejections"  ("window_start") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_dde4027f395867f05f5de5fb5d"`);
    await queryRunner.query(`DROP TABLE "payment_callback_rejections"`);
  }
}
