/**
 * Prefill that can be trusted (DESIGN.md): what the state already knows, with where it came from,
 * when it was fetched and a hash. Pure functions; the service fetches the sources.
 */
import { createHash } from 'node:crypto';
import type { FormFieldDefinition } from '../catalog/procedure.types';
import type { RegistryPerson } from '../registry/population-registry';
import type { PrefillRecord } from '../dossiers/dossier.types';
import { toIsoLocal } from '../common/local-time';
import { viLabel } from '../common/vi-labels';

export type PrefillSource = PrefillRecord['source'];

export interface PrefilledValue {
  value: string | number | boolean;
  source: PrefillSource;
  locked: boolean;
  fetchedAt: string;
  hash: string;
}

export interface PrefillSources {
  registry: RegistryPerson | null;
  account: { phone: string | null; email: string | null; fullName?: string | null } | null;
  /** Latest value per field key from the citizen's earlier dossiers. */
  history: Record<string, unknown>;
  fetchedAt: Date;
}

/** Names used in procedure forms that are not literal paths of the registry record. */
const REGISTRY_ALIASES: Record<string, (p: RegistryPerson) => unknown> = {
  address: (p) => p.permanentAddress,
  communeCode: (p) => p.currentCommuneCode,
  fatherName: (p) => p.father?.fullName,
  fatherPersonalId: (p) => p.father?.personalId,
  motherName: (p) => p.mother?.fullName,
  motherPersonalId: (p) => p.mother?.personalId,
  householdAddress: (p) => p.household?.address,
  householdHeadName: (p) => p.household?.members.find((m) => m.personalId === p.household.headPersonalId)?.fullName,
  householdHeadPersonalId: (p) => p.household?.headPersonalId,
  householdId: (p) => p.household?.id,
  spouseName: (p) => spouse(p)?.fullName,
  spousePersonalId: (p) => spouse(p)?.personalId,
  // A newborn of the applicant's household (birth registration): its parents are the couple at its head.
  newbornFatherName: (p) => newbornParents(p)?.father?.fullName,
  newbornMotherName: (p) => newbornParents(p)?.mother?.fullName,
  relationshipToNewborn: (p) => (newbornParents(p) ? (p.gender === 'MALE' ? 'FATHER' : p.gender === 'FEMALE' ? 'MOTHER' : undefined) : undefined),
};

/** The spouse in the household, when the registry's relationship codes say so. */
function spouse(p: RegistryPerson) {
  const members = p.household?.members ?? [];
  if (p.relationshipToHead === 'HEAD') return members.find((m) => m.relationshipToHead === 'SPOUSE' || m.relationshipToHead === 'WIFE' || m.relationshipToHead === 'HUSBAND');
  if (['SPOUSE', 'WIFE', 'HUSBAND'].includes(p.relationshipToHead)) return members.find((m) => m.personalId === p.household.headPersonalId);
  return undefined;
}

const COUPLE = new Set(['HEAD', 'SPOUSE', 'WIFE', 'HUSBAND']);

/**
 * The parents of a child born into the applicant's household, from the household relations: when
 * the applicant is its head or the head's spouse, the child's parents are the applicant and their
 * spouse (father and mother by gender). Anyone else (a grandparent, a sibling) gets no guess.
 */
function newbornParents(p: RegistryPerson): { father?: { fullName: string }; mother?: { fullName: string } } | null {
  if (!COUPLE.has(p.relationshipToHead)) return null;
  const couple = [{ fullName: p.fullName, gender: p.gender }, ...[spouse(p)].filter((m) => !!m).map((m) => ({ fullName: m!.fullName, gender: m!.gender }))];
  return { father: couple.find((m) => m.gender === 'MALE'), mother: couple.find((m) => m.gender === 'FEMALE') };
}

/** `registry.fullName`, `registry.household.address`, `registry.father.fullName`, or an alias. */
export function registryValue(person: RegistryPerson, path: string): unknown {
  if (Object.hasOwn(REGISTRY_ALIASES, path)) return REGISTRY_ALIASES[path]!(person);
  let cur: unknown = person;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Value as a form field of this type expects it (select options for gender, booleans left alone). */
function forField(f: FormFieldDefinition, raw: unknown): string | number | boolean | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'object') return undefined;
  if (f.type === 'checkbox') return typeof raw === 'boolean' ? raw : undefined;
  if (f.type === 'number') return typeof raw === 'number' ? raw : undefined;
  let v = String(raw);
  if (f.type === 'select' && f.options?.length && !f.options.some((o) => o.value === v)) {
    // Registry codes (MALE) vs form options ('Nam' or 'MALE'): match either the value or the label.
    const label = viLabel('gender', v);
    const hit = f.options.find((o) => o.value === label || o.label === label);
    if (!hit) return undefined;
    v = hit.value;
  }
  return v === '' ? undefined : v;
}

export function valueHash(fieldKey: string, value: unknown): string {
  return createHash('sha256').update(`${fieldKey}\u0000${JSON.stringify(value)}`).digest('hex');
}

/** The applicant's identity as the registry holds it: locked on the form and re-checked on submit. */
export const LOCKED_REGISTRY_PATHS = new Set([
  'personalId', 'fullName', 'dateOfBirth', 'gender', 'ethnicity', 'hometown', 'permanentAddress',
]);

/** Identity data from the registry is locked for the applicant's own fields (never for the subject's, nor relatives'). */
export function isLockedField(f: FormFieldDefinition): boolean {
  return !!f.prefill?.startsWith('registry.') && !f.subject && LOCKED_REGISTRY_PATHS.has(f.prefill.slice('registry.'.length));
}

/** Fields that take the citizen's latest earlier answer: explicit `history`, or plain fields about the applicant. */
function takesHistory(f: FormFieldDefinition): boolean {
  if (f.prefill === 'history') return true;
  return !f.prefill && !f.subject && f.type !== 'checkbox';
}

/** Computes every prefilled value of a form from the sources. */
export function computePrefill(fields: FormFieldDefinition[], src: PrefillSources): Record<string, PrefilledValue> {
  const out: Record<string, PrefilledValue> = {};
  const fetchedAt = toIsoLocal(src.fetchedAt);
  for (const f of fields) {
    let value: string | number | boolean | undefined;
    let source: PrefillSource | undefined;
    if (f.prefill?.startsWith('registry.') && !f.subject && src.registry) {
      value = forField(f, registryValue(src.registry, f.prefill.slice('registry.'.length)));
      source = 'REGISTRY';
    } else if (f.prefill?.startsWith('account.') && src.account) {
      const k = f.prefill.slice('account.'.length) as 'phone' | 'email' | 'fullName';
      value = forField(f, src.account[k]);
      source = 'HISTORY';
    }
    if (value === undefined && takesHistory(f) && Object.prototype.hasOwnProperty.call(src.history, f.key)) {
      value = forField(f, src.history[f.key]);
      source = 'HISTORY';
    }
    if (value === undefined || !source) continue;
    out[f.key] = {
      value,
      source,
      locked: source === 'REGISTRY' && isLockedField(f),
      fetchedAt,
      hash: valueHash(f.key, value),
    };
  }
  return out;
}

export interface LockedMismatch {
  field: string;
  message: string;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.normalize('NFC').trim() === b.normalize('NFC').trim();
  return a === b;
}

/**
 * The server's re-check at submission: every locked field must carry exactly the registry's value
 * (a tampered form is refused). A locked field the citizen left out is filled from the registry.
 */
export function checkLockedValues(
  fields: FormFieldDefinition[],
  data: Record<string, unknown>,
  fresh: Record<string, PrefilledValue>,
): { data: Record<string, unknown>; mismatches: LockedMismatch[] } {
  const out = { ...data };
  const mismatches: LockedMismatch[] = [];
  for (const f of fields) {
    const p = fresh[f.key];
    if (!p?.locked) continue;
    if (out[f.key] === undefined) out[f.key] = p.value;
    else if (!sameValue(out[f.key], p.value)) {
      mismatches.push({
        field: f.key,
        message: `${f.label} phải đúng như trong Cơ sở dữ liệu quốc gia về dân cư; nếu thông tin này sai, hãy ghi chú ở mục "Phản ánh sai lệch dữ liệu dân cư"`,
      });
    }
  }
  return { data: out, mismatches };
}

/** The PrefillRecord kept on the dossier for every field whose submitted value came from a source. */
export function prefillRecords(data: Record<string, unknown>, fresh: Record<string, PrefilledValue>): Record<string, PrefillRecord> {
  const out: Record<string, PrefillRecord> = {};
  for (const [key, p] of Object.entries(fresh)) {
    if (!sameValue(data[key], p.value)) continue;
    out[key] = { source: p.source, fetchedAt: p.fetchedAt, hash: p.hash, locked: p.locked };
  }
  return out;
}
