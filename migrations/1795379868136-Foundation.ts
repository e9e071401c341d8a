import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795379868136 implements MigrationInterface {
  name = 'Foundation1795379868136';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"procedures\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"code\" character varying(40) NOT NULL, \"version\" integer NOT NULL, \"is_current\" boolean NOT NULL DEFAULT true, \"name\" text NOT NULL, \"search_text\" text NOT NULL, \"sector_code\" character varying(100) NOT NULL, \"level\" character varying(10) NOT NULL, \"receiving_level\" character varying(10) NOT NULL, \"competent_agency_kind\" character varying(40) NOT NULL, \"processing_value\" numeric(7,2) NOT NULL, \"processing_unit\" character varying(12) NOT NULL, \"fee_amount\" bigint NOT NULL, \"fee_description\" text NOT NULL, \"fee_per_copy\" boolean NOT NULL DEFAULT false, \"fee_exemptions\" text, \"online_level\" character varying(8) NOT NULL, \"legal_basis\" text NOT NULL, \"result\" text NOT NULL, \"documents\" jsonb NOT NULL, \"form\" jsonb NOT NULL, \"steps\" jsonb NOT NULL, \"requires_prepayment\" boolean NOT NULL DEFAULT false, \"allows_on_behalf\" boolean NOT NULL DEFAULT false, \"bundle\" character varying(40), \"popularity\" integer NOT NULL DEFAULT '0', \"content_hash\" character varying(64) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_e7775bab78f27b4c47580b6cb4b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_537e2e10119004d728bb96dc23\" ON \"procedures\"  (\"sector_code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_procedures_current_code\" ON \"procedures\"  (\"code\") WHERE is_current");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_466b38f3de524981f74cad5cf6\" ON \"procedures\"  (\"code\", \"version\") ");
    await queryRunner.query("CREATE TABLE \"sectors\" (\"code\" character varying(100) NOT NULL, \"name\" character varying(200) NOT NULL, CONSTRAINT \"PK_182f6a983ef4914b39c1aae5482\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE TABLE \"seed_runs\" (\"key\" character varying(80) NOT NULL, \"checksum\" character varying(64) NOT NULL, \"applied_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_e8843c3f7538557c66fc0e5abea\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE TABLE \"administrative_units\" (\"code\" character varying(8) NOT NULL, \"name\" character varying(200) NOT NULL, \"type\" character varying(60) NOT NULL, \"level\" character varying(10) NOT NULL, \"parent_code\" character varying(8), \"province_code\" character varying(2) NOT NULL, \"district_code\" character varying(8), CONSTRAINT \"PK_78ee5a7835ce8072e55a8493895\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE INDEX \"IDX_6382d20bafa18305f0ae899e99\" ON \"administrative_units\"  (\"parent_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_04cdd4ad06a44f7b9dccde9e43\" ON \"administrative_units\"  (\"province_code\") ");
    await queryRunner.query("CREATE TABLE \"agencies\" (\"code\" character varying(24) NOT NULL, \"name\" character varying(250) NOT NULL, \"kind\" character varying(40) NOT NULL, \"level\" character varying(10) NOT NULL, \"unit_code\" character varying(8) NOT NULL, \"district_code\" character varying(8), \"province_code\" character varying(2) NOT NULL, \"parent_code\" character varying(24), \"one_stop_desk\" boolean NOT NULL DEFAULT false, \"address\" character varying(300), CONSTRAINT \"PK_6acd8cc6374916c08b4d7f060c8\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE INDEX \"IDX_a7dca5b30f11f728a4d72ba497\" ON \"agencies\"  (\"unit_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_f69279e65c29a08ad0092dabb5\" ON \"agencies\"  (\"province_code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_c299e7725bf77af633ba7716d1\" ON \"agencies\"  (\"unit_code\", \"kind\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_c299e7725bf77af633ba7716d1\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_f69279e65c29a08ad0092dabb5\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_a7dca5b30f11f728a4d72ba497\"");
    await queryRunner.query("DROP TABLE \"agencies\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_04cdd4ad06a44f7b9dccde9e43\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_6382d20bafa18305f0ae899e99\"");
    await queryRunner.query("DROP TABLE \"administrative_units\"");
    await queryRunner.query("DROP TABLE \"seed_runs\"");
    await queryRunner.query("DROP TABLE \"sectors\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_466b38f3de524981f74cad5cf6\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_procedures_current_code\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_537e2e10119004d728bb96dc23\"");
    await queryRunner.query("DROP TABLE \"procedures\"");
  }
}
