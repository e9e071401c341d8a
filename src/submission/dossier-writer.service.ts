import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { FilesService } from '../files/files.service';
import type { AuthUser } from '../identity/auth-user';
import { OutboxService } from '../outbox/outbox.service';
import { DossierCodeService } from './dossier-code.service';
import type { Channel } from '../dossiers/dossier.types';
import type { DossierView } from '../dossiers/dossiers.service';
import type { Applicant, PreparedSubmission, SubmitResult } from './submission.types';
import { toIsoLocal } from '../common/local-time';

/** The (applicant, idempotency key) index refused a second dossier: roll back and return the first. */
export class DuplicateKey extends Error {}

/**
 * Writes a checked submission: dossier, first event, attachments and outbox row in ONE
 * transaction, with a race-free, gap-free code (see dossier-code.ts).
 */
@Injectable()
export class DossierWriter {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly files: FilesService,
    private readonly codes: DossierCodeService,
    private readonly outbox: OutboxService,
  ) {}

  async findByKey(m: EntityManager, userId: string | null, key: string): Promise<{ dossierId: string; code: string } | null> {
    const [row] = await m.query(
      `SELECT id, code FROM dossiers WHERE idempotency_key = $2 AND applicant_user_id IS NOT DISTINCT FROM $1::uuid LIMIT 1`,
      [userId, key],
    );
    return row ? { dossierId: row.id, code: row.code } : null;
  }

  /**
   * One transaction. Duplicates of an idempotency key end on the unique index (applicant, key)
   * with ON CONFLICT DO NOTHING: the loser rolls back and returns the first dossier. The code
   * counter is taken last, so that concurrent submissions to one agency hold its row only briefly.
   */
  async commit(
    actor: AuthUser,
    applicant: Applicant,
    channel: Channel,
    p: PreparedSubmission,
    opts: { idempotencyKey: string | null; bundleId: string | null },
    outer?: EntityManager,
  ): Promise<SubmitResult> {
    if (p.newFiles.length) await this.files.writeBlobs(p.newFiles);
    try {
      const run = (m: EntityManager) => this.write(m, actor, applicant, channel, p, opts);
      return outer ? await run(outer) : await this.ds.transaction(run);
    } catch (err) {
      if (p.newFiles.length) await this.files.discard(p.newFiles);
      if (err instanceof DuplicateKey && opts.idempotencyKey) {
        const existing = await this.findByKey(this.ds.manager, applicant.userId, opts.idempotencyKey);
        if (existing) return { ...existing, created: false };
      }
      throw err;
    }
  }

  async write(
    m: EntityManager,
    actor: AuthUser,
    applicant: Applicant,
    channel: Channel,
    p: PreparedSubmission,
    opts: { idempotencyKey: string | null; bundleId: string | null },
  ): Promise<SubmitResult> {
    // With an applicant account, the unique index (applicant, key) decides between concurrent
    // duplicates (the loser's INSERT ... ON CONFLICT finds nothing to insert and rolls back, its
    // code number with it). Without one (counter intake for a citizen with no account) NULLs never
    // conflict, so duplicates serialise on an advisory lock instead.
    if (opts.idempotencyKey && applicant.userId === null) {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dossier::${opts.idempotencyKey}`]);
      const existing = await this.findByKey(m, applicant.userId, opts.idempotencyKey);
      if (existing) return { ...existing, created: false };
    }
    const now = new Date();
    const dossierId = randomUUID();
    const { proc, agency } = p;
    if (p.newFiles.length) await this.files.insertRows(m, { userId: applicant.userId ?? actor.id, personalId: applicant.personalId }, p.newFiles);
    // The first event and the attachments in one statement (the dossier row itself comes last,
    // after the code, so that the agency's counter row is held as briefly as possible).
    const [event] = await m.query(
      `WITH e AS (
         INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role, agency_code, reason, data)
         VALUES ($1, $2, 'submit', NULL, 'SUBMITTED', $3, $4, $5, $6, NULL, $7) RETURNING id),
       d AS (
         INSERT INTO dossier_documents (dossier_id, document_key, file_id)
         SELECT $1, k, f FROM unnest($8::varchar[], $9::uuid[]) AS t(k, f) ON CONFLICT DO NOTHING)
       SELECT id FROM e`,
      [
        dossierId,
        now,
        actor.id,
        actor.fullName.slice(0, 200),
        actor.role,
        agency.code,
        JSON.stringify({
          channel,
          ...(p.registryNote ? { registryNote: true } : {}),
          ...(p.subject?.relationship ? { subjectRelationship: p.subject.relationship } : {}),
        }),
        p.documents.map((d) => d.documentKey),
        p.documents.map((d) => d.fileId),
      ],
    );
    const code = await this.codes.next(m, agency.code, now);
    const paymentStatus = proc.requiresPrepayment && proc.feeAmount > 0 ? 'PENDING' : 'NOT_REQUIRED';
    const inserted = await m.query(
      `INSERT INTO dossiers (id, code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level,
         district_code, province_code, channel, status, version, applicant_user_id, applicant_personal_id, applicant_name,
         subject_personal_id, subject_name, data, prefill, registry_note, submitted_at, bundle_id, idempotency_key,
         fee_amount, payment_status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, 'SUBMITTED', 1, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $19, $19)
       ON CONFLICT (applicant_user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        dossierId,
        code,
        proc.id,
        proc.code,
        proc.sectorCode,
        agency.code,
        agency.level,
        agency.districtCode,
        agency.provinceCode,
        channel,
        applicant.userId,
        applicant.personalId,
        applicant.fullName.slice(0, 200),
        p.subject?.personalId ?? null,
        p.subject?.fullName ?? null,
        JSON.stringify(p.data),
        JSON.stringify(p.prefill),
        p.registryNote,
        now,
        opts.bundleId,
        opts.idempotencyKey,
        proc.feeAmount,
        paymentStatus,
      ],
    );
    if (!inserted.length) throw new DuplicateKey();
    await this.outbox.enqueue(m, {
      topic: 'dossier.status-changed',
      aggregateId: code,
      payload: {
        code,
        procedureCode: proc.code,
        agencyCode: agency.code,
        fromStatus: null,
        toStatus: 'SUBMITTED',
        action: 'submit',
        at: now.toISOString(),
        dueAt: null,
        applicantUserId: applicant.userId,
        eventId: String(event.id),
      },
      idempotencyKey: `dossier-event:${event.id}`,
    });
    const view: DossierView = {
      code,
      procedureCode: proc.code,
      procedureName: proc.name,
      agencyCode: agency.code,
      agencyName: agency.name,
      receivingAgencyCode: agency.code,
      status: 'SUBMITTED',
      version: 1,
      channel,
      submittedAt: toIsoLocal(now),
      overdue: false,
      extensionCount: 0,
      applicantName: applicant.fullName.slice(0, 200),
      ...(p.subject?.fullName ? { subjectName: p.subject.fullName } : {}),
      feeAmount: proc.feeAmount,
      paymentStatus,
      ...(opts.bundleId ? { bundleId: opts.bundleId } : {}),
      ...(p.registryNote ? { registryNote: p.registryNote } : {}),
      data: p.data,
      prefill: p.prefill,
      documents: p.documents.map((d) => ({ documentKey: d.documentKey, fileId: d.fileId, name: d.name, size: d.size, mimeType: d.mimeType })),
      events: [
        {
          id: String(event.id),
          at: toIsoLocal(now),
          action: 'submit',
          fromStatus: null,
          toStatus: 'SUBMITTED',
          actor: actor.fullName.slice(0, 200),
          actorRole: actor.role,
          agencyCode: agency.code,
        },
      ],
      stages: [],
    };
    return { dossierId, code, created: true, view };
  }
}
