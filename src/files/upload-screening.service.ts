import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  type OnModuleInit,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthUser } from '../identity/auth-user';
import { clamdScan, ScannerUnavailableError } from './clamav';
import { ACCEPTED_TYPES_LABEL, describeRefusedContent, detectFileType, endsAsZip, type DetectedType } from './file-type';
import { IMAGE_FINDING_TEXT, inspectImageTrailer, reencodeImage, type ImageFinding } from './image-inspector';
import { inspectPdf, PDF_FINDING_TEXT, type PdfFinding } from './pdf-inspector';
import type { UploadedPart } from './upload.interceptor';
import { securityActor } from '../audit/actor';

/** What may be stored for an upload: the original PDF, or the re-encoded image. */
export interface ScreenedUpload {
  type: DetectedType;
  content: Buffer;
  /** True when `content` is a re-encoding of what was sent (images). */
  rewritten: boolean;
}

/** Why an upload was refused: a stable code for the API's `details.reason` and the security log. */
export type RefusalReason = 'empty' | 'too-large' | 'virus' | 'scanner-unavailable' | 'polyglot.zip' | 'type.unknown' | PdfFinding['code'] | ImageFinding['code'];

/**
 * The one gate every upload passes before anything is stored (API, online forms, the newborn
 * form, counter intake, supplements): size, virus scan, type by content, then the type's own
 * inspection — a PDF must parse whole and carry no active content, an image must decode within
 * the pixel limit and is stored re-encoded. A refusal is a clear Vietnamese message (422, 413,
 * or 503 when the virus scanner is configured but down — uploads fail closed) and a
 * `file.refused` security event; nothing is written.
 */
@Injectable()
export class UploadScreening implements OnModuleInit {
  private readonly logger = new Logger('Files');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly securityLog: SecurityLogService,
  ) {}

  onModuleInit(): void {
    if (!this.config.clamav && this.config.nodeEnv === 'production') {
      this.logger.warn('CLAMAV_SOCKET / CLAMAV_HOST not set: uploads are checked by type and content but not scanned for viruses');
    }
  }

  async screen(part: Pick<UploadedPart, 'buffer' | 'originalname' | 'origin'>, label: string): Promise<ScreenedUpload> {
    const content = part.buffer ?? Buffer.alloc(0);
    const name = `${label} "${safeLabel(part.originalname)}"`;
    const refused = (reason: RefusalReason, message: string, opts: { status?: 413 | 422 | 503; detail?: string } = {}) =>
      this.refusal(part, content, reason, message, opts.status ?? 422, opts.detail);

    if (content.length === 0) throw refused('empty', `${name} rỗng (0 byte)`);
    if (content.length > this.config.uploads.maxFileBytes) {
      throw refused('too-large', `Tệp vượt quá dung lượng cho phép (tối đa ${mb(this.config.uploads.maxFileBytes)} mỗi tệp)`, { status: 413 });
    }

    if (this.config.clamav) {
      let verdict;
      try {
        verdict = await clamdScan(this.config.clamav, content);
      } catch (err) {
        if (!(err instanceof ScannerUnavailableError)) throw err;
        this.logger.error({ err: err.message }, 'virus scanner unavailable: upload refused');
        throw refused('scanner-unavailable', `Chưa kiểm tra được virus cho ${lowerFirst(name)} vì dịch vụ quét virus đang gián đoạn. Vui lòng thử lại sau ít phút.`, {
          status: 503,
        });
      }
      if (verdict.infected) {
        throw refused('virus', `${name} không được chấp nhận: phát hiện mã độc (${verdict.signature}). Tệp không được lưu.`, { detail: verdict.signature });
      }
    }

    const type = detectFileType(content);
    if (!type) throw refused('type.unknown', `${name} không được chấp nhận: nội dung là ${describeRefusedContent(content)}. Chỉ nhận tệp ${ACCEPTED_TYPES_LABEL}.`);

    if (endsAsZip(content)) {
      throw refused('polyglot.zip', `${name} không được chấp nhận: tệp đồng thời là một tệp nén ZIP (tệp "hai mặt" có thể giấu chương trình). Chỉ nhận tệp ${ACCEPTED_TYPES_LABEL} thông thường.`);
    }

    if (type.extension === 'pdf') {
      // Object streams of real documents inflate to a few times the file at most; the budget also
      // bounds how long a bomb holds the event loop (pdf-lib inflates synchronously).
      const findings = await inspectPdf(content, { maxStructureBytes: Math.max(32 * 1024 * 1024, 3 * this.config.uploads.maxFileBytes) });
      if (findings.length) {
        throw refused(
          findings[0]!.code,
          `${name} không được chấp nhận: tệp PDF ${findings.map((f) => withDetail(PDF_FINDING_TEXT[f.code], f.detail)).join('; ')}. ` +
            'Vui lòng tạo lại tệp PDF thông thường (ví dụ dùng chức năng "In ra PDF" hoặc quét lại giấy tờ) rồi tải lên.',
          { detail: findings.map((f) => f.code).join(',') },
        );
      }
      return { type, content, rewritten: false };
    }

    const imageRefusal = (f: ImageFinding) =>
      refused(
        f.code,
        `${name} không được chấp nhận: ảnh ${withDetail(IMAGE_FINDING_TEXT[f.code], f.detail)}. Vui lòng chụp hoặc quét lại giấy tờ và tải lên ảnh JPEG hoặc PNG thông thường.`,
        { detail: f.detail },
      );
    const kind = type.extension === 'jpg' ? 'jpeg' : 'png';
    const [trailerFinding] = inspectImageTrailer(content, kind);
    if (trailerFinding) throw imageRefusal(trailerFinding);
    const result = await reencodeImage(content, kind, this.config.uploads.maxImagePixels);
    if (!result.ok) throw imageRefusal(result.finding);
    return { type, content: result.image.content, rewritten: true };
  }

  /** Logs the refusal (`file.refused`) and builds the error the caller throws. */
  private refusal(
    part: Pick<UploadedPart, 'originalname' | 'origin'>,
    content: Buffer,
    reason: RefusalReason,
    message: string,
    status: 413 | 422 | 503,
    detail?: string,
  ): HttpException {
    this.record(part, content, reason, status === 503 ? 'failure' : 'blocked', detail);
    const body = { message, details: { reason } };
    if (status === 413) return new PayloadTooLargeException(body);
    if (status === 503) return new ServiceUnavailableException(body);
    return new UnprocessableEntityException(body);
  }

  private record(part: Pick<UploadedPart, 'originalname' | 'origin'>, content: Buffer, reason: RefusalReason, outcome: 'blocked' | 'failure', detail?: string) {
    this.securityLog.record({
      type: 'file.refused',
      outcome,
      actor: securityActor(part.origin?.actor),
      ip: part.origin?.ip ?? null,
      action: 'file.upload',
      reason,
      details: {
        sha256: createHash('sha256').update(content).digest('hex'),
        size: content.length,
        declaredName: safeLabel(part.originalname),
        detectedType: detectFileType(content)?.mimeType ?? null,
        ...(detail ? { detail: detail.slice(0, 200) } : {}),
      },
    });
  }
}

/** Who, for the security log: the account, not its personal data. */

function withDetail(text: string, detail: string | undefined): string {
  return detail ? `${text} (${detail})` : text;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** A declared file name made safe to echo in a message or a log line (never trusted otherwise). */
export function safeLabel(name: string | undefined): string {
  return (name ?? '').replace(/[\u0000-\u001F\u007F<>"]/g, '').slice(0, 80);
}
