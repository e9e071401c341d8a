/**
 * The OpenAPI document in production lists only the public and partner operations; development and
 * test keep the whole document. The production boot runs on a database of its own, migrated and
 * seeded from zero without demo data (as production would be), not on the suite's demo-seeded
 * template: production refuses demo data.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { bootApp } from '../helpers/app';

type Doc = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
const operations = (doc: Doc) => Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));

const PUBLIC_SAMPLE = [
  'GET /api/v1/procedures',
  'GET /api/v1/units',
  'GET /api/v1/agencies',
  'GET /api/v1/calendar/deadline',
  'GET /api/v1/lookup',
  'POST /api/v1/auth/login',
  'GET /api/v1/me',
  'POST /api/v1/dossiers',
  'GET /api/v1/procedures/{code}/prefill',
  'POST /api/v1/files',
  'POST /api/v1/payments/callback',
  'GET /api/v1/reports/sla',
  'POST /api/v1/partner/token',
  'GET /api/v1/partner/dossiers/{code}',
];
const HIDDEN_SAMPLE = [
  'GET /api/v1/admin/staff',
  'POST /api/v1/admin/partner-clients',
  'GET /api/v1/admin/outbox',
  'GET /api/v1/demo/accounts',
  'PUT /api/v1/demo/registry-faults',
  'PUT /api/v1/calendar/exceptions/{date}',
  'GET /stubs/national-portal/dossiers/{code}',
  'PUT /stubs/sms-gateway/faults',
];

describe('API documentation', () => {
  it('development/test: the whole document', async () => {
    const t = await bootApp();
    try {
      const doc = (await t.http.get('/api/docs-json').expect(200)).body as Doc;
      const ops = operations(doc);
      for (const op of [...PUBLIC_SAMPLE, ...HIDDEN_SAMPLE]) expect(ops).toContain(op);
      expect(Object.keys(doc.components.schemas)).toContain('CreateStaffDto');
    } finally {
      await t.close();
    }
  });

  describe('production', () => {
    const base = new URL(process.env.DATABASE_URL!);
    const name = `${base.pathname.slice(1)}_prod_${Date.now().toString(36)}`;
    const admin = () => {
      const u = new URL(base);
      u.pathname = '/postgres';
      return new Client({ connectionString: u.toString() });
    };
    let app: NestExpressApplication | undefined;

    beforeAll(async () => {
      const c = admin();
      await c.connect();
      await c.query(`CREATE DATABASE "${name}"`);
      await c.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      const config = loadConfig({
        ...process.env,
        NODE_ENV: 'production',
        DEMO: '0',
        SESSION_SECRET: 'production-session-secret-for-the-docs-test',
        PAYMENT_GATEWAY_SECRET: 'production-gateway-secret-for-the-docs-test',
        OUTBOX_WORKER: '0',
        DATABASE_URL: url.toString(),
      });
      expect(config).toMatchObject({ nodeEnv: 'production', demo: false });
      app = await createApp(config, url.toString());
    });
    afterAll(async () => {
      await app?.close();
      const c = admin();
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });

    it('lists only the public and partner operations, with their schemas', async () => {
      const http = request(app!.getHttpServer());
      const doc = (await http.get('/api/docs-json').expect(200)).body as Doc;
      const ops = operations(doc);
      for (const op of PUBLIC_SAMPLE) expect(ops).toContain(op);
      for (const op of HIDDEN_SAMPLE) expect(ops).not.toContain(op);
      expect(ops.filter((op) => /\/(admin|demo)\/|^\w+ \/stubs\//.test(op))).toEqual([]);
      expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['LoginDto', 'CreateDossierDto', 'TokenRequestDto']));
      for (const hidden of ['CreateStaffDto', 'CreatePartnerClientDto', 'RegistryFaultsDto', 'StubFaultsDto', 'SmsDto']) {
        expect(Object.keys(doc.components.schemas)).not.toContain(hidden);
      }
      // The interactive page embeds the same filtered document.
      const ui = await http.get('/api/docs/swagger-ui-init.js').expect(200);
      expect(ui.text).toContain('/api/v1/procedures');
      expect(ui.text).not.toContain('/api/v1/admin/');
      // Hidden from the document, still guarded: nothing was opened.
      await http.get('/api/v1/admin/staff').expect(401);
      await http.get('/api/v1/demo/accounts').expect(404);
    });
  });
});
