/**
 * A dossier's data as people read it: each value under its form label, in words (the option's
 * label, dd/mm/yyyy dates, grouped numbers, Có/Không), never a field key or an enum code. Used by
 * the staff dossier page and the result document. Pure.
 */
import type { FormFieldDefinition } from '../catalog/procedure.types';
import { viFieldValue } from '../common/vi-labels';

/**
 * One value in words: the one formatter of form values (common/vi-labels.ts viFieldValue), plus
 * nested objects (an address given as parts) read as their parts joined.
 */
export function fieldValueText(field: Pick<FormFieldDefinition, 'type' | 'options'> | undefined, value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.values(value as Record<string, unknown>).map((v) => fieldValueText(undefined, v)).filter(Boolean).join(', ');
  }
  return viFieldValue(field ? { key: '', label: '', ...field } : undefined, value);
}

export interface DescribedField {
  key: string;
  label: string;
  text: string;
}

/**
 * The dossier's data in the form's order, each under its label: the one place that turns a
 * dossier's data into rows people read (staff dossier page, result document). `omitTypes` drops
 * kinds of fields (e.g. contact details on a result). Values no field describes are left out, or,
 * with `otherLabel`, shown together under that label (never under their keys); keys starting with
 * `$` are the form's internal notes and never shown.
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
    const other = Object.entries(values).filter(([k]) => !known.has(k) && !k.startsWith('$')).map(([, v]) => fieldValueText(undefined, v)).filter(Boolean);
    if (other.length) out.push({ key: '', label: opts.otherLabel, text: other.join('; ') });
  }
  return out;
}
