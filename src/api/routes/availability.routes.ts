import { Router } from 'express';
import { listAvailableSlots } from '../../availability/availability.service';
import type { Resource } from '../../catalog/catalog.types';
import { getResource, listResourcesOfferingService } from '../../catalog/resources.repository';
import { getService } from '../../catalog/services.repository';
import { atDuration } from '../../pricing/price-tiers';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import type { RouteDoc } from '../route-doc';
import { availabilityQuerySchema, availabilityResponseSchema } from '../schemas/catalog.schemas';
import { errorResponseSchema } from '../schemas/common.schemas';
import { parseQuery } from '../validation/parse-request';

export function createAvailabilityRouter(deps: Pick<ApiDeps, 'db' | 'providers' | 'now'>): Router {
  const router = Router();
  router.get('/v1/availability', async (req, res) => {
    const query = parseQuery(availabilityQuerySchema, req);
    const service = await getService(deps.db, query.serviceId);
    if (!service || !service.active) throw ApiError.notFound('Service');
    let resources: Resource[];
    if (query.resourceId) {
      const resource = await getResource(deps.db, query.resourceId);
      // A resource that does not offer the service is, for this question, not there.
      if (!resource || !resource.active || !resource.serviceIds.includes(service.id)) throw ApiError.notFound('Resource');
      resources = [resource];
    } else {
      resources = await listResourcesOfferingService(deps.db, service.id);
    }
    const slots = await listAvailableSlots(
      { db: deps.db, calendar: deps.providers.calendar },
      // Slots as long as the asked tier (an unknown duration is refused, naming those on offer).
      { service: atDuration(service, query.durationMinutes), resources, from: new Date(query.from), to: new Date(query.to), now: deps.now?.() ?? new Date() },
    );
    res.json({ slots });
  });
  return router;
}

export const availabilityRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/availability',
    summary: 'Free slots of a service between two instants (at most 62 days apart)',
    tag: 'catalog',
    auth: 'none',
    query: availabilityQuerySchema,
    responses: {
      200: { description: 'Slots that can be booked, by start time; without resourceId, of every resource offering the service.', schema: availabilityResponseSchema },
      400: { description: 'Bad query (instants without offset, to not after from, span too long).', schema: errorResponseSchema },
      404: { description: 'Unknown or inactive service, or a resource that does not offer it.', schema: errorResponseSchema },
      422: { description: 'The service is not offered for that durationMinutes (SLOT_NOT_OFFERED, `details.offeredDurations`).', schema: errorResponseSchema },
    },
  },
];
