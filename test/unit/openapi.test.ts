import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { allRouteDocs, createApp } from '../../src/api/app';
import { buildOpenApiDocument, type OpenApiDocument, toOpenApiPath } from '../../src/api/openapi/build-openapi';
import { configSchema } from '../../src/config/config.schema';
import { createDb } from '../../src/db/connection';
import { createLogger } from '../../src/logging/logger';
import type { Providers } from '../../src/providers/providers';

const HTTP_METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;
/** Served for the docs page itself, not part of the API. */
const UNDOCUMENTED_ON_PURPOSE = new Set(['get /docs/init.js']);

const doc: OpenApiDocument = buildOpenApiDocument(allRouteDocs, { version: '1.0.0', serverUrl: 'http://localhost:3000' });

type Json = Record<string, unknown>;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op: op as Json & { responses: Record<string, Json>; parameters?: Json[] } })),
  );

function resolvePointer(pointer: string): unknown {
  assert.ok(pointer.startsWith('#/'), `only local references are used: ${pointer}`);
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, refs));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') refs.push(v);
      else collectRefs(v, refs);
    }
  }
  return refs;
}

/** Every route the real app answers, read from Express's router stacks (routers declare full paths). */
function servedRoutes(stack: Json[]): string[] {
  return stack.flatMap((layer) => {
    const route = layer.route as { path: unknown; methods: Record<string, boolean> } | undefined;
    const nested = (layer.handle as { stack?: Json[] }).stack;
    if (route && typeof route.path === 'string') return Object.keys(route.methods).map((m) => `${m} ${route.path as string}`);
    return layer.name === 'router' && nested ? servedRoutes(nested) : [];
  });
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the error shape and both ways to authenticate', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.info.title && doc.info.version);
    const error = doc.components.schemas.Error as Json & { properties: Json; required: string[] };
    assert.deepEqual(error.required, ['error']);
    assert.deepEqual(doc.components.securitySchemes.ApiKey, { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The admin key (ADMIN_API_KEY).' });
    assert.equal(doc.components.securitySchemes.BookingToken?.scheme, 'bearer');
  });

  it('lists every route of every router’s RouteDoc under its OpenAPI path and method', () => {
    for (const route of allRouteDocs) {
      const item = doc.paths[toOpenApiPath(route.path)];
      assert.ok(item?.[route.method], `${route.method.toUpperCase()} ${route.path} is missing`);
    }
    assert.equal(operations().length, new Set(allRouteDocs.map((r) => `${r.method} ${r.path}`)).size);
  });

  it('has, for each operation, a unique id, a success answer, descriptions, and every path parameter declared', () => {
    const ids = new Set<string>();
    for (const { path, method, op } of operations()) {
      assert.ok(HTTP_METHODS.includes(method as (typeof HTTP_METHODS)[number]), `${method} ${path}`);
      assert.ok(typeof op.operationId === 'string' && !ids.has(op.operationId), `operationId of ${method} ${path}`);
      ids.add(op.operationId as string);
      const statuses = Object.keys(op.responses);
      assert.ok(statuses.some((s) => /^2\d\d$/.test(s)), `${method} ${path} has no 2xx answer`);
      for (const [status, response] of Object.entries(op.responses)) {
        assert.ok(status === 'default' || /^[1-5]\d\d$/.test(status), `${method} ${path} status ${status}`);
        assert.equal(typeof response.description, 'string', `${method} ${path} ${status} description`);
      }
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      assert.deepEqual(declared.sort(), inPath.sort(), `path parameters of ${method} ${path}`);
      for (const p of op.parameters ?? []) if (p.in === 'path') assert.equal(p.required, true);
      assert.ok(Array.isArray(op.security), `${method} ${path} states its security`);
      for (const requirement of op.security as Json[]) for (const name of Object.keys(requirement)) assert.ok(doc.components.securitySchemes[name], name);
    }
  });

  it('resolves every $ref inside the document', () => {
    const refs = collectRefs(doc);
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.ok(resolvePointer(ref) !== undefined, `dangling ${ref}`);
  });

  it('documents request bodies with the very schemas that validate them (unknown fields refused)', () => {
    const body = doc.paths['/v1/admin/services']?.post?.requestBody as { content: Record<string, { schema: Json }> };
    const schema = body.content['application/json']!.schema;
    const resolved = (typeof schema.$ref === 'string' ? resolvePointer(schema.$ref) : schema) as Json & { required: string[] };
    assert.equal(resolved.additionalProperties, false);
    assert.deepEqual([...resolved.required].sort(), ['currency', 'durationMinutes', 'name', 'priceCents']);
  });

  it('describes the Idempotency-Key header on booking creation and the availability query parameters', () => {
    const create = doc.paths['/v1/bookings']?.post as { parameters?: Json[] };
    assert.ok(create.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKey'));
    const availability = doc.paths['/v1/availability']?.get as { parameters: Json[] };
    assert.deepEqual(
      availability.parameters.map((p) => [p.name, p.required]),
      [['serviceId', true], ['from', true], ['to', true], ['resourceId', false], ['durationMinutes', false]],
    );
  });
});

describe('the routes the app serves', () => {
  // Nothing connects until a request needs it, so the app can be built just to read its routes.
  const db = createDb('postgres://nobody@127.0.0.1:1/none');
  const unusedProviders = new Proxy({} as Providers, {
    get: (_t, name) => {
      throw new Error(`providers.${String(name)} is not used while listing routes`);
    },
  });
  after(() => db.destroy());

  it('are all documented', () => {
    const app = createApp({
      config: configSchema.parse({ ADMIN_API_KEY: 'k'.repeat(32), BOOKING_TOKEN_SECRET: 's'.repeat(32), LOCAL_WEBHOOK_SECRET: 'w'.repeat(32) }),
      db,
      temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
      providers: unusedProviders,
      logger: createLogger('error'),
    });
    const served = servedRoutes((app as unknown as { router: { stack: Json[] } }).router.stack).filter((r) => !UNDOCUMENTED_ON_PURPOSE.has(r));
    const documented = new Set(allRouteDocs.map((r) => `${r.method} ${r.path}`));
    assert.ok(served.length >= documented.size - 1);
    for (const route of served) assert.ok(documented.has(route), `${route} is served but not in any RouteDoc`);
  });
});
