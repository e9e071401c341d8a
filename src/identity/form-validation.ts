import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../common/validation';

export interface FormError {
  field: string;
  message: string;
}

/**
 * Validates a page form body with the same DTO as the API, returning errors in the shape of the
 * `error-summary` partial instead of throwing (pages re-render the form with the errors).
 */
export async function validateForm<T extends object>(
  dto: new () => T,
  body: unknown,
): Promise<{ value: T; errors: FormError[] }> {
  const plain = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const value = plainToInstance(dto, plain, { enableImplicitConversion: false });
  const problems = await validate(value, { whitelist: true, forbidUnknownValues: false });
  const errors = flattenValidationErrors(problems).map((e) => ({ field: e.field, message: e.messages[0] }));
  return { value, errors };
}

/** A string field of a form body, or '' (never echoes objects or arrays back). */
export function formString(body: unknown, key: string, max = 500): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** {field: first message} for showing each error next to its input. */
export function fieldMap(errors: FormError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}
