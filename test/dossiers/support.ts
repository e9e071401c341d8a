import type { FormFieldDefinition } from '../../src/catalog/procedure.types';
import type { TestApp } from '../helpers/app';
import { buildPdf } from '../files/pdf-builder';

/** A complete one-page PDF (uploads are parsed whole: a header alone is refused). */
export const PDF = buildPdf();
/** A complete 1 × 1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export interface ProcedureForm {
  id: string;
  code: string;
  fields: FormFieldDefinition[];
  documents: { key: string; name: string; required: boolean }[];
}

export async function procedureForm(t: TestApp, code: string): Promise<ProcedureForm> {
  const [row] = await t.ds.query('SELECT id, code, form, documents FROM procedures WHERE code = $1 AND is_current', [code]);
  if (!row) throw new Error(`no procedure ${code}`);
  return { id: row.id, code: row.code, fields: row.form.fields, documents: row.documents };
}

/** A plausible value for a field that the registry does not fill. */
export function sampleValue(f: FormFieldDefinition): string | number | boolean {
  switch (f.type) {
    case 'date':
      return '2020-01-15';
    case 'personalId':
      return '002090123456';
    case 'phone':
      return '0912345678';
    case 'email':
      return 'cong.dan@example.vn';
    case 'number':
      return Math.max(1, f.validation?.min ?? 1);
    case 'select':
      return f.options![0]!.value;
    case 'checkbox':
      return true;
    case 'unit':
      return '00715';
    case 'textarea':
      return 'Nội dung trình bày thử nghiệm';
    default:
      return f.validation?.pattern === '^[0-9]{10}$' ? '0123456789' : 'Nội dung thử';
  }
}

/** Form data: prefilled values as the server gave them, sample values for the rest. */
export async function completeData(t: TestApp, token: string, code: string): Promise<Record<string, unknown>> {
  const form = await procedureForm(t, code);
  const res = await t.http.get(`/api/v1/procedures/${code}/prefill`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`prefill ${res.status} ${JSON.stringify(res.body)}`);
  const data: Record<string, unknown> = {};
  for (const f of form.fields) {
    const p = res.body.fields[f.key];
    data[f.key] = p ? p.value : sampleValue(f);
  }
  return data;
}

export async function uploadPdf(t: TestApp, token: string, name = 'giay-to.pdf', content = PDF): Promise<string> {
  const res = await t.http.post('/api/v1/files').set('Authorization', `Bearer ${token}`).attach('file', content, name);
  if (res.status !== 201) throw new Error(`upload ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** One uploaded PDF per required document. */
export async function requiredDocuments(t: TestApp, token: string, code: string): Promise<Record<string, string[]>> {
  const form = await procedureForm(t, code);
  const out: Record<string, string[]> = {};
  for (const d of form.documents.filter((x) => x.required)) out[d.key] = [await uploadPdf(t, token, `${d.key}.pdf`)];
  return out;
}

export async function counts(t: TestApp): Promise<{ dossiers: number; events: number; files: number; documents: number; outbox: number }> {
  const [r] = await t.ds.query(
    `SELECT (SELECT count(*)::int FROM dossiers) AS dossiers, (SELECT count(*)::int FROM dossier_events) AS events,
            (SELECT count(*)::int FROM files) AS files, (SELECT count(*)::int FROM dossier_documents) AS documents,
            (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  return r;
}
