import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditActor } from './actor';
import { apiInstant } from '../common/api-json';

export interface AccessRecord {
  staff: AuditActor;
  citizenPersonalId: string;
  /** What was read, in Vietnamese: "Thông tin dân cư", "Hồ sơ 026.PTP-261122-0001"… */
  what: string;
  dossierCode?: string | null;
}

export interface AccessLogView {
  at: string;
  staffName: string;
  agencyCode: string | null;
  agencyName: string | null;
  what: string;
  dossierCode: string | null;
}

/**
 * "Who looked at my data" (Decree 13/2023/NĐ-CP): every staff read of a citizen's registry record
 * or dossier is recorded and shown to that citizen. Pass the transaction's manager to record the
 * read together with the work it belongs to.
 */
@Injectable()
export class AccessLogService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A partner system's read (no staff account): the row names the client and the agencies it serves. */
  async recordPartner(rec: { partner: { id: string; name: string }; citizenPersonalId: string; what: string; dossierCode?: string | null }): Promise<void> {
    await this.ds.query(
      `INSERT INTO access_log (partner_client_id, staff_name, agency_code, citizen_personal_id, what, dossier_code)
       VALUES ($1, $2, NULL, $3, $4, $5)`,
      [rec.partner.id, `Hệ thống đối tác: ${rec.partner.name}`.slice(0, 200), rec.citizenPersonalId, rec.what.slice(0, 300), rec.dossierCode ?? null],
    );
  }

  async record(rec: AccessRecord, manager?: EntityManager): Promise<void> {
    if (!rec.staff.isStaff) return;
    await (manager ?? this.ds.manager).query(
      `INSERT INTO access_log (staff_user_id, staff_name, agency_code, citizen_personal_id, what, dossier_code)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [rec.staff.id, rec.staff.fullName.slice(0, 200), rec.staff.agencyCode, rec.citizenPersonalId, rec.what.slice(0, 300), rec.dossierCode ?? null],
    );
  }

  async list(personalId: string, page = 1, pageSize = 20): Promise<{ items: AccessLogView[]; total: number; page: number; pageSize: number }> {
    const size = Math.min(Math.max(1, pageSize), 100);
    const p = Math.max(1, page);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT l.at, l.staff_name, l.agency_code, a.name AS agency_name, l.what, l.dossier_code
           FROM access_log l LEFT JOIN agencies a ON a.code = l.agency_code
          WHERE l.citizen_personal_id = $1 ORDER BY l.at DESC, l.id DESC LIMIT $2 OFFSET $3`,
        [personalId, size, (p - 1) * size],
      ),
      this.ds.query('SELECT count(*)::int AS n FROM access_log WHERE citizen_personal_id = $1', [personalId]),
    ]);
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        at: apiInstant(r.at as string)!,
        staffName: r.staff_name as string,
        agencyCode: (r.agency_code as string | null) ?? null,
        agencyName: (r.agency_name as string | null) ?? null,
        what: r.what as string,
        dossierCode: (r.dossier_code as string | null) ?? null,
      })),
      total: count[0].n,
      page: p,
      pageSize: size,
    };
  }
}
