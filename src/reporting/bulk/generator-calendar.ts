import { WorkingCalendar } from '../../calendar/working-calendar';
import type { AddWorkingTimeOptions, Deadline, DurationUnit } from '../../calendar/calendar.types';
import { HOUR } from '../../common/local-time';

/**
 * The working calendar the generators run the workflow's effects with: the same class, the same
 * exceptions and the same arithmetic (`deadlineAt` is the instant `addWorkingTime` computes), but a
 * deadline's explanation — long Vietnamese text the effects read only at reception — is built when
 * read, not for every step deadline. dossier-life.spec.ts checks generated due dates against a
 * plain WorkingCalendar.
 */
export class GeneratorCalendar extends WorkingCalendar {
  override addWorkingTime(start: Date, value: number, unit: DurationUnit, options: AddWorkingTimeOptions = {}): Deadline {
    const at = this.deadlineAt(start, value, unit, options);
    let full: Deadline | undefined;
    const explain = () => (full ??= super.addWorkingTime(start, value, unit, options));
    return {
      at,
      get explanation() {
        return explain().explanation;
      },
    };
  }

  override shiftByPause(deadline: Date | Deadline, pauseStart: Date, pauseEnd: Date, reason?: string): Deadline {
    if (!(deadline instanceof Date)) return super.shiftByPause(deadline, pauseStart, pauseEnd, reason);
    if (pauseEnd.getTime() < pauseStart.getTime()) return super.shiftByPause(deadline, pauseStart, pauseEnd, reason);
    const pauseMs = this.workingMillisBetween(pauseStart, pauseEnd);
    const at = pauseMs === 0 ? new Date(deadline.getTime()) : this.deadlineAt(deadline, pauseMs / HOUR, 'WORKING_HOUR', { applyLateReceptionCutoff: false });
    let full: Deadline | undefined;
    const explain = () => (full ??= super.shiftByPause(deadline, pauseStart, pauseEnd, reason));
    return {
      at,
      get explanation() {
        return explain().explanation;
      },
    };
  }
}
