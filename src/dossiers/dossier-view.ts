import type { DossierStatus, Timeliness } from './dossier.types';

/** One history entry as the API shows it (shared by GET /dossiers/{code} and the action responses). */
export interface DossierEventView {
  id: string;
  at: string;
  action: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  actor: string;
  actorRole: string;
  agencyCode: string | null;
  reason?: string;
  stepKey?: string;
  stepDueAt?: string;
  data?: Record<string, unknown>;
}

/** One agency's stage of an inter-level dossier, with its own clock. */
export interface DossierStageView {
  seq: number;
  agencyCode: string;
  startedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  timeliness: Timeliness | null;
  overdue: boolean;
}

type Iso = (v: Date | string | null | undefined) => string | undefined;

/** A `dossier_events` row → its API view; optional fields are left out when empty. */
export function eventView(e: Record<string, any>, iso: Iso): DossierEventView {
  return {
    id: String(e.id),
    at: iso(e.at)!,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actor: e.actor_name,
    actorRole: e.actor_role,
    agencyCode: e.agency_code,
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.step_key ? { stepKey: e.step_key } : {}),
    ...(e.step_due_at ? { stepDueAt: iso(e.step_due_at) } : {}),
    ...(e.data ? { data: e.data } : {}),
  };
}

/** A `dossier_stages` row → its API view; a stage is overdue while open past its due time. */
export function stageView(s: Record<string, any>, iso: Iso, now: Date): DossierStageView {
  return {
    seq: s.seq,
    agencyCode: s.agency_code,
    startedAt: iso(s.started_at)!,
    dueAt: iso(s.due_at) ?? null,
    completedAt: iso(s.completed_at) ?? null,
    timeliness: s.timeliness ?? null,
    overdue: !s.completed_at && !!s.due_at && new Date(s.due_at).getTime() < now.getTime(),
  };
}
