import { MigrationInterface, QueryRunner } from 'typeorm';

/** Workflow stream: signed result documents (for verification) and the development PKI's keys. */
export class WorkflowResults1795383000000 implements MigrationInterface {
  name = 'WorkflowResults1795383000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"result_documents\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"verification_code\" character varying(20) NOT NULL, \"dossier_id\" uuid NOT NULL, \"dossier_code\" character varying(48) NOT NULL, \"file_id\" uuid, \"agency_code\" character varying(24) NOT NULL, \"signer_name\" character varying(200) NOT NULL, \"certificate_subject\" character varying(200) NOT NULL, \"certificate_serial\" character varying(64) NOT NULL, \"sha256\" character varying(64) NOT NULL, \"template\" character varying(40) NOT NULL, \"template_version\" integer NOT NULL, \"pdf\" bytea NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6132dbde4970327f24be796bf86\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_c40a236dc9afc96cd8ea5027d4\" ON \"result_documents\"  (\"verification_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_581afbb3b3ec569aa617ffa1e5\" ON \"result_documents\"  (\"file_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4d28fca1bfa1ba42485dfa2ee9\" ON \"result_documents\"  (\"sha256\") ");
    await queryRunner.query("CREATE INDEX \"IDX_cf5e354216d86dde3f4aed5e33\" ON \"result_documents\"  (\"dossier_id\", \"issued_at\") ");
    await queryRunner.query("CREATE TABLE \"signing_identities\" (\"id\" character varying(24) NOT NULL, \"certificate_pem\" text NOT NULL, \"private_key_pem\" text NOT NULL, \"serial\" character varying(64) NOT NULL, \"subject\" character varying(300) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_f1d635003f51e98002ef4a3f92b\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"signing_identities\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_cf5e354216d86dde3f4aed5e33\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_4d28fca1bfa1ba42485dfa2ee9\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_581afbb3b3ec569aa617ffa1e5\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_c40a236dc9afc96cd8ea5027d4\"");
    await queryRunner.query("DROP TABLE \"result_documents\"");
  }
}
