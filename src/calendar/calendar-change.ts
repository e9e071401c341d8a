/**
 * An administrator's edit of one calendar day, as the rest of the application hears of it. The
 * calendar sits below the dossiers in the layering, so it does not move due dates itself: the
 * workflow registers a listener (`CalendarService.onChange`) that runs in the edit's own
 * transaction and reports the dossiers whose due dates it moved.
 */
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../identity/auth-user';
import type { CalendarException } from './calendar.types';
import type { WorkingCalendar } from './working-calendar';

export interface CalendarChange {
  /** The local date edited (YYYY-MM-DD). */
  date: string;
  /** The exception for that date before and after the edit (null: none, the Monday–Friday rule). */
  before: CalendarException | null;
  after: CalendarException | null;
  /** The whole calendar before and after the edit. */
  oldCalendar: WorkingCalendar;
  newCalendar: WorkingCalendar;
  /** Business time of the edit (the injected clock). */
  at: Date;
  actor: AuthUser;
}

/** One open dossier whose due date the edit moved, with the explanation recorded on its history. */
export interface MovedDossier {
  code: string;
  agencyCode: string;
  status: string;
  dueAtBefore: string;
  dueAtAfter: string;
  explanation: string;
}

export type CalendarChangeListener = (manager: EntityManager, change: CalendarChange) => Promise<MovedDossier[]>;
