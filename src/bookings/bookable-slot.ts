import type { Kysely } from 'kysely';
import { slotRefusal, type SlotRefusal } from '../availability/is-slot-offered';
import { ResourceNotFoundError, ServiceNotFoundError } from '../catalog/catalog-errors';
import type { Resource, Service } from '../catalog/catalog.types';
import { getResource } from '../catalog/resources.repository';
import { getService } from '../catalog/services.repository';
import type { Database } from '../db/schema';
import { SlotNotOfferedError } from './booking-errors';

const REFUSAL_MESSAGES: Record<SlotRefusal, string> = {
  NOT_ON_SCHEDULE: 'The resource does not offer this service at that start time.',
  TOO_SOON: 'That start is sooner than the service’s minimum notice allows.',
  TOO_FAR_AHEAD: 'That start is further ahead than the service can be booked.',
};

/** The active service and resource a booking names; unknown or inactive ones are not found, a resource that does not offer the service refuses the slot. */
export async function loadBookable(db: Kysely<Database>, serviceId: string, resourceId: string): Promise<{ service: Service; resource: Resource }> {
  const [service, resource] = await Promise.all([getService(db, serviceId), getResource(db, resourceId)]);
  if (!service?.active) throw new ServiceNotFoundError(serviceId);
  if (!resource?.active) throw new ResourceNotFoundError(resourceId);
  if (!resource.serviceIds.includes(service.id)) {
    throw new SlotNotOfferedError('SERVICE_NOT_OFFERED', `Resource ${resource.id} does not offer service ${service.id}.`);
  }
  return { service, resource };
}

/** Refuses a start the schedule does not offer (hours, step, duration, notice, horizon) before any workflow starts. */
export function assertSlotOffered(service: Service, resource: Resource, start: Date, now: Date): void {
  const refusal = slotRefusal(resource, service, start, now);
  if (refusal) throw new SlotNotOfferedError(refusal, REFUSAL_MESSAGES[refusal]);
}
