import { BadRequestException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { Clock } from '../common/clock';
import { CacheBus } from '../database/cache-bus';
import type { CalendarChangeListener, MovedDossier } from './calendar-change';
import { CalendarExceptionRow } from './calendar-exception.entity';
import { WorkingCalendar } from './working-calendar';
import { type CalendarException, type Deadline, type DurationUnit } from './calendar.types';
import { localDateOf, parseInstant, toIsoLocal } from '../common/local-time';

export interface CalendarExceptionView {
  date: string;
  name: string;
  working: boolean;
  note?: string | null;
  legalSource: string | null;
}

/** The result of an edit: the day as saved (null after a deletion) and the open dossiers whose due dates moved. */
export interface CalendarEditResult {
  exception: CalendarExceptionView | null;
  movedDossiers: MovedDossier[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real day (no 30 February) in a year the calendar can hold; anything else is a 400, not a database error. */
function assertCalendarDate(date: string): void {
  const d = new Date(`${date}T00:00:00Z`);
  if (!DATE_RE.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date || date < '1900' || date >= '3000') {
    throw new BadRequestException('Ngày phải có dạng YYYY-MM-DD hợp lệ (năm 1900–2999)');
  }
}
const RELOAD_MS = 60_000;

/**
 * The working calendar as the whole application sees it: exceptions from the admin-edited table,
 * cached in memory and rebuilt after every edit. The workflow and the public API use this same
 * service, so a deadline shown anywhere is the one the clock enforces.
 */
@Injectable()
export class CalendarService {
  private cached: Promise<WorkingCalendar> | null = null;
  private loadedAt = 0;

  constructor(
    @InjectRepository(CalendarExceptionRow) private readonly rows: Repository<CalendarExceptionRow>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: PolicyService,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
    @Optional() private readonly bus?: CacheBus,
  ) {
    bus?.on('calendar', () => this.invalidate());
  }

  private readonly listeners: CalendarChangeListener[] = [];

  /**
   * Called in the transaction of every edit, after the row is written, with the calendar before
   * and after: the workflow moves the due dates of open dossiers here (src/workflow/holiday-shift.ts).
   * A listener that throws undoes the edit.
   */
  onChange(listener: CalendarChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * The cached calendar; rebuilt after an edit here, and at least every minute so that edits made
   * through another app instance are picked up.
   */
  calendar(): Promise<WorkingCalendar> {
    if (!this.cached || Date.now() - this.loadedAt > RELOAD_MS) {
      this.loadedAt = Date.now();
      const loading = this.load();
      this.cached = loading;
      loading.catch(() => {
        if (this.cached === loading) this.cached = null;
      });
    }
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  async deadline(from: Date, value: number, unit: DurationUnit): Promise<Deadline> {
    return (await this.calendar()).addWorkingTime(from, value, unit);
  }

  /** API form of a deadline: ISO strings with +07:00 and the explanation. */
  async deadlineView(fromRaw: unknown, valueRaw: unknown, unitRaw: unknown) {
    // No offset = Vietnam time (API.md); a bare date is that day's local midnight (the clock then starts at 08:00).
    const from = parseInstant(fromRaw, { dateOnly: 'local-midnight' });
    if (!from) {
      throw new BadRequestException('Tham số from phải là thời điểm ISO 8601, ví dụ 2026-11-23T08:00:00+07:00 (không ghi múi giờ thì hiểu là giờ Việt Nam)');
    }
    const value = typeof valueRaw === 'string' && /^\d+(\.\d+)?$/.test(valueRaw) ? Number(valueRaw) : NaN;
    if (!Number.isFinite(value) || value < 0 || value > 3650) {
      throw new BadRequestException('Tham số value phải là số không âm (tối đa 3650)');
    }
    if (unitRaw !== 'WORKING_DAY' && unitRaw !== 'WORKING_HOUR') {
      throw new BadRequestException('Tham số unit phải là WORKING_DAY hoặc WORKING_HOUR');
    }
    const year = Number(localDateOf(from).slice(0, 4));
    if (year < 2000 || year > 2100) throw new BadRequestException('Tham số from nằm ngoài phạm vi lịch (2000–2100)');
    const d = await this.deadline(from, value, unitRaw);
    return { deadline: toIsoLocal(d.at), explanation: d.explanation };
  }

  async listExceptions(yearRaw?: unknown): Promise<CalendarExceptionView[]> {
    const qb = this.rows.createQueryBuilder('c').orderBy('c.date');
    if (yearRaw !== undefined && yearRaw !== '') {
      if (typeof yearRaw !== 'string' || !/^\d{4}$/.test(yearRaw) || yearRaw < '1900') throw new BadRequestException('Tham số year phải là năm 4 chữ số (từ 1900)');
      qb.where('c.date BETWEEN :a AND :b', { a: `${yearRaw}-01-01`, b: `${yearRaw}-12-31` });
    }
    return (await qb.getMany()).map((r) => ({ date: r.date, name: r.name, working: r.working, note: r.note, legalSource: r.legalSource }));
  }

  /**
   * The calendar is province-wide data: only the province's administrators edit it. One row is the
   * whole admin action for a newly decreed day off or a swap: saving it moves, in the same
   * transaction, the due dates of the open dossiers whose remaining time crosses that day (see
   * src/workflow/holiday-shift.ts) and returns them with the explanation each dossier now carries.
   */
  async upsertException(
    actor: AuthUser | undefined,
    date: string,
    input: { name?: unknown; working?: unknown; note?: unknown; legalSource?: unknown },
  ): Promise<CalendarEditResult> {
    await this.policy.assert(actor, 'admin.calendar');
    assertCalendarDate(date);
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name || name.length > 200) throw new BadRequestException('Tên ngày (name) là bắt buộc, tối đa 200 ký tự');
    let working: boolean;
    if (typeof input.working === 'boolean') working = input.working;
    else if (input.working === 'true' || input.working === '1' || input.working === 'on') working = true;
    else if (input.working === 'false' || input.working === '0' || input.working === undefined || input.working === '') working = false;
    else throw new BadRequestException('working phải là true hoặc false');
    const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim().slice(0, 2000) : null;
    if (input.legalSource !== undefined && input.legalSource !== null && typeof input.legalSource !== 'string') {
      throw new BadRequestException('Căn cứ pháp lý (legalSource) phải là văn bản, tối đa 500 ký tự');
    }
    const legalSource = typeof input.legalSource === 'string' && input.legalSource.trim() ? input.legalSource.trim() : null;
    if (legalSource && legalSource.length > 500) throw new BadRequestException('Căn cứ pháp lý (legalSource) tối đa 500 ký tự');
    const exception: CalendarExceptionView = { date, name, working, note, legalSource };
    const movedDossiers = await this.edit(actor!, date, exception);
    this.securityLog.record({
      type: 'admin.action', outcome: 'success', actor, action: 'calendar.upsert', target: `calendar:${date}`,
      details: { working, movedDossiers: movedDossiers.length },
    });
    return { exception, movedDossiers };
  }

  async deleteException(actor: AuthUser | undefined, date: string): Promise<CalendarEditResult> {
    await this.policy.assert(actor, 'admin.calendar');
    assertCalendarDate(date);
    const movedDossiers = await this.edit(actor!, date, null);
    this.securityLog.record({
      type: 'admin.action', outcome: 'success', actor, action: 'calendar.delete', target: `calendar:${date}`,
      details: { movedDossiers: movedDossiers.length },
    });
    return { exception: null, movedDossiers };
  }

  /** Writes (or deletes) one day and lets the listeners act on the change, all in one transaction. */
  private async edit(actor: AuthUser, date: string, after: CalendarExceptionView | null): Promise<MovedDossier[]> {
    const moved = await this.rows.manager.transaction('READ COMMITTED', async (m) => {
      // One calendar edit at a time: each listener must see the calendar exactly before and after its own edit.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('motcua:calendar_exceptions'))`);
      const rows = await this.exceptions(m);
      const before = rows.find((r) => r.date === date) ?? null;
      if (!after && !before) throw new NotFoundException('Không có ngày ngoại lệ này trong lịch');
      if (after) {
        await m.query(
          `INSERT INTO calendar_exceptions (date, name, working, note, legal_source) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (date) DO UPDATE SET name = EXCLUDED.name, working = EXCLUDED.working, note = EXCLUDED.note, legal_source = EXCLUDED.legal_source`,
          [date, after.name, after.working, after.note ?? null, after.legalSource],
        );
      } else {
        await m.query(`DELETE FROM calendar_exceptions WHERE date = $1`, [date]);
      }
      const next = rows.filter((r) => r.date !== date);
      const afterException: CalendarException | null = after ? this.exception(after) : null;
      if (afterException) next.push(afterException);
      const change = {
        date, before, after: afterException, oldCalendar: this.build(rows), newCalendar: this.build(next), at: this.clock.now(), actor,
      };
      const out: MovedDossier[] = [];
      for (const listener of this.listeners) out.push(...(await listener(m, change)));
      return out;
    });
    // Every instance drops its calendar (LISTEN/NOTIFY), not only this one.
    if (this.bus) await this.bus.publish('calendar').catch(() => this.invalidate());
    else this.invalidate();
    return moved;
  }

  private async exceptions(m: EntityManager): Promise<CalendarException[]> {
    const rows: { date: string; name: string; working: boolean; note: string | null; legal_source: string | null }[] = await m.query(
      `SELECT date::text AS date, name, working, note, legal_source FROM calendar_exceptions ORDER BY date`,
    );
    return rows.map((r) => this.exception({ date: r.date, name: r.name, working: r.working, note: r.note, legalSource: r.legal_source }));
  }

  private exception(r: CalendarExceptionView): CalendarException {
    return { date: r.date, name: r.name, working: r.working, ...(r.note ? { note: r.note } : {}), ...(r.legalSource ? { legalSource: r.legalSource } : {}) };
  }

  private build(exceptions: readonly CalendarException[]): WorkingCalendar {
    return new WorkingCalendar(exceptions, { lateReceptionCutoff: this.config.lateReceptionCutoffMinutes });
  }

  private async load(): Promise<WorkingCalendar> {
    return this.build(await this.exceptions(this.rows.manager));
  }
}
