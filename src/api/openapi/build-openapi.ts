/** Builds the OpenAPI 3.1 document from every router's RouteDoc, so the docs are the validation schemas. */
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';
import { type JsonSchema, SchemaConverter } from './schema-converter';

type Operation = Record<string, unknown>;
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
    parameters: Record<string, JsonSchema>;
  };
}

const IDEMPOTENCY_KEY = 'Idempotency-Key';

const SECURITY: Record<RouteDoc['auth'], Record<string, string[]>[] | undefined> = {
  none: [],
  admin: [{ ApiKey: [] }],
  booking: [{ BookingToken: [] }, { ApiKey: [] }],
  // Webhooks carry a provider signature over the raw body instead of a credential.
  signature: [],
};

export const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(doc: RouteDoc, converter: SchemaConverter): JsonSchema[] {
  const fromSchema = (where: 'path' | 'query', schema: RouteDoc['params']) =>
    schema ? converter.objectProperties(schema).map((p) => ({ in: where, ...p, required: where === 'path' || p.required })) : [];
  const headers = (doc.headers ?? []).map((h) =>
    h.name.toLowerCase() === IDEMPOTENCY_KEY.toLowerCase()
      ? { $ref: '#/components/parameters/IdempotencyKey' }
      : { in: 'header', name: h.name, description: h.description, required: h.required, schema: { type: 'string' } },
  );
  return [...fromSchema('path', doc.params), ...fromSchema('query', doc.query), ...headers];
}

function operation(doc: RouteDoc, converter: SchemaConverter): Operation {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(doc.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: converter.convert(response.schema, 'output') } } } : {}),
    };
  }
  responses.default = { description: 'Any other error, in the error shape.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const params = parameters(doc, converter);
  return {
    operationId: `${doc.method}${toOpenApiPath(doc.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: doc.summary,
    tags: [doc.tag],
    security: SECURITY[doc.auth],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: converter.convert(doc.body, 'input') } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(docs: RouteDoc[], opts: { version: string; serverUrl: string }): OpenApiDocument {
  const converter = new SchemaConverter();
  converter.convert(errorResponseSchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const doc of docs) {
    const path = toOpenApiPath(doc.path);
    paths[path] = { ...paths[path], [doc.method]: operation(doc, converter) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Booking saga engine API',
      version: opts.version,
      description: 'Appointment booking where every booking is a durable Temporal workflow. Errors: `{ error: { code, message, details? } }`.',
    },
    servers: [{ url: opts.serverUrl }],
    tags: [...new Set(docs.map((d) => d.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: converter.components,
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The admin key (ADMIN_API_KEY).' },
        BookingToken: { type: 'http', scheme: 'bearer', description: 'The accessToken returned when the booking was created.' },
      },
      parameters: {
        IdempotencyKey: {
          in: 'header',
          name: IDEMPOTENCY_KEY,
          required: false,
          description: 'Repeating a request with the same key and body returns the same booking; a different body is refused with 422.',
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
    },
  };
}
