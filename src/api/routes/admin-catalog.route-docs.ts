import type { RouteDoc } from '../route-doc';
import {
  resourceCreateSchema,
  resourcePatchSchema,
  resourceResponseSchema,
  resourcesResponseSchema,
  serviceCreateSchema,
  servicePatchSchema,
  serviceResponseSchema,
  servicesResponseSchema,
} from '../schemas/catalog.schemas';
import { errorResponseSchema, idParamsSchema } from '../schemas/common.schemas';

const error = (description: string) => ({ description, schema: errorResponseSchema });
const unauthorized = error('Missing or wrong X-Api-Key.');

function docsFor(kind: 'services' | 'resources'): RouteDoc[] {
  const one = kind === 'services' ? 'service' : 'resource';
  const base = `/v1/admin/${kind}`;
  const [list, single, create, patch] =
    kind === 'services'
      ? [servicesResponseSchema, serviceResponseSchema, serviceCreateSchema, servicePatchSchema]
      : [resourcesResponseSchema, resourceResponseSchema, resourceCreateSchema, resourcePatchSchema];
  const tag = 'admin catalog';
  return [
    { method: 'get', path: base, summary: `List every ${one}, inactive ones included`, tag, auth: 'admin', responses: { 200: { description: `All ${kind}.`, schema: list }, 401: unauthorized } },
    {
      method: 'post',
      path: base,
      summary: `Create a ${one}`,
      tag,
      auth: 'admin',
      body: create,
      responses: {
        201: { description: `The ${one}; \`Location\` names it.`, schema: single },
        400: error('Invalid fields, unknown fields, or an id already in use.'),
        401: unauthorized,
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      summary: `Read a ${one}`,
      tag,
      auth: 'admin',
      params: idParamsSchema,
      responses: { 200: { description: `The ${one}.`, schema: single }, 401: unauthorized, 404: error(`No such ${one}.`) },
    },
    {
      method: 'patch',
      path: `${base}/:id`,
      summary: `Change some fields of a ${one}`,
      tag,
      auth: 'admin',
      params: idParamsSchema,
      body: patch,
      responses: {
        200: { description: `The ${one} after the change.`, schema: single },
        400: error('Invalid or unknown fields.'),
        401: unauthorized,
        404: error(`No such ${one}.`),
      },
    },
  ];
}

export const adminCatalogRouteDocs: RouteDoc[] = [...docsFor('services'), ...docsFor('resources')];
