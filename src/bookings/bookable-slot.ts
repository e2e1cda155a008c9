import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors/api-error';
import { ErrorCode } from '../api/errors/error-codes';
import { slotRefusal, type SlotRefusal } from '../availability/is-slot-offered';
import type { Resource, Service } from '../catalog/catalog.types';
import { getResource } from '../catalog/resources.repository';
import { getService } from '../catalog/services.repository';
import type { Database } from '../db/schema';

const REFUSAL_MESSAGES: Record<SlotRefusal, string> = {
  NOT_ON_SCHEDULE: 'The resource does not offer this service at that start time.',
  TOO_SOON: 'That start is sooner than the service’s minimum notice allows.',
  TOO_FAR_AHEAD: 'That start is further ahead than the service can be booked.',
};

/** The active service and resource a booking names; unknown or inactive ones are 404, a resource that does not offer the service 422. */
export async function loadBookable(db: Kysely<Database>, serviceId: string, resourceId: string): Promise<{ service: Service; resource: Resource }> {
  const [service, resource] = await Promise.all([getService(db, serviceId), getResource(db, resourceId)]);
  if (!service?.active) throw ApiError.notFound('Service');
  if (!resource?.active) throw ApiError.notFound('Resource');
  if (!resource.serviceIds.includes(service.id)) {
    throw new ApiError(ErrorCode.SLOT_NOT_OFFERED, `Resource ${resource.id} does not offer service ${service.id}.`);
  }
  return { service, resource };
}

/** Refuses a start the schedule does not offer (hours, step, duration, notice, horizon) before any workflow starts. */
export function assertSlotOffered(service: Service, resource: Resource, start: Date, now: Date): void {
  const refusal = slotRefusal(resource, service, start, now);
  if (refusal) throw new ApiError(ErrorCode.SLOT_NOT_OFFERED, REFUSAL_MESSAGES[refusal], { reason: refusal });
}
