import { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreDomain1795380084407 implements MigrationInterface {
  name = 'CoreDomain1795380084407';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access_log\" (\"id\" BIGSERIAL NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"staff_user_id\" uuid NOT NULL, \"staff_name\" character varying(200) NOT NULL, \"agency_code\" character varying(24), \"citizen_personal_id\" character varying(12) NOT NULL, \"what\" character varying(300) NOT NULL, \"dossier_code\" character varying(48), CONSTRAINT \"PK_bd09621fb73b42d9e32b85ae41f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_15228adc39eac00f8d3281d966\" ON \"access_log\"  (\"citizen_personal_id\", \"at\") ");
    await queryRunner.query("CREATE TABLE \"denial_log\" (\"id\" BIGSERIAL NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"user_id\" uuid, \"role\" character varying(12), \"action\" character varying(60) NOT NULL, \"resource\" character varying(120), \"reason\" character varying(300) NOT NULL, CONSTRAINT \"PK_6c98eb02b7f70f1ed8098223fa6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"calendar_exceptions\" (\"date\" date NOT NULL, \"name\" character varying(200) NOT NULL, \"working\" boolean NOT NULL, \"note\" text, CONSTRAINT \"PK_16079158accde0cfcc6ae498062\" PRIMARY KEY (\"date\"))");
    await queryRunner.query("CREATE TABLE \"dossier_code_sequences\" (\"agency_code\" character varying(24) NOT NULL, \"day\" character varying(6) NOT NULL, \"last_value\" integer NOT NULL, CONSTRAINT \"PK_36b89bf5583f15d02eb5dde0a6a\" PRIMARY KEY (\"agency_code\", \"day\"))");
    await queryRunner.query("CREATE TABLE \"dossier_documents\" (\"id\" BIGSERIAL NOT NULL, \"dossier_id\" uuid NOT NULL, \"document_key\" character varying(60) NOT NULL, \"file_id\" uuid NOT NULL, CONSTRAINT \"PK_8d85b678c6da8fa0211bed5bbe9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_d48a6344bed3be04bbeb753d2d\" ON \"dossier_documents\"  (\"file_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_543f2f507f13c8e45942ed0576\" ON \"dossier_documents\"  (\"dossier_id\", \"document_key\", \"file_id\") ");
    await queryRunner.query("CREATE TABLE \"dossier_events\" (\"id\" BIGSERIAL NOT NULL, \"dossier_id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"action\" character varying(32) NOT NULL, \"from_status\" character varying(24), \"to_status\" character varying(24) NOT NULL, \"actor_user_id\" uuid, \"actor_name\" character varying(200) NOT NULL, \"actor_role\" character varying(12) NOT NULL, \"agency_code\" character varying(24), \"reason\" text, \"step_key\" character varying(40), \"step_due_at\" TIMESTAMP WITH TIME ZONE, \"data\" jsonb, CONSTRAINT \"PK_dc472db0f082aa7b1da60ed88f1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_941a9d3c5882d8f8d2a36a6fa7\" ON \"dossier_events\"  (\"dossier_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"dossier_stages\" (\"id\" BIGSERIAL NOT NULL, \"dossier_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"agency_code\" character varying(24) NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE, \"completed_at\" TIMESTAMP WITH TIME ZONE, \"timeliness\" character varying(8), CONSTRAINT \"PK_ff0213f9a9fc618c009d73f65d9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_e3f1ee6c118a5b3038f658c0e6\" ON \"dossier_stages\"  (\"dossier_id\", \"seq\") ");
    await queryRunner.query("CREATE TABLE \"drafts\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"procedure_id\" uuid NOT NULL, \"procedure_code\" character varying(40) NOT NULL, \"agency_code\" character varying(24), \"data\" jsonb NOT NULL DEFAULT '{}', \"documents\" jsonb NOT NULL DEFAULT '{}', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0598e229012c6cbd4ccbba97328\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_6a785d9d123258b3c525bd85e3\" ON \"drafts\"  (\"user_id\", \"updated_at\") ");
    await queryRunner.query("CREATE TABLE \"files\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"owner_user_id\" uuid, \"owner_personal_id\" character varying(12), \"name\" character varying(255) NOT NULL, \"mime_type\" character varying(100) NOT NULL, \"size\" bigint NOT NULL, \"sha256\" character varying(64) NOT NULL, \"storage_key\" character varying(200) NOT NULL, \"kind\" character varying(12) NOT NULL DEFAULT 'UPLOAD', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6c16b9093a142e0e7613b04a3d9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_116c03fe6a32e3817be11e2410\" ON \"files\"  (\"owner_user_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"dossiers\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"code\" character varying(48) NOT NULL, \"procedure_id\" uuid NOT NULL, \"procedure_code\" character varying(40) NOT NULL, \"sector_code\" character varying(100) NOT NULL, \"receiving_agency_code\" character varying(24) NOT NULL, \"agency_code\" character varying(24) NOT NULL, \"level\" character varying(10) NOT NULL, \"district_code\" character varying(8), \"province_code\" character varying(2) NOT NULL, \"channel\" character varying(8) NOT NULL, \"status\" character varying(24) NOT NULL, \"version\" integer NOT NULL DEFAULT '1', \"applicant_user_id\" uuid, \"applicant_personal_id\" character varying(12) NOT NULL, \"applicant_name\" character varying(200) NOT NULL, \"subject_personal_id\" character varying(12), \"subject_name\" character varying(200), \"data\" jsonb NOT NULL DEFAULT '{}', \"prefill\" jsonb NOT NULL DEFAULT '{}', \"registry_note\" text, \"submitted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE, \"due_at\" TIMESTAMP WITH TIME ZONE, \"original_due_at\" TIMESTAMP WITH TIME ZONE, \"paused_at\" TIMESTAMP WITH TIME ZONE, \"extension_count\" integer NOT NULL DEFAULT '0', \"completed_at\" TIMESTAMP WITH TIME ZONE, \"timeliness\" character varying(8), \"assignee_user_id\" uuid, \"current_step\" character varying(40), \"current_step_due_at\" TIMESTAMP WITH TIME ZONE, \"bundle_id\" uuid, \"idempotency_key\" character varying(100), \"fee_amount\" bigint NOT NULL DEFAULT '0', \"payment_status\" character varying(16) NOT NULL DEFAULT 'NOT_REQUIRED', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_d84a24a9d2c52ec01142de45e42\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_2f408e41e65ebf503dad3ec713\" ON \"dossiers\"  (\"code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_e7d6c531400f771fadbceaf92c\" ON \"dossiers\"  (\"procedure_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_733a18fac9dbe145436e6d922e\" ON \"dossiers\"  (\"province_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_77367d685f61e3ffdf539652c3\" ON \"dossiers\"  (\"applicant_personal_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_dbe9bfa5fbb359796ddd734d76\" ON \"dossiers\"  (\"bundle_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_0430f0a8f62e5bd5dbc653217b\" ON \"dossiers\"  (\"applicant_user_id\", \"idempotency_key\") WHERE idempotency_key IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"IDX_44e10e3dc96363ca3786073264\" ON \"dossiers\"  (\"applicant_user_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_665858c41562b360b8347d4237\" ON \"dossiers\"  (\"agency_code\", \"status\", \"due_at\") ");
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" BIGSERIAL NOT NULL, \"topic\" character varying(60) NOT NULL, \"aggregate_id\" character varying(60), \"payload\" jsonb NOT NULL, \"idempotency_key\" character varying(120) NOT NULL, \"status\" character varying(12) NOT NULL DEFAULT 'PENDING', \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"delivered_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_0a4005b6a3155709204b10740a\" ON \"outbox\"  (\"idempotency_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5a4facd4e77800ce5c705233ce\" ON \"outbox\"  (\"status\", \"next_attempt_at\") ");
    await queryRunner.query("CREATE TABLE \"registry\".\"citizens\" (\"personal_id\" character varying(12) NOT NULL, \"full_name\" character varying(200) NOT NULL, \"date_of_birth\" date NOT NULL, \"gender\" character varying(6) NOT NULL, \"ethnicity\" character varying(40) NOT NULL, \"religion\" character varying(40), \"hometown_code\" character varying(8) NOT NULL, \"hometown\" character varying(300) NOT NULL, \"permanent_address\" character varying(300) NOT NULL, \"permanent_commune_code\" character varying(8) NOT NULL, \"current_address\" character varying(300) NOT NULL, \"current_commune_code\" character varying(8) NOT NULL, \"household_id\" character varying(40) NOT NULL, \"relationship_to_head\" character varying(12) NOT NULL, \"father_personal_id\" character varying(12), \"mother_personal_id\" character varying(12), \"father_name\" character varying(200), \"mother_name\" character varying(200), \"marital_status\" character varying(10) NOT NULL, CONSTRAINT \"PK_1663f001a898f32748b2cb59056\" PRIMARY KEY (\"personal_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e25067aa6908e62a53c9e8ba04\" ON \"registry\".\"citizens\"  (\"permanent_commune_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4c5f08d6106e5e5866eb85f4b8\" ON \"registry\".\"citizens\"  (\"household_id\") ");
    await queryRunner.query("CREATE TABLE \"registry\".\"households\" (\"id\" character varying(40) NOT NULL, \"head_personal_id\" character varying(12) NOT NULL, \"commune_code\" character varying(8) NOT NULL, \"address\" character varying(300) NOT NULL, CONSTRAINT \"PK_2b1aef2640717132e9231aac756\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"api_tokens\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"token_hash\" character varying(64) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_c587455266b5fa8dace7194caac\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_b74883f5884a42fd8496d389b2\" ON \"api_tokens\"  (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_bbd687a104e1921e6702c6e3aa\" ON \"api_tokens\"  (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"username\" character varying(64) NOT NULL, \"password_hash\" character varying(200) NOT NULL, \"role\" character varying(12) NOT NULL, \"agency_code\" character varying(24), \"personal_id\" character varying(12), \"full_name\" character varying(200) NOT NULL, \"date_of_birth\" date, \"phone\" character varying(20), \"email\" character varying(200), \"disabled\" boolean NOT NULL DEFAULT false, \"demo\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"password_changed_at\" TIMESTAMP WITH TIME ZONE, \"last_login_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_fe0bb3f6520ee0469504521e71\" ON \"users\"  (\"username\") ");
    await queryRunner.query("CREATE INDEX \"IDX_129a0672f2c3e3902023db27d0\" ON \"users\"  (\"agency_code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_0c623fb3cc8b21fcf83f312949\" ON \"users\"  (\"personal_id\") WHERE personal_id IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_0c623fb3cc8b21fcf83f312949\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_129a0672f2c3e3902023db27d0\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fe0bb3f6520ee0469504521e71\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_bbd687a104e1921e6702c6e3aa\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_b74883f5884a42fd8496d389b2\"");
    await queryRunner.query("DROP TABLE \"api_tokens\"");
    await queryRunner.query("DROP TABLE \"registry\".\"households\"");
    await queryRunner.query("DROP INDEX \"registry\".\"IDX_4c5f08d6106e5e5866eb85f4b8\"");
    await queryRunner.query("DROP INDEX \"registry\".\"IDX_e25067aa6908e62a53c9e8ba04\"");
    await queryRunner.query("DROP TABLE \"registry\".\"citizens\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_5a4facd4e77800ce5c705233ce\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_0a4005b6a3155709204b10740a\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_665858c41562b360b8347d4237\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_44e10e3dc96363ca3786073264\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_0430f0a8f62e5bd5dbc653217b\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_dbe9bfa5fbb359796ddd734d76\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_77367d685f61e3ffdf539652c3\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_733a18fac9dbe145436e6d922e\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e7d6c531400f771fadbceaf92c\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_2f408e41e65ebf503dad3ec713\"");
    await queryRunner.query("DROP TABLE \"dossiers\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_116c03fe6a32e3817be11e2410\"");
    await queryRunner.query("DROP TABLE \"files\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_6a785d9d123258b3c525bd85e3\"");
    await queryRunner.query("DROP TABLE \"drafts\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e3f1ee6c118a5b3038f658c0e6\"");
    await queryRunner.query("DROP TABLE \"dossier_stages\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_941a9d3c5882d8f8d2a36a6fa7\"");
    await queryRunner.query("DROP TABLE \"dossier_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_543f2f507f13c8e45942ed0576\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d48a6344bed3be04bbeb753d2d\"");
    await queryRunner.query("DROP TABLE \"dossier_documents\"");
    await queryRunner.query("DROP TABLE \"dossier_code_sequences\"");
    await queryRunner.query("DROP TABLE \"calendar_exceptions\"");
    await queryRunner.query("DROP TABLE \"denial_log\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_15228adc39eac00f8d3281d966\"");
    await queryRunner.query("DROP TABLE \"access_log\"");
  }
}
