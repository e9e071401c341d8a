import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { FilesService } from '../files/files.service';
import type { AuthUser } from '../identity/auth-user';
import { OutboxService } from '../outbox/outbox.service';
import { DossierCodeService } from './dossier-code.service';
import type { Channel } from '../dossiers/dossier.types';
import { Clock } from '../common/clock';
import { statusChanged } from '../dossiers/dossier-messages';
import { DossierRepository } from '../dossiers/dossier.repository';
import { submittedRow } from '../dossiers/dossier-rows';
import { toDossierView } from '../dossiers/dossier-view';
import type { NewDossier, NewEvent } from '../dossiers/dossier-writes';
import type { Applicant, PreparedSubmission, SubmitResult } from './submission.types';

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
    private readonly dossiers: DossierRepository,
    private readonly clock: Clock,
  ) {}

  findByKey(m: EntityManager, userId: string | null, key: string): Promise<{ dossierId: string; code: string } | null> {
    return this.dossiers.findByIdempotencyKey(m, userId, key);
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
    const now = this.clock.now();
    const dossierId = randomUUID();
    const { proc, agency } = p;
    if (p.newFiles.length) await this.files.insertRows(m, { userId: applicant.userId ?? actor.id, personalId: applicant.personalId }, p.newFiles);
    const first: NewEvent = {
      at: now,
      action: 'submit',
      toStatus: 'SUBMITTED',
      actorUserId: actor.id,
      actorName: actor.fullName,
      actorRole: actor.role,
      agencyCode: agency.code,
      data: {
        channel,
        ...(p.registryNote ? { registryNote: true } : {}),
        ...(p.subject?.relationship ? { subjectRelationship: p.subject.relationship } : {}),
      },
    };
    // The first event and the attachments first; the code and the dossier row last, so that the
    // agency's counter row is held as briefly as possible.
    const eventId = await this.dossiers.insertFirstEvent(m, dossierId, first, p.documents);
    const code = await this.codes.next(m, agency.code, now);
    const row: NewDossier = {
      id: dossierId,
      code,
      procedureId: proc.id,
      procedureCode: proc.code,
      sectorCode: proc.sectorCode,
      agencyCode: agency.code,
      level: agency.level,
      districtCode: agency.districtCode,
      provinceCode: agency.provinceCode,
      channel,
      applicantUserId: applicant.userId,
      applicantPersonalId: applicant.personalId,
      applicantName: applicant.fullName,
      subjectPersonalId: p.subject?.personalId ?? null,
      subjectName: p.subject?.fullName ?? null,
      data: p.data,
      prefill: p.prefill,
      registryNote: p.registryNote,
      submittedAt: now,
      bundleId: opts.bundleId,
      idempotencyKey: opts.idempotencyKey,
      feeAmount: proc.feeAmount,
      paymentStatus: proc.requiresPrepayment && proc.feeAmount > 0 ? 'PENDING' : 'NOT_REQUIRED',
    };
    if (!(await this.dossiers.insertDossier(m, row))) throw new DuplicateKey();
    await this.outbox.enqueue(m, statusChanged({
      code, procedureCode: proc.code, agencyCode: agency.code, fromStatus: null, toStatus: 'SUBMITTED', action: 'submit', at: now, dueAt: null,
      applicantUserId: applicant.userId, eventId,
    }));
    const view = toDossierView(
      submittedRow(row, { procedureName: proc.name, agencyName: agency.name }),
      {
        events: [{ ...first, id: eventId, dossierId, fromStatus: null, actorName: actor.fullName.slice(0, 200), reason: null, stepKey: null, stepDueAt: null, data: first.data ?? null }],
        stages: [],
        documents: p.documents.map((d) => ({ documentKey: d.documentKey, fileId: d.fileId, name: d.name, size: d.size, mimeType: d.mimeType })),
      },
      now,
    );
    return { dossierId, code, created: true, view };
  }
}
