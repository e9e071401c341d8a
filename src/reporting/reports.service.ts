import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { AgencyTreeService } from './agency-tree.service';
import { localToday } from './periods';
import { parseGroupBy, parsePeriod, SlaReportService, type GroupBy, type SlaResult } from './sla-report.service';

export interface ReportRequest {
  from?: unknown;
  to?: unknown;
  agencyCode?: unknown;
  groupBy?: unknown;
}

/** Validates a report request, checks the actor's scope (policy 'report.read') and runs it. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly sla: SlaReportService,
    private readonly tree: AgencyTreeService,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
  ) {}

  async resolve(actor: AuthUser | undefined, q: ReportRequest, allowUnit = false) {
    const { from, to } = parsePeriod(q.from, q.to, localToday(this.clock.now()));
    const groupBy: GroupBy = parseGroupBy(q.groupBy, allowUnit);
    const agencyCode = typeof q.agencyCode === 'string' && q.agencyCode.trim() !== '' ? q.agencyCode.trim().toUpperCase() : undefined;
    if (q.agencyCode !== undefined && typeof q.agencyCode !== 'string') {
      throw new BadRequestException('agencyCode không hợp lệ');
    }
    // Role and scope: managers their agency and below, admins the subtree they administer (PolicyService logs denials).
    await this.reportRoot(actor);
    if (agencyCode && (await this.tree.get(agencyCode))) await this.policy.assert(actor, 'report.read', { agencyCode, ref: `report:${agencyCode}` });
    const scope = await this.scopeFor(actor, agencyCode);
    return { from, to, groupBy, scope };
  }

  /** For inter-level dossiers, the stages completed in the period per agency, and how many ended late (the stage that made a dossier late). */
  async stageLateness(actor: AuthUser | undefined, q: ReportRequest) {
    const { from, to, scope } = await this.resolve(actor, q);
    const rows = await this.sla.stageOutcomes(from, to, scope.codes);
    const names = await this.tree.all();
    return { from, to, agencyCode: scope.root, items: rows.map((r) => ({ ...r, name: names.get(r.agencyCode)?.name ?? r.agencyCode })) };
  }

  async run(actor: AuthUser | undefined, q: ReportRequest, allowUnit = false): Promise<SlaResult & { scopeCode: string | null; scopeName: string }> {
    const { from, to, groupBy, scope } = await this.resolve(actor, q, allowUnit);
    const result = await this.sla.report({ from, to, groupBy, agencies: scope.codes, root: scope.root });
    const scopeName = scope.root ? ((await this.tree.get(scope.root))?.name ?? scope.root) : 'Toàn tỉnh';
    return { ...result, scopeCode: scope.root, scopeName };
  }

  /** Whether `actor` may read reports at all, and the agency their default scope starts at (null = whole province). */
  async reportRoot(actor: AuthUser | undefined): Promise<string | null> {
    const scope = await this.policy.reportAgencyCodes(actor);
    if (scope === 'ALL') return null;
    if (scope.length && actor?.agencyCode) return actor.agencyCode;
    throw new ForbiddenException('Chỉ cán bộ quản lý và quản trị hệ thống được xem báo cáo');
  }

  /**
   * Agencies a report covers: `agencyCode` and below (default: the actor's own agency; admins:
   * everything, returned as null). 404 for an unknown agency, 403 outside the actor's scope.
   */
  async scopeFor(actor: AuthUser | undefined, agencyCode?: string): Promise<{ root: string | null; codes: string[] | null }> {
    const root = await this.reportRoot(actor);
    if (!agencyCode) {
      if (root === null) return { root: null, codes: null };
      return { root, codes: await this.tree.subtree(root) };
    }
    if (!(await this.tree.get(agencyCode))) throw new NotFoundException('Không tìm thấy cơ quan');
    const codes = await this.tree.subtree(agencyCode);
    if (root !== null && !(await this.tree.subtree(root)).includes(agencyCode)) {
      throw new ForbiddenException('Cơ quan này nằm ngoài phạm vi quản lý của bạn');
    }
    return { root: agencyCode, codes };
  }
}
