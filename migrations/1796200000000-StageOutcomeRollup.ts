import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 — stage outcomes without scanning `dossier_stages`: the dashboard's "which stage made an
 * inter-level dossier late" section read every completed stage of the period (1.4 s at 1 M dossiers).
 *
 * `report_stage_rollup` counts, per agency that held a stage and local day (Asia/Ho_Chi_Minh) the
 * stage was completed, the stages of inter-level dossiers (more than one stage) that were completed
 * and how many of them are late (`timeliness = 'LATE'`: the stage's own timeliness, set by the
 * workflow's `classify` when it closes the stage). Same grains as the agency rollups: D (day),
 * M (month, bucket = 1st), Y (year, bucket = 1 January).
 *
 * Kept in step with `dossier_stages` by statement-level triggers in the same transaction as every
 * write of a stage (the repository's open / close / close-all / set-due, deletes), as the dossier
 * rollups are kept by their triggers. Whether a stage counts depends on its dossier's other stages
 * (a transfer makes the first stage count), so each firing recounts the touched dossiers' stages as
 * they are after the statement (+1) and as they were before it (−1, from the transition tables),
 * nets the two per rollup key and writes each key once, in key order (no deadlock between two
 * transitions of one agency; keys whose net change is zero are not written).
 * Bulk writers (the generator's COPY) switch the insert trigger off and rebuild with
 * src/reporting/rollup-rebuild.ts, as for the dossier rollups.
 */
export class StageOutcomeRollup1796200000000 implements MigrationInterface {
  name = 'StageOutcomeRollup1796200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "report_stage_rollup" (
      "grain" character(1) NOT NULL,
      "bucket" date NOT NULL,
      "agency_code" character varying(24) NOT NULL,
      "completed" integer NOT NULL DEFAULT 0,
      "late" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_report_stage_rollup" PRIMARY KEY ("grain", "bucket", "agency_code"))`);

    // The net change of the rollup when the stages of `p_dossiers` went from "before" to "now":
    // before = the rows now, minus those the statement wrote (`p_written` ids), plus the rows it
    // replaced or deleted (`b_*`: their dossier, agency, completion and timeliness, as parallel arrays).
    await q.query(`CREATE FUNCTION report_stage_rollup_apply(p_dossiers uuid[], p_written bigint[],
        b_dossier uuid[], b_agency text[], b_completed timestamptz[], b_timeliness text[])
      RETURNS void LANGUAGE sql AS $$
      INSERT INTO report_stage_rollup AS r (grain, bucket, agency_code, completed, late)
      SELECT g.grain,
             CASE g.grain WHEN 'D' THEN x.day WHEN 'M' THEN date_trunc('month', x.day)::date ELSE date_trunc('year', x.day)::date END,
             x.agency_code, SUM(x.completed)::int, SUM(x.late)::int
        FROM (
          SELECT st.agency_code, (st.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
                 st.sign AS completed, CASE WHEN st.timeliness = 'LATE' THEN st.sign ELSE 0 END AS late
            FROM (
              SELECT s.*, count(*) OVER (PARTITION BY s.dossier_id, s.sign) AS stages
                FROM (
                  SELECT a.dossier_id, a.agency_code, a.completed_at, a.timeliness, 1 AS sign
                    FROM dossier_stages a WHERE a.dossier_id = ANY(p_dossiers)
                  UNION ALL
                  SELECT a.dossier_id, a.agency_code, a.completed_at, a.timeliness, -1
                    FROM dossier_stages a WHERE a.dossier_id = ANY(p_dossiers) AND a.id <> ALL(p_written)
                  UNION ALL
                  SELECT b.dossier_id, b.agency_code, b.completed_at, b.timeliness, -1
                    FROM unnest(b_dossier, b_agency, b_completed, b_timeliness) AS b(dossier_id, agency_code, completed_at, timeliness)
                ) s
            ) st
           WHERE st.completed_at IS NOT NULL AND st.stages > 1
        ) x
        CROSS JOIN (VALUES ('D'), ('M'), ('Y')) AS g(grain)
       GROUP BY 1, 2, 3
      HAVING (SUM(x.completed), SUM(x.late)) <> (0, 0)
       ORDER BY 1, 2, 3
      ON CONFLICT (grain, bucket, agency_code) DO UPDATE SET completed = r.completed + EXCLUDED.completed, late = r.late + EXCLUDED.late
    $$`);

    await q.query(`CREATE FUNCTION report_stages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM report_stage_rollup_apply(ARRAY(SELECT DISTINCT n.dossier_id FROM new_stages n), ARRAY(SELECT n.id FROM new_stages n),
          '{}', '{}', '{}', '{}');
        RETURN NULL;
      END $$`);
    // Only rows whose counted columns changed (a due date moved by a calendar edit changes nothing here).
    await q.query(`CREATE FUNCTION report_stages_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE changed bigint[]; bd uuid[]; ba text[]; bc timestamptz[]; bt text[];
      BEGIN
        changed := ARRAY(SELECT n.id FROM new_stages n JOIN old_stages o ON o.id = n.id
                          WHERE (n.dossier_id, n.agency_code, n.completed_at, n.timeliness) IS DISTINCT FROM (o.dossier_id, o.agency_code, o.completed_at, o.timeliness));
        IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
        SELECT array_agg(o.dossier_id), array_agg(o.agency_code), array_agg(o.completed_at), array_agg(o.timeliness) INTO bd, ba, bc, bt
          FROM old_stages o WHERE o.id = ANY(changed);
        PERFORM report_stage_rollup_apply(
          ARRAY(SELECT n.dossier_id FROM new_stages n WHERE n.id = ANY(changed) UNION SELECT unnest(bd)), changed, bd, ba, bc, bt);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION report_stages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bd uuid[]; ba text[]; bc timestamptz[]; bt text[];
      BEGIN
        SELECT array_agg(o.dossier_id), array_agg(o.agency_code), array_agg(o.completed_at), array_agg(o.timeliness) INTO bd, ba, bc, bt FROM old_stages o;
        PERFORM report_stage_rollup_apply(ARRAY(SELECT DISTINCT unnest(bd)), '{}', bd, ba, bc, bt);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER report_stages_insert AFTER INSERT ON dossier_stages REFERENCING NEW TABLE AS new_stages
      FOR EACH STATEMENT EXECUTE FUNCTION report_stages_inserted()`);
    await q.query(`CREATE TRIGGER report_stages_update AFTER UPDATE ON dossier_stages REFERENCING OLD TABLE AS old_stages NEW TABLE AS new_stages
      FOR EACH STATEMENT EXECUTE FUNCTION report_stages_updated()`);
    await q.query(`CREATE TRIGGER report_stages_delete AFTER DELETE ON dossier_stages REFERENCING OLD TABLE AS old_stages
      FOR EACH STATEMENT EXECUTE FUNCTION report_stages_deleted()`);

    // Back-fill: the set-based rebuild of src/reporting/rollup-rebuild.ts (rebuildStageRollupSql).
    await q.query(`INSERT INTO report_stage_rollup (grain, bucket, agency_code, completed, late)
      SELECT g.grain,
             CASE g.grain WHEN 'D' THEN x.day WHEN 'M' THEN date_trunc('month', x.day)::date ELSE date_trunc('year', x.day)::date END,
             x.agency_code, SUM(x.completed)::int, SUM(x.late)::int
        FROM (
          SELECT s.agency_code, (s.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
                 count(*) AS completed, count(*) FILTER (WHERE s.timeliness = 'LATE') AS late
            FROM dossier_stages s
           WHERE s.completed_at IS NOT NULL
             AND s.dossier_id IN (SELECT dossier_id FROM dossier_stages GROUP BY dossier_id HAVING count(*) > 1)
           GROUP BY 1, 2
        ) x
        CROSS JOIN (VALUES ('D'), ('M'), ('Y')) AS g(grain)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER report_stages_insert ON dossier_stages`);
    await q.query(`DROP TRIGGER report_stages_update ON dossier_stages`);
    await q.query(`DROP TRIGGER report_stages_delete ON dossier_stages`);
    await q.query(`DROP FUNCTION report_stages_inserted()`);
    await q.query(`DROP FUNCTION report_stages_updated()`);
    await q.query(`DROP FUNCTION report_stages_deleted()`);
    await q.query(`DROP FUNCTION report_stage_rollup_apply(uuid[], bigint[], uuid[], text[], timestamptz[], text[])`);
    await q.query(`DROP TABLE "report_stage_rollup"`);
  }
}
