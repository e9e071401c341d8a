/**
 * The one gate for input that the database cannot hold (issue 10, item 3).
 *
 * PostgreSQL refuses NUL (U+0000) in text and jsonb, and jsonb refuses an unpaired UTF-16
 * surrogate escape ("\ud800"): without this gate such input reached a query and came back as a 500.
 * Deeply nested JSON overflowed the stack of the DTO transformer ("Maximum call stack size
 * exceeded"). Everything that arrives as data — path segments, the query string, header values, the
 * JSON and urlencoded bodies (and multipart text fields, checked by the upload interceptor) — is
 * checked here once, before routing, and refused with 400 in the API error shape (a Vietnamese page
 * for people). Bodies are size-limited by the parser (413).
 *
 * The checks are pure functions (unit-tested in input-guard.spec.ts); `installInputGuard` wires
 * them into the HTTP pipeline and is called once from app.factory.ts.
 */
import { HttpException, HttpStatus } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, urlencoded, type NextFunction, type Request, type Response } from 'express';

/** Deepest JSON (or form) nesting accepted; our deepest documents (dossier data) use about 4. */
export const MAX_INPUT_DEPTH = 32;
/** Largest JSON or urlencoded body accepted (files go through multipart with their own limits). */
export const MAX_BODY_BYTES = 100 * 1024;

export type TextProblem = 'NUL' | 'LONE_SURROGATE' | 'BAD_ENCODING';

declare global {
  interface String {
    /** ES2024; Node ≥ 20. True when the string has no unpaired surrogate. */
    isWellFormed(): boolean;
  }
}

/** What is wrong with one string, or null when the database can store it. */
export function textProblem(s: string): TextProblem | null {
  if (s.includes('\u0000')) return 'NUL';
  if (!s.isWellFormed()) return 'LONE_SURROGATE';
  return null;
}

export interface UnsafeInput {
  /** Where in the request: 'path', 'query.q', 'body.data.hoTen', 'header.idempotency-key'… */
  where: string;
  problem: TextProblem;
}

/**
 * The first string (value or object key) in a parsed value that the database cannot hold.
 * Iterative, so that no nesting can overflow the stack; keys are checked before they are used to
 * name a location, so the location never carries the offending character.
 */
export function findUnsafeText(root: unknown, rootWhere: string): UnsafeInput | null {
  const stack: [unknown, string][] = [[root, rootWhere]];
  while (stack.length) {
    const [value, where] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { where, problem };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${where}[${i}]`]);
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i];
        const problem = textProblem(key);
        if (problem) return { where, problem };
        stack.push([v, `${where}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * True when a JSON text nests arrays/objects deeper than `max`. A single pass over the raw bytes
 * (brackets inside strings do not count), before JSON.parse builds anything. UTF-8 only: no byte of
 * a multi-byte UTF-8 sequence can be mistaken for an ASCII bracket or quote.
 */
export function jsonNestingExceeds(raw: Uint8Array | string, max: number): boolean {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c /* \ */) escaped = true;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if ((c === 0x5d /* ] */ || c === 0x7d /* } */) && depth > 0) depth--;
  }
  return false;
}

/**
 * The first path segment that is not valid percent-encoded UTF-8 or that decodes to text the
 * database cannot hold (`/api/v1/procedures/%00`). Segments are what route parameters are made of.
 */
export function findUnsafePath(path: string): UnsafeInput | null {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { where: 'path', problem: 'BAD_ENCODING' };
    }
    const problem = textProblem(decoded);
    if (problem) return { where: 'path', problem };
  }
  return null;
}

/** Everything the router and the handlers will read as data, in the order they are read. */
export function findUnsafeRequestInput(req: Pick<Request, 'path' | 'query' | 'headers' | 'body'>): UnsafeInput | null {
  const path = findUnsafePath(req.path);
  if (path) return path;
  for (const [name, value] of Object.entries(req.headers)) {
    const found = findUnsafeText(value, `header.${name}`);
    if (found) return found;
  }
  return findUnsafeText(req.query, 'query') ?? findUnsafeText(req.body, 'body');
}

const PROBLEM_TEXT: Record<TextProblem, string> = {
  NUL: 'chứa ký tự NUL (\\u0000)',
  LONE_SURROGATE: 'chứa ký tự Unicode không hợp lệ (nửa cặp UTF-16 đứng riêng)',
  BAD_ENCODING: 'không phải văn bản UTF-8 mã hóa URL hợp lệ',
};

/** 400 (413, 415) for input refused at the gate; the exception filter records it as `input.rejected`. */
export class InputRejectedException extends HttpException {
  constructor(
    readonly where: string,
    readonly problem: TextProblem | 'TOO_DEEP' | 'TOO_LARGE' | 'MALFORMED' | 'CHARSET',
    message: string,
    status: number = HttpStatus.BAD_REQUEST,
  ) {
    super({ message, details: [{ field: where, messages: [message] }] }, status);
  }
}

export function rejectUnsafe(found: UnsafeInput): InputRejectedException {
  const where = found.where === 'path' ? 'đường dẫn' : `trường "${found.where}"`;
  return new InputRejectedException(found.where, found.problem, `Dữ liệu không hợp lệ: ${where} ${PROBLEM_TEXT[found.problem]}`);
}

/** Multipart text fields and part names (parsed by multer, after the middleware): same rule. */
export function assertSafeMultipart(body: unknown, files: unknown): void {
  const found = findUnsafeText(body, 'body') ?? findUnsafeText(partNames(files), 'file');
  if (found) throw rejectUnsafe(found);
}

function partNames(files: unknown): string[] {
  const list = Array.isArray(files) ? files : files && typeof files === 'object' ? [files] : [];
  return list.flatMap((f: { fieldname?: unknown; originalname?: unknown }) =>
    [f?.fieldname, f?.originalname].filter((v): v is string => typeof v === 'string'),
  );
}

class JsonTooDeep extends Error {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly type = 'entity.too.deep';
}

/** The `type`s body-parser and raw-body give their errors; any other error passes through untouched. */
const BODY_ERROR_TYPES = new Set([
  'entity.too.deep',
  'entity.too.large',
  'entity.parse.failed',
  'entity.verify.failed',
  'parameters.too.many',
  'charset.unsupported',
  'encoding.unsupported',
  'querystring.parse.rangeError',
  'request.aborted',
  'request.size.invalid',
]);

/** body-parser's errors (by their `type`) → the API error shape with a Vietnamese message. */
export function bodyParserError(err: { status?: number; statusCode?: number; type?: string }): HttpException | null {
  const status = err?.status ?? err?.statusCode;
  if (typeof status !== 'number' || status >= 500 || !BODY_ERROR_TYPES.has(err.type ?? '')) return null;
  switch (err.type) {
    case 'entity.too.deep':
      return new InputRejectedException('body', 'TOO_DEEP', `Dữ liệu JSON lồng nhau quá sâu (tối đa ${MAX_INPUT_DEPTH} cấp)`);
    case 'entity.too.large':
      return new InputRejectedException('body', 'TOO_LARGE', `Dữ liệu gửi lên quá lớn (tối đa ${MAX_BODY_BYTES / 1024} KB)`, HttpStatus.PAYLOAD_TOO_LARGE);
    case 'querystring.parse.rangeError':
      return new InputRejectedException('body', 'TOO_DEEP', `Biểu mẫu lồng nhau quá sâu (tối đa ${MAX_INPUT_DEPTH} cấp)`);
    case 'parameters.too.many':
      return new InputRejectedException('body', 'TOO_LARGE', 'Biểu mẫu có quá nhiều trường', HttpStatus.PAYLOAD_TOO_LARGE);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new InputRejectedException('body', 'CHARSET', 'Dữ liệu phải được mã hóa UTF-8', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    case 'entity.parse.failed':
      return new InputRejectedException('body', 'MALFORMED', 'JSON không hợp lệ');
    default:
      // Aborted or truncated requests.
      return new InputRejectedException('body', 'MALFORMED', status === 413 ? 'Dữ liệu gửi lên quá lớn' : 'Dữ liệu gửi lên không hợp lệ', status);
  }
}

/**
 * Installs, in this order: the JSON and urlencoded body parsers (size limit; JSON depth checked on
 * the raw bytes before parsing; JSON in UTF-8 only, as the API contract says), the translation of
 * their errors, and the check of path, headers, query and body. Call before any middleware that
 * reads request data; the app is created with `bodyParser: false` so Nest adds no parser of its own.
 */
export function installInputGuard(app: NestExpressApplication): void {
  app.use(
    json({
      limit: MAX_BODY_BYTES,
      verify: (_req, _res, buf, encoding) => {
        if (encoding.toLowerCase() !== 'utf-8') throw Object.assign(new Error('JSON must be UTF-8'), { status: 415, type: 'charset.unsupported' });
        if (jsonNestingExceeds(buf, MAX_INPUT_DEPTH)) throw new JsonTooDeep('JSON nesting too deep');
      },
    }),
  );
  // body-parser 2 (qs) refuses forms nested deeper than `depth` with a 400 (its typings lag behind).
  const formOptions = { limit: MAX_BODY_BYTES, extended: true, depth: MAX_INPUT_DEPTH, parameterLimit: 1000 };
  app.use(urlencoded(formOptions));
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    next(bodyParserError(err as { status?: number; type?: string }) ?? err);
  });
  app.use(function inputGuard(req: Request, _res: Response, next: NextFunction) {
    const found = findUnsafeRequestInput(req);
    next(found ? rejectUnsafe(found) : undefined);
  });
}
