import type { Kysely } from 'kysely';
import type { Resource, Service, Slot } from '../catalog/catalog.types';
import type { Database } from '../db/schema';
import { busyIntervals } from '../holds/slot-holds.repository';
import type { CalendarProvider, Interval } from '../providers/calendar/calendar-provider';
import { slotsForResources } from './slots-for-resources';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** The widest range one request may ask for; the API validates it too, this keeps the work bounded regardless. */
export const MAX_AVAILABILITY_RANGE_DAYS = 62;

export interface AvailabilityDeps {
  db: Kysely<Database>;
  calendar: CalendarProvider;
}

export interface AvailabilityQuery {
  service: Service;
  /** Candidates; those that do not offer the service or are inactive are left out. */
  resources: Resource[];
  from: Date;
  to: Date;
  now: Date;
}

/**
 * Free slots of the service across the resources, sorted by start then resource. Busy time is the
 * product's own holds plus what each resource's calendar says (cached briefly by the calendar). A
 * calendar that cannot answer closes its resource for this answer (it offers nothing rather than a
 * slot that may be taken; the calendar logs why) while the other resources are still offered; when
 * no calendar answers, the provider's failure is the answer (503).
 */
export async function listAvailableSlots(deps: AvailabilityDeps, query: AvailabilityQuery): Promise<Slot[]> {
  const { service } = query;
  const resources = query.resources.filter((r) => r.active && r.serviceIds.includes(service.id));
  if (!service.active || resources.length === 0) return [];

  const from = new Date(Math.max(query.from.getTime(), query.now.getTime()));
  const to = new Date(
    Math.min(query.to.getTime(), from.getTime() + MAX_AVAILABILITY_RANGE_DAYS * DAY_MS, query.now.getTime() + service.maxAdvanceDays * DAY_MS + 1),
  );
  if (to.getTime() <= from.getTime()) return [];

  // Busy time that could touch a slot starting in [from, to) once buffers and duration are added.
  const reach = (service.bufferBeforeMinutes + service.bufferAfterMinutes + service.durationMinutes) * MINUTE_MS;
  const busyFrom = new Date(from.getTime() - reach);
  const busyTo = new Date(to.getTime() + reach);
  const [holds, external] = await Promise.all([
    busyIntervals(
      deps.db,
      resources.map((r) => r.id),
      busyFrom,
      busyTo,
    ),
    Promise.allSettled(resources.map((r) => deps.calendar.busy({ resourceId: r.id, from: busyFrom, to: busyTo }))),
  ]);
  const answered = resources.flatMap((resource, i): { resource: Resource; busy: Interval[] }[] => {
    const calendar = external[i];
    if (!calendar || calendar.status === 'rejected') return [];
    return [{ resource, busy: [...(holds.get(resource.id) ?? []), ...calendar.value] }];
  });
  const failure = external.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (answered.length === 0 && failure) throw failure.reason;
  return slotsForResources({ service, resources: answered, from, to, now: query.now });
}
