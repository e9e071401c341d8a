import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { type WorkingCalendar } from '../calendar/working-calendar';
import { formatLocal, localDateOf, toIsoLocal } from '../common/local-time';
import type { WorkflowStep } from '../catalog/procedure.types';
import { DOSSIER_ACTIONS, type DossierAction, type DossierStatus } from '../dossiers/dossier.types';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { OutboxService } from '../outbox/outbox.service';
import { Clock } from '../common/clock';
import { decide, FINAL_STATUSES, type TransitionContext } from './dossier-state-machine';
import { ResultIssuer } from './result-issuer';
import { classify, stageShare, stepFor } from './steps';
import { eventView, stageView } from '../dossiers/dossier-view';
import type { DossierView, TransitionInput } from './workflow.types';

/** A dossier row as the workflow reads it (snake_case from SQL). */
export interface DossierRow {
  id: string;
  code: string;
  procedure_id: string;
  procedure_code: string;
  receiving_agency_code: string;
  agency_code: string;
  status: DossierStatus;
  version: number;
  channel: string;
  applicant_user_id: string | null;
  applicant_personal_id: string;
  applicant_name: string;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  original_due_at: Date | null;
  paused_at: Date | null;
  extension_count: number;
  completed_at: Date | null;
  timeliness: 'EARLY' | 'ON_TIME' | 'LATE' | null;
  assignee_user_id: string | null;
  current_step: string | null;
  current_step_due_at: Date | null;
  fee_amount: string;
  payment_status: string;
  data: Record<string, unknown>;
}

interface ProcedureRow {
  id: string;
  name: string;
  processing_value: string;
  processing_unit: 'WORKING_DAY' | 'WORKING_HOUR';
  requires_prepayment: boolean;
  steps: WorkflowStep[];
  result: string;
}

interface AgencyRow {
  code: string;
  name: string;
  level: string;
  kind: string;
}

const ACTIONS = new Set<string>(DOSSIER_ACTIONS.filter((a) => a !== 'submit'));
const iso = (d: Date | string | null | undefined): string | undefined => (d ? toIsoLocal(new Date(d)) : undefined);

/**
 * Moves dossiers through the state machine — the only code that changes `dossiers.status` after
 * submission. Each move: policy check, version check, guards (422 with the reason), then in ONE
 * transaction a conditional UPDATE on the version, the event, the stages and the outbox rows.
 */
@Injectable()
export class WorkflowService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly policy: PolicyService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly results: ResultIssuer,
  ) {}

  async transition(actor: AuthUser | undefined, code: string, action: string, input: TransitionInput): Promise<DossierView> {
    if (!ACTIONS.has(action)) throw new BadRequestException(`Thao tác không hợp lệ: ${String(action)}`);
    const expected = Number(input?.expectedVersion);
    if (!Number.isInteger(expected) || expected < 1) throw new BadRequestException('expectedVersion phải là số nguyên dương');
    const dossier = await this.load(code);
    await this.policy.assert(actor, 'dossier.act', {
      ref: `dossier:${dossier.code}`,
      agencyCode: dossier.agency_code,
      ownerUserId: dossier.applicant_user_id,
      ownerPersonalId: dossier.applicant_personal_id,
    });
    if (dossier.version !== expected) await this.conflict(this.ds.manager, dossier.id);
    const now = this.clock.now();
    const procedure = await this.procedure(dossier.procedure_id);
    const cal = await this.calendar.calendar();
    const ctx = { ...(await this.context(actor!, dossier, procedure, input, now)), calendar: cal };
    const d = decide(action, ctx);
    if (!d.ok) {
      if (d.kind === 'ROLE') throw new ForbiddenException(d.reason);
      if (d.kind === 'UNKNOWN_ACTION') throw new BadRequestException(d.reason);
      throw new UnprocessableEntityException(d.reason);
    }
    // Everything that needs its own connection is read before the transaction: a transaction waiting
    // on the row lock must never wait for a second pool connection too (pool starvation under contention).
    if (action === 'approve') await this.results.prepare(dossier.agency_code);
    await this.ds.transaction('READ COMMITTED', async (m) => {
      await this.apply(m, actor!, dossier, procedure, ctx, action as DossierAction, d.to, input, now, cal);
    });
    return this.view(code);
  }

  /** The dossier with its events and stages (API detail, action responses, staff page). */
  async view(code: string, manager: EntityManager = this.ds.manager): Promise<DossierView> {
    const d = await this.load(code, manager);
    const [events, stages, proc, result] = await Promise.all([
      manager.query(`SELECT * FROM dossier_events WHERE dossier_id = $1 ORDER BY id`, [d.id]),
      manager.query(`SELECT * FROM dossier_stages WHERE dossier_id = $1 ORDER BY seq`, [d.id]),
      manager.query(`SELECT name FROM procedures WHERE id = $1`, [d.procedure_id]),
      manager.query(`SELECT file_id FROM result_documents WHERE dossier_id = $1 ORDER BY issued_at DESC LIMIT 1`, [d.id]),
    ]);
    const now = this.clock.now();
    const open = !FINAL_STATUSES.includes(d.status) && d.status !== 'RESULT_READY';
    return {
      code: d.code,
      procedureCode: d.procedure_code,
      procedureName: proc[0]?.name,
      agencyCode: d.agency_code,
      receivingAgencyCode: d.receiving_agency_code,
      status: d.status,
      version: d.version,
      channel: d.channel,
      applicantName: d.applicant_name,
      submittedAt: iso(d.submitted_at)!,
      receivedAt: iso(d.received_at),
      dueAt: iso(d.due_at),
      originalDueAt: iso(d.original_due_at),
      pausedAt: iso(d.paused_at),
      completedAt: iso(d.completed_at),
      timeliness: d.timeliness ?? undefined,
      overdue: open && !d.paused_at && !!d.due_at && new Date(d.due_at).getTime() < now.getTime(),
      extensionCount: d.extension_count,
      assigneeUserId: d.assignee_user_id ?? undefined,
      currentStep: d.current_step ?? undefined,
      currentStepDueAt: iso(d.current_step_due_at),
      resultFileId: result[0]?.file_id,
      events: events.map((e: Record<string, any>) => eventView(e, iso)),
      stages: stages.map((st: Record<string, any>) => stageView(st, iso, now)),
    };
  }

  async load(code: string, manager: EntityManager = this.ds.manager): Promise<DossierRow> {
    if (typeof code !== 'string' || code.length > 48) throw new NotFoundException('Không tìm thấy hồ sơ');
    const [row] = await manager.query(`SELECT * FROM dossiers WHERE code = $1`, [code]);
    if (!row) throw new NotFoundException('Không tìm thấy hồ sơ');
    return row as DossierRow;
  }

  private async procedure(id: string): Promise<ProcedureRow> {
    const [p] = await this.ds.query(
      `SELECT id, name, processing_value, processing_unit, requires_prepayment, steps, result FROM procedures WHERE id = $1`,
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

  private async context(actor: AuthUser, d: DossierRow, p: ProcedureRow, input: TransitionInput, now: Date): Promise<TransitionContext> {
    let newDueAt: Date | null = null;
    if (input.newDueAt !== undefined && input.newDueAt !== null && input.newDueAt !== '') {
      newDueAt = new Date(input.newDueAt as string);
      if (Number.isNaN(newDueAt.getTime())) throw new BadRequestException('newDueAt phải là thời điểm ISO 8601');
    }
    const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 2000) : null;
    const ctx: TransitionContext = {
      now,
      actor: { id: actor.id, role: actor.role, agencyCode: actor.agencyCode },
      dossier: {
        status: d.status,
        agencyCode: d.agency_code,
        receivingAgencyCode: d.receiving_agency_code,
        applicantUserId: d.applicant_user_id,
        receivedAt: d.received_at,
        dueAt: d.due_at ? new Date(d.due_at) : null,
        pausedAt: d.paused_at,
        extensionCount: d.extension_count,
        assigneeUserId: d.assignee_user_id,
        paymentStatus: d.payment_status,
        feeAmount: Number(d.fee_amount),
      },
      procedure: { requiresPrepayment: p.requires_prepayment },
      input: { reason, assignee: input.assignee ?? null, toAgencyCode: input.toAgencyCode ?? null, newDueAt },
      today: localDateOf(now),
      dueDay: d.due_at ? localDateOf(new Date(d.due_at)) : null,
    };
    if (input.assignee) {
      const key = String(input.assignee);
      const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
      const [u] = await this.ds.query(
        `SELECT id, role, agency_code, disabled FROM users WHERE ${isUuid ? 'id = $1::uuid' : 'username = $1'}`,
        [key.slice(0, 64)],
      );
      ctx.assignee = u ? { id: u.id, role: u.role, agencyCode: u.agency_code, disabled: u.disabled } : null;
    }
    ctx.currentAgency = await this.agency(d.agency_code);
    if (input.toAgencyCode) ctx.targetAgency = await this.agency(input.toAgencyCode);
    if (d.status === 'SUPPLEMENT_REQUESTED') {
      const [e] = await this.ds.query(
        `SELECT from_status FROM dossier_events WHERE dossier_id = $1 AND action = 'request-supplement' ORDER BY id DESC LIMIT 1`,
        [d.id],
      );
      ctx.statusBeforeSupplementRequest = e?.from_status ?? null;
    }
    if (d.status === 'TRANSFERRED') {
      const [e] = await this.ds.query(`SELECT 1 FROM dossier_events WHERE dossier_id = $1 AND action = 'approve' LIMIT 1`, [d.id]);
      ctx.resultApproved = !!e;
    }
    return ctx;
  }

  /** 409 naming who changed the dossier last and when. */
  private async conflict(m: EntityManager, dossierId: string): Promise<never> {
    const [e] = await m.query(
      `SELECT actor_name, at FROM dossier_events WHERE dossier_id = $1 ORDER BY id DESC LIMIT 1`,
      [dossierId],
    );
    const who = e ? `${e.actor_name} lúc ${formatLocal(new Date(e.at))}` : 'người khác';
    throw new ConflictException(`Hồ sơ đã được cập nhật bởi ${who}. Vui lòng tải lại hồ sơ trước khi thao tác.`);
  }

  private async apply(
    m: EntityManager,
    actor: AuthUser,
    d: DossierRow,
    p: ProcedureRow,
    ctx: TransitionContext,
    action: DossierAction,
    to: DossierStatus,
    input: TransitionInput,
    now: Date,
    cal: WorkingCalendar,
  ): Promise<void> {
    const total = Number(p.processing_value);
    const unit = p.processing_unit;
    const steps = Array.isArray(p.steps) ? p.steps : [];
    const set: Record<string, unknown> = { status: to };
    const eventData: Record<string, unknown> = {};
    let agencyCode = d.agency_code;
    let agencyLevel = ctx.currentAgency?.level ?? '';
    let dueAt: Date | null = d.due_at ? new Date(d.due_at) : null;
    let stepKey = d.current_step;
    let stepDueAt: Date | null = d.current_step_due_at ? new Date(d.current_step_due_at) : null;
    let clockStart = now;
    const stageOps: Array<() => Promise<unknown>> = [];

    switch (action) {
      case 'receive': {
        if (d.status === 'SUBMITTED') {
          // Nghị định 61/2018, Điều 15: the clock starts at reception; outside working hours at the next working instant.
          const deadline = cal.addWorkingTime(now, total, unit);
          clockStart = new Date(deadline.explanation.effectiveStart);
          dueAt = deadline.at;
          Object.assign(set, { received_at: now, due_at: dueAt, original_due_at: dueAt });
          eventData.dueExplanation = deadline.explanation.text;
          eventData.effectiveStart = deadline.explanation.effectiveStart;
          const share = stageShare(steps, agencyLevel);
          const stageDue = share >= 1 ? dueAt : cal.addWorkingTime(clockStart, total * share, unit, { applyLateReceptionCutoff: false }).at;
          stageOps.push(() =>
            m.query(
              `INSERT INTO dossier_stages (dossier_id, seq, agency_code, started_at, due_at) VALUES ($1, 1, $2, $3, $4)`,
              [d.id, agencyCode, clockStart, stageDue],
            ),
          );
        }
        break;
      }
      case 'request-supplement': {
        // At reception no clock runs; during processing the clock pauses (Nghị định 61/2018, Điều 16).
        if (d.received_at) {
          set.paused_at = now;
          eventData.paused = true;
        }
        break;
      }
      case 'supplement': {
        if (d.paused_at) {
          const pausedAt = new Date(d.paused_at);
          const pausedMs = cal.workingMillisBetween(pausedAt, now);
          const shift = (x: Date | null) => (x && pausedMs > 0 ? cal.shiftByPause(x, pausedAt, now).at : x);
          dueAt = shift(dueAt);
          stepDueAt = shift(stepDueAt);
          set.due_at = dueAt;
          set.paused_at = null;
          eventData.pausedWorkingMinutes = pausedMs / 60_000;
          eventData.dueAtBefore = iso(d.due_at);
          eventData.dueAtAfter = iso(dueAt);
          if (pausedMs > 0) {
            stageOps.push(async () => {
              const rows = await m.query(
                `SELECT id, due_at FROM dossier_stages WHERE dossier_id = $1 AND completed_at IS NULL AND due_at IS NOT NULL`,
                [d.id],
              );
              for (const r of rows) {
                await m.query(`UPDATE dossier_stages SET due_at = $2 WHERE id = $1`, [r.id, shift(new Date(r.due_at))]);
              }
            });
          }
        }
        await this.attach(m, actor, d, input);
        break;
      }
      case 'refuse':
      case 'withdraw': {
        set.completed_at = now;
        set.paused_at = null;
        stageOps.push(() => m.query(`UPDATE dossier_stages SET completed_at = $2 WHERE dossier_id = $1 AND completed_at IS NULL`, [d.id, now]));
        break;
      }
      case 'assign': {
        set.assignee_user_id = ctx.assignee!.id;
        eventData.assignee = ctx.assignee!.id;
        break;
      }
      case 'transfer': {
        const target = ctx.targetAgency!;
        agencyCode = target.code;
        agencyLevel = target.level;
        set.agency_code = agencyCode;
        set.assignee_user_id = null;
        eventData.toAgencyCode = target.code;
        eventData.toAgencyName = target.name;
        // Each agency's stage has its own clock (liên thông): the previous stage closes with its own timeliness.
        const returning = d.status === 'RESULT_READY';
        const share = returning ? 0 : stageShare(steps, target.level);
        let stageDue: Date | null = dueAt;
        if (!returning && share > 0 && share < 1) stageDue = cal.addWorkingTime(now, total * share, unit, { applyLateReceptionCutoff: false }).at;
        if (stageDue && dueAt && stageDue.getTime() > dueAt.getTime() && !returning) stageDue = dueAt;
        eventData.stageDueAt = iso(stageDue);
        stageOps.push(async () => {
          await this.closeStage(m, d.id, now);
          await m.query(
            `INSERT INTO dossier_stages (dossier_id, seq, agency_code, started_at, due_at)
             SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM dossier_stages WHERE dossier_id = $1`,
            [d.id, agencyCode, now, stageDue],
          );
        });
        break;
      }
      case 'extend': {
        // Thông tư 01/2018/TT-VPCP, Điều 12 (mẫu 04): apology + new appointment, once; the dossier stays late.
        dueAt = ctx.input.newDueAt!;
        set.due_at = dueAt;
        set.extension_count = d.extension_count + 1;
        eventData.previousDueAt = iso(d.due_at);
        eventData.newDueAt = iso(dueAt);
        break;
      }
      case 'return-result': {
        set.completed_at = now;
        set.timeliness = classify(now, dueAt, d.extension_count > 0);
        eventData.timeliness = set.timeliness;
        stageOps.push(() => this.closeStage(m, d.id, now));
        break;
      }
      default:
        break;
    }

    // Step hand-over: the next step's own deadline from its share of the legal time.
    if (FINAL_STATUSES.includes(to)) {
      stepKey = null;
      stepDueAt = null;
    } else if (to !== 'SUPPLEMENT_REQUESTED' && action !== 'supplement' && action !== 'extend') {
      const next = stepFor(steps, d.current_step, to, agencyLevel);
      if (next && next.key !== d.current_step) {
        stepKey = next.key;
        const value = total * Number(next.share);
        stepDueAt = value > 0 ? cal.addWorkingTime(action === 'receive' ? clockStart : now, value, unit, { applyLateReceptionCutoff: false }).at : now;
      }
    }
    set.current_step = stepKey;
    set.current_step_due_at = stepDueAt;

    const cols = Object.keys(set);
    const params = [d.id, d.version, ...cols.map((c) => set[c])];
    const updated = await m.query(
      `UPDATE dossiers SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING version`,
      params,
    );
    // node-postgres returns [rows, count] for UPDATE … RETURNING through TypeORM.
    const rows = Array.isArray(updated[0]) ? updated[0] : updated;
    if (!rows.length) await this.conflict(m, d.id);

    const [event] = await m.query(
      `INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role,
         agency_code, reason, step_key, step_due_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        d.id, now, action, d.status, to, actor.id, actor.fullName, actor.role,
        actor.agencyCode ?? d.agency_code, ctx.input.reason || null, stepKey !== d.current_step ? stepKey : null,
        stepKey !== d.current_step ? stepDueAt : null, Object.keys(eventData).length ? JSON.stringify(eventData) : null,
      ],
    );
    for (const op of stageOps) await op();

    if (action === 'approve') await this.results.issue(m, d, p, actor, now, String(event.id));

    await this.outbox.enqueue(m, {
      topic: 'dossier.status-changed',
      aggregateId: d.code,
      payload: {
        code: d.code,
        procedureCode: d.procedure_code,
        agencyCode,
        fromStatus: d.status,
        toStatus: to,
        action,
        at: now.toISOString(),
        dueAt: dueAt ? dueAt.toISOString() : null,
        applicantUserId: d.applicant_user_id,
        eventId: String(event.id),
      },
      idempotencyKey: `dossier-event:${event.id}`,
    });
  }

  private async closeStage(m: EntityManager, dossierId: string, now: Date): Promise<void> {
    const [open] = await m.query(
      `SELECT id, due_at FROM dossier_stages WHERE dossier_id = $1 AND completed_at IS NULL ORDER BY seq DESC LIMIT 1`,
      [dossierId],
    );
    if (!open) return;
    await m.query(`UPDATE dossier_stages SET completed_at = $2, timeliness = $3 WHERE id = $1`, [
      open.id, now, classify(now, open.due_at ? new Date(open.due_at) : null, false),
    ]);
  }

  /** Supplemented data and documents: the citizen's own uploaded files only. */
  private async attach(m: EntityManager, actor: AuthUser, d: DossierRow, input: TransitionInput): Promise<void> {
    if (input.data && typeof input.data === 'object' && !Array.isArray(input.data)) {
      await m.query(`UPDATE dossiers SET data = data || $2::jsonb WHERE id = $1`, [d.id, JSON.stringify(input.data)]);
    }
    if (!input.documents || typeof input.documents !== 'object') return;
    for (const [key, ids] of Object.entries(input.documents)) {
      if (!Array.isArray(ids) || !/^[a-zA-Z0-9_.-]{1,60}$/.test(key)) throw new BadRequestException('documents không hợp lệ');
      for (const id of ids) {
        const owner = actor.role === 'CITIZEN' ? actor.id : d.applicant_user_id;
        const [f] = await m.query(
          `SELECT id FROM files WHERE id::text = $1 AND (owner_user_id = $2 OR owner_user_id = $3)`,
          [String(id), owner, actor.id],
        );
        if (!f) throw new UnprocessableEntityException(`Không tìm thấy tệp ${String(id)} trong kho tài liệu của người nộp`);
        await m.query(
          `INSERT INTO dossier_documents (dossier_id, document_key, file_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [d.id, key, f.id],
        );
      }
    }
  }
}
