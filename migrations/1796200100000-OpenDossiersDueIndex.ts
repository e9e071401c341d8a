import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 — the dashboard's two lists (open dossiers overdue now, and due within one working day:
 * DossierListings.openLists) for a province-wide scope have no agency to lead the
 * (agency_code, status, due_at) index, so they read every dossier (0.5–0.8 s at 1 M dossiers, and
 * growing with history). Open received dossiers are few (≈ 0.6 % at 1 M: they grow with the
 * monthly intake, not with the years of history); a partial index on their due time finds both
 * lists, and the overdue count, from them alone. Its predicate is implied by both queries as
 * written (`received_at IS NOT NULL` and the "not ended" rule's `processing_ended_at IS NULL`).
 */
export class OpenDossiersDueIndex1796200100000 implements MigrationInterface {
  name = 'OpenDossiersDueIndex1796200100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_dossiers_open_due" ON "dossiers" ("due_at") WHERE "processing_ended_at" IS NULL AND "received_at" IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_dossiers_open_due"`);
  }
}
