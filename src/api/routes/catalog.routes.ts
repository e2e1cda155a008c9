import { Router } from 'express';
import { listActiveResources } from '../../catalog/resources.repository';
import { publicResource } from '../../catalog/public-resource';
import { listActiveServices } from '../../catalog/services.repository';
import type { ApiDeps } from '../api-deps';
import type { RouteDoc } from '../route-doc';
import { resourcesResponseSchema, servicesResponseSchema } from '../schemas/catalog.schemas';

/** The public catalog: only what can be booked (active services and resources). */
export function createCatalogRouter({ db }: Pick<ApiDeps, 'db'>): Router {
  const router = Router();
  router.get('/v1/services', async (_req, res) => {
    res.json({ services: await listActiveServices(db) });
  });
  router.get('/v1/resources', async (_req, res) => {
    res.json({ resources: (await listActiveResources(db)).map(publicResource) });
  });
  return router;
}

export const catalogRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/services',
    summary: 'List the services that can be booked',
    tag: 'catalog',
    auth: 'none',
    responses: { 200: { description: 'Active services.', schema: servicesResponseSchema } },
  },
  {
    method: 'get',
    path: '/v1/resources',
    summary: 'List the resources (staff, rooms) that can be booked',
    tag: 'catalog',
    auth: 'none',
    responses: { 200: { description: 'Active resources.', schema: resourcesResponseSchema } },
  },
];
