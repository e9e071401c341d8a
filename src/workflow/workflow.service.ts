import { BadRequestException, ConflictException, ForbiddenException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { FormDefinition, WorkflowStep } from '../catalog/procedure.types';
import { Clock } from '../common/clock';
import { formatLocal, parseInstant } from '../common/local-time';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { statusChanged } from '../dossiers/dossier-messages';
import type { DossierRow, DossierStageRow } from '../dossiers/dossier-rows';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DOSSIER_ACTIONS, type DossierAction } from '../dossiers/dossier.types';
import type { DossierView } from '../dossiers/dossier-view';
import { DossiersService } from '../dossiers/dossiers.service';
import type { AuthUser } from '../identity/auth-user';
import { OutboxService } from '../outbox/outbox.service';
import { decide, type TransitionContext } from './dossier-state-machine';
import { effectOf, procedureTerms, type DossierState, type Effect, type MoveInput } from './effects';
import { ResultIssuer } from './result-issuer';
import type { TransitionInput } from './workflow.types';

interface ProcedureRow {
  id: string;
  name: string;
  processing_value: string;
  processing_unit: 'WORKING_DAY' | 'WORKING_HOUR';
  requires_prepayment: boolean;
  steps: WorkflowStep[];
  result: string;
  legal_basis: string | null;
  form: FormDefinition | null;
}

interface AgencyRow {
  code: string;
  name: string;
  level: string;
  kind: string;
}

const ACTIONS = new Set<string>(DOSSIER_ACTIONS.filter((a) => a !== 'submit'));

/**
 * Moves dossiers through the state machine — the only writer of a dossier's status after
 * submission (`transition()`). Each move: the access gate (policy 'dossier.act'), the version
 * check, the guards (422 with the reason), then the move's effect (effects.ts, pure) applied in
 * ONE transaction by the dossier repository: a conditional UPDATE on the version, the event, the
 * stages, and the status-changed message in the outbox.
 */
@Injectable()
export class WorkflowService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly gate: DossierGate,
    private readonly repo: DossierRepository,
    private readonly dossiers: DossiersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly results: ResultIssuer,
  ) {}

  async transition(actor: AuthUser | undefined, code: string, action: string, input: TransitionInput): Promise<DossierView> {
    if (!ACTIONS.has(action)) throw new BadRequestException(`Thao tác không hợp lệ: ${String(action)}`);
    const expected = Number(input?.expectedVersion);
    if (!Number.isInteger(expected) || expected < 1) throw new BadRequestException('expectedVersion phải là số nguyên dương');
    const access = await this.gate.authorize(actor, code, 'dossier.act');
    // Independent reads go out together (one round trip of latency each step, not one per read).
    const [found, stages] = await Promise.all([this.repo.findById(access.id), this.repo.stages(access.id)]);
    const d = found!;
    if (d.version !== expected) await this.conflict(d.id);
    const now = this.clock.now();
    // Everything that needs its own connection is read before the transaction: a transaction waiting
    // on the row lock must never wait for a second pool connection too (pool starvation under contention).
    const [procedure, cal] = await Promise.all([this.procedure(d.procedureId), this.calendar.calendar()]);
    const ctx = await this.context(actor!, d, procedure, input, now, cal);
    const decision = decide(action, ctx);
    if (!decision.ok) {
      if (decision.kind === 'ROLE') throw new ForbiddenException(decision.reason);
      if (decision.kind === 'UNKNOWN_ACTION') throw new BadRequestException(decision.reason);
      throw new UnprocessableEntityException(decision.reason);
    }
    const move: MoveInput = {
      action: action as Exclude<DossierAction, 'submit'>,
      to: decision.to,
      now,
      assigneeId: ctx.assignee?.id ?? null,
      target: ctx.targetAgency ?? null,
      newDueAt: ctx.input.newDueAt ?? null,
    };
    const effect = effectOf(this.state(d, ctx, stages), procedureTerms(procedure), move, cal);
    // The agency's signing key is made (once, ~1 s of RSA key generation) when a result is proposed,
    // so that the leader's approval only renders and signs.
    if (action === 'approve' || action === 'propose') await this.results.prepare(d.agencyCode);
    // PostgreSQL's default isolation (READ COMMITTED): the move is a conditional UPDATE on the version.
    await this.ds.transaction((m) => this.apply(m, actor!, d, procedure, ctx, move, effect, input));
    return this.dossiers.viewById(d.id);
  }

  /** The effect written in the caller's transaction, with what goes with it (attachments, the signed result, the outbox). */
  private async apply(m: EntityManager, actor: AuthUser, d: DossierRow, p: ProcedureRow, ctx: TransitionContext, move: MoveInput, effect: Effect, input: TransitionInput): Promise<void> {
    const eventId = await this.repo.applyMove(
      m,
      d,
      effect.set,
      {
        at: move.now,
        action: move.action,
        fromStatus: d.status,
        toStatus: move.to,
        actorUserId: actor.id,
        actorName: actor.fullName,
        actorRole: actor.role,
        agencyCode: actor.agencyCode ?? d.agencyCode,
        reason: ctx.input.reason || null,
        stepKey: effect.step?.key ?? null,
        stepDueAt: effect.step?.dueAt ?? null,
        data: effect.eventData,
      },
      effect.stages,
    );
    if (!eventId) return this.conflict(d.id, m);
    if (move.action === 'supplement') await this.attach(m, actor, d, input.data, input.documents);
    if (move.action === 'approve') await this.results.issue(m, d, p, actor, move.now, eventId);
    await this.outbox.enqueue(m, statusChanged({
      code: d.code,
      procedureCode: d.procedureCode,
      agencyCode: effect.set.agencyCode ?? d.agencyCode,
      fromStatus: d.status,
      toStatus: move.to,
      action: move.action,
      at: move.now,
      dueAt: effect.set.dueAt !== undefined ? effect.set.dueAt : d.dueAt,
      applicantUserId: d.applicantUserId,
      eventId,
    }));
  }

  private async procedure(id: string): Promise<ProcedureRow> {
    const [p] = await this.ds.query(
      `SELECT id, name, processing_value, processing_unit, requires_prepayment, steps, result, legal_basis, form FROM procedures WHERE id = $1`,
      [id],
    );
    if (!p) throw new UnprocessableEntityException('Không tìm thấy phiên bản thủ tục của hồ sơ');
    return p as ProcedureRow;
  }

  private async agency(code: string | null | undefined): Promise<AgencyRow | null> {
    if (!code || typeof code !== 'string' || code.length > 24) return null;
    const [a] = await this.ds.query(`SELECT code, name, level, kind FROM agencies WHERE code = $1`, [code]);
    return (a as AgencyRow) ?? null;
  }

  /** What the effects read: the dossier's clock and step, its agency's level and its stages. */
  private state(d: DossierRow, ctx: TransitionContext, stages: DossierStageRow[]): DossierState {
    return {
      status: d.status,
      agencyCode: d.agencyCode,
      agencyLevel: ctx.currentAgency?.level ?? '',
      receivedAt: d.receivedAt,
      dueAt: d.dueAt,
      pausedAt: d.pausedAt,
      pausedWorkingSeconds: d.pausedWorkingSeconds,
      extensionCount: d.extensionCount,
      processingEndedAt: d.processingEndedAt,
      timeliness: d.timeliness,
      currentStep: d.currentStep,
      currentStepDueAt: d.currentStepDueAt,
      openStages: stages.filter((s) => !s.completedAt).map((s) => ({ seq: s.seq, dueAt: s.dueAt })),
      lastStageSeq: stages.reduce((mx, s) => Math.max(mx, s.seq), 0),
    };
  }

  private async context(actor: AuthUser, d: DossierRow, p: ProcedureRow, input: TransitionInput, now: Date, cal: WorkingCalendar): Promise<TransitionContext> {
    let newDueAt: Date | null = null;
    if (input.newDueAt !== undefined && input.newDueAt !== null && input.newDueAt !== '') {
      newDueAt = input.newDueAt instanceof Date ? input.newDueAt : parseInstant(String(input.newDueAt));
      if (!newDueAt || Number.isNaN(newDueAt.getTime())) throw new BadRequestException('newDueAt phải là thời điểm ISO 8601 (không ghi múi giờ: giờ Việt Nam)');
    }
    const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 2000) : null;
    const ctx: TransitionContext = {
      now,
      calendar: cal,
      actor: { id: actor.id, role: actor.role, agencyCode: actor.agencyCode },
      dossier: {
        status: d.status,
        agencyCode: d.agencyCode,
        receivingAgencyCode: d.receivingAgencyCode,
        applicantUserId: d.applicantUserId,
        receivedAt: d.receivedAt,
        dueAt: d.dueAt,
        pausedAt: d.pausedAt,
        extensionCount: d.extensionCount,
        assigneeUserId: d.assigneeUserId,
        paymentStatus: d.paymentStatus,
        feeAmount: d.feeAmount,
      },
      procedure: { requiresPrepayment: p.requires_prepayment },
      input: { reason, assignee: input.assignee ?? null, toAgencyCode: input.toAgencyCode ?? null, newDueAt },
    };
    // The facts the guards need, read together.
    await Promise.all([
      (async () => {
        if (!input.assignee) return;
        const key = String(input.assignee);
        const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
        const [u] = await this.ds.query(
          `SELECT id, role, agency_code, disabled FROM users WHERE ${isUuid ? 'id = $1::uuid' : 'username = $1'}`,
          [key.slice(0, 64)],
        );
        ctx.assignee = u ? { id: u.id, role: u.role, agencyCode: u.agency_code, disabled: u.disabled } : null;
      })(),
      (async () => {
        ctx.currentAgency = await this.agency(d.agencyCode);
      })(),
      (async () => {
        if (input.toAgencyCode) ctx.targetAgency = await this.agency(input.toAgencyCode);
      })(),
      (async () => {
        if (d.status === 'SUPPLEMENT_REQUESTED') ctx.statusBeforeSupplementRequest = (await this.repo.lastEventOf(d.id, 'request-supplement'))?.fromStatus ?? null;
        if (d.status === 'TRANSFERRED') ctx.resultApproved = d.processingEndedAt !== null || !!(await this.repo.lastEventOf(d.id, 'approve'));
      })(),
    ]);
    return ctx;
  }

  /** 409 naming who changed the dossier last and when. */
  private async conflict(dossierId: string, m?: EntityManager): Promise<never> {
    const e = await this.repo.lastChange(dossierId, m);
    const who = e ? `${e.actorName} lúc ${formatLocal(e.at)}` : 'người khác';
    throw new ConflictException(`Hồ sơ đã được cập nhật bởi ${who}. Vui lòng tải lại hồ sơ trước khi thao tác.`);
  }

  /** Supplemented data and documents: the citizen's own uploaded files only. */
  private async attach(m: EntityManager, actor: AuthUser, d: DossierRow, data: TransitionInput['data'], documents: TransitionInput['documents']): Promise<void> {
    if (data && typeof data === 'object' && !Array.isArray(data)) await this.repo.mergeData(m, d.id, data);
    if (!documents || typeof documents !== 'object') return;
    for (const [key, ids] of Object.entries(documents)) {
      if (!Array.isArray(ids) || !/^[a-zA-Z0-9_.-]{1,60}$/.test(key)) throw new BadRequestException('documents không hợp lệ');
      for (const id of ids) {
        const owner = actor.role === 'CITIZEN' ? actor.id : d.applicantUserId;
        const [f] = await m.query(`SELECT id FROM files WHERE id::text = $1 AND (owner_user_id = $2 OR owner_user_id = $3)`, [String(id), owner, actor.id]);
        if (!f) throw new UnprocessableEntityException(`Không tìm thấy tệp ${String(id)} trong kho tài liệu của người nộp`);
        await this.repo.attachDocument(m, d.id, key, f.id);
      }
    }
  }
}
