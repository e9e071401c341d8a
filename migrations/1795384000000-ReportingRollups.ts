import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting rollups (issue 6), kept in step with `dossiers` by PostgreSQL triggers in the same
 * transaction as every write, whoever the writer is (submission, workflow, bulk seed).
 *
 * Design (see src/reporting/README.md for the full argument):
 * every dossier that has been received contributes a handful of dated "movements", each on one
 * local day (Asia/Ho_Chi_Minh):
 *   - received           on day(received_at), split by channel ONLINE / other (= COUNTER);
 *   - completed          on day(completed_at): REFUSED → refused, WITHDRAWN → withdrawn,
 *                        otherwise resolved, split EARLY / ON_TIME / LATE by `timeliness`
 *                        (when timeliness is null: LATE if completed_at > due_at, else ON_TIME);
 *   - overdue started    on s = max(day(received_at), day(due_at)) when due_at is set and the
 *                        dossier is open or s <= day(completed_at);
 *   - overdue ended      on day(completed_at) for the same dossiers when completed.
 * Counters of these movements are kept per (agency_code[, procedure_code, sector_code]) at three
 * grains — D (day), M (month, bucket = 1st), Y (year, bucket = 1 Jan) — so any day range is a
 * handful of buckets. Stocks at an instant are differences of cumulative movements:
 *   open at day t (start of day)   = Σ received before t − Σ completed before t
 *   open and overdue at end of t   = Σ overdue-started ≤ t − Σ overdue-ended ≤ t   (exact: see README)
 * Two tables: per agency (dashboards, groupBy agency/level, totals) and per agency × procedure ×
 * sector (groupBy procedure/sector). Averages use seconds sums of resolved dossiers.
 */
export class ReportingRollups1795384000000 implements MigrationInterface {
  name = 'ReportingRollups1795384000000';

  public async up(q: QueryRunner): Promise<void> {
    const counters = `
      "received_online" integer NOT NULL DEFAULT 0,
      "received_counter" integer NOT NULL DEFAULT 0,
      "resolved_early" integer NOT NULL DEFAULT 0,
      "resolved_on_time" integer NOT NULL DEFAULT 0,
      "resolved_late" integer NOT NULL DEFAULT 0,
      "refused" integer NOT NULL DEFAULT 0,
      "withdrawn" integer NOT NULL DEFAULT 0,
      "overdue_started" integer NOT NULL DEFAULT 0,
      "overdue_ended" integer NOT NULL DEFAULT 0,
      "fee_required" integer NOT NULL DEFAULT 0,
      "paid" integer NOT NULL DEFAULT 0,
      "resolved_seconds" bigint NOT NULL DEFAULT 0,
      "allowed_seconds" bigint NOT NULL DEFAULT 0`;
    await q.query(`CREATE TABLE "report_agency_rollup" (
      "grain" character(1) NOT NULL,
      "bucket" date NOT NULL,
      "agency_code" character varying(24) NOT NULL,
      ${counters},
      CONSTRAINT "PK_report_agency_rollup" PRIMARY KEY ("grain", "bucket", "agency_code"))`);
    await q.query(`CREATE TABLE "report_procedure_rollup" (
      "grain" character(1) NOT NULL,
      "bucket" date NOT NULL,
      "agency_code" character varying(24) NOT NULL,
      "procedure_code" character varying(40) NOT NULL,
      "sector_code" character varying(60) NOT NULL,
      ${counters},
      CONSTRAINT "PK_report_procedure_rollup" PRIMARY KEY ("grain", "bucket", "agency_code", "procedure_code", "sector_code"))`);

    // One movement → 6 upserts (3 grains × 2 tables).
    await q.query(`CREATE FUNCTION report_bump(p_agency text, p_proc text, p_sector text, p_day date,
        ro int, rc int, re int, rt int, rl int, rf int, wd int, os int, oe int, fr int, pd int, rs bigint, al bigint)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE g text; b date;
      BEGIN
        FOREACH g IN ARRAY ARRAY['D','M','Y'] LOOP
          b := CASE g WHEN 'D' THEN p_day WHEN 'M' THEN date_trunc('month', p_day)::date ELSE date_trunc('year', p_day)::date END;
          INSERT INTO report_agency_rollup AS r (grain, bucket, agency_code, received_online, received_counter, resolved_early,
              resolved_on_time, resolved_late, refused, withdrawn, overdue_started, overdue_ended, fee_required, paid,
              resolved_seconds, allowed_seconds)
            VALUES (g, b, p_agency, ro, rc, re, rt, rl, rf, wd, os, oe, fr, pd, rs, al)
            ON CONFLICT (grain, bucket, agency_code) DO UPDATE SET
              received_online = r.received_online + EXCLUDED.received_online,
              received_counter = r.received_counter + EXCLUDED.received_counter,
              resolved_early = r.resolved_early + EXCLUDED.resolved_early,
              resolved_on_time = r.resolved_on_time + EXCLUDED.resolved_on_time,
              resolved_late = r.resolved_late + EXCLUDED.resolved_late,
              refused = r.refused + EXCLUDED.refused,
              withdrawn = r.withdrawn + EXCLUDED.withdrawn,
              overdue_started = r.overdue_started + EXCLUDED.overdue_started,
              overdue_ended = r.overdue_ended + EXCLUDED.overdue_ended,
              fee_required = r.fee_required + EXCLUDED.fee_required,
              paid = r.paid + EXCLUDED.paid,
              resolved_seconds = r.resolved_seconds + EXCLUDED.resolved_seconds,
              allowed_seconds = r.allowed_seconds + EXCLUDED.allowed_seconds;
          INSERT INTO report_procedure_rollup AS r (grain, bucket, agency_code, procedure_code, sector_code, received_online,
              received_counter, resolved_early, resolved_on_time, resolved_late, refused, withdrawn, overdue_started,
              overdue_ended, fee_required, paid, resolved_seconds, allowed_seconds)
            VALUES (g, b, p_agency, p_proc, p_sector, ro, rc, re, rt, rl, rf, wd, os, oe, fr, pd, rs, al)
            ON CONFLICT (grain, bucket, agency_code, procedure_code, sector_code) DO UPDATE SET
              received_online = r.received_online + EXCLUDED.received_online,
              received_counter = r.received_counter + EXCLUDED.received_counter,
              resolved_early = r.resolved_early + EXCLUDED.resolved_early,
              resolved_on_time = r.resolved_on_time + EXCLUDED.resolved_on_time,
              resolved_late = r.resolved_late + EXCLUDED.resolved_late,
              refused = r.refused + EXCLUDED.refused,
              withdrawn = r.withdrawn + EXCLUDED.withdrawn,
              overdue_started = r.overdue_started + EXCLUDED.overdue_started,
              overdue_ended = r.overdue_ended + EXCLUDED.overdue_ended,
              fee_required = r.fee_required + EXCLUDED.fee_required,
              paid = r.paid + EXCLUDED.paid,
              resolved_seconds = r.resolved_seconds + EXCLUDED.resolved_seconds,
              allowed_seconds = r.allowed_seconds + EXCLUDED.allowed_seconds;
        END LOOP;
      END $$`);

    // The movements of one dossier row, added (s = 1) or taken away (s = -1).
    await q.query(`CREATE FUNCTION report_apply(d dossiers, s int) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE rd date; cd date; sd date; cat text; secs bigint; allowed bigint;
      BEGIN
        IF d.received_at IS NULL THEN RETURN; END IF;
        rd := (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
        PERFORM report_bump(d.agency_code, d.procedure_code, d.sector_code, rd,
          CASE WHEN d.channel = 'ONLINE' THEN s ELSE 0 END, CASE WHEN d.channel = 'ONLINE' THEN 0 ELSE s END,
          0, 0, 0, 0, 0, 0, 0,
          CASE WHEN d.fee_amount > 0 THEN s ELSE 0 END,
          CASE WHEN d.fee_amount > 0 AND d.payment_status = 'PAID' THEN s ELSE 0 END, 0, 0);
        IF d.completed_at IS NOT NULL THEN
          cd := (d.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
          cat := CASE WHEN d.status = 'REFUSED' THEN 'REFUSED' WHEN d.status = 'WITHDRAWN' THEN 'WITHDRAWN'
                      ELSE COALESCE(d.timeliness, CASE WHEN d.due_at IS NOT NULL AND d.completed_at > d.due_at THEN 'LATE' ELSE 'ON_TIME' END) END;
          secs := CASE WHEN cat IN ('EARLY','ON_TIME','LATE') THEN s * floor(extract(epoch FROM d.completed_at - d.received_at))::bigint ELSE 0 END;
          allowed := CASE WHEN cat IN ('EARLY','ON_TIME','LATE') AND d.due_at IS NOT NULL
                          THEN s * floor(extract(epoch FROM d.due_at - d.received_at))::bigint ELSE 0 END;
          PERFORM report_bump(d.agency_code, d.procedure_code, d.sector_code, cd, 0, 0,
            CASE WHEN cat = 'EARLY' THEN s ELSE 0 END, CASE WHEN cat = 'ON_TIME' THEN s ELSE 0 END,
            CASE WHEN cat = 'LATE' THEN s ELSE 0 END, CASE WHEN cat = 'REFUSED' THEN s ELSE 0 END,
            CASE WHEN cat = 'WITHDRAWN' THEN s ELSE 0 END, 0, 0, 0, 0, secs, allowed);
        END IF;
        IF d.due_at IS NOT NULL THEN
          sd := greatest(rd, (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date);
          IF cd IS NULL THEN
            PERFORM report_bump(d.agency_code, d.procedure_code, d.sector_code, sd, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0, 0, 0);
          ELSIF sd <= cd THEN
            PERFORM report_bump(d.agency_code, d.procedure_code, d.sector_code, sd, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0, 0, 0);
            PERFORM report_bump(d.agency_code, d.procedure_code, d.sector_code, cd, 0, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0, 0);
          END IF;
        END IF;
      END $$`);

    await q.query(`CREATE FUNCTION report_dossiers_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM report_apply(OLD, -1); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM report_apply(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER report_dossiers_insert AFTER INSERT ON dossiers FOR EACH ROW
      WHEN (NEW.received_at IS NOT NULL) EXECUTE FUNCTION report_dossiers_trigger()`);
    await q.query(`CREATE TRIGGER report_dossiers_update AFTER UPDATE ON dossiers FOR EACH ROW
      WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
        OR OLD.status IS DISTINCT FROM NEW.status OR OLD.timeliness IS DISTINCT FROM NEW.timeliness
        OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.agency_code IS DISTINCT FROM NEW.agency_code
        OR OLD.procedure_code IS DISTINCT FROM NEW.procedure_code OR OLD.sector_code IS DISTINCT FROM NEW.sector_code
        OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.fee_amount IS DISTINCT FROM NEW.fee_amount
        OR OLD.payment_status IS DISTINCT FROM NEW.payment_status)
      EXECUTE FUNCTION report_dossiers_trigger()`);
    await q.query(`CREATE TRIGGER report_dossiers_delete AFTER DELETE ON dossiers FOR EACH ROW
      WHEN (OLD.received_at IS NOT NULL) EXECUTE FUNCTION report_dossiers_trigger()`);

    // Open-dossier lists use the dossiers' own (agency_code, status, due_at) index: indexes on a table
    // owned by another stream's entity would show up as schema drift, so none are added here.

    // Satisfaction (đánh giá mức độ hài lòng): one rating per dossier, by the applicant, after the result.
    await q.query(`CREATE TABLE "satisfaction_ratings" (
      "id" BIGSERIAL NOT NULL,
      "dossier_id" uuid NOT NULL,
      "dossier_code" character varying(48) NOT NULL,
      "agency_code" character varying(24) NOT NULL,
      "procedure_code" character varying(40) NOT NULL,
      "sector_code" character varying(60) NOT NULL,
      "rating" smallint NOT NULL CHECK ("rating" BETWEEN 1 AND 4),
      "comment" text,
      "citizen_user_id" uuid,
      "rated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_satisfaction_ratings" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_satisfaction_ratings_dossier" UNIQUE ("dossier_id"))`);
    await q.query(`CREATE TABLE "satisfaction_rollup" (
      "month" date NOT NULL,
      "agency_code" character varying(24) NOT NULL,
      "sector_code" character varying(60) NOT NULL,
      "very_satisfied" integer NOT NULL DEFAULT 0,
      "satisfied" integer NOT NULL DEFAULT 0,
      "acceptable" integer NOT NULL DEFAULT 0,
      "dissatisfied" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_satisfaction_rollup" PRIMARY KEY ("month", "agency_code", "sector_code"))`);
    await q.query(`CREATE FUNCTION satisfaction_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO satisfaction_rollup AS r (month, agency_code, sector_code, very_satisfied, satisfied, acceptable, dissatisfied)
        VALUES (date_trunc('month', NEW.rated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, NEW.agency_code, NEW.sector_code,
          (NEW.rating = 4)::int, (NEW.rating = 3)::int, (NEW.rating = 2)::int, (NEW.rating = 1)::int)
        ON CONFLICT (month, agency_code, sector_code) DO UPDATE SET
          very_satisfied = r.very_satisfied + EXCLUDED.very_satisfied, satisfied = r.satisfied + EXCLUDED.satisfied,
          acceptable = r.acceptable + EXCLUDED.acceptable, dissatisfied = r.dissatisfied + EXCLUDED.dissatisfied;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER satisfaction_insert AFTER INSERT ON satisfaction_ratings FOR EACH ROW EXECUTE FUNCTION satisfaction_trigger()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER satisfaction_insert ON satisfaction_ratings');
    await q.query('DROP FUNCTION satisfaction_trigger()');
    await q.query('DROP TABLE "satisfaction_rollup"');
    await q.query('DROP TABLE "satisfaction_ratings"');
    await q.query('DROP TRIGGER report_dossiers_delete ON dossiers');
    await q.query('DROP TRIGGER report_dossiers_update ON dossiers');
    await q.query('DROP TRIGGER report_dossiers_insert ON dossiers');
    await q.query('DROP FUNCTION report_dossiers_trigger()');
    await q.query('DROP FUNCTION report_apply(dossiers, int)');
    await q.query('DROP FUNCTION report_bump(text, text, text, date, int, int, int, int, int, int, int, int, int, int, int, bigint, bigint)');
    await q.query('DROP TABLE "report_procedure_rollup"');
    await q.query('DROP TABLE "report_agency_rollup"');
  }
}
