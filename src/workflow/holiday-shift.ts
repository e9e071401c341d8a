/**
 * A day off decreed (or a swap, or a correction) after dossiers were received: what it does to the
 * due dates of the open dossiers, and the one function that writes it.
 *
 * The choice (see DESIGN.md "Deadlines count working days" and "Every due date can explain
 * itself"): the appointment is fixed at reception as "N working days", and the law counts the
 * time in working days of the calendar in force. When the Government decrees a new day off, the
 * offices close that day, so a dossier whose REMAINING time crosses it gets that working time
 * back: its due date is recomputed so that the working time still left is the same under the new
 * calendar as it was under the old one. Working time already spent is not re-counted (a day off
 * declared for a day already past moves nothing), and the same rule runs both ways: a day declared
 * a working day (làm bù), or a holiday entered by mistake and deleted, brings due dates back.
 * Each moved dossier gets one `calendar-shift` event whose reason is the Vietnamese explanation,
 * and one outbox message (national portal, a notice to the citizen), like any other due-date change.
 *
 * What moves: open dossiers (received, processing not ended) whose clock has not passed the due
 * date — a dossier already overdue stays overdue (its lateness is a fact). The remaining time is
 * counted from now, or from the pause for a dossier waiting for a supplement (its clock stopped
 * there; supplementing later adds the pause, as always). The due date, the current step's due date
 * and the open stages' due dates move by the same rule. An apology's new appointment moves too: it
 * is an appointment like the first one. `original_due_at` (the receipt's appointment) never moves.
 *
 * The computation is pure (`holidayShift`); `shiftOpenDossiers` holds all of its SQL and is meant
 * to be folded into the dossier repository.
 */
import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarChange, MovedDossier } from '../calendar/calendar-change';
import type { CalendarException } from '../calendar/calendar.types';
import { describeLocal, describeLocalDate, type WorkingCalendar } from '../calendar/working-calendar';
import { HOUR, localDateOf, toIsoLocal } from '../common/local-time';
import { viAction } from '../common/vi-labels';
import { statusChanged } from '../dossiers/dossier-messages';
import type { DossierRepository } from '../dossiers/dossier.repository';
import type { OutboxService } from '../outbox/outbox.service';

/** The history entry of a due date moved by a calendar change (not a status change: from = to). */
export const CALENDAR_SHIFT_ACTION = 'calendar-shift';
export const CALENDAR_SHIFT_LABEL = viAction(CALENDAR_SHIFT_ACTION);

/** An open dossier's clocks as the shift reads them. */
export interface OpenClock {
  dueAt: Date;
  /** Set while waiting for a supplement: the clock stopped there. */
  pausedAt: Date | null;
  currentStepDueAt: Date | null;
  openStages: readonly { seq: number; dueAt: Date | null }[];
}

/** The edited day as the shift reads it. */
export interface DayChange {
  date: string;
  before: CalendarException | null;
  after: CalendarException | null;
}

export interface HolidayShift {
  /** Where the remaining time is counted from: now, or the pause. */
  from: Date;
  /** Working time left at `from` until the due date (kept equal across the calendars). */
  remainingMs: number;
  dueAt: { before: Date; after: Date };
  /** Present when the current step's due date moves. */
  currentStepDueAt?: { before: Date; after: Date };
  stages: { seq: number; before: Date; after: Date }[];
  explanation: string;
}

const wh = (ms: number): number => ms / HOUR;

/**
 * The instant that leaves, under `next`, as much working time after `from` as `at` left under
 * `prev`. An instant that starts a working period (Monday 08:00, 13:00) is the same working-time
 * point as the end of the period before it (Friday 17:00, 12:00); it keeps its "start of the next
 * working period" meaning, so a holiday on that Monday moves it to Tuesday 08:00, not back to Friday.
 */
export function moveInstant(at: Date, from: Date, prev: WorkingCalendar, next: WorkingCalendar): Date {
  const remaining = prev.workingMillisBetween(from, at);
  const opts = { applyLateReceptionCutoff: false };
  const moved = next.addWorkingTime(from, wh(remaining), 'WORKING_HOUR', opts).at;
  const sameUnderPrev = prev.addWorkingTime(from, wh(remaining), 'WORKING_HOUR', opts).at;
  if (sameUnderPrev.getTime() !== at.getTime() && prev.isWorkingInstant(at)) return next.nextWorkingInstant(moved);
  return moved;
}

/** What the edited day became, for people: "thứ Ba 24/11/2026 nay là ngày nghỉ (Ngày Văn hóa Việt Nam; căn cứ: …)". */
export function describeDayChange(c: DayChange, next: WorkingCalendar): string {
  const working = next.isWorkingDay(c.date);
  const what = `${describeLocalDate(c.date)} nay là ${working ? 'ngày làm việc' : 'ngày nghỉ'}`;
  if (c.after) return `${what} (${c.after.name}${c.after.legalSource ? `; căn cứ: ${c.after.legalSource}` : ''})`;
  if (c.before) return `${what} (đã bỏ "${c.before.name}" khỏi lịch làm việc)`;
  return what;
}

/**
 * The due dates a calendar edit moves for one open dossier, or null when it moves none: the day's
 * working status did not change, the day lies outside the dossier's remaining time, or the
 * dossier was already overdue when its clock last ran.
 */
export function holidayShift(d: OpenClock, change: DayChange, prev: WorkingCalendar, next: WorkingCalendar, now: Date): HolidayShift | null {
  if (prev.isWorkingDay(change.date) === next.isWorkingDay(change.date)) return null;
  const from = d.pausedAt ?? now;
  if (from.getTime() >= d.dueAt.getTime()) return null;
  if (change.date < localDateOf(from) || change.date > localDateOf(d.dueAt)) return null;
  const dueAfter = moveInstant(d.dueAt, from, prev, next);
  if (dueAfter.getTime() === d.dueAt.getTime()) return null;
  const move = (x: Date | null) => (x && x.getTime() > from.getTime() ? moveInstant(x, from, prev, next) : x);
  const stepAfter = move(d.currentStepDueAt);
  const stages = d.openStages
    .filter((s): s is { seq: number; dueAt: Date } => !!s.dueAt)
    .map((s) => ({ seq: s.seq, before: s.dueAt, after: move(s.dueAt)! }))
    .filter((s) => s.after.getTime() !== s.before.getTime());
  const remainingMs = prev.workingMillisBetween(from, d.dueAt);
  const later = dueAfter.getTime() > d.dueAt.getTime();
  const parts = [
    `Lịch làm việc thay đổi: ${describeDayChange(change, next)}`,
    d.pausedAt
      ? `hồ sơ đang tạm dừng chờ bổ sung từ ${describeLocal(d.pausedAt)}, khi đó còn ${next.describeDuration(remainingMs)} để giải quyết (thời gian tạm dừng sẽ được cộng thêm khi bổ sung)`
      : `thời gian giải quyết còn lại tính từ ${describeLocal(from)} là ${next.describeDuration(remainingMs)}, không thay đổi`,
    later
      ? `hạn trả kết quả dời từ ${describeLocal(d.dueAt)} sang ${describeLocal(dueAfter)}`
      : `hạn trả kết quả sớm hơn: từ ${describeLocal(d.dueAt)} về ${describeLocal(dueAfter)}`,
  ];
  return {
    from,
    remainingMs,
    dueAt: { before: d.dueAt, after: dueAfter },
    ...(stepAfter && d.currentStepDueAt && stepAfter.getTime() !== d.currentStepDueAt.getTime()
      ? { currentStepDueAt: { before: d.currentStepDueAt, after: stepAfter } }
      : {}),
    stages,
    explanation: parts.join('; ') + '.',
  };
}

interface OpenRow {
  id: string;
  code: string;
  version: number;
  status: string;
  agency_code: string;
  procedure_code: string;
  applicant_user_id: string | null;
  due_at: Date;
  paused_at: Date | null;
  current_step_due_at: Date | null;
  stages: { seq: number; dueAt: string | null }[];
}

const CHUNK = 500;

/**
 * Applies a calendar edit to the open dossiers, inside the edit's transaction, with the workflow's
 * writer rules: rows locked, a conditional UPDATE on the version (version + 1), one event per moved
 * dossier and its outbox message in the same transaction. Returns the moved dossiers.
 */
export async function shiftOpenDossiers(m: EntityManager, change: CalendarChange, outbox: OutboxService, dossiers: DossierRepository): Promise<MovedDossier[]> {
  const { oldCalendar: prev, newCalendar: next, at: now, actor } = change;
  if (prev.isWorkingDay(change.date) === next.isWorkingDay(change.date)) return [];
  const rows: OpenRow[] = await dossiers.lockOpenCrossingDay(m, now, change.date);
  const day: DayChange = { date: change.date, before: change.before, after: change.after };
  const moves = rows
    .map((r) => {
      const clock: OpenClock = {
        dueAt: new Date(r.due_at),
        pausedAt: r.paused_at ? new Date(r.paused_at) : null,
        currentStepDueAt: r.current_step_due_at ? new Date(r.current_step_due_at) : null,
        openStages: r.stages.map((s) => ({ seq: s.seq, dueAt: s.dueAt ? new Date(s.dueAt) : null })),
      };
      return { r, clock, shift: holidayShift(clock, day, prev, next, now) };
    })
    .filter((x): x is { r: OpenRow; clock: OpenClock; shift: HolidayShift } => x.shift !== null);

  const iso = (d: Date) => toIsoLocal(d);
  const moved: MovedDossier[] = [];
  for (let i = 0; i < moves.length; i += CHUNK) {
    const part = moves.slice(i, i + CHUNK);
    const count = await dossiers.moveDueDates(m, part.map((x) => ({
      id: x.r.id, version: x.r.version, dueAt: x.shift.dueAt.after, currentStepDueAt: x.shift.currentStepDueAt?.after ?? x.clock.currentStepDueAt,
    })));
    if (count !== part.length) throw new ConflictException('Một số hồ sơ vừa được cập nhật cùng lúc; vui lòng lưu lại ngày này.');
    await dossiers.moveOpenStageDueDates(m, part.flatMap((x) => x.shift.stages.map((st) => ({ dossierId: x.r.id, seq: st.seq, dueAt: st.after }))));
    const events = await dossiers.insertSameEvents(m, {
      at: now, action: CALENDAR_SHIFT_ACTION, actorUserId: actor.id, actorName: actor.fullName, actorRole: actor.role, agencyCode: actor.agencyCode,
    }, part.map((x) => ({
      dossierId: x.r.id,
      status: x.r.status,
      agencyCode: x.r.agency_code,
      reason: x.shift.explanation,
      data: {
        calendarDate: change.date,
        calendarBefore: change.before,
        calendarAfter: change.after,
        countedFrom: iso(x.shift.from),
        remainingWorkingMinutes: x.shift.remainingMs / 60_000,
        dueAtBefore: iso(x.shift.dueAt.before),
        dueAtAfter: iso(x.shift.dueAt.after),
        ...(x.shift.currentStepDueAt
          ? { currentStepDueAtBefore: iso(x.shift.currentStepDueAt.before), currentStepDueAtAfter: iso(x.shift.currentStepDueAt.after) }
          : {}),
        ...(x.shift.stages.length ? { stages: x.shift.stages.map((st) => ({ seq: st.seq, dueAtBefore: iso(st.before), dueAtAfter: iso(st.after) })) } : {}),
      },
    })));
    const eventOf = new Map(events.map((e) => [e.dossierId, e.id]));
    await outbox.enqueue(
      m,
      part.map((x) =>
        statusChanged({
          code: x.r.code, procedureCode: x.r.procedure_code, agencyCode: x.r.agency_code, fromStatus: x.r.status, toStatus: x.r.status,
          action: CALENDAR_SHIFT_ACTION, at: now, dueAt: x.shift.dueAt.after, applicantUserId: x.r.applicant_user_id, eventId: eventOf.get(x.r.id)!,
        }),
      ),
    );
    for (const x of part) {
      moved.push({
        code: x.r.code, agencyCode: x.r.agency_code, status: x.r.status,
        dueAtBefore: iso(x.shift.dueAt.before), dueAtAfter: iso(x.shift.dueAt.after), explanation: x.shift.explanation,
      });
    }
  }
  return moved;
}
