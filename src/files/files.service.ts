import { Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthUser } from '../identity/auth-user';
import { DossierGate } from '../dossiers/dossier-gate.service';
import { DossierRepository } from '../dossiers/dossier.repository';
import { sanitiseFileName } from './file-type';
import { FILE_STORAGE, newStorageKey, type FileStorage } from './file-storage';
import type { UploadedPart } from './upload.interceptor';
import { apiInstant } from '../common/api-json';
import { UploadScreening } from './upload-screening.service';

export interface FileView {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  kind?: string;
  createdAt?: string;
}

/** A checked upload, not yet stored: lets a submission validate everything before writing anything. */
export interface PreparedFile {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey: string;
  content: Buffer;
}

export interface FileOwner {
  userId: string | null;
  personalId: string | null;
}

/**
 * Attachments and the citizen's document store: type by content, random storage names,
 * SHA-256, and downloads only for the owner or staff who may see a dossier holding the file.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('Files');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly screening: UploadScreening,
    private readonly gate: DossierGate,
    private readonly dossiers: DossierRepository,
  ) {}

  /**
   * Checks one upload through the screening gate (422/413/503 with a clear Vietnamese message) and
   * computes the hash of what will be stored — for images, the re-encoded bytes.
   */
  async prepare(part: Pick<UploadedPart, 'buffer' | 'originalname' | 'size' | 'origin'> | undefined, label = 'Tệp'): Promise<PreparedFile> {
    if (!part) throw new UnprocessableEntityException('Vui lòng chọn tệp để tải lên (trường "file")');
    const { type, content } = await this.screening.screen(part, label);
    return {
      id: randomUUID(),
      name: sanitiseFileName(part.originalname, type),
      mimeType: type.mimeType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      storageKey: newStorageKey(),
      content,
    };
  }

  /** Writes contents first, then rows in the caller's transaction; `discard` removes the blobs if it rolls back. */
  async writeBlobs(files: PreparedFile[]): Promise<void> {
    await Promise.all(files.map((f) => this.storage.put(f.storageKey, f.content)));
  }

  async discard(files: PreparedFile[]): Promise<void> {
    await Promise.all(files.map((f) => this.storage.delete(f.storageKey).catch(() => undefined)));
  }

  async insertRows(manager: EntityManager, owner: FileOwner, files: PreparedFile[]): Promise<void> {
    if (!files.length) return;
    await manager.query(
      `INSERT INTO files (id, owner_user_id, owner_personal_id, name, mime_type, size, sha256, storage_key, kind)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::bigint[], $7::varchar[], $8::varchar[], $9::varchar[])`,
      [
        files.map((f) => f.id),
        files.map(() => owner.userId),
        files.map(() => owner.personalId),
        files.map((f) => f.name),
        files.map((f) => f.mimeType),
        files.map((f) => f.size),
        files.map((f) => f.sha256),
        files.map((f) => f.storageKey),
        files.map(() => 'UPLOAD'),
      ],
    );
  }

  /** POST /api/v1/files: one upload into the owner's document store. */
  async upload(owner: FileOwner, part: UploadedPart | undefined): Promise<FileView> {
    const file = await this.prepare(part);
    await this.storeStandalone(owner, [file]);
    return toView(file);
  }

  /** Stores already-prepared files with their rows, outside any larger transaction (drafts, API uploads). */
  async storeStandalone(owner: FileOwner, files: PreparedFile[]): Promise<void> {
    if (!files.length) return;
    await this.writeBlobs(files);
    try {
      await this.ds.transaction((m) => this.insertRows(m, owner, files));
    } catch (err) {
      await this.discard(files);
      throw err;
    }
  }

  /** Files of one owner among `ids` (unknown or foreign ids are simply absent). */
  async findOwned(userId: string, ids: string[], manager?: EntityManager): Promise<FileView[]> {
    const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (!valid.length) return [];
    const rows = await (manager ?? this.ds.manager).query(
      `SELECT id, name, mime_type, size, sha256, kind, created_at FROM files WHERE owner_user_id = $1 AND id = ANY($2::uuid[])`,
      [userId, valid],
    );
    return rows.map(rowToView);
  }

  /** The document store: everything the citizen uploaded before and results issued to them. */
  async documentStore(user: AuthUser, limit = 50): Promise<FileView[]> {
    const rows = await this.ds.query(
      `SELECT id, name, mime_type, size, sha256, kind, created_at FROM files
        WHERE owner_user_id = $1 OR (kind = 'RESULT' AND owner_personal_id = $2)
        ORDER BY created_at DESC LIMIT $3`,
      [user.id, user.personalId ?? '', limit],
    );
    return rows.map(rowToView);
  }

  /** Reads a file for `actor`: the owner, or anyone allowed to read a dossier that holds it. 404 otherwise. */
  async download(actor: AuthUser | undefined, id: string): Promise<{ file: FileView; content: Buffer }> {
    if (!actor || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound();
    const [row] = await this.ds.query(
      `SELECT id, name, mime_type, size, sha256, kind, created_at, storage_key, owner_user_id, owner_personal_id FROM files WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound();
    let allowed = row.owner_user_id === actor.id || (row.kind === 'RESULT' && !!actor.personalId && row.owner_personal_id === actor.personalId);
    if (!allowed) {
      // Staff (and partners' own routes) read a file through a dossier that holds it — an attachment
      // or the signed result — by the dossier's one gate, which logs the read for the citizen.
      const codes = await this.dossiers.codesHoldingFile(id);
      for (const code of codes) {
        const access = await this.dossiers.access(code);
        if (access && (await this.gate.canRead(actor, access))) {
          await this.gate.read(actor, code, (c) => `Tệp "${row.name}" của hồ sơ ${c}`);
          allowed = true;
          break;
        }
      }
      // Not allowed through any: the gate logs the denial (and answers 404).
      if (!allowed && codes.length) await this.gate.authorize(actor, codes[0], 'dossier.read');
    }
    if (!allowed) throw notFound();
    try {
      return { file: rowToView(row), content: await this.storage.get(row.storage_key) };
    } catch (err) {
      this.logger.error({ err: (err as Error).message, id }, 'file content missing from storage');
      throw notFound();
    }
  }
}

function notFound() {
  return new NotFoundException('Không tìm thấy tệp');
}

export function toView(f: PreparedFile): FileView {
  return { id: f.id, name: f.name, mimeType: f.mimeType, size: f.size, sha256: f.sha256 };
}

function rowToView(r: Record<string, unknown>): FileView {
  return {
    id: r.id as string,
    name: r.name as string,
    mimeType: r.mime_type as string,
    size: Number(r.size),
    sha256: r.sha256 as string,
    kind: r.kind as string,
    createdAt: apiInstant(r.created_at as string | null) ?? undefined,
  };
}
