import { DataSource, type EntityManager } from 'typeorm';

/**
 * Local (Asia/Ho_Chi_Minh) date of a timestamptz by integer arithmetic — Vietnam is UTC+07:00 with no
 * daylight saving since 1975, so this equals `(ts AT TIME ZONE 'Asia/Ho_Chi_Minh')::date` (what the
 * trigger uses) and is several times faster over millions of rows.
 */
function localDay(col: string): string {
  return `(date '1970-01-01' + ((extract(epoch FROM ${col})::bigint + 25200) / 86400)::int)`;
}

/**
 * Rebuilds the reporting rollups from the raw dossiers (and the stage-outcome rollup from their stages) with set-based SQL: the same movements the
 * trigger function `report_movements` records row by row (latest: migration ProcessingEnded1796090000000),
 * computed in one scan of `dossiers` (each dossier fans out to ≤ 4 dated movements), aggregated per
 * day, then rolled up to months and years. Used after a bulk COPY (triggers off) and by the
 * correctness test, which compares it with what the triggers maintained.
 * Rows are written in primary-key order, so the few rows a report reads (year and month buckets)
 * sit on few pages. Takes a SHARE lock on dossiers: writers wait, readers do not.
 */
export function rebuildRollupsSql(): string[] {
  const cols = `received_online, received_counter, resolved_early, resolved_on_time, resolved_late, refused, withdrawn,
      overdue_started, overdue_ended, fee_required, paid, resolved_seconds, allowed_seconds, apologies`;
  const sums = `SUM(ro), SUM(rc), SUM(re), SUM(rt), SUM(rl), SUM(rf), SUM(wd), SUM(os), SUM(oe), SUM(fr), SUM(pd), SUM(rs), SUM(al), SUM(ap)`;
  return [
    `SET LOCAL work_mem = '256MB'`,
    'LOCK TABLE dossiers IN SHARE MODE',
    'TRUNCATE report_agency_rollup, report_procedure_rollup',
    `CREATE TEMP TABLE _report_daily ON COMMIT DROP AS
      WITH d AS (
        SELECT agency_code AS a, procedure_code AS p, sector_code AS s, channel, fee_amount, payment_status,
               received_at, ended, due_at, working_seconds, allowed_working_seconds,
               ${localDay('extended_at')} AS xd,
               ${localDay('received_at')} AS rd,
               ${localDay('ended')} AS cd,
               greatest(${localDay('received_at')}, ${localDay('due_at')}) AS sd,
               -- paused for a supplement before the due time: not overdue while it waits
               (due_at IS NOT NULL AND NOT (paused_at IS NOT NULL AND paused_at <= due_at)) AS may_overdue,
               CASE WHEN ended IS NULL THEN NULL
                    WHEN status = 'WITHDRAWN' THEN 'WITHDRAWN'
                    ELSE COALESCE(timeliness, CASE WHEN due_at IS NOT NULL AND ended > due_at THEN 'LATE' ELSE 'ON_TIME' END) END AS cat
        FROM (SELECT *, COALESCE(processing_ended_at, completed_at) AS ended FROM dossiers WHERE received_at IS NOT NULL) x
      ),
      refusals AS (
        SELECT agency_code AS a, procedure_code AS p, sector_code AS s, ${localDay('COALESCE(processing_ended_at, completed_at)')} AS day
        FROM dossiers WHERE received_at IS NULL AND status = 'REFUSED' AND COALESCE(processing_ended_at, completed_at) IS NOT NULL
      )
      SELECT a, p, s, day, SUM(ro)::int AS ro, SUM(rc)::int AS rc, SUM(re)::int AS re, SUM(rt)::int AS rt, SUM(rl)::int AS rl,
        SUM(rf)::int AS rf, SUM(wd)::int AS wd, SUM(os)::int AS os, SUM(oe)::int AS oe,
        SUM(fr)::int AS fr, SUM(pd)::int AS pd, SUM(rs)::bigint AS rs, SUM(al)::bigint AS al, SUM(ap)::int AS ap
      FROM (
        SELECT d.a, d.p, d.s, m.*
        FROM d CROSS JOIN LATERAL (VALUES
          (d.rd, (d.channel = 'ONLINE')::int, (d.channel <> 'ONLINE')::int, 0, 0, 0, 0, 0, 0, 0,
            (d.fee_amount > 0)::int, (d.fee_amount > 0 AND d.payment_status = 'PAID')::int, 0::bigint, 0::bigint, 0),
          (d.xd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::bigint, 0::bigint, 1),
          (d.cd, 0, 0, (d.cat = 'EARLY')::int, (d.cat = 'ON_TIME')::int, (d.cat = 'LATE')::int, 0,
            (d.cat = 'WITHDRAWN')::int, 0, 0, 0, 0,
            CASE WHEN d.cat IN ('EARLY', 'ON_TIME', 'LATE') THEN COALESCE(d.working_seconds, 0)::bigint ELSE 0 END,
            CASE WHEN d.cat IN ('EARLY', 'ON_TIME', 'LATE') THEN COALESCE(d.allowed_working_seconds, 0)::bigint ELSE 0 END, 0),
          (CASE WHEN d.may_overdue AND (d.cd IS NULL OR d.sd <= d.cd) THEN d.sd END, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0::bigint, 0::bigint, 0),
          (CASE WHEN d.may_overdue AND d.cd IS NOT NULL AND d.sd <= d.cd THEN d.cd END, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0::bigint, 0::bigint, 0)
        ) AS m(day, ro, rc, re, rt, rl, rf, wd, os, oe, fr, pd, rs, al, ap)
        WHERE m.day IS NOT NULL
        UNION ALL
        SELECT a, p, s, day, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0::bigint, 0::bigint, 0 FROM refusals
      ) u
      GROUP BY a, p, s, day`,
    `INSERT INTO report_procedure_rollup (grain, bucket, agency_code, procedure_code, sector_code, ${cols})
      SELECT 'D', day, a, p, s, ro, rc, re, rt, rl, rf, wd, os, oe, fr, pd, rs, al, ap FROM _report_daily
      UNION ALL
      SELECT 'M', date_trunc('month', day)::date, a, p, s, ${sums} FROM _report_daily GROUP BY 2, 3, 4, 5
      UNION ALL
      SELECT 'Y', date_trunc('year', day)::date, a, p, s, ${sums} FROM _report_daily GROUP BY 2, 3, 4, 5
      ORDER BY 1, 2, 3, 4, 5`,
    `INSERT INTO report_agency_rollup (grain, bucket, agency_code, ${cols})
      SELECT grain, bucket, agency_code, SUM(received_online), SUM(received_counter), SUM(resolved_early), SUM(resolved_on_time),
        SUM(resolved_late), SUM(refused), SUM(withdrawn), SUM(overdue_started), SUM(overdue_ended), SUM(fee_required), SUM(paid),
        SUM(resolved_seconds), SUM(allowed_seconds), SUM(apologies)
      FROM report_procedure_rollup GROUP BY grain, bucket, agency_code ORDER BY grain, bucket, agency_code`,
    ...rebuildStageRollupSql(),
  ];
}

/**
 * The stage-outcome rollup (migration StageOutcomeRollup1796200000000) recomputed from `dossier_stages`
 * as its triggers keep it: per agency that held a stage and local day of its completion, the completed
 * stages of inter-level dossiers (more than one stage) and how many of them ended late (the stage's
 * own `timeliness`, set by the workflow when it closes the stage). Part of rebuildRollupsSql(), so
 * every rebuild (bulk generator, demo purge, correctness tests) includes it.
 */
export function rebuildStageRollupSql(): string[] {
  return [
    'LOCK TABLE dossier_stages IN SHARE MODE',
    'TRUNCATE report_stage_rollup',
    `INSERT INTO report_stage_rollup (grain, bucket, agency_code, completed, late)
      SELECT g.grain,
             CASE g.grain WHEN 'D' THEN x.day WHEN 'M' THEN date_trunc('month', x.day)::date ELSE date_trunc('year', x.day)::date END,
             x.agency_code, SUM(x.completed)::int, SUM(x.late)::int
        FROM (
          SELECT s.agency_code, ${localDay('s.completed_at')} AS day,
                 count(*) AS completed, count(*) FILTER (WHERE s.timeliness = 'LATE') AS late
            FROM dossier_stages s
           WHERE s.completed_at IS NOT NULL
             AND s.dossier_id IN (SELECT dossier_id FROM dossier_stages GROUP BY dossier_id HAVING count(*) > 1)
           GROUP BY 1, 2
        ) x
        CROSS JOIN (VALUES ('D'), ('M'), ('Y')) AS g(grain)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ];
}

/** The satisfaction rollup (month × agency × sector) recomputed from the ratings, as its trigger keeps it. */
export function rebuildSatisfactionRollupSql(): string[] {
  return [
    'TRUNCATE satisfaction_rollup',
    `INSERT INTO satisfaction_rollup (month, agency_code, sector_code, very_satisfied, satisfied, acceptable, dissatisfied)
      SELECT date_trunc('month', rated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, agency_code, sector_code,
        count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 1)
      FROM satisfaction_ratings GROUP BY 1, 2, 3`,
  ];
}

export async function rebuildRollups(ds: DataSource | EntityManager): Promise<{ dailyRows: number }> {
  const run = async (m: EntityManager) => {
    for (const sql of rebuildRollupsSql()) await m.query(sql);
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM _report_daily`);
    return { dailyRows: n as number };
  };
  return ds instanceof DataSource ? ds.transaction(run) : run(ds);
}

