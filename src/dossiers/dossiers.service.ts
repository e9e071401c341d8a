import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { Page } from '../common/pagination';
import { toIsoLocal } from '../common/local-time';
import type { AuthUser } from '../identity/auth-user';
import { PolicyService } from '../identity/policy.service';
import { DossierGate } from './dossier-gate.service';
import { DossierListings } from './dossier-listings.repository';
import { DossierRepository } from './dossier.repository';
import type { DossierStatus } from './dossier.types';
import { toDossierSummary, toDossierView, type DossierSummary, type DossierView } from './dossier-view';

export type { DossierEventView, DossierStageView, DossierSummary, DossierView } from './dossier-view';

export interface ListFilter {
  status?: DossierStatus;
  overdue?: boolean;
  procedureCode?: string;
  agencyCode?: string;
  bundleId?: string;
  page: number;
  pageSize: number;
}

/** What a citizen sees of their dossier's read: "Hồ sơ …" (the access log's wording for a staff read). */
export const DOSSIER_READ = (code: string) => `Hồ sơ ${code}`;

/**
 * Reading dossiers: one through the gate (logged for staff), lists within the policy's scope,
 * the public status lookup. Every whole view of a dossier is built here, by `toDossierView`.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly repo: DossierRepository,
    private readonly listings: DossierListings,
    private readonly gate: DossierGate,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
  ) {}

  /** The dossier with its timeline, or 404 when it does not exist or the actor may not see it. Staff reads are logged. */
  async get(actor: AuthUser | undefined, code: string, what: (code: string) => string = DOSSIER_READ): Promise<DossierView> {
    const access = await this.gate.read(actor, code, what);
    return this.view(access.code);
  }

  /** For the citizen's own pages: their dossier only (the same gate; an owner's read is not logged). */
  async getOwn(user: AuthUser, code: string): Promise<DossierView> {
    return this.get(user, code);
  }

  /** The whole view of a dossier for callers that already passed the gate (action responses, staff pages). */
  async view(code: string, m?: EntityManager): Promise<DossierView> {
    const row = await this.repo.findByCode(code, m);
    if (!row) throw new NotFoundException('Không tìm thấy hồ sơ');
    return toDossierView(row, await this.repo.parts(row.id, m), this.clock.now());
  }

  /** The same view when the id is known (after a move): the row and its parts read together. */
  async viewById(id: string): Promise<DossierView> {
    const [row, parts] = await Promise.all([this.repo.findById(id), this.repo.parts(id)]);
    if (!row) throw new NotFoundException('Không tìm thấy hồ sơ');
    return toDossierView(row, parts, this.clock.now());
  }

  /** A citizen's own dossiers, or a staff member's queue within their agency scope (never an administrator's). */
  async list(actor: AuthUser, f: ListFilter): Promise<Page<DossierSummary>> {
    let scope: { applicantUserId: string } | { agencies: string[] };
    if (actor.isStaff) {
      await this.policy.assert(actor, 'dossier.list', { ref: 'dossiers:list' });
      scope = { agencies: await this.policy.visibleAgencyCodes(actor) };
    } else {
      scope = { applicantUserId: actor.id };
    }
    const now = this.clock.now();
    const { rows, total } = await this.listings.list({ ...scope, ...f, now, order: actor.isStaff ? 'due' : 'newest' });
    return { items: rows.map((r) => toDossierSummary(r, now)), total, page: f.page, pageSize: f.pageSize };
  }

  /** Public status lookup: code + last 4 digits of the applicant's ID; only code, procedure, status and due date. */
  async lookup(code: string, idLast4: string): Promise<{ code: string; procedureName: string; status: DossierStatus; dueAt: string | null }> {
    const notFound = new NotFoundException('Không tìm thấy hồ sơ với mã và 4 số cuối giấy tờ tùy thân đã nhập');
    if (typeof code !== 'string' || typeof idLast4 !== 'string' || code.length > 48 || !/^\d{4}$/.test(idLast4)) throw notFound;
    const row = await this.repo.findByCode(code.trim().toUpperCase());
    if (!row || !row.applicantPersonalId.endsWith(idLast4)) throw notFound;
    return { code: row.code, procedureName: row.procedureName ?? row.procedureCode, status: row.status, dueAt: row.dueAt ? toIsoLocal(row.dueAt) : null };
  }

  /** Dossiers created together by a life-event form, for the applicant. */
  async bundle(user: AuthUser, bundleId: string): Promise<DossierSummary[]> {
    if (!/^[0-9a-f-]{36}$/i.test(bundleId)) return [];
    return (await this.list(user, { bundleId, page: 1, pageSize: 20 })).items;
  }
}
