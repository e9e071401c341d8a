/**
 * A dossier's data as people read it: each value under its form label, in words (the option's
 * label, dd/mm/yyyy dates, grouped numbers, Có/Không), never a field key or an enum code. Used by
 * the staff dossier page and the result document. Pure.
 */
import type { FormFieldDefinition } from '../catalog/procedure.types';
import { formatDateVn } from '../common/view-helpers';

const numberVi = new Intl.NumberFormat('vi-VN');

/**
 * One value in words. The ONE place this page and the result format a form value: to be switched
 * to the shared Vietnamese labels module when it lands.
 */
export function fieldValueText(field: Pick<FormFieldDefinition, 'type' | 'options'> | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((v) => fieldValueText(field, v)).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>).map((v) => fieldValueText(undefined, v)).filter(Boolean).join(', ');
  }
  if (typeof value === 'boolean' || field?.type === 'checkbox') {
    return value === true || value === 'true' || value === 'on' || value === '1' ? 'Có' : 'Không';
  }
  const option = field?.options?.find((o) => o.value === String(value));
  if (option) return option.label;
  const s = String(value);
  if (field?.type === 'date' || /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return formatDateVn(s.length === 10 ? s : new Date(s));
  if ((field?.type === 'number' || typeof value === 'number') && Number.isFinite(Number(s))) return numberVi.format(Number(s));
  return s;
}

export interface DescribedField {
  key: string;
  label: string;
  text: string;
}

/**
 * The dossier's data in the form's order, each under its label. `omitTypes` drops kinds of fields
 * (e.g. contact details on a result). Values no field describes are left out, or, with
 * `otherLabel`, shown together under that label (never under their keys).
 */
export function describeData(
  fields: readonly FormFieldDefinition[] | undefined,
  data: Record<string, unknown> | null | undefined,
  opts: { omitTypes?: readonly string[]; otherLabel?: string } = {},
): DescribedField[] {
  const values = data ?? {};
  const known = new Set((fields ?? []).map((f) => f.key));
  const out = (fields ?? [])
    .filter((f) => !opts.omitTypes?.includes(f.type))
    .map((f) => ({ key: f.key, label: f.label, text: fieldValueText(f, values[f.key]) }))
    .filter((f) => f.text !== '');
  if (opts.otherLabel) {
    const other = Object.entries(values).filter(([k]) => !known.has(k)).map(([, v]) => fieldValueText(undefined, v)).filter(Boolean);
    if (other.length) out.push({ key: '', label: opts.otherLabel, text: other.join('; ') });
  }
  return out;
}
