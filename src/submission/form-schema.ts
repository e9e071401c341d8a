/**
 * A procedure's form definition (pinned to the procedure version) → JSON Schema → ajv validation,
 * with one Vietnamese message per field. Pure: no framework, no I/O; the same rules serve the
 * JSON API and the server-rendered form.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FormFieldDefinition } from '../catalog/procedure.types';
import { localDateOf } from '../common/local-time';

export interface FieldError {
  field: string;
  message: string;
}

export type FormData = Record<string, string | number | boolean>;

export interface FormValidation {
  ok: boolean;
  /** Normalised values (trimmed strings, empty values dropped, unknown keys dropped). */
  data: FormData;
  errors: FieldError[];
}

/** Mobile numbers: 0 or +84, then a mobile prefix 3/5/7/8/9 and 8 digits (Decision 798/QĐ-BTTTT numbering). */
export const VN_PHONE_PATTERN = '^(0|\\+84)(3|5|7|8|9)\\d{8}$';
/** Số định danh cá nhân: 12 digits (Circular 59/2021/TT-BCA). */
export const PERSONAL_ID_PATTERN = '^\\d{12}$';
export const DEFAULT_MAX_LENGTH = 500;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NUMBER = 1e12;

/** C0 controls and DEL (tab, LF and CR are allowed in multi-line fields only), plus bidi overrides. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
/** Markup is never part of an administrative declaration; refusing it keeps stored text inert everywhere it is shown. */
const MARKUP = /[<>]/;

/**
 * Resolves a date bound: an ISO date, `today`, or an offset from today such as `-120y`, `+30d`,
 * `-6m`. Returns YYYY-MM-DD, or null when the bound is not understood.
 */
export function resolveDateBound(bound: string, now: Date): string | null {
  const b = bound.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(b)) return isRealDate(b) ? b : null;
  const today = localDateOf(now);
  if (b === 'today') return today;
  const m = /^(today)?([+-])(\d{1,4})([dmy])$/.exec(b);
  if (!m) return null;
  const n = Number(m[3]) * (m[2] === '-' ? -1 : 1);
  const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
  const base = new Date(Date.UTC(y, mo - 1, d));
  if (m[4] === 'd') base.setUTCDate(base.getUTCDate() + n);
  else {
    const months = m[4] === 'm' ? n : n * 12;
    const target = new Date(Date.UTC(y, mo - 1 + months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d, lastDay));
    return target.toISOString().slice(0, 10);
  }
  return base.toISOString().slice(0, 10);
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function formatVnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

type JsonSchema = Record<string, unknown>;

function fieldSchema(f: FormFieldDefinition, now: Date): JsonSchema {
  const v = f.validation ?? {};
  switch (f.type) {
    case 'checkbox':
      return { type: 'boolean' };
    case 'number': {
      const s: JsonSchema = { type: 'number', minimum: v.min ?? -MAX_NUMBER, maximum: v.max ?? MAX_NUMBER };
      return s;
    }
    case 'select':
      return { type: 'string', enum: (f.options ?? []).map((o) => o.value) };
    case 'date': {
      const s: JsonSchema = { type: 'string', maxLength: 10, format: 'date' };
      const min = v.minDate ? resolveDateBound(v.minDate, now) : null;
      const max = v.maxDate ? resolveDateBound(v.maxDate, now) : null;
      if (min) s.formatMinimum = min;
      if (max) s.formatMaximum = max;
      return s;
    }
    case 'personalId':
      return { type: 'string', maxLength: 12, pattern: PERSONAL_ID_PATTERN };
    case 'phone':
      return { type: 'string', maxLength: 12, pattern: VN_PHONE_PATTERN };
    case 'email':
      return { type: 'string', maxLength: MAX_EMAIL_LENGTH, format: 'email', plainText: true };
    case 'unit':
      return { type: 'string', maxLength: 8, pattern: '^\\d{2,5}$' };
    case 'textarea':
    case 'text':
    default: {
      const s: JsonSchema = {
        type: 'string',
        maxLength: v.maxLength ?? DEFAULT_MAX_LENGTH,
        plainText: f.type === 'textarea' ? 'multiLine' : true,
      };
      if (v.minLength) s.minLength = v.minLength;
      if (v.pattern) s.pattern = v.pattern;
      return s;
    }
  }
}

/** The JSON Schema of a form: one property per field, `required`, and `if/then` for required-if. */
export function buildFormSchema(fields: FormFieldDefinition[], now: Date): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const allOf: JsonSchema[] = [];
  for (const f of fields) {
    properties[f.key] = fieldSchema(f, now);
    // A required checkbox is an attestation: it must be ticked, not merely present.
    if (f.required) {
      required.push(f.key);
      if (f.type === 'checkbox') properties[f.key] = { type: 'boolean', const: true };
    }
    const ri = f.validation?.requiredIf;
    if (ri && !f.required) {
      allOf.push({
        if: { properties: { [ri.field]: { const: ri.equals } }, required: [ri.field] },
        then: { required: [f.key] },
      });
    }
  }
  return {
    type: 'object',
    properties,
    required,
    additionalProperties: false,
    ...(allOf.length ? { allOf } : {}),
  };
}

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: true, useDefaults: false });
  addFormats(ajv, { mode: 'full', formats: ['date', 'email'], keywords: true });
  ajv.addKeyword({
    keyword: 'plainText',
    type: 'string',
    schemaType: ['boolean', 'string'],
    errors: false,
    validate: (mode: boolean | string, value: string) => {
      if (!mode) return true;
      const control = mode === 'multiLine' ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
      return !control.test(value) && !MARKUP.test(value);
    },
  });
  return ajv;
}

const ajv = newAjv();
/** Compiled validators, keyed by procedure version and local day (relative date bounds move daily). */
const cache = new Map<string, ValidateFunction>();

function compiled(cacheKey: string | undefined, fields: FormFieldDefinition[], now: Date): ValidateFunction {
  const key = cacheKey ? `${cacheKey}|${localDateOf(now)}` : undefined;
  if (key) {
    const hit = cache.get(key);
    if (hit) return hit;
  }
  const fn = ajv.compile(buildFormSchema(fields, now));
  if (key) {
    if (cache.size > 500) cache.clear();
    cache.set(key, fn);
  }
  return fn;
}

/**
 * Drops empty values and trims strings, so that "", "   " and null mean "not given" whatever
 * the channel. Values of unexpected types are kept as they are for the schema to refuse.
 */
export function normaliseInput(fields: FormFieldDefinition[], input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  const known = new Set(fields.map((f) => f.key));
  for (const [k, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!known.has(k)) continue;
    let v = raw;
    if (typeof v === 'string') {
      v = v.normalize('NFC');
      v = (v as string).trim();
      if (v === '') continue;
    }
    if (v === null || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

/**
 * HTML forms post strings: turn them into the types the schema expects (numbers, booleans,
 * dd/mm/yyyy dates). Anything that does not convert is left as typed, for a field error.
 */
export function coerceFormPost(fields: FormFieldDefinition[], body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = body[f.key];
    if (Array.isArray(v)) v = v[v.length - 1];
    if (f.type === 'checkbox') {
      out[f.key] = v === 'on' || v === 'true' || v === '1' || v === true;
      continue;
    }
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      out[f.key] = v;
      continue;
    }
    const s = v.trim();
    if (f.type === 'number' && /^-?\d+([.,]\d+)?$/.test(s)) out[f.key] = Number(s.replace(',', '.'));
    else if (f.type === 'date' && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(s)) {
      const [d, m, y] = s.split('/');
      out[f.key] = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    } else if (f.type === 'phone') out[f.key] = s.replace(/[\s.-]/g, '');
    else out[f.key] = v;
  }
  return out;
}

function article(f: FormFieldDefinition): string {
  return f.type === 'select' || f.type === 'unit' ? 'Vui lòng chọn' : 'Vui lòng nhập';
}

/** One Vietnamese message for one ajv error on a field. */
function messageFor(f: FormFieldDefinition, e: ErrorObject): string {
  const label = f.label;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return f.type === 'checkbox' ? `Vui lòng xác nhận: ${label}` : `${article(f)} ${label.toLowerCase()}`;
    case 'const':
      return f.type === 'checkbox' ? `Vui lòng xác nhận: ${label}` : `${label} không hợp lệ`;
    case 'type':
      if (f.type === 'number') return `${label} phải là một số`;
      if (f.type === 'checkbox') return `${label}: giá trị không hợp lệ`;
      return `${label} phải là chuỗi ký tự`;
    case 'enum':
      return `${label}: lựa chọn không hợp lệ`;
    case 'maxLength':
      if (f.type === 'personalId') return `${label} phải gồm đúng 12 chữ số`;
      if (f.type === 'phone') return `${label} không phải số điện thoại di động Việt Nam hợp lệ (ví dụ 0912345678)`;
      if (f.type === 'date') return `${label} phải là ngày hợp lệ (ngày/tháng/năm)`;
      return `${label} không được dài quá ${p.limit} ký tự`;
    case 'minLength':
      return `${label} phải có ít nhất ${p.limit} ký tự`;
    case 'pattern':
      if (f.type === 'personalId') return `${label} phải gồm đúng 12 chữ số`;
      if (f.type === 'phone') return `${label} không phải số điện thoại di động Việt Nam hợp lệ (ví dụ 0912345678)`;
      if (f.type === 'unit') return `${label}: đơn vị hành chính không hợp lệ`;
      return `${label} không đúng định dạng`;
    case 'plainText':
      return `${label} chứa ký tự không được phép (ký tự điều khiển hoặc dấu < >)`;
    case 'format':
      if (f.type === 'email') return `${label} không phải địa chỉ thư điện tử hợp lệ`;
      return `${label} phải là ngày hợp lệ (ngày/tháng/năm)`;
    case 'formatMinimum':
      return `${label} không được trước ngày ${formatVnDate(String(p.limit))}`;
    case 'formatMaximum':
      return `${label} không được sau ngày ${formatVnDate(String(p.limit))}`;
    case 'minimum':
      return `${label} không được nhỏ hơn ${p.limit}`;
    case 'maximum':
      return `${label} không được lớn hơn ${p.limit}`;
    default:
      return `${label} không hợp lệ`;
  }
}

/** Lower = reported first when a field breaks several rules. */
const PRIORITY: Record<string, number> = { required: 0, type: 1, plainText: 2, maxLength: 3, enum: 4, format: 5, pattern: 6 };

/**
 * Validates submitted values against the form: returns normalised data or one error per field
 * (in form order). `cacheKey` (the procedure version id) lets the compiled schema be reused.
 */
export function validateForm(
  fields: FormFieldDefinition[],
  input: unknown,
  now: Date,
  cacheKey?: string,
): FormValidation {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    return { ok: false, data: {}, errors: [{ field: 'data', message: 'Dữ liệu tờ khai phải là một đối tượng JSON' }] };
  }
  const data = normaliseInput(fields, input);
  const validate = compiled(cacheKey, fields, now);
  const valid = validate(data);
  if (valid) return { ok: true, data: data as FormData, errors: [] };
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const best = new Map<string, ErrorObject>();
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if') continue;
    const key =
      e.keyword === 'required'
        ? String((e.params as { missingProperty: string }).missingProperty)
        : e.instancePath.split('/')[1] ?? '';
    if (!byKey.has(key)) continue;
    const prev = best.get(key);
    if (!prev || (PRIORITY[e.keyword] ?? 9) < (PRIORITY[prev.keyword] ?? 9)) best.set(key, e);
  }
  const errors: FieldError[] = [];
  for (const f of fields) {
    const e = best.get(f.key);
    if (e) errors.push({ field: f.key, message: messageFor(f, e) });
  }
  if (!errors.length) errors.push({ field: 'data', message: 'Dữ liệu tờ khai không hợp lệ' });
  return { ok: false, data: data as FormData, errors };
}
