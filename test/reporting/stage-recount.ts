/**
 * Brute-force recount of the stage-outcome rollup (report_stage_rollup) from the raw rows of
 * `dossier_stages`, in JavaScript: a stage counts when its dossier has more than one stage
 * (inter-level) and it is completed, on the local (UTC+07:00) day of its completion, for the
 * agency that held it; it is late when its own timeliness is LATE. Day, month and year buckets.
 */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface StageRaw {
  dossier_id: string;
  agency_code: string;
  completed_at: Date | null;
  timeliness: string | null;
}

const localDay = (t: Date): string => new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** The counted stages (inter-level, completed), each with its local completion day. */
export function countedStages(rows: StageRaw[]): { agency: string; day: string; late: boolean }[] {
  const perDossier = new Map<string, number>();
  for (const r of rows) perDossier.set(r.dossier_id, (perDossier.get(r.dossier_id) ?? 0) + 1);
  return rows
    .filter((r) => r.completed_at && perDossier.get(r.dossier_id)! > 1)
    .map((r) => ({ agency: r.agency_code, day: localDay(new Date(r.completed_at!)), late: r.timeliness === 'LATE' }));
}

/** Expected rollup rows, `grain bucket agency` → [completed, late]. */
export function expectedRollup(rows: StageRaw[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const s of countedStages(rows)) {
    for (const key of [`D ${s.day}`, `M ${s.day.slice(0, 7)}-01`, `Y ${s.day.slice(0, 4)}-01-01`]) {
      const k = `${key} ${s.agency}`;
      const v = (out[k] ??= [0, 0]);
      v[0] += 1;
      if (s.late) v[1] += 1;
    }
  }
  return out;
}

/** Per agency over the whole local days from..to: what GET /api/v1/reports/stages must return. */
export function expectedPeriod(rows: StageRaw[], from: string, to: string, scope: Set<string> | null): { agencyCode: string; completed: number; late: number }[] {
  const m = new Map<string, { agencyCode: string; completed: number; late: number }>();
  for (const s of countedStages(rows)) {
    if (s.day < from || s.day > to || (scope && !scope.has(s.agency))) continue;
    const v = m.get(s.agency) ?? { agencyCode: s.agency, completed: 0, late: 0 };
    v.completed += 1;
    if (s.late) v.late += 1;
    m.set(s.agency, v);
  }
  return [...m.values()].sort((a, b) => b.late - a.late || (a.agencyCode < b.agencyCode ? -1 : a.agencyCode > b.agencyCode ? 1 : 0));
}

export async function rawStages(q: Query): Promise<StageRaw[]> {
  return (await q(`SELECT dossier_id, agency_code, completed_at, timeliness FROM dossier_stages`)) as unknown as StageRaw[];
}

/** The rollup as stored, zero rows left out (a key whose stages went away stays at 0). */
export async function storedRollup(q: Query): Promise<Record<string, [number, number]>> {
  const rows = await q(`SELECT grain, to_char(bucket, 'YYYY-MM-DD') AS bucket, agency_code, completed, late FROM report_stage_rollup
                         WHERE (completed, late) <> (0, 0)`);
  const out: Record<string, [number, number]> = {};
  for (const r of rows) out[`${r.grain} ${r.bucket} ${r.agency_code}`] = [Number(r.completed), Number(r.late)];
  return out;
}
