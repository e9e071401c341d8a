import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issues 11 and 12 — the clock rule of DESIGN.md "When a dossier is late", written once:
 * processing ends when the result is ready (the leader's approval), or at refusal or withdrawal.
 *
 * - `dossiers.processing_ended_at` records that instant (the workflow sets it; see
 *   src/dossiers/dossier-rules.ts and src/workflow/effects.ts). Back-filled from the first
 *   approval event, else the completion; timeliness is re-judged at that instant.
 * - The report's movements (report_movements) follow it:
 *     resolved / withdrawn  on the day processing ended (not the day the result was handed over);
 *     refused               refusals at reception, on their day, OUTSIDE the received balance
 *                           (they were never received — Thông tư 01/2018 counts them apart);
 *     overdue started/ended as before, except that a dossier paused for a supplement before its
 *                           due time is not overdue while it waits (paused_at <= due_at).
 *   Balance: carriedOver + received = resolved + withdrawn + inProgress.
 * - The update trigger also fires when processing_ended_at or paused_at change.
 * The rollups are rebuilt from the new movements at the end.
 */
export class ProcessingEnded1796090000000 implements MigrationInterface {
  name = 'ProcessingEnded1796090000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dossiers" ADD "processing_ended_at" TIMESTAMP WITH TIME ZONE`);

    await q.query(`ALTER TABLE dossiers DISABLE TRIGGER report_dossiers_update`);
    await q.query(`UPDATE dossiers d SET processing_ended_at = COALESCE(
        (SELECT min(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.action = 'approve'),
        CASE WHEN d.status IN ('RETURNED', 'REFUSED', 'WITHDRAWN', 'RESULT_READY') THEN COALESCE(d.completed_at, d.updated_at) END)
      WHERE d.status IN ('RESULT_READY', 'RETURNED', 'REFUSED', 'WITHDRAWN')
         OR EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.action = 'approve')`);
    // Timeliness judged when processing ended (an extension never makes a dossier on time).
    await q.query(`UPDATE dossiers SET timeliness = CASE
        WHEN extension_count > 0 THEN 'LATE'
        WHEN due_at IS NULL THEN 'ON_TIME'
        WHEN processing_ended_at > due_at THEN 'LATE'
        WHEN (processing_ended_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN 'EARLY'
        ELSE 'ON_TIME' END
      WHERE processing_ended_at IS NOT NULL AND status NOT IN ('REFUSED', 'WITHDRAWN')`);
    await q.query(`ALTER TABLE dossiers ENABLE TRIGGER report_dossiers_update`);

    await q.query(`CREATE OR REPLACE FUNCTION report_movements(d dossiers, s int)
      RETURNS TABLE(agency text, proc text, sector text, day date, ro int, rc int, re int, rt int, rl int, rf int, wd int,
                    os int, oe int, fr int, pd int, rs bigint, al bigint)
      LANGUAGE plpgsql AS $$
      DECLARE rd date; cd date; sd date; cat text; ended timestamptz;
      BEGIN
        ended := COALESCE(d.processing_ended_at, d.completed_at);
        IF d.received_at IS NULL THEN
          -- Refused at reception: counted on its day, outside the received balance.
          IF d.status = 'REFUSED' AND ended IS NOT NULL THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text,
              (ended AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, s, 0, 0, 0, 0, 0, 0::bigint, 0::bigint);
          END IF;
          RETURN;
        END IF;
        rd := (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
        RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, rd,
          CASE WHEN d.channel = 'ONLINE' THEN s ELSE 0 END, CASE WHEN d.channel = 'ONLINE' THEN 0 ELSE s END,
          0, 0, 0, 0, 0, 0, 0,
          CASE WHEN d.fee_amount > 0 THEN s ELSE 0 END,
          CASE WHEN d.fee_amount > 0 AND d.payment_status = 'PAID' THEN s ELSE 0 END, 0::bigint, 0::bigint);
        IF ended IS NOT NULL THEN
          cd := (ended AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
          cat := CASE WHEN d.status = 'WITHDRAWN' THEN 'WITHDRAWN'
                      ELSE COALESCE(d.timeliness, CASE WHEN d.due_at IS NOT NULL AND ended > d.due_at THEN 'LATE' ELSE 'ON_TIME' END) END;
          RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, cd, 0, 0,
            CASE WHEN cat = 'EARLY' THEN s ELSE 0 END, CASE WHEN cat = 'ON_TIME' THEN s ELSE 0 END,
            CASE WHEN cat = 'LATE' THEN s ELSE 0 END, 0,
            CASE WHEN cat = 'WITHDRAWN' THEN s ELSE 0 END, 0, 0, 0, 0,
            CASE WHEN cat IN ('EARLY', 'ON_TIME', 'LATE') THEN s * floor(extract(epoch FROM ended - d.received_at))::bigint ELSE 0::bigint END,
            CASE WHEN cat IN ('EARLY', 'ON_TIME', 'LATE') AND d.due_at IS NOT NULL
                 THEN s * floor(extract(epoch FROM d.due_at - d.received_at))::bigint ELSE 0::bigint END);
        END IF;
        -- Waiting for a supplement asked before the due time: the clock is stopped, not overdue.
        IF d.due_at IS NOT NULL AND NOT (d.paused_at IS NOT NULL AND d.paused_at <= d.due_at) THEN
          sd := greatest(rd, (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date);
          IF cd IS NULL OR sd <= cd THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, sd, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0, 0::bigint, 0::bigint);
          END IF;
          IF cd IS NOT NULL AND sd <= cd THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, cd, 0, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0::bigint, 0::bigint);
          END IF;
        END IF;
      END $$`);

    await q.query('DROP TRIGGER report_dossiers_insert ON dossiers');
    await q.query('DROP TRIGGER report_dossiers_update ON dossiers');
    await q.query('DROP TRIGGER report_dossiers_delete ON dossiers');
    const counts = `(NEW.received_at IS NOT NULL OR NEW.status = 'REFUSED')`;
    await q.query(`CREATE TRIGGER report_dossiers_insert AFTER INSERT ON dossiers FOR EACH ROW
      WHEN ${counts} EXECUTE FUNCTION report_dossiers_trigger()`);
    await q.query(`CREATE TRIGGER report_dossiers_update AFTER UPDATE ON dossiers FOR EACH ROW
      WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
        OR OLD.processing_ended_at IS DISTINCT FROM NEW.processing_ended_at OR OLD.paused_at IS DISTINCT FROM NEW.paused_at
        OR OLD.status IS DISTINCT FROM NEW.status OR OLD.timeliness IS DISTINCT FROM NEW.timeliness
        OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.agency_code IS DISTINCT FROM NEW.agency_code
        OR OLD.procedure_code IS DISTINCT FROM NEW.procedure_code OR OLD.sector_code IS DISTINCT FROM NEW.sector_code
        OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.fee_amount IS DISTINCT FROM NEW.fee_amount
        OR OLD.payment_status IS DISTINCT FROM NEW.payment_status)
      EXECUTE FUNCTION report_dossiers_trigger()`);
    await q.query(`CREATE TRIGGER report_dossiers_delete AFTER DELETE ON dossiers FOR EACH ROW
      WHEN (OLD.received_at IS NOT NULL OR OLD.status = 'REFUSED') EXECUTE FUNCTION report_dossiers_trigger()`);

    await rebuild(q);
  }

  public async down(q: QueryRunner): Promise<void> {
    // The previous movements stay in ReportingOrderedTrigger1795384100000; re-running that
    // migration's up() restores them. Here the column goes and the rollups are rebuilt without it.
    await q.query(`ALTER TABLE "dossiers" DROP COLUMN "processing_ended_at"`);
  }
}

/** Rollups recomputed from report_movements() of every dossier (the trigger's own function). */
async function rebuild(q: QueryRunner): Promise<void> {
  const cols = `received_online, received_counter, resolved_early, resolved_on_time, resolved_late, refused, withdrawn,
    overdue_started, overdue_ended, fee_required, paid, resolved_seconds, allowed_seconds`;
  await q.query('TRUNCATE report_agency_rollup, report_procedure_rollup');
  await q.query(`INSERT INTO report_procedure_rollup (grain, bucket, agency_code, procedure_code, sector_code, ${cols})
    SELECT g.grain, CASE g.grain WHEN 'D' THEN m.day WHEN 'M' THEN date_trunc('month', m.day)::date ELSE date_trunc('year', m.day)::date END,
           m.agency, m.proc, m.sector, SUM(ro), SUM(rc), SUM(re), SUM(rt), SUM(rl), SUM(rf), SUM(wd), SUM(os), SUM(oe), SUM(fr), SUM(pd), SUM(rs), SUM(al)
      FROM dossiers d CROSS JOIN LATERAL report_movements(d, 1) m CROSS JOIN (VALUES ('D'), ('M'), ('Y')) AS g(grain)
     WHERE d.received_at IS NOT NULL OR d.status = 'REFUSED'
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`);
  await q.query(`INSERT INTO report_agency_rollup (grain, bucket, agency_code, ${cols})
    SELECT grain, bucket, agency_code, SUM(received_online), SUM(received_counter), SUM(resolved_early), SUM(resolved_on_time),
           SUM(resolved_late), SUM(refused), SUM(withdrawn), SUM(overdue_started), SUM(overdue_ended), SUM(fee_required), SUM(paid),
           SUM(resolved_seconds), SUM(allowed_seconds)
      FROM report_procedure_rollup GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
}
