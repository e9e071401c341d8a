/**
 * Step deadlines (thời hạn từng bước) from the procedure's steps and their shares of the legal
 * time. Pure functions. (Timeliness is classified by the dossier rules: dossier-rules.ts.)
 */
import type { WorkflowStep } from '../catalog/procedure.types';
import type { DossierStatus } from '../dossiers/dossier.types';

/** Who holds the dossier in each status, i.e. which kind of step is running. */
const HOLDER: Partial<Record<DossierStatus, WorkflowStep['role']>> = {
  SUBMITTED: 'CLERK',
  RECEIVED: 'SPECIALIST',
  IN_PROGRESS: 'SPECIALIST',
  PENDING_APPROVAL: 'LEADER',
  RESULT_READY: 'CLERK',
  TRANSFERRED: 'CLERK',
};

/**
 * The step running after a move into `status` at an agency of `level`: searched forward from the
 * current step first (the normal path), then from the start (a rejection goes back to examination).
 * Steps at the agency's level are preferred; a single-level procedure matches on role alone.
 */
export function stepFor(steps: readonly WorkflowStep[], currentKey: string | null, status: DossierStatus, level: string): WorkflowStep | null {
  const role = HOLDER[status];
  if (!role || steps.length === 0) return null;
  const from = currentKey ? steps.findIndex((s) => s.key === currentKey) : -1;
  const ordered = [...steps.slice(from + 1), ...steps.slice(0, from + 1)];
  return (
    ordered.find((s) => s.role === role && s.level === level) ??
    (status === 'TRANSFERRED' ? ordered.find((s) => s.level === level) : undefined) ??
    ordered.find((s) => s.role === role) ??
    null
  );
}

/** Share of the legal time allotted to an agency's stage: the shares of the steps at its level (1 when the procedure has one level). */
export function stageShare(steps: readonly WorkflowStep[], level: string): number {
  const levels = new Set(steps.map((s) => s.level));
  if (levels.size <= 1) return 1;
  const share = steps.filter((s) => s.level === level).reduce((sum, s) => sum + Number(s.share), 0);
  return share > 0 ? share : 0;
}
