/**
 * Fuzzes every operation of the real app's OpenAPI document (GET /api/docs-json): NUL bytes, lone
 * surrogates, 5,000-level JSON, huge and odd numbers, wrong types and very long strings in path
 * parameters, query parameters, declared headers and bodies — anonymous, and with the bearer token
 * of a staff member, a citizen, an administrator and (on the partner API) a partner client.
 * Bad input must be answered with a 4xx, never with a status ≥ 500.
 */
import { DEMO_PARTNER } from '../../src/identity/demo-credentials';
import { sign } from '../../src/common/signed-fields';
import { feeDossier, feeProcedure } from '../integrations/payments-support';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken } from '../helpers/auth';
import { citizens, makeDossier } from '../workflow/factory';
import { PDF } from '../dossiers/support';

/** A JSON fragment, written as is into a body (so that `1e999`, `-0` or `18446744073709551616` stay exact). */
interface Frag {
  raw: string;
  label: string;
}
const j = (v: unknown, label?: string): Frag => ({ raw: JSON.stringify(v), label: label ?? JSON.stringify(v).slice(0, 40) });
const raw = (text: string, label?: string): Frag => ({ raw: text, label: label ?? text.slice(0, 40) });

const DEPTH = 5000;
const DEEP_ARRAY = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const DEEP_OBJECT = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

/** Values put in place of one body property. */
const VALUE_ATTACKS: Frag[] = [
  j('a\u0000', 'NUL'),
  j('\u0000', 'NUL only'),
  j('\ud800', 'lone high surrogate'),
  j('x\udfff', 'lone low surrogate'),
  j('a'.repeat(60_000), 'long ASCII string'),
  j('đ'.repeat(30_000), 'long UTF-8 string'),
  j('%'),
  j('_'),
  j('\\'),
  j("' OR '1'='1"),
  j(''),
  j(' '),
  j('1e308'),
  j('NaN'),
  j('Infinity'),
  j('-0'),
  j('2026-02-30'),
  j('9999-12-31T99:99:99+07:00'),
  j('../../etc/passwd'),
  raw('1e308'),
  raw('-1e308'),
  raw('1e999'),
  raw('18446744073709551616'),
  raw('-18446744073709551616'),
  raw('-0'),
  raw('1.5'),
  raw('-1'),
  raw('0'),
  raw('9007199254740993'),
  raw('1e-400'),
  j([]),
  j(['a', 'b']),
  j([1, 2]),
  j({}),
  j({ a: { b: 'c' } }),
  j(true),
  j(false),
  j(null),
  raw(DEEP_ARRAY, 'deep array (5000)'),
  raw(DEEP_OBJECT, 'deep object (5000)'),
];

/** The smaller set used on bodies the document does not describe, for each name they might read. */
const COMPACT_VALUE_ATTACKS: Frag[] = VALUE_ATTACKS.filter((f) =>
  /NUL|surrogate|deep|long ASCII/.test(f.label) || ['1e999', '18446744073709551616', '-0', '1.5', '"NaN"', '"2026-02-30"', '[]', '{"a":{"b":"c"}}', 'true', 'null', '""'].includes(f.raw),
);
const UNDOCUMENTED_BODY_FIELDS = ['txnRef', 'amount', 'status', 'signature', 'transactionNo', 'completedAt', 'name', 'working', 'note', 'date', 'rating', 'comment', 'reason', 'code', 'expectedVersion', 'action', 'username', 'password'];

/** Whole bodies. */
const BODY_ATTACKS: Frag[] = [
  raw(DEEP_ARRAY, 'deep array body (5000)'),
  raw(DEEP_OBJECT, 'deep object body (5000)'),
  raw('{"a":"\\u0000"}', 'NUL in body'),
  raw('{"\\ud800":1}', 'lone surrogate key'),
  raw('{"a":"\\udc00"}', 'lone surrogate value'),
  raw('{"__proto__":{"role":"ADMIN"},"constructor":{"prototype":{"x":1}}}', 'prototype keys'),
  raw('[]'),
  raw('[1,2,3]'),
  raw('"text"'),
  raw('null'),
  raw('1e308'),
  raw('{"a":'),
  raw('{}'),
  raw(JSON.stringify({ a: 'x'.repeat(200_000) }), 'body over the size limit'),
];

/** Values of one query parameter (already URL-encoded; `n` is the parameter name). */
const QUERY_ATTACKS: ((n: string) => string)[] = [
  (n) => `${n}=%00`,
  (n) => `${n}=a%00b`,
  (n) => `${n}=%ED%A0%80`,
  (n) => `${n}=%FF`,
  (n) => `${n}=${'a'.repeat(5000)}`,
  (n) => `${n}=${encodeURIComponent('đ'.repeat(1500))}`,
  (n) => `${n}=1e308`,
  (n) => `${n}=-1e308`,
  (n) => `${n}=18446744073709551616`,
  (n) => `${n}=-0`,
  (n) => `${n}=NaN`,
  (n) => `${n}=Infinity`,
  (n) => `${n}=-1`,
  (n) => `${n}=1.5`,
  (n) => `${n}=true`,
  (n) => `${n}=%5B%5D`,
  (n) => `${n}=%7B%7D`,
  (n) => `${n}=%25`,
  (n) => `${n}=_`,
  (n) => `${n}=%5C`,
  (n) => `${n}=%27%20OR%20%271%27%3D%271`,
  (n) => `${n}=`,
  (n) => `${n}=2026-02-30`,
  (n) => `${n}=0000`,
  (n) => `${n}=0000-01-01`,
  (n) => `${n}=0000-01-01T00:00:00Z`,
  (n) => `${n}=a&${n}=b`,
  (n) => `${n}=1&${n}=2&${n}=3`,
  (n) => `${n}%5B%5D=a`,
  (n) => `${n}%5Bx%5D=1`,
];

/** Values of one path parameter (already URL-encoded). */
const PATH_ATTACKS = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  'a'.repeat(3000),
  encodeURIComponent('đ'.repeat(500)),
  '1e308',
  '18446744073709551616',
  '-0',
  '-1',
  'NaN',
  'true',
  '%25',
  '_',
  '%5C',
  '%27%20OR%20%271%27%3D%271',
  '%5B%5D',
  '..%2F..%2Fetc%2Fpasswd',
  '2026-02-30',
  '0000-01-01',
  '00000000-0000-0000-0000-000000000000',
];

const HEADER_ATTACKS = ['a'.repeat(5000), 'é\u00ff', ' ', '../x', '%00', '1e308', 'a,b'];

/** The attacks the input gate must refuse before anything else, sent even where the caller is refused. */
const GATE_VALUE_ATTACKS = VALUE_ATTACKS.filter((f) => /NUL|surrogate|deep/.test(f.label));
const GATE_QUERY_ATTACKS = QUERY_ATTACKS.slice(0, 4);
const GATE_PATH_ATTACKS = PATH_ATTACKS.slice(0, 4);

interface Schema {
  type?: string;
  enum?: unknown[];
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  example?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  bodyKind: 'json' | 'multipart' | 'none';
  bodySchema: Schema | null;
}

interface Identity {
  name: string;
  authorization?: string;
  /** Operations this identity is sent to. */
  applies: (op: Operation) => boolean;
}

interface Sent {
  op: string;
  identity: string;
  what: string;
  status: number;
  body: string;
}

describe('fuzz over the OpenAPI document: no input gives a 5xx', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
  const samples: Record<string, string> = {};

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    const res = await t.http.get('/api/docs-json').expect(200);
    doc = res.body;
    // Real values for path parameters, so that body and query fuzzing reach the handlers' logic.
    const [citizen] = (await citizens(t.ds, 10)).filter((c) => c.personalId === '002094990001');
    const [proc] = await t.ds.query(
      `SELECT code FROM procedures WHERE is_current ORDER BY (level = 'DISTRICT' AND competent_agency_kind = 'JUSTICE') DESC, code LIMIT 1`,
    );
    const dossier = await makeDossier(t.ds, { procedureCode: proc.code, agencyCode: '026.PTP', citizen });
    const [staff] = await t.ds.query(`SELECT id FROM users WHERE username = 'specialist.026.ptp'`);
    samples.code = dossier.code;
    samples.procedureCode = proc.code;
    samples.personalId = citizen.personalId;
    samples.id = staff.id;
    samples.date = '2026-12-31';
    samples.clientId = DEMO_PARTNER.clientId;
    // A pending payment, so that signed callbacks with hostile values reach the payment logic.
    await feeProcedure(t.ds);
    const fee = await feeDossier(t.ds, citizen);
    const order = await t.http.post(`/api/v1/dossiers/${fee.code}/payments`).set('Authorization', `Bearer ${await apiToken(t, citizen.personalId)}`).expect(201);
    samples.paymentId = order.body.paymentId;
    // The partner client's own rate limit would answer most of its requests with 429.
    await t.ds.query(`UPDATE partner_clients SET rate_per_minute = 1000000 WHERE client_id = $1`, [DEMO_PARTNER.clientId]);
  });
  afterAll(async () => {
    await t?.close();
  });

  function resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; i < 10 && (s.$ref || s.allOf); i++) {
      if (s.$ref) s = doc.components.schemas[s.$ref.split('/').pop()!] ?? {};
      else if (s.allOf) s = { ...s.allOf.map(resolve).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {}), allOf: undefined };
    }
    return s;
  }

  /** A plausible value of a schema, so that one property at a time can be made hostile. */
  function plausible(schema: Schema | undefined): unknown {
    const s = resolve(schema);
    if (s.enum?.length) return s.enum[0];
    if (s.example !== undefined) return s.example;
    switch (s.type) {
      case 'number':
      case 'integer':
        return 1;
      case 'boolean':
        return false;
      case 'array':
        return [];
      case 'object':
        return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausible(v)]));
      default:
        return 'x';
    }
  }

  function operations(): Operation[] {
    const ops: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(methods)) {
        const content = o.requestBody?.content ?? {};
        const bodyKind = content['application/json'] ? 'json' : content['multipart/form-data'] ? 'multipart' : 'none';
        ops.push({
          method: method.toUpperCase(),
          path,
          params: o.parameters ?? [],
          bodyKind,
          bodySchema: bodyKind === 'json' ? resolve(content['application/json'].schema) : null,
        });
      }
    }
    return ops;
  }

  it('answers every hostile request to every documented operation with a status below 500', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    const isPartner = (op: Operation) => op.path.startsWith('/api/v1/partner/') && op.path !== '/api/v1/partner/token';
    const partnerToken = (await t.http.post('/api/v1/partner/token').send(DEMO_PARTNER).expect(200)).body.accessToken as string;
    const identities: Identity[] = [
      { name: 'anonymous', applies: () => true },
      // Logging out would revoke the token the rest of the run uses: logout is fuzzed anonymously only.
      { name: 'staff clerk.026.ptp', authorization: `Bearer ${await apiToken(t, 'clerk.026.ptp')}`, applies: (op) => !op.path.endsWith('/auth/logout') },
      { name: 'citizen 002094990001', authorization: `Bearer ${await apiToken(t, '002094990001')}`, applies: (op) => !op.path.endsWith('/auth/logout') },
      { name: 'admin admin.02.ubnd', authorization: `Bearer ${await apiToken(t, 'admin.02.ubnd')}`, applies: (op) => !op.path.endsWith('/auth/logout') },
      { name: 'partner lgsp-demo', authorization: `Bearer ${partnerToken}`, applies: isPartner },
    ];

    const sent: Sent[] = [];
    const send = async (op: Operation, who: Identity, what: string, path: string, query: string, body: string | null, headers: Record<string, string> = {}) => {
      const h: Record<string, string> = { ...headers };
      if (who.authorization) h.authorization = who.authorization;
      if (body !== null) h['content-type'] = 'application/json';
      let status: number;
      let text: string;
      try {
        const res = await fetch(`${t.baseUrl}${path}${query ? `?${query}` : ''}`, { method: op.method, headers: h, body: body ?? undefined, redirect: 'manual' });
        status = res.status;
        text = (await res.text()).slice(0, 300);
      } catch (err) {
        status = 599;
        text = `transport error: ${(err as Error).message}`;
      }
      sent.push({ op: `${op.method} ${op.path}`, identity: who.name, what, status, body: text });
      return status;
    };

    const fill = (op: Operation, values: Record<string, string>) =>
      op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? samples[name] ?? 'x');
    const baseBody = (op: Operation): Record<string, unknown> | null =>
      op.bodyKind === 'json' ? (plausible(op.bodySchema ?? {}) as Record<string, unknown>) : ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : null;
    const bodyWith = (base: Record<string, unknown>, key: string, frag: Frag) => {
      const entries = Object.entries(base).filter(([k]) => k !== key).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
      entries.push(`${JSON.stringify(key)}:${frag.raw}`);
      return `{${entries.join(',')}}`;
    };

    /** Runs `jobs` a few at a time (the app is one process; this only keeps the socket busy). */
    const pool = async (jobs: (() => Promise<unknown>)[], width = 6) => {
      let next = 0;
      await Promise.all(Array.from({ length: width }, async () => {
        while (next < jobs.length) await jobs[next++]();
      }));
    };

    let operationsFuzzed = 0;
    const started = Date.now();
    for (const op of ops) {
      operationsFuzzed++;
      if (process.env.FUZZ_PROGRESS) require('node:fs').appendFileSync(process.env.FUZZ_PROGRESS, `${((Date.now() - started) / 1000).toFixed(0)}s ${sent.length} ${op.method} ${op.path}\n`);
      for (const who of identities.filter((i) => i.applies(op))) {
        const base = baseBody(op);
        const basePath = fill(op, {});
        const probe = await send(op, who, 'plausible request', basePath, '', base && op.bodyKind !== 'multipart' ? JSON.stringify(base) : null);
        // Refused callers only reach the input gate: send them what the gate must refuse.
        const refused = probe === 401 || probe === 403;
        const jobs: (() => Promise<unknown>)[] = [];
        const pathParams = op.params.filter((p) => p.in === 'path');
        const queryParams = op.params.filter((p) => p.in === 'query');
        const headerParams = op.params.filter((p) => p.in === 'header');
        for (const p of pathParams) {
          for (const v of refused ? GATE_PATH_ATTACKS : PATH_ATTACKS) jobs.push(() => send(op, who, `path ${p.name}=${v.slice(0, 30)}`, fill(op, { [p.name]: v }), '', base ? JSON.stringify(base) : null));
        }
        for (const p of queryParams) {
          for (const q of refused ? GATE_QUERY_ATTACKS : QUERY_ATTACKS) jobs.push(() => send(op, who, `query ${q(p.name).slice(0, 40)}`, basePath, q(p.name), null));
        }
        if (!queryParams.length && op.method === 'GET') {
          for (const q of GATE_QUERY_ATTACKS) jobs.push(() => send(op, who, `undeclared query ${q('x')}`, basePath, q('x'), null));
        }
        for (const p of headerParams) {
          for (const v of refused ? [] : HEADER_ATTACKS) jobs.push(() => send(op, who, `header ${p.name}=${v.slice(0, 20)}`, basePath, '', base ? JSON.stringify(base) : null, { [p.name]: v }));
        }
        if (base) {
          for (const b of BODY_ATTACKS) jobs.push(() => send(op, who, `body ${b.label}`, basePath, '', b.raw));
          const declared = Object.entries(op.bodySchema?.properties ?? {});
          const props = declared.length ? declared.map(([k, s]) => [k, resolve(s)] as const) : UNDOCUMENTED_BODY_FIELDS.map((k) => [k, {} as Schema] as const);
          const attacks = refused ? GATE_VALUE_ATTACKS.slice(0, 2) : declared.length ? VALUE_ATTACKS : COMPACT_VALUE_ATTACKS;
          for (const [key, schema] of props) {
            for (const frag of attacks) {
              // true/false is the right type for a boolean: not an attack (and would switch stub faults on).
              if (schema.type === 'boolean' && (frag.raw === 'true' || frag.raw === 'false')) continue;
              jobs.push(() => send(op, who, `body ${key}=${frag.label}`, basePath, '', bodyWith(base, key, frag)));
            }
            if (refused) break;
          }
        }
        if (op.bodyKind === 'multipart' && !refused) {
          const form = (field: string, name: string, text: Record<string, string>) => {
            const f = new FormData();
            for (const [k, v] of Object.entries(text)) f.append(k, v);
            f.append(field, new Blob([PDF], { type: 'application/pdf' }), name);
            return f;
          };
          const parts: [string, () => FormData][] = [
            ['file name with NUL', () => form('file', 'a\u0000.pdf', {})],
            ['text field with NUL', () => form('file', 'a.pdf', { note: 'a\u0000' })],
            ['text field with a lone surrogate escape', () => form('file', 'a.pdf', { note: '\ud800' })],
            ['long file name', () => form('file', `${'đ'.repeat(5000)}.pdf`, {})],
            ['wrong field name', () => form('other', 'a.pdf', {})],
          ];
          for (const [what, make] of parts) {
            jobs.push(async () => {
              const res = await fetch(`${t.baseUrl}${basePath}`, { method: op.method, headers: who.authorization ? { authorization: who.authorization } : {}, body: make() });
              sent.push({ op: `${op.method} ${op.path}`, identity: who.name, what: `multipart ${what}`, status: res.status, body: (await res.text()).slice(0, 300) });
            });
          }
        }
        await pool(jobs);
      }
    }

    // The gateway's side: correctly signed callbacks carrying hostile values (signature over what the server will parse).
    const callback = ops.find((op) => op.method === 'POST' && op.path === '/api/v1/payments/callback')!;
    const gateway: Identity = { name: 'gateway (signed)', applies: () => true };
    const signedBase = { txnRef: samples.paymentId, amount: 100000, status: 'SUCCESS', transactionNo: 'GW-FUZZ', completedAt: '2026-11-23T10:00:00+07:00' };
    const signedJobs: (() => Promise<unknown>)[] = [];
    for (const key of Object.keys(signedBase)) {
      for (const frag of VALUE_ATTACKS.filter((f) => !GATE_VALUE_ATTACKS.includes(f))) {
        const text = bodyWith(signedBase, key, frag);
        const parsed = JSON.parse(text) as Record<string, unknown>;
        const signed = `${text.slice(0, -1)},"signature":${JSON.stringify(sign(parsed, t.config.integrations.payments.gatewaySecret))}}`;
        signedJobs.push(() => send(callback, gateway, `signed ${key}=${frag.label}`, callback.path, '', signed));
      }
    }
    await pool(signedJobs);

    const failures = sent.filter((s) => s.status >= 500);
    const byStatus: Record<number, number> = {};
    for (const s of sent) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    console.log(
      `fuzz: ${operationsFuzzed} operations, ${sent.length} requests, ${failures.length} answered ≥ 500; statuses ${JSON.stringify(byStatus)}`,
    );
    if (failures.length) {
      const grouped = new Map<string, Sent[]>();
      for (const f of failures) grouped.set(`${f.op} — ${f.what}`, [...(grouped.get(`${f.op} — ${f.what}`) ?? []), f]);
      console.log([...grouped.entries()].slice(0, 80).map(([k, v]) => `${v[0].status} ${k} [${v.map((x) => x.identity).join(', ')}] ${v[0].body.slice(0, 160)}`).join('\n'));
    }
    expect(failures.map((f) => `${f.status} ${f.op} (${f.identity}) ${f.what}`)).toEqual([]);
  }, 30 * 60_000);
});
