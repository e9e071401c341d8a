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
 * Rebuilds both reporting rollups from the raw dossiers with set-based SQL: the same movements the
 * trigger function `report_apply` records row by row (see migration ReportingRollups1795384000000),
 * computed in one scan of `dossiers` (each dossier fans out to ≤ 4 dated movements), aggregated per
 * day, then rolled up to months and years. Used after a bulk COPY (triggers off) and by the
 * correctness test, which compares it with what the triggers maintained.
 * Rows are written in primary-key order, so the few rows a report reads (year and month buckets)
 * sit on few pages. Takes a SHARE lock on dossiers: writers wait, readers do not.
 */
export function rebuildRollupsSql(): string[] {
  const cols = `received_online, received_counter, resolved_early, resolved_on_time, resolved_late, refused, withdrawn,
      overdue_started, overdue_ended, fee_required, paid, resolved_seconds, allowed_seconds`;
  const sums = `SUM(ro), SUM(rc), SUM(re), SUM(rt), SUM(rl), SUM(rf), SUM(wd), SUM(os), SUM(oe), SUM(fr), SUM(pd), SUM(rs), SUM(al)`;
  return [
    `SET LOCAL work_mem = '256MB'`,
    'LOCK TABLE dossiers IN SHARE MODE',
    'TRUNCATE report_agency_rollup, report_procedure_rollup',
    `CREATE TEMP TABLE _report_daily ON COMMIT DROP AS
      WITH d AS (
        SELECT agency_code AS a, procedure_code AS p, sector_code AS s, channel, fee_amount, payment_status,
               received_at, completed_at, due_at,
               ${localDay('received_at')} AS rd,
               ${localDay('completed_at')} AS cd,
               greatest(${localDay('received_at')}, ${localDay('due_at')}) AS sd,
               CASE WHEN completed_at IS NULL THEN NULL
                    WHEN status = 'REFUSED' THEN 'REFUSED' WHEN status = 'WITHDRAWN' THEN 'WITHDRAWN'
                    ELSE COALESCE(timeliness, CASE WHEN due_at IS NOT NULL AND completed_at > due_at THEN 'LATE' ELSE 'ON_TIME' END) END AS cat
        FROM dossiers WHERE received_at IS NOT NULL
      )
      SELECT d.a, d.p, d.s, m.day,
        SUM(m.ro)::int AS ro, SUM(m.rc)::int AS rc, SUM(m.re)::int AS re, SUM(m.rt)::int AS rt, SUM(m.rl)::int AS rl,
        SUM(m.rf)::int AS rf, SUM(m.wd)::int AS wd, SUM(m.os)::int AS os, SUM(m.oe)::int AS oe,
        SUM(m.fr)::int AS fr, SUM(m.pd)::int AS pd, SUM(m.rs)::bigint AS rs, SUM(m.al)::bigint AS al
      FROM d CROSS JOIN LATERAL (VALUES
        (d.rd, (d.channel = 'ONLINE')::int, (d.channel <> 'ONLINE')::int, 0, 0, 0, 0, 0, 0, 0,
          (d.fee_amount > 0)::int, (d.fee_amount > 0 AND d.payment_status = 'PAID')::int, 0::bigint, 0::bigint),
        (d.cd, 0, 0, (d.cat = 'EARLY')::int, (d.cat = 'ON_TIME')::int, (d.cat = 'LATE')::int, (d.cat = 'REFUSED')::int,
          (d.cat = 'WITHDRAWN')::int, 0, 0, 0, 0,
          CASE WHEN d.cat IN ('EARLY', 'ON_TIME', 'LATE') THEN floor(extract(epoch FROM d.completed_at - d.received_at))::bigint ELSE 0 END,
          CASE WHEN d.cat IN ('EARLY', 'ON_TIME', 'LATE') AND d.due_at IS NOT NULL THEN floor(extract(epoch FROM d.due_at - d.received_at))::bigint ELSE 0 END),
        (CASE WHEN d.due_at IS NOT NULL AND (d.cd IS NULL OR d.sd <= d.cd) THEN d.sd END, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0::bigint, 0::bigint),
        (CASE WHEN d.due_at IS NOT NULL AND d.cd IS NOT NULL AND d.sd <= d.cd THEN d.cd END, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0::bigint, 0::bigint)
      ) AS m(day, ro, rc, re, rt, rl, rf, wd, os, oe, fr, pd, rs, al)
      WHERE m.day IS NOT NULL
      GROUP BY d.a, d.p, d.s, m.day`,
    `INSERT INTO report_procedure_rollup (grain, bucket, agency_code, procedure_code, sector_code, ${cols})
      SELECT 'D', day, a, p, s, ro, rc, re, rt, rl, rf, wd, os, oe, fr, pd, rs, al FROM _report_daily
      UNION ALL
      SELECT 'M', date_trunc('month', day)::date, a, p, s, ${sums} FROM _report_daily GROUP BY 2, 3, 4, 5
      UNION ALL
      SELECT 'Y', date_trunc('year', day)::date, a, p, s, ${sums} FROM _report_daily GROUP BY 2, 3, 4, 5
      ORDER BY 1, 2, 3, 4, 5`,
    `INSERT INTO report_agency_rollup (grain, bucket, agency_code, ${cols})
      SELECT grain, bucket, agency_code, SUM(received_online), SUM(received_counter), SUM(resolved_early), SUM(resolved_on_time),
        SUM(resolved_late), SUM(refused), SUM(withdrawn), SUM(overdue_started), SUM(overdue_ended), SUM(fee_required), SUM(paid),
        SUM(resolved_seconds), SUM(allowed_seconds)
      FROM report_procedure_rollup GROUP BY grain, bucket, agency_code ORDER BY grain, bucket, agency_code`,
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

