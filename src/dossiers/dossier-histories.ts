/**
 * Every dossier's whole history, page by page — the dossier core's read for the replay checker
 * (`npm run check:histories`, src/reporting/histories/). Keyset pages on the primary key
 * (`id > last id ORDER BY id LIMIT n`), then that page's events and stages in one query each,
 * so a walk over 10 M dossiers holds one page in memory and each page costs three index scans.
 * Works on the app's DataSource or on a plain pg client (a RunQuery), like the other bulk readers.
 */
import type { RunQuery } from '../database/production-marker';
import { toDossierRow, toEventRow, toStageRow, type DossierEventRow, type DossierRow, type DossierStageRow } from './dossier-rows';

/** One dossier as the checker replays it: its row, its events (in the order written) and its stages. */
export interface DossierHistory {
  dossier: DossierRow;
  events: DossierEventRow[];
  stages: DossierStageRow[];
}

export class DossierHistories {
  constructor(private readonly run: RunQuery) {}

  /** The page of dossiers after `afterId` (null: from the first), with their events and stages. */
  async page(afterId: string | null, size: number): Promise<DossierHistory[]> {
    const n = Math.max(1, Math.min(10_000, Math.floor(size)));
    const rows = afterId
      ? await this.run(`SELECT * FROM dossiers WHERE id > $1::uuid ORDER BY id LIMIT ${n}`, [afterId])
      : await this.run(`SELECT * FROM dossiers ORDER BY id LIMIT ${n}`);
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id as string);
    const [events, stages] = await Promise.all([
      this.run(`SELECT * FROM dossier_events WHERE dossier_id = ANY($1::uuid[]) ORDER BY dossier_id, id`, [ids]),
      this.run(`SELECT * FROM dossier_stages WHERE dossier_id = ANY($1::uuid[]) ORDER BY dossier_id, seq`, [ids]),
    ]);
    const byId = new Map<string, DossierHistory>();
    const out = rows.map((r) => {
      const h: DossierHistory = { dossier: toDossierRow(r), events: [], stages: [] };
      byId.set(h.dossier.id, h);
      return h;
    });
    for (const e of events) byId.get(e.dossier_id as string)?.events.push(toEventRow(e));
    for (const s of stages) byId.get(s.dossier_id as string)?.stages.push(toStageRow(s));
    return out;
  }

  /** All dossiers, one page at a time; the next page is read while the caller works on this one. */
  async *pages(size = 1000): AsyncGenerator<DossierHistory[]> {
    let next: Promise<DossierHistory[]> = this.page(null, size);
    for (;;) {
      const page = await next;
      if (!page.length) return;
      next = page.length < size ? Promise.resolve([]) : this.page(page[page.length - 1].dossier.id, size);
      next.catch(() => undefined); // awaited on the next turn; a caller that stops early leaves it unobserved
      yield page;
    }
  }
}
