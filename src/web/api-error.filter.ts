import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { SecurityLogService } from '../audit/security-log.service';
import { isApiRequest } from '../common/api-request';
import type { AuthUser } from '../identity/auth-user';
import { InputRejectedException } from '../common/input-guard';

/** Vietnamese titles for the error page shown to people. */
const PAGE_TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Bạn cần đăng nhập',
  403: 'Bạn không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy trang',
  409: 'Dữ liệu đã thay đổi',
  413: 'Dữ liệu gửi lên quá lớn',
  422: 'Không thể thực hiện',
  429: 'Bạn thao tác quá nhanh',
  503: 'Dịch vụ tạm thời gián đoạn',
};

/** The framework's own English for an unknown route ("Cannot POST /x") never reaches a person. */
const UNKNOWN_ROUTE = /^Cannot (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /;
const UNKNOWN_ROUTE_MESSAGE = 'Địa chỉ này không có trên Cổng dịch vụ công, hoặc thao tác không áp dụng được cho địa chỉ này. Vui lòng kiểm tra lại đường dẫn hoặc quay về trang chủ.';
export function pageMessage(message: string): string {
  return UNKNOWN_ROUTE.test(message) ? UNKNOWN_ROUTE_MESSAGE : message;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}


/** Turns anything thrown into `{statusCode, error, message, details?}` (API) or a Vietnamese page. */
export function toErrorBody(exception: unknown): ApiErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let message = exception.message;
    let details: unknown;
    if (typeof response === 'string') message = response;
    else if (response && typeof response === 'object') {
      const r = response as Record<string, unknown>;
      if (Array.isArray(r.message)) {
        message = 'Dữ liệu không hợp lệ';
        details = r.message;
      } else if (typeof r.message === 'string') message = r.message;
      if (r.details !== undefined) details = r.details;
    }
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...(details !== undefined ? { details } : {}) };
  }
  // Errors from Express middleware (body parser, multer) carry a status of their own.
  const e = exception as { status?: number; statusCode?: number; type?: string; message?: string } | undefined;
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      e?.type === 'entity.parse.failed'
        ? 'JSON không hợp lệ'
        : e?.type === 'entity.too.large'
          ? 'Dữ liệu gửi lên quá lớn'
          : (e?.message ?? 'Yêu cầu không hợp lệ');
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
  }
  return { statusCode: 500, error: STATUS_CODES[500]!, message: 'Đã có lỗi xảy ra, vui lòng thử lại sau' };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() private readonly securityLog?: SecurityLogService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = toErrorBody(exception);
    if (exception instanceof InputRejectedException) {
      // Thrown by the input gate (middleware or multipart check): one place records them all.
      this.securityLog?.record({
        type: 'input.rejected',
        outcome: 'blocked',
        actor: (req as Request & { user?: AuthUser }).user ?? null,
        ip: req.ip ?? null,
        target: `${req.method} ${req.path.slice(0, 200)}`,
        reason: exception.problem,
        details: { where: exception.where.slice(0, 100), status: body.statusCode },
      });
    }
    // A 503 is an expected answer (a dependency is down, a stub switched off); only the rest is a bug.
    if (body.statusCode >= 500 && body.statusCode !== 503) {
      this.logger.error({ err: exception, path: req.path }, 'Unhandled error');
    }
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      const headers = (exception.getResponse() as { headers?: Record<string, string> })?.headers;
      if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    }
    if (isApiRequest(req)) {
      res.status(body.statusCode).json(body);
      return;
    }
    res.status(body.statusCode).render('errors/error', {
      title: PAGE_TITLES[body.statusCode] ?? (body.statusCode >= 500 ? 'Hệ thống đang gặp sự cố' : 'Có lỗi xảy ra'),
      statusCode: body.statusCode,
      message: body.statusCode >= 500 && body.statusCode !== 503 ? 'Đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.' : pageMessage(body.message),
      details: Array.isArray(body.details) ? body.details : undefined,
    });
  }
}

export { HttpStatus };
