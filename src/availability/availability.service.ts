import type { Kysely } from 'kysely';
import type { Resource, Service, Slot } from '../catalog/catalog.types';
import type { Database } from '../db/schema';
import { busyIntervals } from '../holds/slot-holds.repository';
import type { CalendarProvider, Interval } from '../providers/calendar/calendar-provider';
import { computeSlots } from './compute-slots';
import { workingWindows } from './working-windows';

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

/** Free slots of the service across the resources, sorted by start then resource. */
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
  const holds = await busyIntervals(
    deps.db,
    resources.map((r) => r.id),
    busyFrom,
    busyTo,
  );
  const external = await Promise.all(resources.map((r) => deps.calendar.busy({ resourceId: r.id, from: busyFrom, to: busyTo })));

  const slots = resources.flatMap((resource, i): Slot[] => {
    const busy: Interval[] = [...(holds.get(resource.id) ?? []), ...(external[i] ?? [])];
    return computeSlots({
      resourceId: resource.id,
      windows: workingWindows(resource, from, to),
      rules: service,
      from,
      to,
      now: query.now,
      busy,
    });
  });
  return slots.sort((a, b) => a.start.localeCompare(b.start) || a.resourceId.localeCompare(b.resourceId));
}
