/**
 * What the OpenAPI document shows in production: the public and partner operations only — catalog,
 * organisation, calendar, lookup, sign-in and the caller's own account, citizens' dossiers, files,
 * payments, reports, verification of signed results, open data and the partner API. Administration,
 * demo switches, stubs, staff-only dossier tools and pages stay out of it (they still exist and are
 * still guarded; they are just not advertised). Development and test show the whole document.
 *
 * An allow-list, so that an operation added later stays hidden in production until someone decides
 * it is public.
 */
import type { OpenAPIObject } from '@nestjs/swagger';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

const PUBLIC_OPERATIONS: { path: RegExp; methods: Method[] }[] = [
  { path: /^\/api\/v1\/procedures(\/\{code\}(\/prefill)?)?$/, methods: ['get'] },
  { path: /^\/api\/v1\/(units|agencies|lookup)$/, methods: ['get'] },
  { path: /^\/api\/v1\/calendar\/(deadline|exceptions)$/, methods: ['get'] },
  { path: /^\/api\/v1\/auth\/(login|logout|register)$/, methods: ['post'] },
  { path: /^\/api\/v1\/me(\/(access-log|registry))?$/, methods: ['get'] },
  { path: /^\/api\/v1\/me\/password$/, methods: ['post'] },
  { path: /^\/api\/v1\/dossiers$/, methods: ['get', 'post'] },
  { path: /^\/api\/v1\/dossiers\/\{code\}$/, methods: ['get'] },
  { path: /^\/api\/v1\/dossiers\/\{code\}\/(actions|payments)$/, methods: ['post'] },
  { path: /^\/api\/v1\/dossiers\/\{code\}\/satisfaction$/, methods: ['get', 'post'] },
  { path: /^\/api\/v1\/files(\/\{id\})?$/, methods: ['get', 'post'] },
  { path: /^\/api\/v1\/payments\/(callback)$/, methods: ['post'] },
  { path: /^\/api\/v1\/payments\/(reconciliation|\{id\})$/, methods: ['get'] },
  { path: /^\/api\/v1\/reports\/sla(\.csv|\.xlsx)?$/, methods: ['get'] },
  { path: /^\/api\/v1\/verify$/, methods: ['get', 'post'] },
  { path: /^\/api\/v1\/partner\/(token)$/, methods: ['post'] },
  { path: /^\/api\/v1\/partner\/(dossiers\/\{code\}(\/result)?|procedures|statistics)$/, methods: ['get'] },
  { path: /^\/cong-khai\/du-lieu\.(json|csv)$/, methods: ['get'] },
];

export function isPublicOperation(method: string, path: string): boolean {
  const m = method.toLowerCase() as Method;
  return PUBLIC_OPERATIONS.some((o) => o.path.test(path) && o.methods.includes(m));
}

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** The production document: public operations, and only the schemas and tags they use. */
export function publicApiDocument(doc: OpenAPIObject): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      if (!(METHODS as string[]).includes(key)) kept[key] = value; // parameters, summary… shared by the path
      else if (isPublicOperation(key, path)) kept[key] = value;
    }
    if (Object.keys(kept).some((k) => (METHODS as string[]).includes(k))) paths[path] = kept;
  }

  // Schemas reachable from the kept operations (following $refs between schemas).
  const allSchemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const pending = [JSON.stringify(paths)];
  while (pending.length) {
    for (const [, name] of pending.pop()!.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(name) || !allSchemas[name]) continue;
      used.add(name);
      pending.push(JSON.stringify(allSchemas[name]));
    }
  }
  const schemas = Object.fromEntries(Object.entries(allSchemas).filter(([name]) => used.has(name)));

  const tagsInUse = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const m of METHODS) for (const tag of (item as Record<string, { tags?: string[] } | undefined>)[m]?.tags ?? []) tagsInUse.add(tag);
  }
  return {
    ...doc,
    paths,
    components: { ...doc.components, schemas },
    ...(doc.tags ? { tags: doc.tags.filter((t) => tagsInUse.has(t.name)) } : {}),
  };
}
