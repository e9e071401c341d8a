import { WorkingCalendar } from '../../calendar/working-calendar';
import type { AddWorkingTimeOptions, Deadline, DeadlineExplanation, DurationUnit } from '../../calendar/calendar.types';
import { HOUR } from '../../common/local-time';

/** A deadline whose explanation is computed (by the calendar itself) only when read. */
class LazyDeadline implements Deadline {
  private full: Deadline | null = null;
  constructor(readonly at: Date, private readonly compute: () => Deadline) {}
  get explanation(): DeadlineExplanation {
    return (this.full ??= this.compute()).explanation;
  }
}

/**
 * The working calendar the generators run the workflow's effects with: the same class, the same
 * exceptions and the same arithmetic (`deadlineAt` is the instant `addWorkingTime` computes), but a
 * deadline's explanation — long Vietnamese text the effects read only at reception — is built when
 * read, not for every step deadline. dossier-life.spec.ts checks generated due dates against a
 * plain WorkingCalendar.
 */
export class GeneratorCalendar extends WorkingCalendar {
  override addWorkingTime(start: Date, value: number, unit: DurationUnit, options: AddWorkingTimeOptions = {}): Deadline {
    return new LazyDeadline(this.deadlineAt(start, value, unit, options), () => super.addWorkingTime(start, value, unit, options));
  }

  override shiftByPause(deadline: Date | Deadline, pauseStart: Date, pauseEnd: Date, reason?: string): Deadline {
    if (!(deadline instanceof Date) || pauseEnd.getTime() < pauseStart.getTime()) return super.shiftByPause(deadline, pauseStart, pauseEnd, reason);
    const pauseMs = this.workingMillisBetween(pauseStart, pauseEnd);
    const at = pauseMs === 0 ? new Date(deadline.getTime()) : this.deadlineAt(deadline, pauseMs / HOUR, 'WORKING_HOUR', { applyLateReceptionCutoff: false });
    return new LazyDeadline(at, () => super.shiftByPause(deadline, pauseStart, pauseEnd, reason));
  }
}
