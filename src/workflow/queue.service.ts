import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { AuthUser } from '../identity/auth-user';
import { DossierListings } from '../dossiers/dossier-listings.repository';
import { isOverdueAt, processingEnded, statusLabel } from '../dossiers/dossier-rules';
import type { DossierStatus } from '../dossiers/dossier.types';
import { Clock } from '../common/clock';

export interface QueueFilter {
  status?: string;
  procedureCode?: string;
  /** Due within one working day. */
  dueSoon?: boolean;
  overdue?: boolean;
  /** Only dossiers assigned to the caller (specialists). */
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

export interface QueueItem {
  code: string;
  version: number;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  status: string;
  statusLabel: string;
  submittedAt: Date;
  dueAt: Date | null;
  pausedAt: Date | null;
  assigneeName: string | null;
  remainingText: string;
  dueClass: 'due--ok' | 'due--soon' | 'due--late' | '';
}

/** What a staff inbox shows: everything not closed. */
const QUEUE_STATUSES: DossierStatus[] = ['SUBMITTED', 'RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'PENDING_APPROVAL', 'TRANSFERRED', 'RESULT_READY'];
const HOUR = 3_600_000;

/** Staff inboxes: the open dossiers of the caller's agency, most urgent first. */
@Injectable()
export class QueueService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly listings: DossierListings,
  ) {}

  async list(actor: AuthUser, f: QueueFilter): Promise<{ items: QueueItem[]; total: number; page: number; pageSize: number }> {
    const page = Math.max(1, Math.floor(Number(f.page) || 1));
    const pageSize = Math.min(100, Math.max(1, Math.floor(Number(f.pageSize) || 50)));
    const now = this.clock.now();
    const cal = await this.calendar.calendar();
    const soon = f.dueSoon ? cal.addWorkingTime(now, 1, 'WORKING_DAY', { applyLateReceptionCutoff: false }).at : null;
    const { rows, total: n } = await this.listings.queue({
      agencyCode: actor.agencyCode!,
      statuses: f.status && QUEUE_STATUSES.includes(f.status as DossierStatus) ? [f.status as DossierStatus] : QUEUE_STATUSES,
      procedureCode: f.procedureCode ? String(f.procedureCode).slice(0, 40) : undefined,
      overdue: !!f.overdue,
      dueSoonUntil: soon,
      assigneeUserId: f.mine ? actor.id : undefined,
      // A specialist works on what is assigned to them: those first, most urgent on top.
      mineFirstUserId: actor.role === 'SPECIALIST' ? actor.id : undefined,
      now,
      page,
      pageSize,
    });
    const procIds = [...new Set(rows.map((r: { procedure_id: string }) => r.procedure_id))];
    const userIds = [...new Set(rows.map((r: { assignee_user_id: string | null }) => r.assignee_user_id).filter(Boolean))];
    const [procs, users] = await Promise.all([
      procIds.length ? this.ds.query(`SELECT id, name FROM procedures WHERE id = ANY($1::uuid[])`, [procIds]) : [],
      userIds.length ? this.ds.query(`SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])`, [userIds]) : [],
    ]);
    const procName = new Map<string, string>(procs.map((x: { id: string; name: string }) => [x.id, x.name]));
    const userName = new Map<string, string>(users.map((x: { id: string; full_name: string }) => [x.id, x.full_name]));
    const items = rows.map((r: Record<string, any>): QueueItem => {
      const due = r.due_at ? new Date(r.due_at) : null;
      const clockFacts = { status: r.status as DossierStatus, dueAt: due, pausedAt: r.paused_at ? new Date(r.paused_at) : null, processingEndedAt: r.processing_ended_at ? new Date(r.processing_ended_at) : null };
      const { remainingText, dueClass } = remainingTime(clockFacts, now, cal);
      return {
        code: r.code,
        version: r.version,
        procedureCode: r.procedure_code,
        procedureName: procName.get(r.procedure_id) ?? r.procedure_code,
        applicantName: r.applicant_name,
        status: r.status,
        statusLabel: statusLabel(r.status),
        submittedAt: r.submitted_at,
        dueAt: due,
        pausedAt: r.paused_at,
        assigneeName: r.assignee_user_id ? userName.get(r.assignee_user_id) ?? null : null,
        remainingText,
        dueClass,
      };
    });
    return { items, total: n, page, pageSize };
  }

  async specialists(agencyCode: string): Promise<{ id: string; username: string; fullName: string }[]> {
    const rows = await this.ds.query(
      `SELECT id, username, full_name FROM users WHERE agency_code = $1 AND role = 'SPECIALIST' AND NOT disabled ORDER BY full_name`,
      [agencyCode],
    );
    return rows.map((r: { id: string; username: string; full_name: string }) => ({ id: r.id, username: r.username, fullName: r.full_name }));
  }

  /** Procedures with a step at this agency's kind and level (for the filter): catalog-sized, not queue-sized. */
  async procedures(agencyCode: string): Promise<{ code: string; name: string }[]> {
    return this.ds.query(
      `SELECT p.code, p.name FROM procedures p, agencies a
        WHERE a.code = $1 AND p.is_current
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.steps) s WHERE s->>'agencyKind' = a.kind AND s->>'level' = a.level)
        ORDER BY p.name LIMIT 200`,
      [agencyCode],
    );
  }
}

/** The working time left before a dossier's deadline, in words, and its colour (inbox and dossier page). */
export function remainingTime(
  facts: { status: DossierStatus; dueAt: Date | null; pausedAt: Date | null; processingEndedAt: Date | null },
  now: Date,
  cal: WorkingCalendar,
): { remainingText: string; dueClass: QueueItem['dueClass'] } {
  if (processingEnded(facts)) {
    // Refused or withdrawn dossiers end without a result.
    const text = facts.status === 'REFUSED' ? 'Đã kết thúc (từ chối tiếp nhận)' : facts.status === 'WITHDRAWN' ? 'Đã kết thúc (rút hồ sơ)' : 'Đã có kết quả';
    return { remainingText: text, dueClass: '' };
  }
  if (!facts.dueAt) return { remainingText: facts.status === 'SUBMITTED' ? 'Chưa tiếp nhận' : '—', dueClass: '' };
  if (isOverdueAt(facts, now)) {
    const late = formatHours(cal.workingMillisBetween(facts.dueAt, facts.pausedAt ?? now));
    return { remainingText: `Quá hạn ${late}${facts.pausedAt ? ' (đang chờ bổ sung)' : ''}`, dueClass: 'due--late' };
  }
  if (facts.pausedAt) return { remainingText: 'Tạm dừng (chờ bổ sung)', dueClass: '' };
  const left = cal.workingMillisBetween(now, facts.dueAt);
  return { remainingText: `Còn ${formatHours(left)}`, dueClass: left <= 8 * HOUR ? 'due--soon' : 'due--ok' };
}

/** "3 giờ 30 phút làm việc", "2 ngày 1 giờ làm việc" (1 day = 8 working hours). */
export function formatHours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 480);
  const hours = Math.floor((minutes % 480) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} ngày`);
  if (hours) parts.push(`${hours} giờ`);
  if (mins && !days) parts.push(`${mins} phút`);
  return `${parts.join(' ') || '0 phút'} làm việc`;
}
