import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { AuthUser } from '../identity/auth-user';
import { statusLabel } from './dossier-state-machine';
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

const OPEN = ['SUBMITTED', 'RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'PENDING_APPROVAL', 'TRANSFERRED', 'RESULT_READY'];
const HOUR = 3_600_000;

/** Staff inboxes: the open dossiers of the caller's agency, most urgent first. */
@Injectable()
export class QueueService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async list(actor: AuthUser, f: QueueFilter): Promise<{ items: QueueItem[]; total: number; page: number; pageSize: number }> {
    const page = Math.max(1, Math.floor(Number(f.page) || 1));
    const pageSize = Math.min(100, Math.max(1, Math.floor(Number(f.pageSize) || 50)));
    const now = this.clock.now();
    const cal = await this.calendar.calendar();
    const params: unknown[] = [actor.agencyCode];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = ['d.agency_code = $1'];
    const statuses = f.status && OPEN.includes(f.status) ? [f.status] : OPEN;
    if (f.procedureCode) where.push(`d.procedure_code = ${p(String(f.procedureCode).slice(0, 40))}`);
    if (f.overdue) where.push(`d.due_at < ${p(now)} AND d.paused_at IS NULL AND d.status <> 'RESULT_READY'`);
    if (f.dueSoon) {
      const soon = cal.addWorkingTime(now, 1, 'WORKING_DAY', { applyLateReceptionCutoff: false }).at;
      where.push(`d.due_at >= ${p(now)} AND d.due_at <= ${p(soon)} AND d.paused_at IS NULL`);
    }
    if (f.mine) where.push(`d.assignee_user_id = ${p(actor.id)}`);
    // Top-N per (status, has a due date) part, each read in index order of (agency_code, status, due_at),
    // then merged: the same order as one ORDER BY over the whole queue without sorting 10,000 rows.
    const cols = `d.code, d.version, d.procedure_code, d.applicant_name, d.status, d.submitted_at, d.due_at, d.paused_at, d.procedure_id, d.assignee_user_id`;
    const k = page * pageSize;
    const countParams = [...params, statuses];
    const countWhere = [...where, `d.status = ANY($${countParams.length}::varchar[])`];
    const base = where;
    const parts = statuses.flatMap((st) => {
      const sp = p(st);
      return [
        `(SELECT ${cols} FROM dossiers d WHERE ${[...base, `d.status = ${sp}`, 'd.due_at IS NULL'].join(' AND ')} ORDER BY d.submitted_at ASC LIMIT ${k})`,
        `(SELECT ${cols} FROM dossiers d WHERE ${[...base, `d.status = ${sp}`, 'd.due_at IS NOT NULL'].join(' AND ')} ORDER BY d.due_at ASC, d.submitted_at ASC LIMIT ${k})`,
      ];
    });
    const sql = `SELECT * FROM (${parts.join(' UNION ALL ')}) q
                  ORDER BY q.due_at ASC NULLS FIRST, q.submitted_at ASC
                  LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
    const [rows, [{ n }]] = await Promise.all([
      this.ds.query(sql, params),
      this.ds.query(`SELECT count(*)::int AS n FROM dossiers d WHERE ${countWhere.join(' AND ')}`, countParams),
    ]);
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
      let remainingText = r.status === 'SUBMITTED' ? 'Chưa tiếp nhận' : '—';
      let dueClass: QueueItem['dueClass'] = '';
      if (due && r.status !== 'RESULT_READY') {
        if (r.paused_at) {
          remainingText = 'Tạm dừng (chờ bổ sung)';
        } else if (due.getTime() <= now.getTime()) {
          remainingText = `Quá hạn ${formatHours(cal.workingMillisBetween(due, now))}`;
          dueClass = 'due--late';
        } else {
          const left = cal.workingMillisBetween(now, due);
          remainingText = `Còn ${formatHours(left)}`;
          dueClass = left <= 8 * HOUR ? 'due--soon' : 'due--ok';
        }
      } else if (r.status === 'RESULT_READY') remainingText = 'Đã có kết quả';
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
