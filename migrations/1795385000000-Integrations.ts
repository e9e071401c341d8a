/** Integrations stream (issue 7): payments, partner API clients, national-portal and gateway stubs. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Integrations1795385000000 implements MigrationInterface {
  name = 'Integrations1795385000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Stand-ins for outside systems keep their own schemas, as separate systems would.
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "national_portal"');
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "stubs"');
    // Biên lai numbers: gap-free enough for receipts, never reused.
    await queryRunner.query('CREATE SEQUENCE IF NOT EXISTS "payment_receipt_seq"');
    await queryRunner.query("CREATE TABLE \"partner_audit_log\" (\"id\" BIGSERIAL NOT NULL, \"partner_client_id\" uuid, \"client_id\" character varying(60), \"method\" character varying(8) NOT NULL, \"path\" character varying(300) NOT NULL, \"status_code\" integer NOT NULL, \"remote_ip\" character varying(60), \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_9faf32c1e16cca115402e106842\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_650ea7e6f49abd9fb760e17461\" ON \"partner_audit_log\"  (\"partner_client_id\", \"at\") ");
    await queryRunner.query("CREATE TABLE \"partner_clients\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"client_id\" character varying(60) NOT NULL, \"name\" character varying(200) NOT NULL, \"secret_hash\" character varying(200) NOT NULL, \"scopes\" jsonb NOT NULL DEFAULT '[]', \"rate_per_minute\" integer NOT NULL DEFAULT '60', \"active\" boolean NOT NULL DEFAULT true, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_98bdb1c78cd055fcc5be702425f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_e9f4fee08b459ced4ed36da6ea\" ON \"partner_clients\"  (\"client_id\") ");
    await queryRunner.query("CREATE TABLE \"partner_tokens\" (\"token_hash\" character varying(64) NOT NULL, \"partner_client_id\" uuid NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_f8cbddc63c9c32a7edb55e2a3d9\" PRIMARY KEY (\"token_hash\"))");
    await queryRunner.query("CREATE INDEX \"IDX_fd1b7956b4f17ca0a41107f96b\" ON \"partner_tokens\"  (\"partner_client_id\") ");
    await queryRunner.query("CREATE TABLE \"payment_callbacks\" (\"id\" BIGSERIAL NOT NULL, \"txn_ref\" character varying(60), \"source\" character varying(10) NOT NULL, \"body\" jsonb NOT NULL, \"signature_valid\" boolean NOT NULL, \"outcome\" character varying(20) NOT NULL, \"remote_ip\" character varying(60), \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_4b4a6946e3c111a007b8f07236e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_58e9bd285bea7d79adc6e61995\" ON \"payment_callbacks\"  (\"txn_ref\") ");
    await queryRunner.query("CREATE TABLE \"payments\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"dossier_id\" uuid NOT NULL, \"dossier_code\" character varying(48) NOT NULL, \"agency_code\" character varying(24) NOT NULL, \"procedure_code\" character varying(40) NOT NULL, \"payer_user_id\" uuid, \"payer_name\" character varying(200) NOT NULL, \"amount\" bigint NOT NULL, \"fee_lines\" jsonb NOT NULL, \"status\" character varying(12) NOT NULL DEFAULT 'PENDING', \"gateway_transaction_no\" character varying(40), \"receipt_no\" character varying(30), \"paid_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_197ab7af18c93fbb0c9b28b4a59\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_12a2cfaa61d58100433edc1557\" ON \"payments\"  (\"dossier_code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_98b4a84c4a6d9994659a0ebe28\" ON \"payments\"  (\"receipt_no\") WHERE receipt_no IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"IDX_135eb6b739a4f5677adb15e938\" ON \"payments\"  (\"agency_code\", \"paid_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_payments_paid_dossier\" ON \"payments\"  (\"dossier_id\") WHERE status = 'PAID'");
    await queryRunner.query("CREATE TABLE \"national_portal\".\"dossiers\" (\"code\" character varying(48) NOT NULL, \"status\" character varying(24) NOT NULL, \"procedure_code\" character varying(40) NOT NULL, \"agency_code\" character varying(24) NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE, \"last_event_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_event_id\" character varying(60) NOT NULL DEFAULT '', \"updates_received\" integer NOT NULL DEFAULT '0', \"duplicates_ignored\" integer NOT NULL DEFAULT '0', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_2f408e41e65ebf503dad3ec713b\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE TABLE \"national_portal\".\"updates\" (\"idempotency_key\" character varying(160) NOT NULL, \"code\" character varying(48) NOT NULL, \"payload\" jsonb NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_47bcb6c8a114405f530772ff45e\" PRIMARY KEY (\"idempotency_key\"))");
    await queryRunner.query("CREATE INDEX \"IDX_953dbe68dd8d55d1866f3a943d\" ON \"national_portal\".\"updates\"  (\"code\") ");
    await queryRunner.query("CREATE TABLE \"stubs\".\"gateway_transactions\" (\"txn_ref\" character varying(60) NOT NULL, \"amount\" bigint NOT NULL, \"order_info\" text NOT NULL, \"return_url\" text NOT NULL, \"callback_url\" text NOT NULL, \"status\" character varying(12) NOT NULL DEFAULT 'PENDING', \"transaction_no\" character varying(40), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_a45c4bdf223996b2294a1d0029b\" PRIMARY KEY (\"txn_ref\"))");
    await queryRunner.query("CREATE TABLE \"stubs\".\"sms_messages\" (\"id\" BIGSERIAL NOT NULL, \"idempotency_key\" character varying(160) NOT NULL, \"to_number\" character varying(20) NOT NULL, \"text\" text NOT NULL, \"duplicates\" integer NOT NULL DEFAULT '0', \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6d4cfef86e93e3fde23954d11bc\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_56e52ef05c303637497ddbb7d6\" ON \"stubs\".\"sms_messages\"  (\"idempotency_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3d6f29b407c3c3f3139b5b7472\" ON \"stubs\".\"sms_messages\"  (\"to_number\") ");
    await queryRunner.query("CREATE TABLE \"stubs\".\"mail_messages\" (\"id\" BIGSERIAL NOT NULL, \"message_key\" character varying(200) NOT NULL, \"from_address\" character varying(300) NOT NULL, \"to_address\" character varying(300) NOT NULL, \"subject\" text NOT NULL, \"text\" text NOT NULL, \"duplicates\" integer NOT NULL DEFAULT '0', \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_1bd6e76ef3b3d4aff7d0510a509\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_78a7e705d27a1cd919bd9faa14\" ON \"stubs\".\"mail_messages\"  (\"message_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ebd54fd2a08be08b39084d51b6\" ON \"stubs\".\"mail_messages\"  (\"to_address\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"stubs\".\"IDX_ebd54fd2a08be08b39084d51b6\"");
    await queryRunner.query("DROP INDEX \"stubs\".\"IDX_78a7e705d27a1cd919bd9faa14\"");
    await queryRunner.query("DROP TABLE \"stubs\".\"mail_messages\"");
    await queryRunner.query("DROP INDEX \"stubs\".\"IDX_3d6f29b407c3c3f3139b5b7472\"");
    await queryRunner.query("DROP INDEX \"stubs\".\"IDX_56e52ef05c303637497ddbb7d6\"");
    await queryRunner.query("DROP TABLE \"stubs\".\"sms_messages\"");
    await queryRunner.query("DROP TABLE \"stubs\".\"gateway_transactions\"");
    await queryRunner.query("DROP INDEX \"national_portal\".\"IDX_953dbe68dd8d55d1866f3a943d\"");
    await queryRunner.query("DROP TABLE \"national_portal\".\"updates\"");
    await queryRunner.query("DROP TABLE \"national_portal\".\"dossiers\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_payments_paid_dossier\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_135eb6b739a4f5677adb15e938\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_98b4a84c4a6d9994659a0ebe28\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_12a2cfaa61d58100433edc1557\"");
    await queryRunner.query("DROP TABLE \"payments\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_58e9bd285bea7d79adc6e61995\"");
    await queryRunner.query("DROP TABLE \"payment_callbacks\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fd1b7956b4f17ca0a41107f96b\"");
    await queryRunner.query("DROP TABLE \"partner_tokens\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e9f4fee08b459ced4ed36da6ea\"");
    await queryRunner.query("DROP TABLE \"partner_clients\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_650ea7e6f49abd9fb760e17461\"");
    await queryRunner.query("DROP TABLE \"partner_audit_log\"");
    await queryRunner.query('DROP SEQUENCE IF EXISTS "payment_receipt_seq"');
    await queryRunner.query('DROP SCHEMA IF EXISTS "stubs"');
    await queryRunner.query('DROP SCHEMA IF EXISTS "national_portal"');
  }
}
