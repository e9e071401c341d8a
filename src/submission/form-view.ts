/**
 * View model of the server-rendered dossier form (views/dossiers/form.hbs), and the reverse:
 * reading the posted form back. The same shape serves online submission, counter intake and the
 * newborn life-event form.
 */
import type { DocumentRequirement, FormFieldDefinition } from '../catalog/procedure.types';
import type { FileView } from '../files/files.service';
import { coerceFormPost, type FieldError } from './form-schema';
import type { PrefilledValue } from './prefill';
import type { AgencyRef } from './receiving-agency.service';

export const SOURCE_LABELS: Record<string, string> = {
  REGISTRY: 'Từ CSDL quốc gia về dân cư',
  HISTORY: 'Từ hồ sơ bạn đã nộp trước đây',
  DOCUMENT_STORE: 'Từ kho giấy tờ của bạn',
};

export interface FieldView {
  key: string;
  id: string;
  name: string;
  label: string;
  required: boolean;
  help?: string;
  kind: 'input' | 'textarea' | 'select' | 'checkbox';
  htmlType: string;
  inputmode?: string;
  autocomplete?: string;
  maxlength?: number;
  min?: string | number;
  max?: string | number;
  value: string;
  checked: boolean;
  options: { value: string; label: string; selected: boolean }[];
  locked: boolean;
  sourceLabel?: string;
  error?: string;
  subject: boolean;
}

export interface DocumentView {
  key: string;
  name: string;
  required: boolean;
  inputId: string;
  inputName: string;
  pickName: string;
  error?: string;
  /** Files already attached to this document (kept from an earlier post or a draft); unticking removes one. */
  attached: { id: string; label: string }[];
  choices: { id: string; label: string; checked: boolean; fromStore: boolean }[];
}

/** Form field names in the HTML form: prefixed so that they never collide with the fixed fields. */
export const fieldName = (key: string) => `f_${key}`;
export const docInputName = (key: string) => `doc_${key}`;
export const docPickName = (key: string) => `pick_${key}`;

const AUTOCOMPLETE: Record<string, string> = {
  'registry.fullName': 'name',
  'account.phone': 'tel',
  'account.email': 'email',
  'registry.dateOfBirth': 'bday',
};

function display(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v);
}

export function buildFieldViews(
  fields: FormFieldDefinition[],
  values: Record<string, unknown>,
  prefill: Record<string, PrefilledValue>,
  errors: Record<string, string>,
  opts: { lockRegistry: boolean } = { lockRegistry: true },
): FieldView[] {
  return fields.map((f) => {
    const p = prefill[f.key];
    const locked = !!p?.locked && opts.lockRegistry;
    const raw = locked ? p!.value : Object.prototype.hasOwnProperty.call(values, f.key) ? values[f.key] : p?.value;
    const value = display(raw);
    const kind: FieldView['kind'] = f.type === 'textarea' ? 'textarea' : f.type === 'select' ? 'select' : f.type === 'checkbox' ? 'checkbox' : 'input';
    const htmlType =
      f.type === 'date' ? 'date' : f.type === 'number' ? 'number' : f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text';
    const v = f.validation ?? {};
    return {
      key: f.key,
      id: fieldName(f.key),
      name: fieldName(f.key),
      label: f.label,
      required: f.required,
      help: f.help,
      kind,
      htmlType,
      inputmode: f.type === 'personalId' || f.type === 'number' ? 'numeric' : undefined,
      autocomplete: f.prefill ? AUTOCOMPLETE[f.prefill] : undefined,
      maxlength: f.type === 'personalId' ? 12 : f.type === 'phone' ? 12 : f.type === 'text' || f.type === 'textarea' ? (v.maxLength ?? 500) : undefined,
      min: f.type === 'number' ? v.min : undefined,
      max: f.type === 'number' ? v.max : undefined,
      value,
      checked: raw === true || raw === 'true' || raw === 'on',
      options: (f.options ?? []).map((o) => ({ value: o.value, label: o.label, selected: o.value === value })),
      locked,
      sourceLabel: p && display(p.value) === value ? SOURCE_LABELS[p.source] : undefined,
      error: errors[fieldName(f.key)],
      subject: !!f.subject,
    };
  });
}

const fileLabel = (f: Pick<FileView, 'name' | 'size'>) => `${f.name} (${Math.max(1, Math.round(f.size / 1024))} KB)`;

/**
 * Documents of the form. Files picked for a document (`selected`: kept from an earlier post, a
 * draft or the store) are listed as attached; `known` resolves their names (the store, plus
 * anything else the person owns). Other store files are offered, the ones used last time pre-ticked.
 */
export function buildDocumentViews(
  documents: DocumentRequirement[],
  selected: Record<string, string[]>,
  store: FileView[],
  earlier: Record<string, { value: string[] }>,
  errors: Record<string, string>,
  known: FileView[] = [],
): DocumentView[] {
  const byId = new Map([...store, ...known].map((f) => [f.id, f]));
  return documents.map((d) => {
    const attached = (selected[d.key] ?? []).map((id) => byId.get(id)).filter((f): f is FileView => !!f);
    const attachedIds = new Set(attached.map((f) => f.id));
    const chosen = new Set(selected[d.key] ? [] : (earlier[d.key]?.value ?? []));
    const fromStore = new Set(earlier[d.key]?.value ?? []);
    return {
      key: d.key,
      name: d.name,
      required: d.required,
      inputId: docInputName(d.key),
      inputName: docInputName(d.key),
      pickName: docPickName(d.key),
      error: errors[docInputName(d.key)],
      attached: attached.map((f) => ({ id: f.id, label: fileLabel(f) })),
      choices: store
        .filter((f) => !attachedIds.has(f.id))
        .slice(0, 8)
        .map((f) => ({ id: f.id, label: fileLabel(f), checked: chosen.has(f.id), fromStore: fromStore.has(f.id) })),
    };
  });
}

export function agencyOptions(agencies: AgencyRef[], selected: string | null | undefined) {
  return agencies.map((a) => ({ value: a.code, label: a.name, selected: a.code === selected }));
}

/** Service errors (field keys, `documents.x`, `subject.fullName`) → HTML ids of the form. */
export function errorsForForm(errors: FieldError[], fields: FormFieldDefinition[]): { list: FieldError[]; byId: Record<string, string> } {
  const keys = new Set(fields.map((f) => f.key));
  const list = errors.map((e) => {
    let id = e.field;
    if (keys.has(e.field)) id = fieldName(e.field);
    else if (e.field.startsWith('documents.')) id = docInputName(e.field.slice('documents.'.length));
    else if (e.field === 'documents') id = 'documents';
    else if (e.field === 'subject.fullName') id = 'subjectName';
    else if (e.field === 'subject.personalId') id = 'subjectPersonalId';
    return { field: id, message: e.message };
  });
  const byId: Record<string, string> = {};
  for (const e of list) byId[e.field] ??= e.message;
  return { list, byId };
}

export interface PostedForm {
  data: Record<string, unknown>;
  picked: Record<string, string[]>;
  agencyCode: string | null;
  registryNote: string | null;
  subject: { fullName: string; personalId: string | null; relationship: string | null } | null;
  submissionKey: string | null;
  draftId: string | null;
  action: 'draft' | 'submit';
}

function str(v: unknown): string | null {
  if (Array.isArray(v)) v = v[v.length - 1];
  return typeof v === 'string' ? v : null;
}

/** Reads a posted dossier form (urlencoded or multipart) without trusting any of it. */
export function readPostedForm(fields: FormFieldDefinition[], documents: DocumentRequirement[], body: Record<string, unknown>): PostedForm {
  const prefixed: Record<string, unknown> = {};
  for (const f of fields) if (fieldName(f.key) in body) prefixed[f.key] = body[fieldName(f.key)];
  const data = coerceFormPost(fields, prefixed);
  // checkbox fields absent from the post are false; keep them only when the field exists
  const picked: Record<string, string[]> = {};
  for (const d of documents) {
    const v = body[docPickName(d.key)];
    const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
    if (list.length) picked[d.key] = list.slice(0, 10);
  }
  const subjectName = str(body.subjectName)?.trim() ?? '';
  const subjectPid = str(body.subjectPersonalId)?.trim() ?? '';
  return {
    data,
    picked,
    agencyCode: str(body.agencyCode) || null,
    registryNote: str(body.registryNote),
    subject: subjectName || subjectPid ? { fullName: subjectName, personalId: subjectPid || null, relationship: str(body.subjectRelationship) } : null,
    submissionKey: str(body.submissionKey),
    draftId: str(body.draftId) || null,
    action: str(body.action) === 'draft' ? 'draft' : 'submit',
  };
}
