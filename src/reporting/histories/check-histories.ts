/**
 * The replay checker over a whole database (issue 12, "every generated history lawful"): walks every
 * dossier page by page (the dossier core's DossierHistories, keyset on the id), replays each one
 * through the workflow's rules (replay.ts) with the procedure version it is pinned to and today's
 * working calendar (calendar_exceptions, with the configured late-reception cut-off), and collects
 * the violations. Shared by `npm run check:histories` (src/cli/check-histories.ts) and the tests.
 */
import { WorkingCalendar } from '../../calendar/working-calendar';
import type { CalendarException } from '../../calendar/calendar.types';
import type { RunQuery } from '../../database/production-marker';
import { DossierHistories } from '../../dossiers/dossier-histories';
import { procedureTerms } from '../../workflow/effects';
import { replay, type ReplayAgency, type ReplayTerms } from './replay';
import { VIOLATION_KINDS, type Violation, type ViolationKind } from './violations';

export interface CheckOptions {
  /** Stop after this many dossiers (default: all). */
  limit?: number;
  /** Dossiers per page (default 1000). */
  pageSize?: number;
  /** Keep at most this many violations in the result (counts stay whole; default 1000). */
  keep?: number;
  /** Minutes after local midnight of the late-reception cut-off, as configured (LATE_RECEPTION_CUTOFF). */
  lateReceptionCutoffMinutes?: number | null;
  /** Progress, every page. */
  progress?: (checked: number) => void;
}

export interface CheckResult {
  checked: number;
  /** Dossiers with at least one violation. */
  dossiersWithViolations: number;
  byKind: Record<ViolationKind, number>;
  /** Dossiers with at least one violation of each kind. */
  dossiersByKind: Record<ViolationKind, number>;
  /** Forbidden moves by action and the status they were tried in ("refuse ← RECEIVED": a refusal after reception). */
  forbiddenMoves: Record<string, number>;
  /** The first violations found (at most `keep`). */
  violations: Violation[];
}

type Db = RunQuery | { query(sql: string, params?: unknown[]): Promise<unknown> };

/** A TypeORM DataSource/EntityManager, a pg Client/Pool, or a RunQuery: pg answers `{ rows }`, TypeORM the rows. */
function runner(db: Db): RunQuery {
  if (typeof db === 'function') return db;
  return async (sql, params) => {
    const r = await db.query(sql, params);
    if (r && !Array.isArray(r) && Array.isArray((r as { rows?: unknown }).rows)) return (r as { rows: Record<string, unknown>[] }).rows;
    return (Array.isArray(r) ? r : []) as Record<string, unknown>[];
  };
}

/** Today's working calendar as the workflow loads it (CalendarService: the exceptions and the cut-off). */
export async function loadCalendar(run: RunQuery, lateReceptionCutoff: number | null): Promise<WorkingCalendar> {
  const rows = await run(`SELECT date::text AS date, name, working FROM calendar_exceptions ORDER BY date`);
  const exceptions: CalendarException[] = rows.map((r) => ({ date: String(r.date), name: String(r.name), working: Boolean(r.working) }));
  return new WorkingCalendar(exceptions, { lateReceptionCutoff });
}

export async function checkHistories(db: Db, opts: CheckOptions = {}): Promise<CheckResult> {
  const run = runner(db);
  const calendar = await loadCalendar(run, opts.lateReceptionCutoffMinutes ?? null);
  const agencyRows = await run(`SELECT code, name, level, kind FROM agencies`);
  const agencies = new Map<string, ReplayAgency>(agencyRows.map((a) => [String(a.code), { code: String(a.code), name: String(a.name), level: String(a.level), kind: String(a.kind) }]));
  const agency = (code: string) => agencies.get(code);
  const terms = new Map<string, ReplayTerms>();
  const keep = opts.keep ?? 1000;
  const limit = opts.limit ?? Infinity;
  const byKind = Object.fromEntries(VIOLATION_KINDS.map((k) => [k, 0])) as Record<ViolationKind, number>;
  const violations: Violation[] = [];
  const dossiersByKind = Object.fromEntries(VIOLATION_KINDS.map((k) => [k, 0])) as Record<ViolationKind, number>;
  const forbiddenMoves: Record<string, number> = {};
  let checked = 0;
  let dossiersWithViolations = 0;

  const histories = new DossierHistories(run);
  for await (const page of histories.pages(Math.min(opts.pageSize ?? 1000, Number.isFinite(limit) ? Math.max(1, limit) : Infinity))) {
    const missing = [...new Set(page.map((h) => h.dossier.procedureId))].filter((id) => !terms.has(id));
    if (missing.length) {
      const rows = await run(`SELECT id, processing_value, processing_unit, requires_prepayment, steps FROM procedures WHERE id = ANY($1::uuid[])`, [missing]);
      for (const p of rows) {
        terms.set(String(p.id), {
          ...procedureTerms(p as { processing_value: string; processing_unit: 'WORKING_DAY' | 'WORKING_HOUR'; steps: unknown }),
          requiresPrepayment: Boolean(p.requires_prepayment),
        });
      }
    }
    for (const h of page) {
      if (checked >= limit) break;
      checked++;
      const p = terms.get(h.dossier.procedureId);
      const found: Violation[] = p
        ? replay(h.dossier, h.events, h.stages, p, calendar, agency)
        : [{ kind: 'history', code: h.dossier.code, vi: 'Không tìm thấy phiên bản thủ tục của hồ sơ', en: 'The procedure version of the dossier is missing' }];
      if (!found.length) continue;
      dossiersWithViolations++;
      for (const k of new Set(found.map((v) => v.kind))) dossiersByKind[k]++;
      for (const v of found) {
        byKind[v.kind]++;
        if (v.move) forbiddenMoves[v.move] = (forbiddenMoves[v.move] ?? 0) + 1;
        if (violations.length < keep) violations.push(v);
      }
    }
    opts.progress?.(checked);
    if (checked >= limit) break;
  }
  return { checked, dossiersWithViolations, byKind, dossiersByKind, forbiddenMoves, violations };
}
