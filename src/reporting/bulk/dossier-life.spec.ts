/**
 * Self-check of generated histories (issue 12, item 1): 2,000 dossier lives made in memory with
 * the generator's calendar, each checked against a PLAIN WorkingCalendar with the same holidays
 * and the workflow's own rules — lawful due dates, refusals only at reception, pauses with their
 * supplement requests, approvals after proposals, apologies in time, stages of transfers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarException } from '../../calendar/calendar.types';
import { WorkingCalendar } from '../../calendar/working-calendar';
import type { WorkflowStep } from '../../catalog/procedure.types';
import { DAY, dayOf, dayStart, fromLocal, HOUR, MINUTE } from '../../common/local-time';
import { classify, FINAL_STATUSES } from '../../dossiers/dossier-rules';
import { latestApologyAt } from '../../workflow/dossier-state-machine';
import { mulberry } from './bulk-catalog';
import { liveDossier, type DossierLife, type LifeAgency, type LifeProcedure, type Staff, type StaffRole } from './dossier-life';
import { GeneratorCalendar } from './generator-calendar';

const holidays = JSON.parse(readFileSync(join(__dirname, '../../../seeds/calendar/holidays.json'), 'utf8')) as CalendarException[];
const plain = new WorkingCalendar(holidays);
const fast = new GeneratorCalendar(holidays);

const step = (key: string, role: WorkflowStep['role'], level: WorkflowStep['level'], share: number, agencyKind: string): WorkflowStep => ({ key, name: key, role, level, share, agencyKind });
const oneLevel = (kind: string): WorkflowStep[] => [
  step('receive', 'CLERK', 'COMMUNE', 0.1, kind), step('examine', 'SPECIALIST', 'COMMUNE', 0.5, kind),
  step('approve', 'LEADER', 'COMMUNE', 0.3, kind), step('return', 'CLERK', 'COMMUNE', 0.1, kind),
];
const twoLevels: WorkflowStep[] = [
  step('receive', 'CLERK', 'COMMUNE', 0.1, 'PEOPLES_COMMITTEE'), step('check', 'SPECIALIST', 'COMMUNE', 0.1, 'PEOPLES_COMMITTEE'),
  step('examine', 'SPECIALIST', 'DISTRICT', 0.4, 'NATURAL_RESOURCES'), step('approve', 'LEADER', 'DISTRICT', 0.3, 'NATURAL_RESOURCES'),
  step('return', 'CLERK', 'COMMUNE', 0.1, 'PEOPLES_COMMITTEE'),
];
const proc = (code: string, value: number, unit: 'WORKING_DAY' | 'WORKING_HOUR', steps: WorkflowStep[], fee = 0, requiresPrepayment = false): LifeProcedure => ({
  id: code, code, sectorCode: 'tu-phap', terms: { value, unit, steps }, requiresPrepayment, fee, documentKeys: ['to_khai'],
});
const PROCS = [
  proc('KHAI-SINH', 1, 'WORKING_DAY', oneLevel('JUSTICE')),
  proc('KET-HON', 5, 'WORKING_DAY', oneLevel('JUSTICE'), 30000, true),
  proc('CHUNG-THUC', 8, 'WORKING_HOUR', oneLevel('JUSTICE'), 10000),
  proc('DAT-DAI', 17, 'WORKING_DAY', twoLevels),
  proc('BAO-HIEM', 5, 'WORKING_DAY', twoLevels, 100000, true),
];
const commune: LifeAgency = { code: 'X01', name: 'UBND xã', level: 'COMMUNE', kind: 'PEOPLES_COMMITTEE', districtCode: '001', provinceCode: '02' };
const district: LifeAgency = { code: 'H01.TNMT', name: 'Phòng TN&MT', level: 'DISTRICT', kind: 'NATURAL_RESOURCES', districtCode: '001', provinceCode: '02' };
const staffIds = new Map<string, Staff>();
const staff = (agency: string, role: StaffRole): Staff => {
  const k = `${agency}|${role}`;
  if (!staffIds.has(k)) staffIds.set(k, { id: `00000000-0000-4000-8000-${String(staffIds.size).padStart(12, '0')}`, name: `${role} ${agency}` });
  return staffIds.get(k)!;
};

const until = fromLocal('2026-11-30', '10:00');
const rnd = mulberry(7);
const lives: { life: DossierLife; p: LifeProcedure; online: boolean; submittedAt: Date }[] = [];
for (let i = 0; i < 2000; i++) {
  const p = PROCS[i % PROCS.length];
  const online = rnd() < 0.5;
  // Spread over 2026 (Tết, 30/4–1/5, 2/9 in range), the last weeks denser so some are still open.
  const back = i < 1600 ? rnd() * 330 * DAY : rnd() * 20 * DAY;
  const day = dayOf(until.getTime() - back);
  const submittedAt = new Date(online ? dayStart(day) + Math.floor(rnd() * DAY) : dayStart(day) + 8 * HOUR + Math.floor(rnd() * 8 * 60) * MINUTE);
  if (submittedAt > until) continue;
  // At the desk only on working days, in working hours.
  const desk = !online && plain.isWorkingInstant(submittedAt);
  const twoLevel = p.terms.steps.some((s) => s.level === 'DISTRICT');
  const life = liveDossier({
    procedure: p, receiving: commune, partner: twoLevel ? district : null, submittedAt, online: !desk,
    applicant: { userId: !desk ? `10000000-0000-4000-8000-${String(i).padStart(12, '0')}` : null, name: 'Lò Văn Páo' }, until, staff,
  }, fast, rnd);
  lives.push({ life, p, online: !desk, submittedAt });
}

const has = (l: DossierLife, action: string) => l.events.some((e) => e.action === action);
const idx = (l: DossierLife, action: string) => l.events.findIndex((e) => e.action === action);

describe('generated dossier lives follow the workflow rules', () => {
  it('produce a varied population', () => {
    const by = (s: string) => lives.filter((x) => x.life.status === s).length;
    for (const s of ['SUBMITTED', 'RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'PENDING_APPROVAL', 'RESULT_READY', 'RETURNED', 'REFUSED', 'WITHDRAWN']) {
      expect([s, by(s)]).toEqual([s, expect.any(Number)]);
    }
    expect(by('RETURNED')).toBeGreaterThan(1200);
    expect(by('REFUSED')).toBeGreaterThan(10);
    expect(by('WITHDRAWN')).toBeGreaterThan(5);
    expect(by('SUBMITTED') + by('RECEIVED') + by('IN_PROGRESS') + by('SUPPLEMENT_REQUESTED') + by('PENDING_APPROVAL') + by('TRANSFERRED')).toBeGreaterThan(50);
    const returned = lives.filter((x) => x.life.status === 'RETURNED');
    const late = returned.filter((x) => x.life.timeliness === 'LATE').length / returned.length;
    expect(late).toBeGreaterThan(0.02);
    expect(late).toBeLessThan(0.08);
    expect(lives.filter((x) => has(x.life, 'extend')).length).toBeGreaterThan(5);
    expect(lives.filter((x) => x.life.pausedWorkingSeconds > 0).length).toBeGreaterThan(50);
    expect(lives.filter((x) => has(x.life, 'transfer')).length).toBeGreaterThan(300);
  });

  it.each(lives.map((x, i) => [i, x] as const))('life %i', (_i, { life, p, online, submittedAt }) => {
    const ev = life.events;
    // A chain of moves: submit first, times never go back, each move starts where the last ended.
    expect(ev[0]).toMatchObject({ action: 'submit', toStatus: 'SUBMITTED', at: submittedAt });
    for (let k = 1; k < ev.length; k++) {
      expect(ev[k].at.getTime()).toBeGreaterThanOrEqual(ev[k - 1].at.getTime());
      expect(ev[k].fromStatus).toBe(ev[k - 1].toStatus);
      expect(ev[k].at.getTime()).toBeLessThanOrEqual(until.getTime());
      // Staff act in working time (a deadline-like instant at the end of a period at the latest).
      if (ev[k].actorRole !== 'CITIZEN' && !(ev[k].action === 'supplement' && !online)) expect(plain.isAppointmentInstant(ev[k].at)).toBe(true);
    }
    expect(life.status).toBe(ev[ev.length - 1].toStatus);
    expect(life.version).toBe(ev.length);
    // Refusal only before reception.
    const rec = idx(life, 'receive');
    if (has(life, 'refuse')) expect(rec === -1 || idx(life, 'refuse') < rec).toBe(true);
    if (rec === -1) {
      expect([life.receivedAt, life.dueAt, life.stages.length]).toEqual([null, null, 0]);
      return;
    }
    // Due dates: the calendar's, from reception, moved by each pause, or the lawful new appointment.
    const receivedAt = ev[rec].at;
    expect(life.receivedAt).toEqual(receivedAt);
    const original = plain.addWorkingTime(receivedAt, p.terms.value, p.terms.unit);
    expect(life.originalDueAt).toEqual(original.at);
    expect(plain.isAppointmentInstant(life.originalDueAt!)).toBe(true);
    let due = original.at;
    let pausedMs = 0;
    for (let k = rec + 1; k < ev.length; k++) {
      const e = ev[k];
      if (e.action === 'supplement') {
        const req = ev[k - 1];
        expect(req.action).toBe('request-supplement');
        expect(req.data).toEqual({ paused: true });
        due = plain.shiftByPause(due, req.at, e.at).at;
        pausedMs += plain.workingMillisBetween(req.at, e.at);
      }
      if (e.action === 'extend') {
        const limit = latestApologyAt(due, plain);
        expect(e.at.getTime()).toBeLessThanOrEqual(limit.getTime());
        expect(e.data!.previousDueAt).toBeDefined();
        const next = new Date(String(e.data!.newDueAt));
        expect(next.getTime()).toBeGreaterThan(due.getTime());
        expect(plain.isAppointmentInstant(next)).toBe(true);
        due = next;
      }
      expect(e.action).not.toBe('refuse');
    }
    expect(life.dueAt).toEqual(due);
    expect(plain.isAppointmentInstant(life.dueAt!)).toBe(true);
    expect(life.pausedWorkingSeconds).toBe(Math.round(pausedMs / 1000));
    // A pause has its supplement request.
    if (life.pausedAt) {
      expect(life.status).toBe('SUPPLEMENT_REQUESTED');
      expect(ev[ev.length - 1]).toMatchObject({ action: 'request-supplement', at: life.pausedAt });
    }
    if (life.status === 'SUPPLEMENT_REQUESTED') expect(life.pausedAt).toEqual(ev[ev.length - 1].at);
    // Approval after a proposal; a result after approval.
    if (life.status === 'PENDING_APPROVAL') expect(has(life, 'propose')).toBe(true);
    if (has(life, 'approve')) expect(idx(life, 'propose')).toBeLessThan(ev.map((e) => e.action).lastIndexOf('approve'));
    if (['RESULT_READY', 'RETURNED'].includes(life.status)) {
      const approve = ev.find((e) => e.action === 'approve')!;
      expect(life.processingEndedAt).toEqual(approve.at);
      expect(life.timeliness).toBe(classify(approve.at, due, life.extensionCount > 0));
      expect(life.workingSeconds).toBe(Math.max(0, Math.round(plain.workingMillisBetween(receivedAt, approve.at) / 1000) - Math.round(pausedMs / 1000)));
    }
    if (life.status === 'RETURNED') expect(life.completedAt).toEqual(ev[ev.length - 1].at);
    expect(life.allowedWorkingSeconds).toBe(p.terms.value * (p.terms.unit === 'WORKING_HOUR' ? 3600 : 8 * 3600));
    // Stages: one per agency visited, the last still open unless the dossier is finished.
    const transfers = ev.filter((e) => e.action === 'transfer').length;
    expect(life.stages.length).toBe(1 + transfers);
    expect(life.stages[0]).toMatchObject({ agencyCode: commune.code, seq: 1 });
    for (const s of life.stages.slice(0, -1)) expect(s.completedAt).not.toBeNull();
    if (FINAL_STATUSES.includes(life.status)) for (const s of life.stages) expect(s.completedAt).not.toBeNull();
    else expect(life.stages[life.stages.length - 1].completedAt).toBeNull();
    if (transfers > 0) expect(life.stages[1].agencyCode).toBe(district.code);
    if (life.status === 'RETURNED' && transfers > 0) expect(life.agencyCode).toBe(commune.code);
    // Open dossiers carry the step in force; finished ones none.
    if (FINAL_STATUSES.includes(life.status)) expect([life.currentStep, life.currentStepDueAt]).toEqual([null, null]);
    else if (life.status !== 'SUPPLEMENT_REQUESTED') expect(life.currentStep).not.toBeNull();
  });
});
