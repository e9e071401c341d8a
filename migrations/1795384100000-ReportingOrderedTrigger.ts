import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting triggers, second version: the same movements as `report_apply` (ReportingRollups1795384000000),
 * but each firing nets OLD (−1) and NEW (+1) per rollup key and writes each table with ONE
 * `INSERT … SELECT … ORDER BY key ON CONFLICT DO UPDATE`, so that:
 *  - concurrent transitions always lock rollup rows in the same order (agency table, then
 *    procedure table; by grain, bucket, agency, procedure, sector): no deadlock between two
 *    transitions of one agency, which the first version (upserts in movement order) allowed;
 *  - keys whose net change is zero (RESULT_READY → RETURNED, a due date moved within a day…) are
 *    not written at all: fewer writes, fewer row locks.
 */
export class ReportingOrderedTrigger1795384100000 implements MigrationInterface {
  name = 'ReportingOrderedTrigger1795384100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION report_movements(d dossiers, s int)
      RETURNS TABLE(agency text, proc text, sector text, day date, ro int, rc int, re int, rt int, rl int, rf int, wd int,
                    os int, oe int, fr int, pd int, rs bigint, al bigint)
      LANGUAGE plpgsql AS $$
      DECLARE rd date; cd date; sd date; cat text;
      BEGIN
        IF d.received_at IS NULL THEN RETURN; END IF;
        rd := (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
        RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, rd,
          CASE WHEN d.channel = 'ONLINE' THEN s ELSE 0 END, CASE WHEN d.channel = 'ONLINE' THEN 0 ELSE s END,
          0, 0, 0, 0, 0, 0, 0,
          CASE WHEN d.fee_amount > 0 THEN s ELSE 0 END,
          CASE WHEN d.fee_amount > 0 AND d.payment_status = 'PAID' THEN s ELSE 0 END, 0::bigint, 0::bigint);
        IF d.completed_at IS NOT NULL THEN
          cd := (d.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
          cat := CASE WHEN d.status = 'REFUSED' THEN 'REFUSED' WHEN d.status = 'WITHDRAWN' THEN 'WITHDRAWN'
                      ELSE COALESCE(d.timeliness, CASE WHEN d.due_at IS NOT NULL AND d.completed_at > d.due_at THEN 'LATE' ELSE 'ON_TIME' END) END;
          RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, cd, 0, 0,
            CASE WHEN cat = 'EARLY' THEN s ELSE 0 END, CASE WHEN cat = 'ON_TIME' THEN s ELSE 0 END,
            CASE WHEN cat = 'LATE' THEN s ELSE 0 END, CASE WHEN cat = 'REFUSED' THEN s ELSE 0 END,
            CASE WHEN cat = 'WITHDRAWN' THEN s ELSE 0 END, 0, 0, 0, 0,
            CASE WHEN cat IN ('EARLY', 'ON_TIME', 'LATE') THEN s * floor(extract(epoch FROM d.completed_at - d.received_at))::bigint ELSE 0::bigint END,
            CASE WHEN cat IN ('EARLY', 'ON_TIME', 'LATE') AND d.due_at IS NOT NULL
                 THEN s * floor(extract(epoch FROM d.due_at - d.received_at))::bigint ELSE 0::bigint END);
        END IF;
        IF d.due_at IS NOT NULL THEN
          sd := greatest(rd, (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date);
          IF cd IS NULL OR sd <= cd THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, sd, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0, 0::bigint, 0::bigint);
          END IF;
          IF cd IS NOT NULL AND sd <= cd THEN
            RETURN QUERY VALUES (d.agency_code::text, d.procedure_code::text, d.sector_code::text, cd, 0, 0, 0, 0, 0, 0, 0, 0, s, 0, 0, 0::bigint, 0::bigint);
          END IF;
        END IF;
      END $$`);

    const sums = `SUM(ro)::int AS ro, SUM(rc)::int AS rc, SUM(re)::int AS re, SUM(rt)::int AS rt, SUM(rl)::int AS rl, SUM(rf)::int AS rf,
      SUM(wd)::int AS wd, SUM(os)::int AS os, SUM(oe)::int AS oe, SUM(fr)::int AS fr, SUM(pd)::int AS pd, SUM(rs)::bigint AS rs, SUM(al)::bigint AS al`;
    const nonZero = `HAVING (SUM(ro), SUM(rc), SUM(re), SUM(rt), SUM(rl), SUM(rf), SUM(wd), SUM(os), SUM(oe), SUM(fr), SUM(pd), SUM(rs), SUM(al))
      <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::numeric, 0::numeric)`;
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
      allowed_seconds = r.allowed_seconds + EXCLUDED.allowed_seconds`;
    const cols = `received_online, received_counter, resolved_early, resolved_on_time, resolved_late, refused, withdrawn,
      overdue_started, overdue_ended, fee_required, paid, resolved_seconds, allowed_seconds`;
    await q.query(`CREATE OR REPLACE FUNCTION report_dossiers_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION report_dossiers_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM report_apply(OLD, -1); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM report_apply(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await q.query('DROP FUNCTION report_movements(dossiers, int)');
  }
}
