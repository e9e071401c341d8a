import type { OpenAPIObject } from '@nestjs/swagger';
import { isPublicOperation, publicApiDocument } from './api-docs';

/** Every operation of the development document when this rule was written. */
const ALL = [
  'GET /health/live',
  'GET /health/ready',
  'GET /api/v1/admin/outbox',
  'GET /api/v1/admin/outbox/problems',
  'POST /api/v1/admin/outbox/{id}/retry',
  'POST /api/v1/admin/outbox/retry-dead',
  'GET /api/v1/admin/dossiers/{code}/sync',
  'GET /api/v1/dossiers/{code}/deliveries',
  'POST /api/v1/dossiers/{code}/payments',
  'POST /api/v1/payments/callback',
  'GET /api/v1/payments/reconciliation',
  'GET /api/v1/payments/{id}',
  'POST /api/v1/partner/token',
  'GET /api/v1/partner/dossiers/{code}',
  'GET /api/v1/partner/dossiers/{code}/result',
  'GET /api/v1/partner/procedures',
  'GET /api/v1/partner/statistics',
  'POST /api/v1/admin/partner-clients',
  'GET /api/v1/admin/partner-clients',
  'POST /api/v1/admin/partner-clients/{clientId}/disable',
  'GET /api/v1/admin/partner-clients/audit',
  'GET /api/v1/units',
  'GET /api/v1/agencies',
  'GET /api/v1/procedures',
  'GET /api/v1/procedures/{code}',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/register',
  'GET /api/v1/me',
  'POST /api/v1/me/password',
  'GET /api/v1/me/access-log',
  'GET /api/v1/demo/accounts',
  'GET /api/v1/demo/registry-faults',
  'PUT /api/v1/demo/registry-faults',
  'GET /api/v1/admin/staff',
  'POST /api/v1/admin/staff',
  'POST /api/v1/admin/staff/{id}/disable',
  'POST /api/v1/admin/staff/{id}/enable',
  'POST /api/v1/admin/staff/{id}/reset-password',
  'GET /api/v1/calendar/deadline',
  'GET /api/v1/calendar/exceptions',
  'PUT /api/v1/calendar/exceptions/{date}',
  'DELETE /api/v1/calendar/exceptions/{date}',
  'POST /api/v1/dossiers/{code}/actions',
  'GET /api/v1/procedures/{code}/prefill',
  'POST /api/v1/dossiers',
  'GET /api/v1/dossiers',
  'GET /api/v1/dossiers/{code}',
  'GET /api/v1/lookup',
  'GET /api/v1/reports/sla',
  'GET /api/v1/reports/sla.csv',
  'GET /api/v1/reports/sla.xlsx',
  'GET /cong-khai/du-lieu.json',
  'GET /cong-khai/du-lieu.csv',
  'POST /stubs/national-portal/api/status-updates',
  'GET /stubs/national-portal/dossiers/{code}',
  'PUT /stubs/national-portal/faults',
  'POST /stubs/sms-gateway/api/messages',
  'GET /stubs/sms-gateway/api/messages',
  'PUT /stubs/sms-gateway/faults',
  'GET /stubs/smtp-catcher/messages',
  'PUT /stubs/smtp-catcher/faults',
  'GET /api/v1/me/registry',
  'GET /api/v1/dossiers/{code}/registry/{personalId}',
  'GET /xac-thuc',
  'POST /xac-thuc',
  'POST /api/v1/verify',
  'GET /api/v1/verify',
  'POST /api/v1/files',
  'GET /api/v1/files',
  'GET /api/v1/files/{id}',
  'GET /api/v1/dossiers/{code}/satisfaction',
  'POST /api/v1/dossiers/{code}/satisfaction',
];

const PUBLIC = [
  'GET /api/v1/procedures',
  'GET /api/v1/procedures/{code}',
  'GET /api/v1/procedures/{code}/prefill',
  'GET /api/v1/units',
  'GET /api/v1/agencies',
  'GET /api/v1/calendar/deadline',
  'GET /api/v1/calendar/exceptions',
  'GET /api/v1/lookup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/register',
  'GET /api/v1/me',
  'POST /api/v1/me/password',
  'GET /api/v1/me/access-log',
  'GET /api/v1/me/registry',
  'POST /api/v1/dossiers',
  'GET /api/v1/dossiers',
  'GET /api/v1/dossiers/{code}',
  'POST /api/v1/dossiers/{code}/actions',
  'POST /api/v1/dossiers/{code}/payments',
  'GET /api/v1/dossiers/{code}/satisfaction',
  'POST /api/v1/dossiers/{code}/satisfaction',
  'POST /api/v1/files',
  'GET /api/v1/files',
  'GET /api/v1/files/{id}',
  'POST /api/v1/payments/callback',
  'GET /api/v1/payments/reconciliation',
  'GET /api/v1/payments/{id}',
  'GET /api/v1/reports/sla',
  'GET /api/v1/reports/sla.csv',
  'GET /api/v1/reports/sla.xlsx',
  'POST /api/v1/verify',
  'GET /api/v1/verify',
  'POST /api/v1/partner/token',
  'GET /api/v1/partner/dossiers/{code}',
  'GET /api/v1/partner/dossiers/{code}/result',
  'GET /api/v1/partner/procedures',
  'GET /api/v1/partner/statistics',
  'GET /cong-khai/du-lieu.json',
  'GET /cong-khai/du-lieu.csv',
];

function documentOf(operations: string[]): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const op of operations) {
    const [method, path] = op.split(' ');
    const tag = path.split('/')[3] ?? 'other';
    paths[path] = { ...paths[path], [method.toLowerCase()]: { operationId: op, tags: [tag], responses: {} } };
  }
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas: {} }, tags: [] };
}

const operationsOf = (doc: OpenAPIObject) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );

describe('publicApiDocument (production OpenAPI document)', () => {
  it('keeps exactly the public and partner operations', () => {
    expect(operationsOf(publicApiDocument(documentOf(ALL))).sort()).toEqual([...PUBLIC].sort());
  });

  it.each(ALL.filter((op) => /\/(admin|demo)\/|^\w+ \/stubs\/|^\w+ \/health\//.test(op)))('hides %s', (op) => {
    const [method, path] = op.split(' ');
    expect(isPublicOperation(method, path)).toBe(false);
  });

  it.each([
    ['PUT', '/api/v1/calendar/exceptions/{date}'],
    ['DELETE', '/api/v1/calendar/exceptions/{date}'],
    ['GET', '/api/v1/dossiers/{code}/deliveries'],
    ['GET', '/api/v1/dossiers/{code}/registry/{personalId}'],
    ['GET', '/xac-thuc'],
    ['POST', '/xac-thuc'],
    ['GET', '/api/v1/some-new-endpoint'],
    ['DELETE', '/api/v1/files/{id}'],
  ])('hides %s %s (admin, staff tools, pages, anything not listed)', (method, path) => {
    expect(isPublicOperation(method, path)).toBe(false);
  });

  it('drops schemas and tags only hidden operations use, following references between schemas', () => {
    const doc = documentOf(['POST /api/v1/auth/login', 'POST /api/v1/admin/staff']);
    doc.paths['/api/v1/auth/login'].post!.requestBody = { content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginDto' } } } };
    doc.paths['/api/v1/admin/staff'].post!.requestBody = { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateStaffDto' } } } };
    doc.components!.schemas = {
      LoginDto: { type: 'object', properties: { who: { $ref: '#/components/schemas/Who' } } },
      Who: { type: 'string' },
      CreateStaffDto: { type: 'object' },
    };
    doc.tags = [{ name: 'auth' }, { name: 'admin' }];
    const pub = publicApiDocument(doc);
    expect(Object.keys(pub.components!.schemas!).sort()).toEqual(['LoginDto', 'Who']);
    expect(pub.tags).toEqual([{ name: 'auth' }]);
    expect(Object.keys(pub.paths)).toEqual(['/api/v1/auth/login']);
    // The input document is not changed.
    expect(Object.keys(doc.paths)).toHaveLength(2);
  });
});
