import {
  BadRequestException,
  CallHandler,
  ForbiddenException,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  mixin,
  type Type,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { from, type Observable, switchMap } from 'rxjs';
import { assertSafeMultipart } from '../common/input-guard';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthUser, IdentityRequest } from '../identity/auth-user';
import { CSRF_AFTER_MULTIPART, CSRF_MESSAGE, csrfValid } from '../identity/csrf';
import { DenialLogService } from '../audit/denial-log.service';
import { securityActor } from '../audit/actor';

/** Who sent an upload and from where, for the security log of a refusal. */
export interface UploadOrigin {
  actor: AuthUser | null;
  ip: string | null;
}

/** A file as received (in memory; files are at most `uploads.maxFileBytes`). */
export interface UploadedPart {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
  /** Set by UploadInterceptor. */
  origin?: UploadOrigin;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** multer's error codes → Vietnamese API errors (413 for size, 400 for malformed uploads). */
export function uploadError(err: { code?: string; message?: string }, config: AppConfig): Error {
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return new PayloadTooLargeException(`Tệp vượt quá dung lượng cho phép (tối đa ${mb(config.uploads.maxFileBytes)} mỗi tệp)`);
    case 'LIMIT_FILE_COUNT':
      return new BadRequestException('Gửi quá nhiều tệp trong một lần');
    case 'LIMIT_FIELD_VALUE':
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_PART_COUNT':
      return new PayloadTooLargeException('Dữ liệu gửi lên quá lớn');
    case 'LIMIT_UNEXPECTED_FILE':
      return new BadRequestException('Tệp phải được gửi trong trường "file"');
    default:
      return new BadRequestException('Dữ liệu tải lên không hợp lệ (multipart/form-data)');
  }
}

/**
 * Parses multipart bodies with the configured size limits: `single` for the API's field `file`,
 * `any` for page forms that carry several attachments with the form fields.
 */
export function UploadInterceptor(mode: 'single' | 'any'): Type<NestInterceptor> {
  @Injectable()
  class Interceptor implements NestInterceptor {
    /** The guard may leave the CSRF check of a multipart post to this parser (the token is in the body). */
    static readonly [CSRF_AFTER_MULTIPART] = true;
    private readonly handler;

    constructor(
      @Inject(APP_CONFIG) private readonly config: AppConfig,
      private readonly securityLog: SecurityLogService,
      private readonly denials: DenialLogService,
    ) {
      const m = multer({
        storage: multer.memoryStorage(),
        // Browsers send UTF-8 file names without declaring a charset.
        defParamCharset: 'utf8',
        limits: {
          fileSize: config.uploads.maxFileBytes,
          files: mode === 'single' ? 1 : 20,
          fields: 300,
          fieldSize: 64 * 1024,
          fieldNameSize: 200,
          parts: 330,
        },
      });
      this.handler = mode === 'single' ? m.single('file') : m.any();
    }

    intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
      const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser; file?: UploadedPart; files?: UploadedPart[] }>();
      const res = ctx.switchToHttp().getResponse<Response>();
      const origin: UploadOrigin = { actor: req.user ?? null, ip: req.ip ?? null };
      const run = new Promise<void>((resolve, reject) => {
        this.handler(req, res, (err?: unknown) => {
          if (err) {
            const code = (err as { code?: string }).code;
            if (code === 'LIMIT_FILE_SIZE') {
              // Refused while streaming: no hash or name yet; the form field and the limit are known.
              this.securityLog.record({
                type: 'file.refused',
                outcome: 'blocked',
                actor: securityActor(origin.actor),
                ip: origin.ip,
                action: 'file.upload',
                reason: 'too-large',
                details: { maxBytes: this.config.uploads.maxFileBytes, field: String((err as { field?: string }).field ?? '').slice(0, 80) },
              });
            }
            return reject(uploadError(err as { code?: string }, this.config));
          }
          for (const part of [...(req.file ? [req.file] : []), ...(Array.isArray(req.files) ? req.files : [])]) part.origin = origin;
          // The CSRF token the guard could not read before the body was parsed.
          if ((req as IdentityRequest).csrfDeferred && !csrfValid(req)) {
            this.denials
              .record(req.user, 'csrf', req.path, 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)', 'csrf.rejected')
              .catch(() => undefined)
              .then(() => reject(new ForbiddenException(CSRF_MESSAGE)));
            return;
          }
          // Text fields and file names of the form: the same gate as JSON and urlencoded bodies.
          try {
            assertSafeMultipart(req.body, req.files ?? req.file);
            resolve();
          } catch (e) {
            reject(e);
          }
        });
      });
      return from(run).pipe(switchMap(() => next.handle()));
    }
  }
  return mixin(Interceptor);
}
