/**
 * The dossier tables' one owner: every read and write of one dossier — `dossiers`,
 * `dossier_events`, `dossier_stages`, `dossier_documents` — goes through this repository
 * (Immich's repository pattern), with rows typed and mapped once (dossier-rows.ts). Lists and
 * report queries over many dossiers are in dossier-listings.repository.ts; bulk COPY writers use
 * dossier-copy.ts. Services hold the rules; these files only talk to the database.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DossierAccess } from './dossier-access';
import { notEndedSql } from './dossier-rules';
import type { DossierChangeSet, NewDossier, NewEvent, StageWrite } from './dossier-writes';
import { toDocumentRow, toDossierRow, toEventRow, toStageRow, type DossierDocumentRow, type DossierEventRow, type DossierRow, type DossierStageRow } from './dossier-rows';

type Db = DataSource | EntityManager;

const ROW_WITH_NAMES = `SELECT d.*, COALESCE(p.name, d.procedure_code) AS procedure_name, COALESCE(a.name, d.agency_code) AS agency_name
  FROM dossiers d LEFT JOIN procedures p ON p.id = d.procedure_id LEFT JOIN agencies a ON a.code = d.agency_code`;

/** Snake-case column of each writable camelCase field. */
const COLUMNS: Record<keyof DossierChangeSet, string> = {
  status: 'status',
  agencyCode: 'agency_code',
  receivedAt: 'received_at',
  dueAt: 'due_at',
  originalDueAt: 'original_due_at',
  pausedAt: 'paused_at',
  processingEndedAt: 'processing_ended_at',
  completedAt: 'completed_at',
  timeliness: 'timeliness',
  extensionCount: 'extension_count',
  extendedAt: 'extended_at',
  pausedWorkingSeconds: 'paused_working_seconds',
  workingSeconds: 'working_seconds',
  allowedWorkingSeconds: 'allowed_working_seconds',
  assigneeUserId: 'assignee_user_id',
  currentStep: 'current_step',
  currentStepDueAt: 'current_step_due_at',
};

@Injectable()
export class DossierRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private db(m?: EntityManager): Db {
    return m ?? this.ds;
  }

  // ── one dossier ──

  async findByCode(code: string, m?: EntityManager): Promise<DossierRow | null> {
    if (typeof code !== 'string' || code.length === 0 || code.length > 48) return null;
    const [r] = await this.db(m).query(`${ROW_WITH_NAMES} WHERE d.code = $1`, [code]);
    return r ? toDossierRow(r) : null;
  }

  async findById(id: string, m?: EntityManager): Promise<DossierRow | null> {
    const [r] = await this.db(m).query(`${ROW_WITH_NAMES} WHERE d.id = $1`, [id]);
    return r ? toDossierRow(r) : null;
  }

  /** Who owns it and every agency entitled to it, in one query (the access gate's input). */
  async access(code: string): Promise<DossierAccess | null> {
    if (typeof code !== 'string' || code.length === 0 || code.length > 48) return null;
    const [r] = await this.ds.query(
      `SELECT d.id, d.code, d.agency_code, d.receiving_agency_code, d.applicant_user_id, d.applicant_personal_id,
              COALESCE((SELECT array_agg(DISTINCT s.agency_code) FROM dossier_stages s WHERE s.dossier_id = d.id), '{}') AS stage_agencies
         FROM dossiers d WHERE d.code = $1`,
      [code],
    );
    if (!r) return null;
    return {
      id: r.id,
      code: r.code,
      agencyCode: r.agency_code,
      receivingAgencyCode: r.receiving_agency_code,
      ownerUserId: r.applicant_user_id,
      ownerPersonalId: r.applicant_personal_id,
      stageAgencyCodes: r.stage_agencies,
    };
  }

  async events(dossierId: string, m?: EntityManager): Promise<DossierEventRow[]> {
    return (await this.db(m).query(`SELECT * FROM dossier_events WHERE dossier_id = $1 ORDER BY id`, [dossierId])).map(toEventRow);
  }

  async stages(dossierId: string, m?: EntityManager): Promise<DossierStageRow[]> {
    return (await this.db(m).query(`SELECT * FROM dossier_stages WHERE dossier_id = $1 ORDER BY seq`, [dossierId])).map(toStageRow);
  }

  async documents(dossierId: string, m?: EntityManager): Promise<DossierDocumentRow[]> {
    const rows = await this.db(m).query(
      `SELECT dd.document_key, f.id, f.name, f.size, f.mime_type FROM dossier_documents dd JOIN files f ON f.id = dd.file_id
        WHERE dd.dossier_id = $1 ORDER BY dd.id`,
      [dossierId],
    );
    return rows.map(toDocumentRow);
  }

  /** Everything a whole view of the dossier needs besides its row. */
  async parts(dossierId: string, m?: EntityManager) {
    const [events, stages, documents, result] = await Promise.all([
      this.events(dossierId, m),
      this.stages(dossierId, m),
      this.documents(dossierId, m),
      this.db(m).query(`SELECT file_id FROM result_documents WHERE dossier_id = $1 ORDER BY issued_at DESC LIMIT 1`, [dossierId]) as Promise<{ file_id: string }[]>,
    ]);
    return { events, stages, documents, resultFileId: result[0]?.file_id ?? null };
  }

  /** The last event's actor and time (who changed the dossier before a stale write). */
  async lastChange(dossierId: string, m?: EntityManager): Promise<{ actorName: string; at: Date } | null> {
    const [e] = await this.db(m).query(`SELECT actor_name, at FROM dossier_events WHERE dossier_id = $1 ORDER BY id DESC LIMIT 1`, [dossierId]);
    return e ? { actorName: e.actor_name, at: new Date(e.at) } : null;
  }

  async eventById(eventId: string, m?: EntityManager): Promise<DossierEventRow | null> {
    const [e] = await this.db(m).query(`SELECT * FROM dossier_events WHERE id = $1`, [eventId]);
    return e ? toEventRow(e) : null;
  }

  /** The most recent event of an action (e.g. the supplement request a supplement answers). */
  async lastEventOf(dossierId: string, action: string, m?: EntityManager): Promise<DossierEventRow | null> {
    const [e] = await this.db(m).query(`SELECT * FROM dossier_events WHERE dossier_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1`, [dossierId, action]);
    return e ? toEventRow(e) : null;
  }

  /** Dossiers filed together by one life-event form (their codes, in order). */
  async bundleCodes(dossierId: string): Promise<string[]> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT code FROM dossiers WHERE bundle_id = (SELECT bundle_id FROM dossiers WHERE id = $1) ORDER BY code`,
      [dossierId],
    );
    return rows.map((r) => r.code);
  }

  /** Codes of the dossiers a file belongs to (as an attachment or as the signed result). */
  async codesHoldingFile(fileId: string): Promise<string[]> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT d.code FROM dossier_documents dd JOIN dossiers d ON d.id = dd.dossier_id WHERE dd.file_id = $1
       UNION SELECT r.dossier_code FROM result_documents r WHERE r.file_id = $1`,
      [fileId],
    );
    return rows.map((r) => r.code);
  }

  /**
   * In one round trip, for a citizen's new form: the latest value per field key over their 50
   * latest dossiers, their account's contact data, and per document key the file attached last time.
   */
  async citizenHistory(userId: string, documentKeys: string[]): Promise<{
    history: Record<string, unknown>;
    account: { phone: string | null; email: string | null; fullName: string | null } | null;
    docs: { document_key: string; id: string; name: string; created_at: string }[];
  } | undefined> {
    const [row] = await this.ds.query(
      `WITH recent AS (
         SELECT id, data, created_at FROM dossiers WHERE applicant_user_id = $1 ORDER BY created_at DESC LIMIT 50)
       SELECT
         (SELECT coalesce(jsonb_object_agg(h.key, h.value), '{}'::jsonb) FROM (
            SELECT DISTINCT ON (kv.key) kv.key, kv.value FROM recent r, LATERAL jsonb_each(r.data) kv ORDER BY kv.key, r.created_at DESC) h) AS history,
         (SELECT jsonb_build_object('phone', u.phone, 'email', u.email, 'fullName', u.full_name) FROM users u WHERE u.id = $1) AS account,
         (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (
            SELECT DISTINCT ON (dd.document_key) dd.document_key, f.id, f.name, f.created_at
              FROM recent r JOIN dossier_documents dd ON dd.dossier_id = r.id JOIN files f ON f.id = dd.file_id
             WHERE dd.document_key = ANY($2::varchar[]) AND f.owner_user_id = $1
             ORDER BY dd.document_key, r.created_at DESC) x) AS docs`,
      [userId, documentKeys],
    );
    return row;
  }

  async findByIdempotencyKey(m: EntityManager, userId: string | null, key: string): Promise<{ dossierId: string; code: string } | null> {
    const [row] = await m.query(
      `SELECT id, code FROM dossiers WHERE idempotency_key = $2 AND applicant_user_id IS NOT DISTINCT FROM $1::uuid LIMIT 1`,
      [userId, key],
    );
    return row ? { dossierId: row.id, code: row.code } : null;
  }

  // ── writes ──

  /** A submission's first event and its attachments (before the dossier row: see insertDossier). */
  async insertFirstEvent(m: EntityManager, dossierId: string, first: NewEvent, documents: readonly { documentKey: string; fileId: string }[]): Promise<string> {
    const [event] = await m.query(
      `WITH e AS (
         INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role, agency_code, reason, data)
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, NULL, $9) RETURNING id),
       dd AS (
         INSERT INTO dossier_documents (dossier_id, document_key, file_id)
         SELECT $1, k, f FROM unnest($10::varchar[], $11::uuid[]) AS t(k, f) ON CONFLICT DO NOTHING)
       SELECT id FROM e`,
      [
        dossierId, first.at, first.action, first.toStatus, first.actorUserId, first.actorName.slice(0, 200), first.actorRole, first.agencyCode,
        first.data ? JSON.stringify(first.data) : null, documents.map((x) => x.documentKey), documents.map((x) => x.fileId),
      ],
    );
    return String(event.id);
  }

  /**
   * The submitted dossier's row, in the caller's transaction. False when the (applicant,
   * idempotency key) index already holds a dossier (the caller rolls back and returns that one).
   */
  async insertDossier(m: EntityManager, d: NewDossier): Promise<boolean> {
    const inserted = await m.query(
      `INSERT INTO dossiers (id, code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level,
         district_code, province_code, channel, status, version, applicant_user_id, applicant_personal_id, applicant_name,
         subject_personal_id, subject_name, data, prefill, registry_note, submitted_at, bundle_id, idempotency_key,
         fee_amount, payment_status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, 'SUBMITTED', 1, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $19, $19)
       ON CONFLICT (applicant_user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        d.id, d.code, d.procedureId, d.procedureCode, d.sectorCode, d.agencyCode, d.level, d.districtCode, d.provinceCode, d.channel,
        d.applicantUserId, d.applicantPersonalId, d.applicantName.slice(0, 200), d.subjectPersonalId, d.subjectName,
        JSON.stringify(d.data), JSON.stringify(d.prefill), d.registryNote, d.submittedAt, d.bundleId, d.idempotencyKey,
        d.feeAmount, d.paymentStatus,
      ],
    );
    return inserted.length > 0;
  }

  /**
   * A move, in the caller's transaction: the conditional update on the version (false when
   * someone else moved it first: nothing is written), then the event and the stage writes.
   */
  async applyMove(m: EntityManager, d: Pick<DossierRow, 'id' | 'version'>, set: DossierChangeSet, event: NewEvent, stages: readonly StageWrite[]): Promise<string | null> {
    const keys = (Object.keys(set) as (keyof DossierChangeSet)[]).filter((k) => set[k] !== undefined);
    const params = [d.id, d.version, ...keys.map((k) => set[k])];
    const updated = await m.query(
      `UPDATE dossiers SET ${keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`).join(', ')}, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING version`,
      params,
    );
    // node-postgres returns [rows, count] for UPDATE … RETURNING through TypeORM.
    const rows = Array.isArray(updated[0]) ? updated[0] : updated;
    if (!rows.length) return null;
    const eventId = await this.insertEvent(m, d.id, event);
    for (const s of stages) await this.writeStage(m, d.id, s);
    return eventId;
  }

  async insertEvent(m: EntityManager, dossierId: string, e: NewEvent): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role,
         agency_code, reason, step_key, step_due_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        dossierId, e.at, e.action, e.fromStatus ?? null, e.toStatus, e.actorUserId, e.actorName.slice(0, 200), e.actorRole, e.agencyCode,
        e.reason ?? null, e.stepKey ?? null, e.stepDueAt ?? null, e.data && Object.keys(e.data).length ? JSON.stringify(e.data) : null,
      ],
    );
    return String(row.id);
  }

  private async writeStage(m: EntityManager, dossierId: string, s: StageWrite): Promise<void> {
    switch (s.op) {
      case 'open':
        await m.query(`INSERT INTO dossier_stages (dossier_id, seq, agency_code, started_at, due_at) VALUES ($1, $2, $3, $4, $5)`, [
          dossierId, s.seq, s.agencyCode, s.startedAt, s.dueAt,
        ]);
        return;
      case 'close':
        await m.query(`UPDATE dossier_stages SET completed_at = $3, timeliness = $4 WHERE dossier_id = $1 AND seq = $2`, [dossierId, s.seq, s.completedAt, s.timeliness]);
        return;
      case 'close-all':
        await m.query(`UPDATE dossier_stages SET completed_at = $2 WHERE dossier_id = $1 AND completed_at IS NULL`, [dossierId, s.completedAt]);
        return;
      case 'set-due':
        await m.query(`UPDATE dossier_stages SET due_at = $3 WHERE dossier_id = $1 AND seq = $2`, [dossierId, s.seq, s.dueAt]);
        return;
    }
  }

  // ── a calendar edit (workflow/holiday-shift.ts): every open dossier whose remaining time crosses the day ──

  /** Open dossiers (clock running, or paused before their due time) whose remaining period crosses `day`, locked for the edit. */
  async lockOpenCrossingDay(m: EntityManager, now: Date, day: string) {
    return m.query(
      `SELECT d.id, d.code, d.version, d.status, d.agency_code, d.procedure_code, d.applicant_user_id, d.due_at, d.paused_at,
              d.current_step_due_at,
              COALESCE((SELECT json_agg(json_build_object('seq', s.seq, 'dueAt', s.due_at) ORDER BY s.seq)
                          FROM dossier_stages s WHERE s.dossier_id = d.id AND s.completed_at IS NULL), '[]'::json) AS stages
         FROM dossiers d
        WHERE d.received_at IS NOT NULL AND d.due_at IS NOT NULL AND ${notEndedSql('d')}
          AND COALESCE(d.paused_at, $1::timestamptz) < d.due_at
          AND (COALESCE(d.paused_at, $1::timestamptz) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $2::date
          AND (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= $2::date
        ORDER BY d.id
        FOR UPDATE OF d`,
      [now, day],
    );
  }

  /** New due dates (and current step due dates), each checked on its version; returns how many moved. */
  async moveDueDates(m: EntityManager, moves: { id: string; version: number; dueAt: Date; currentStepDueAt: Date | null }[]): Promise<number> {
    const updated = await m.query(
      `UPDATE dossiers d SET due_at = v.due_at, current_step_due_at = v.step_due_at, version = d.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS v(id, version, due_at, step_due_at)
        WHERE d.id = v.id AND d.version = v.version
        RETURNING d.id`,
      [moves.map((x) => x.id), moves.map((x) => x.version), moves.map((x) => x.dueAt), moves.map((x) => x.currentStepDueAt)],
    );
    return Array.isArray(updated[0]) ? updated[0].length : updated.length;
  }

  async moveOpenStageDueDates(m: EntityManager, moves: { dossierId: string; seq: number; dueAt: Date }[]): Promise<void> {
    if (!moves.length) return;
    await m.query(
      `UPDATE dossier_stages s SET due_at = v.due_at
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS v(dossier_id, seq, due_at)
        WHERE s.dossier_id = v.dossier_id AND s.seq = v.seq AND s.completed_at IS NULL`,
      [moves.map((s) => s.dossierId), moves.map((s) => s.seq), moves.map((s) => s.dueAt)],
    );
  }

  /** One event per dossier (same action, actor and time; status unchanged), in one statement. */
  async insertSameEvents(
    m: EntityManager,
    e: { at: Date; action: string; actorUserId: string; actorName: string; actorRole: string; agencyCode: string | null },
    each: { dossierId: string; status: string; agencyCode: string; reason: string; data: Record<string, unknown> }[],
  ): Promise<{ id: string; dossierId: string }[]> {
    const rows: { id: string; dossier_id: string }[] = await m.query(
      `INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role, agency_code, reason, data)
       SELECT v.dossier_id, $2, $3, v.status, v.status, $4, $5, $6, COALESCE($7, v.agency_code), v.reason, v.data
         FROM unnest($1::uuid[], $8::varchar[], $9::varchar[], $10::text[], $11::jsonb[]) AS v(dossier_id, status, agency_code, reason, data)
       RETURNING id, dossier_id`,
      [
        each.map((x) => x.dossierId), e.at, e.action, e.actorUserId, e.actorName.slice(0, 200), e.actorRole, e.agencyCode,
        each.map((x) => x.status), each.map((x) => x.agencyCode), each.map((x) => x.reason), each.map((x) => JSON.stringify(x.data)),
      ],
    );
    return rows.map((r) => ({ id: String(r.id), dossierId: r.dossier_id }));
  }

  /** Facts added to an event after it was written in the same transaction (the signed result's id). */
  async addEventData(m: EntityManager, eventId: string, data: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE dossier_events SET data = COALESCE(data, '{}'::jsonb) || $2::jsonb WHERE id = $1`, [eventId, JSON.stringify(data)]);
  }

  /** Supplemented form data (merged into what the citizen gave). */
  async mergeData(m: EntityManager, dossierId: string, data: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE dossiers SET data = data || $2::jsonb WHERE id = $1`, [dossierId, JSON.stringify(data)]);
  }

  async attachDocument(m: EntityManager, dossierId: string, documentKey: string, fileId: string): Promise<void> {
    await m.query(`INSERT INTO dossier_documents (dossier_id, document_key, file_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [dossierId, documentKey, fileId]);
  }

  /** Holds the dossier row for the rest of the caller's transaction (payments serialise on it). */
  async lock(m: EntityManager, dossierId: string): Promise<void> {
    await m.query(`SELECT 1 FROM dossiers WHERE id = $1 FOR UPDATE`, [dossierId]);
  }

  /** The payment status each dossier records (to reconcile with the gateway's payments). */
  async paymentStatuses(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; payment_status: string }[] = await this.ds.query(`SELECT id, payment_status FROM dossiers WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.payment_status]));
  }

  /** The fee is paid: a data update, not a workflow move (status and version stay). */
  async markPaid(m: EntityManager, dossierId: string): Promise<void> {
    await m.query(`UPDATE dossiers SET payment_status = 'PAID', updated_at = now() WHERE id = $1`, [dossierId]);
  }
}
