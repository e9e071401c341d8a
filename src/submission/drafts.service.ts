import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { apiInstant } from '../common/api-json';

export interface DraftView {
  id: string;
  procedureId: string;
  procedureCode: string;
  procedureName?: string;
  agencyCode: string | null;
  data: Record<string, unknown>;
  documents: Record<string, string[]>;
  updatedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lưu nháp: a dossier being prepared, visible only to its author (anyone else gets 404). */
@Injectable()
export class DraftsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async getOwn(userId: string, id: string): Promise<DraftView> {
    if (!UUID.test(id)) throw new NotFoundException('Không tìm thấy hồ sơ nháp');
    const [row] = await this.ds.query(
      `SELECT d.*, p.name AS procedure_name FROM drafts d JOIN procedures p ON p.id = d.procedure_id WHERE d.id = $1 AND d.user_id = $2`,
      [id, userId],
    );
    if (!row) throw new NotFoundException('Không tìm thấy hồ sơ nháp');
    return toView(row);
  }

  /** Creates or updates (only the author's own draft; another's id is a 404). */
  async save(
    userId: string,
    draft: { id?: string | null; procedureId: string; procedureCode: string; agencyCode: string | null; data: Record<string, unknown>; documents: Record<string, string[]> },
  ): Promise<string> {
    if (draft.id) {
      if (!UUID.test(draft.id)) throw new NotFoundException('Không tìm thấy hồ sơ nháp');
      const updated = await this.ds.query(
        `UPDATE drafts SET procedure_id = $3, agency_code = $4, data = $5, documents = $6, updated_at = now()
          WHERE id = $1 AND user_id = $2 AND procedure_code = $7 RETURNING id`,
        [draft.id, userId, draft.procedureId, draft.agencyCode, JSON.stringify(draft.data), JSON.stringify(draft.documents), draft.procedureCode],
      );
      // UPDATE ... RETURNING gives [rows, count] through TypeORM's postgres driver
      const rows = Array.isArray(updated[0]) ? updated[0] : updated;
      if (!rows.length) throw new NotFoundException('Không tìm thấy hồ sơ nháp');
      return draft.id;
    }
    const [row] = await this.ds.query(
      `INSERT INTO drafts (user_id, procedure_id, procedure_code, agency_code, data, documents) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [userId, draft.procedureId, draft.procedureCode, draft.agencyCode, JSON.stringify(draft.data), JSON.stringify(draft.documents)],
    );
    return row.id;
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!UUID.test(id)) return;
    await this.ds.query('DELETE FROM drafts WHERE id = $1 AND user_id = $2', [id, userId]);
  }

  async listOwn(userId: string): Promise<DraftView[]> {
    const rows = await this.ds.query(
      `SELECT d.*, p.name AS procedure_name FROM drafts d JOIN procedures p ON p.id = d.procedure_id WHERE d.user_id = $1 ORDER BY d.updated_at DESC LIMIT 50`,
      [userId],
    );
    return rows.map(toView);
  }
}

function toView(r: Record<string, any>): DraftView {
  return {
    id: r.id,
    procedureId: r.procedure_id,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    agencyCode: r.agency_code,
    data: r.data ?? {},
    documents: r.documents ?? {},
    updatedAt: apiInstant(r.updated_at)!,
  };
}
