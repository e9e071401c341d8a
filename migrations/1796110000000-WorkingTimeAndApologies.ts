import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 — the report counts what the law counts:
 * - averages in WORKING time: each dossier records the working seconds its processing used
 *   (reception to processing end, pauses for supplements excluded) and the working seconds its
 *   procedure allows; the workflow's effects set them (src/workflow/effects.ts), with the working
 *   calendar. Back-filled here with a SQL count of working seconds over `calendar_exceptions`.
 * - apologies (phiếu xin lỗi và hẹn lại): `extended_at` records when the apology went out; the
 *   report counts apologies issued in the period (`apologies`, a new rollup counter).
 * report_movements(), the rollup trigger and the rollups are rebuilt with both.
 */
export class WorkingTimeAndApologies1796110000000 implements MigrationInterface {
  name = 'WorkingTimeAndApologies1796110000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dossiers" ADD "extended_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "dossiers" ADD "paused_working_seconds" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "dossiers" ADD "working_seconds" integer`);
    await q.query(`ALTER TABLE "dossiers" ADD "allowed_working_seconds" integer`);
    await q.query(`ALTER TABLE "report_agency_rollup" ADD "apologies" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "report_procedure_rollup" ADD "apologies" integer NOT NULL DEFAULT 0`);

    // Working seconds between two instants: 08:00–12:00 and 13:00–17:00 local, Monday–Friday,
    // minus days off and plus declared working days of calendar_exceptions (the working calendar's rule).
    await q.query(`CREATE FUNCTION working_seconds_between(a timestamptz, b timestamptz) RETURNS integer LANGUAGE sql STABLE AS $$
      SELECT COALESCE(SUM(
               GREATEST(0, EXTRACT(EPOCH FROM LEAST(b, x.m + interval '12 hours') - GREATEST(a, x.m + interval '8 hours')))
             + GREATEST(0, EXTRACT(EPOCH FROM LEAST(b, x.m + interval '17 hours') - GREATEST(a, x.m + interval '13 hours')))), 0)::integer
        FROM generate_series((a AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, (b AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, interval '1 day') AS g(ts)
        CROSS JOIN LATERAL (SELECT g.ts::date AS day, (g.ts::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS m) x
        LEFT JOIN calendar_exceptions e ON e.date::date = x.day
       WHERE a < b AND COALESCE(e.working, EXTRACT(ISODOW FROM x.day) < 6)
    $$`);
    await q.query(`ALTER TABLE dossiers DISABLE TRIGGER report_dossiers_update`);
    await q.query(`UPDATE dossiers d SET allowed_working_seconds = (p.processing_value * CASE p.processing_unit WHEN 'WORKING_HOUR' THEN 3600 ELSE 28800 END)::integer
                     FROM procedures p WHERE p.id = d.procedure_id AND d.received_at IS NOT NULL`);
    await q.query(`UPDATE dossiers d SET extended_at = (SELECT min(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.action = 'extend')
                    WHERE d.extension_count > 0`);
    await q.query(`UPDATE dossiers SET working_seconds = working_seconds_between(received_at, COALESCE(processing_ended_at, completed_at))
                    WHERE received_at IS NOT NULL AND COALESCE(processing_ended_at, completed_at) IS NOT NULL`);
    await q.query(`ALTER TABLE dossiers ENABLE TRIGGER report_dossiers_update`);

    await q.query(`DROP TRIGGER report_dossiers_insert ON dossiers`);
    await q.query(`DROP TRIGGER report_dossiers_update ON dossiers`);
    await q.query(`DROP TRIGGER report_dossiers_delete ON dossiers`);
    await q.query(`DROP FUNCTION report_dossiers_trigger()`);
    await q.query(`DROP FUNCTION report_movements(dossiers, int)`);
    await q.query(`CREATE FUNCTION report_movements(d dossiers, s int)
      RETURNS TABLE(agency text, proc text, sector text, day date, ro int, rc int, re int, rt int, rl int, rf int, wd int,
                    os int, oe int, fr int, pd int, rs bigint, al bigint, ap int)
      LANGUAGE plpgsql AS $$
      DECLARE rd date; cd date; sd date; cat text; ended timestamptz;
      BEGIN
        ended := COALESCE(d.processing_ended_at, d.completed_at);
        IF d.received_at IS NULL THEN
          -- Refused at reception: counted on its day, outside the received balance.
          IF d.status = 'REFUSED' AND ended IS NOT NULL THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text,
              (ended AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, s, 0, 0, 0, 0, 0, 0::bigint, 0::bigint, 0);
          END IF;
          RETURN;
        END IF;
        rd := (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
        RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, rd,
          CASE WHEN d.channel = 'ONLINE' THEN s ELSE 0 END, CASE WHEN d.channel = 'ONLINE' THEN 0 ELSE s END,
          0, 0, 0, 0, 0, 0, 0,
          CASE WHEN d.fee_amount > 0 THEN s ELSE 0 END,
          CASE WHEN d.fee_amount > 0 AND d.payment_status = 'PAID' THEN s ELSE 0 END, 0::bigint, 0::bigint, 0);
        IF d.extended_at IS NOT NULL THEN
          RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, (d.extended_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::bigint, 0::bigint, s);
        END IF;
        IF ended IS NOT NULL THEN
          cd := (ended AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
          cat := CASE WHEN d.status = 'WITHDRAWN' THEN 'WITHDRAWN'
                      ELSE COALESCE(d.timeliness, CASE WHEN d.due_at IS NOT NULL AND ended > d.due_at THEN 'LATE' ELSE 'ON_TIME' END) END;
          RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, cd, 0, 0,
            CASE WHEN cat = 'EARLY' THEN s ELSE 0 END, CASE WHEN cat = 'ON_TIME' THEN s ELSE 0 END,
            CASE WHEN cat = 'LATE' THEN s ELSE 0 END, 0,
            CASE WHEN cat = 'WITHDRAWN' THEN s ELSE 0 END, 0, 0, 0, 0,
            CASE WHEN cat IN ('EARLY', 'ON_TIME', 'LATE') THEN (s * COALESCE(d.working_seconds, 0))::bigint ELSE 0::bigint END,
            CASE WHEN cat IN ('EARLY', 'ON_TIME', 'LATE') THEN (s * COALESCE(d.allowed_working_seconds, 0))::bigint ELSE 0::bigint END, 0);
        END IF;
        -- Waiting for a supplement asked before the due time: the clock is stopped, not overdue.
        IF d.due_at IS NOT NULL AND NOT (d.paused_at IS NOT NULL AND d.paused_at <= d.due_at) THEN
          sd := greatest(rd, (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date);
          IF cd IS NULL OR sd <= cd THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, sd, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0, 0::bigint, 0::bigint, 0);
          END IF;
          IF cd IS NOT NULL AND sd <= cd THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, cd, 0, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0::bigint, 0::bigint, 0);
          END IF;
        END IF;
      END $$`);

    const sums = `SUM(ro)::int AS ro, SUM(rc)::int AS rc, SUM(re)::int AS re, SUM(rt)::int AS rt, SUM(rl)::int AS rl, SUM(rf)::int AS rf,
      SUM(wd)::int AS wd, SUM(os)::int AS os, SUM(oe)::int AS oe, SUM(fr)::int AS fr, SUM(pd)::int AS pd, SUM(rs)::bigint AS rs, SUM(al)::bigint AS al,
      SUM(ap)::int AS ap`;
    const nonZero = `HAVING (SUM(ro), SUM(rc), SUM(re), SUM(rt), SUM(rl), SUM(rf), SUM(wd), SUM(os), SUM(oe), SUM(fr), SUM(pd), SUM(rs), SUM(al), SUM(ap))
      <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::numeric, 0::numeric, 0)`;
    const expanded = `SELECT m.*, g.grain,
        CASE g.grain WHEN 'D' THEN m.day WHEN 'M' THEN date_trunc('month', m.day)::date ELSE date_trunc('year', m.day)::date END AS bucket
      FROM (SELECT * FROM report_movements(OLD, -1) UNION ALL SELECT * FROM report_movements(NEW, 1)) AS m
      CROSS JOIN (VALUES ('D'), ('M'), ('Y')) AS g(grain)`;
    const set = `received_online = r.received_online + EXCLUDED.received_online,
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
      allowed_seconds = r.allowed_seconds + EXCLUDED.allowed_seconds,
      apologies = r.apologies + EXCLUDED.apologies`;
    const cols = `received_online, received_counter, resolved_early, resolved_on_time, resolved_late, refused, withdrawn,
      overdue_started, overdue_ended, fee_required, paid, resolved_seconds, allowed_seconds, apologies`;
    await q.query(`CREATE FUNCTION report_dossiers_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_agency_rollup AS r (grain, bucket, agency_code, ${cols})
          SELECT grain, bucket, agency, ${sums} FROM (${expanded}) x
          GROUP BY grain, bucket, agency ${nonZero}
          ORDER BY grain, bucket, agency
        ON CONFLICT (grain, bucket, agency_code) DO UPDATE SET ${set};
        INSERT INTO report_procedure_rollup AS r (grain, bucket, agency_code, procedure_code, sector_code, ${cols})
          SELECT grain, bucket, agency, proc, sector, ${sums} FROM (${expanded}) x
          GROUP BY grain, bucket, agency, proc, sector ${nonZero}
          ORDER BY grain, bucket, agency, proc, sector
        ON CONFLICT (grain, bucket, agency_code, procedure_code, sector_code) DO UPDATE SET ${set};
        RETURN NULL;
      END $$`);
    const counts = `(NEW.received_at IS NOT NULL OR NEW.status = 'REFUSED')`;
    await q.query(`CREATE TRIGGER report_dossiers_insert AFTER INSERT ON dossiers FOR EACH ROW WHEN ${counts} EXECUTE FUNCTION report_dossiers_trigger()`);
    await q.query(`CREATE TRIGGER report_dossiers_update AFTER UPDATE ON dossiers FOR EACH ROW
      WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
        OR OLD.processing_ended_at IS DISTINCT FROM NEW.processing_ended_at OR OLD.paused_at IS DISTINCT FROM NEW.paused_at
        OR OLD.extended_at IS DISTINCT FROM NEW.extended_at OR OLD.working_seconds IS DISTINCT FROM NEW.working_seconds
        OR OLD.allowed_working_seconds IS DISTINCT FROM NEW.allowed_working_seconds
        OR OLD.status IS DISTINCT FROM NEW.status OR OLD.timeliness IS DISTINCT FROM NEW.timeliness
        OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.agency_code IS DISTINCT FROM NEW.agency_code
        OR OLD.procedure_code IS DISTINCT FROM NEW.procedure_code OR OLD.sector_code IS DISTINCT FROM NEW.sector_code
        OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.fee_amount IS DISTINCT FROM NEW.fee_amount
        OR OLD.payment_status IS DISTINCT FROM NEW.payment_status)
      EXECUTE FUNCTION report_dossiers_trigger()`);
    await q.query(`CREATE TRIGGER report_dossiers_delete AFTER DELETE ON dossiers FOR EACH ROW
      WHEN (OLD.received_at IS NOT NULL OR OLD.status = 'REFUSED') EXECUTE FUNCTION report_dossiers_trigger()`);

    await q.query('TRUNCATE report_agency_rollup, report_procedure_rollup');
    await q.query(`INSERT INTO report_procedure_rollup (grain, bucket, agency_code, procedure_code, sector_code, ${cols})
      SELECT g.grain, CASE g.grain WHEN 'D' THEN m.day WHEN 'M' THEN date_trunc('month', m.day)::date ELSE date_trunc('year', m.day)::date END,
             m.agency, m.proc, m.sector, SUM(ro), SUM(rc), SUM(re), SUM(rt), SUM(rl), SUM(rf), SUM(wd), SUM(os), SUM(oe), SUM(fr), SUM(pd), SUM(rs), SUM(al), SUM(ap)
        FROM dossiers d CROSS JOIN LATERAL report_movements(d, 1) m CROSS JOIN (VALUES ('D'), ('M'), ('Y')) AS g(grain)
       WHERE d.received_at IS NOT NULL OR d.status = 'REFUSED'
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`);
    await q.query(`INSERT INTO report_agency_rollup (grain, bucket, agency_code, ${cols})
      SELECT grain, bucket, agency_code, SUM(received_online), SUM(received_counter), SUM(resolved_early), SUM(resolved_on_time),
             SUM(resolved_late), SUM(refused), SUM(withdrawn), SUM(overdue_started), SUM(overdue_ended), SUM(fee_required), SUM(paid),
             SUM(resolved_seconds), SUM(allowed_seconds), SUM(apologies)
        FROM report_procedure_rollup GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION working_seconds_between(timestamptz, timestamptz)`);
    for (const c of ['extended_at', 'paused_working_seconds', 'working_seconds', 'allowed_working_seconds']) await q.query(`ALTER TABLE "dossiers" DROP COLUMN "${c}"`);
    await q.query(`ALTER TABLE "report_agency_rollup" DROP COLUMN "apologies"`);
    await q.query(`ALTER TABLE "report_procedure_rollup" DROP COLUMN "apologies"`);
  }
}
