import { bootApp, type TestApp } from '../helpers/app';
import { apiToken } from '../helpers/auth';
import { counts, procedureForm, requiredDocuments, sampleValue } from './support';

const ELDER = '002048990005';
const RESIDENCE = '1.010041';

describe('Submission while the population registry is down', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await bootApp({ env: { REGISTRY_OUTAGE: '1', REGISTRY_TIMEOUT_MS: '200' } });
    token = await apiToken(t, ELDER);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('still opens the form: prefill answers without registry values', async () => {
    const res = await t.http.get(`/api/v1/procedures/${RESIDENCE}/prefill`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body.registryAvailable).toBe(false);
    expect(Object.values(res.body.fields as Record<string, { source: string }>).every((f) => f.source !== 'REGISTRY')).toBe(true);
  });

  it('refuses to submit (503) because locked values cannot be re-checked, and writes nothing', async () => {
    const form = await procedureForm(t, RESIDENCE);
    const data: Record<string, unknown> = {};
    for (const f of form.fields) data[f.key] = f.type === 'personalId' ? ELDER : sampleValue(f);
    const documents = await requiredDocuments(t, token, RESIDENCE);
    const before = await counts(t);
    const res = await t.http.post('/api/v1/dossiers').set('Authorization', `Bearer ${token}`).send({ procedureCode: RESIDENCE, data, documents });
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/dữ liệu dân cư/);
    expect(await counts(t)).toEqual(before);
  });
});
