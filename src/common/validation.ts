import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseInstant } from './local-time';

/** A DTO field holding an instant as text that `parseInstant` reads (ISO 8601; no offset = Vietnam time). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => parseInstant(value) !== null,
        defaultMessage: (a) => `${a?.property ?? 'Giá trị'} phải là thời điểm ISO 8601, ví dụ 2026-11-23T10:00:00+07:00 (không ghi múi giờ thì hiểu là giờ Việt Nam)`,
      },
    },
    options,
  );
}

export interface FieldError {
  field: string;
  messages: string[];
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out.push({ field, messages: Object.values(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Global pipe: DTOs are validated and transformed; unknown fields are stripped; errors listed per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Dữ liệu không hợp lệ', details: flattenValidationErrors(errors) }),
  });
}
