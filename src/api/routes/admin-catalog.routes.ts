/** Admin management of services and resources (X-Api-Key). Writes are validated in full before they reach the database. */
import { randomBytes } from 'node:crypto';
import { type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { createResource, getResource, listAllResources, updateResource } from '../../catalog/resources.repository';
import { createService, getService, listAllServices, updateService } from '../../catalog/services.repository';
import type { Database } from '../../db/schema';
import type { ApiDeps } from '../api-deps';
import { requireAdminKey } from '../auth/admin-auth';
import { ApiError } from '../errors/api-error';
import { zodIssuesToDetails } from '../errors/zod-issues';
import {
  resourceCreateSchema,
  resourcePatchSchema,
  serviceCreateSchema,
  serviceInvariantSchema,
  servicePatchSchema,
} from '../schemas/catalog.schemas';
import { idParamsSchema } from '../schemas/common.schemas';
import { parseBody, parseParams } from '../validation/parse-request';

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';

const generateId = (prefix: 'svc' | 'res') => `${prefix}_${randomBytes(8).toString('hex')}`;

const pgCode = (err: unknown) => (typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined);

/** Issue 7: a Calendly event type or user bound to a second service or resource (0005's unique indexes). */
function calendlyBindingTaken(err: unknown): ApiError | null {
  if (pgCode(err) !== PG_UNIQUE_VIOLATION) return null;
  const constraint = (err as { constraint?: unknown }).constraint;
  if (constraint === 'services_calendly_event_type_uri_key') {
    return ApiError.validation('Another service is bound to this Calendly event type.', [{ path: 'calendlyEventTypeUri', message: 'already bound to another service' }]);
  }
  if (constraint === 'resources_calendly_user_uri_key') {
    return ApiError.validation('Another resource is bound to this Calendly user.', [{ path: 'calendlyUserUri', message: 'already bound to another resource' }]);
  }
  return null;
}

/** Runs a catalog write, turning a taken Calendly binding into a 400 that names the field. */
async function bindingChecked<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw calendlyBindingTaken(err) ?? err;
  }
}

function idTaken(id: string): ApiError {
  return ApiError.validation('The id is already in use.', [{ path: 'id', message: `${id} is already in use` }]);
}

/** Every service id must exist, so a resource never offers something that cannot be booked. */
async function assertServicesExist(db: Kysely<Database>, serviceIds: string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  const found = new Set((await db.selectFrom('services').select('id').where('id', 'in', serviceIds).execute()).map((r) => r.id));
  const details = serviceIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `serviceIds.${i}`, message: `unknown service ${id}` }]));
  if (details.length > 0) throw ApiError.validation('The resource names services that do not exist.', details);
}

function created(res: Response, path: string, body: unknown): void {
  res.status(201).location(path).json(body);
}

export function createAdminCatalogRouter({ db, config }: Pick<ApiDeps, 'db' | 'config'>): Router {
  const router = Router();
  router.use(['/v1/admin/services', '/v1/admin/resources'], requireAdminKey(config));

  router.get('/v1/admin/services', async (_req, res) => {
    res.json({ services: await listAllServices(db) });
  });

  router.post('/v1/admin/services', async (req, res) => {
    const input = parseBody(serviceCreateSchema, req);
    const id = input.id ?? generateId('svc');
    if (await getService(db, id)) throw idTaken(id);
    try {
      const service = await createService(db, { ...input, id });
      created(res, `/v1/admin/services/${id}`, { service });
    } catch (err) {
      const binding = calendlyBindingTaken(err);
      if (binding) throw binding;
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw idTaken(id);
      throw err;
    }
  });

  router.get('/v1/admin/services/:id', async (req, res) => {
    const { id } = parseParams(idParamsSchema, req);
    const service = await getService(db, id);
    if (!service) throw ApiError.notFound('Service');
    res.json({ service });
  });

  router.patch('/v1/admin/services/:id', async (req, res) => {
    const { id } = parseParams(idParamsSchema, req);
    const patch = parseBody(servicePatchSchema, req);
    const existing = await getService(db, id);
    if (!existing) throw ApiError.notFound('Service');
    const merged = serviceInvariantSchema.safeParse({ ...existing, ...patch });
    if (!merged.success) throw ApiError.validation('The change would make the service invalid.', zodIssuesToDetails(merged.error.issues));
    const service = await bindingChecked(() => updateService(db, id, patch));
    if (!service) throw ApiError.notFound('Service');
    res.json({ service });
  });

  router.get('/v1/admin/resources', async (_req, res) => {
    res.json({ resources: await listAllResources(db) });
  });

  router.post('/v1/admin/resources', async (req, res) => {
    const input = parseBody(resourceCreateSchema, req);
    const id = input.id ?? generateId('res');
    await assertServicesExist(db, input.serviceIds);
    if (await getResource(db, id)) throw idTaken(id);
    try {
      const resource = await createResource(db, { ...input, id });
      created(res, `/v1/admin/resources/${id}`, { resource });
    } catch (err) {
      const binding = calendlyBindingTaken(err);
      if (binding) throw binding;
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw idTaken(id);
      if (pgCode(err) === PG_FOREIGN_KEY_VIOLATION) await assertServicesExist(db, input.serviceIds);
      throw err;
    }
  });

  router.get('/v1/admin/resources/:id', async (req, res) => {
    const { id } = parseParams(idParamsSchema, req);
    const resource = await getResource(db, id);
    if (!resource) throw ApiError.notFound('Resource');
    res.json({ resource });
  });

  router.patch('/v1/admin/resources/:id', async (req, res) => {
    const { id } = parseParams(idParamsSchema, req);
    const patch = parseBody(resourcePatchSchema, req);
    if (patch.serviceIds) await assertServicesExist(db, patch.serviceIds);
    const resource = await bindingChecked(() => updateResource(db, id, patch));
    if (!resource) throw ApiError.notFound('Resource');
    res.json({ resource });
  });

  return router;
}

export { adminCatalogRouteDocs } from './admin-catalog.route-docs';
