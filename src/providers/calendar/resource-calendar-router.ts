import type { Logger } from '../../logging/logger';
import { ProviderFailure, ProviderFailureKind, isProviderFailure } from '../provider-failure';
import { BusyCache } from './busy-cache';
import type { BusyQuery, CalendarEventRef, CalendarEventSpec, CalendarProvider, Interval } from './calendar-provider';
import type { ExternalCalendar } from './external-calendar';

/** Events the local calendar made carry its id prefix, whatever calendar the resource names today. */
const LOCAL_EVENT_PREFIX = 'evt_';

export interface ResourceCalendarRouterOptions {
  local: CalendarProvider;
  /** The configured real calendar service; null when CALENDAR_PROVIDER is `local`. */
  external: ExternalCalendar | null;
  /** The calendar a resource names (its `calendarId`), or null for none. */
  calendarIdOf: (resourceId: string) => Promise<string | null>;
  logger: Logger;
  /**
   * How long availability reuses a resource's calendar binding (default 30 s): a changed calendarId
   * reaches the booking page within that time; writes and the booking-time busy check read it afresh.
   */
  bindingTtlMs?: number;
  /** How long a calendar's busy times are reused (CALENDAR_BUSY_CACHE_SECONDS). */
  busyTtlMs: number;
  now?: () => number;
}

/**
 * The calendar the product uses: each resource's events go to the calendar it names, through the
 * configured real provider, and a resource that names none keeps the local calendar. An event the
 * local calendar made stays there (it is found by its id), so switching providers never strands the
 * events of running bookings.
 */
export class ResourceCalendarRouter implements CalendarProvider {
  readonly name: string;
  private readonly bindings = new Map<string, { at: number; calendarId: Promise<string | null> }>();
  private readonly busyCache: BusyCache;
  private readonly now: () => number;

  constructor(private readonly options: ResourceCalendarRouterOptions) {
    this.name = options.external?.name ?? options.local.name;
    this.now = options.now ?? Date.now;
    this.busyCache = new BusyCache(options.busyTtlMs, 1000, this.now);
  }

  // Writes read the resource's binding afresh: an admin who just changed a resource's calendarId
  // expects the next event there, and one small read per calendar write costs nothing beside the call.
  async createEvent(spec: CalendarEventSpec): Promise<{ eventId: string }> {
    const target = await this.target(spec.resourceId, true);
    if (!target) return this.options.local.createEvent(spec);
    return this.written(target, 'create', () => target.calendar.createEvent(target.calendarId, spec));
  }

  async moveEvent(input: CalendarEventRef & { start: Date; end: Date }): Promise<void> {
    const target = await this.targetOf(input);
    if (!target) return this.options.local.moveEvent(input);
    return this.written(target, 'move', () => target.calendar.moveEvent(target.calendarId, input));
  }

  async deleteEvent(input: CalendarEventRef): Promise<void> {
    const target = await this.targetOf(input);
    if (!target) return this.options.local.deleteEvent(input);
    return this.written(target, 'delete', () => target.calendar.deleteEvent(target.calendarId, input));
  }

  async busy(query: BusyQuery): Promise<Interval[]> {
    const target = await this.target(query.resourceId, query.fresh === true);
    if (!target) return this.options.local.busy(query);
    const load = (from: Date, to: Date) => this.external(target, 'busy', () => target.calendar.busy(target.calendarId, from, to));
    if (query.fresh) return load(query.from, query.to);
    const intervals = await this.busyCache.get(target.calendarId, query.from, query.to, load);
    return intervals.filter((i) => i.start < query.to && query.from < i.end);
  }

  private async targetOf(ref: CalendarEventRef): Promise<{ calendar: ExternalCalendar; calendarId: string } | null> {
    if (ref.eventId?.startsWith(LOCAL_EVENT_PREFIX)) return null;
    return this.target(ref.resourceId, true);
  }

  private async target(resourceId: string, fresh: boolean): Promise<{ calendar: ExternalCalendar; calendarId: string } | null> {
    const calendar = this.options.external;
    if (!calendar) return null;
    const calendarId = await this.calendarIdOf(resourceId, fresh);
    return calendarId ? { calendar, calendarId } : null;
  }

  private calendarIdOf(resourceId: string, fresh: boolean): Promise<string | null> {
    const ttl = this.options.bindingTtlMs ?? 30_000;
    const cached = this.bindings.get(resourceId);
    if (!fresh && cached && this.now() - cached.at < ttl) return cached.calendarId;
    const calendarId = this.options.calendarIdOf(resourceId);
    this.bindings.set(resourceId, { at: this.now(), calendarId });
    calendarId.catch(() => this.bindings.delete(resourceId));
    return calendarId;
  }

  /**
   * A write to a real calendar. Once it is done, that calendar's cached busy times are dropped: they
   * may hold the event's old time (Google's freebusy counts our own events), and a slot this process
   * just freed should be offered again now, not after the cache time.
   */
  private async written<T>(target: { calendar: ExternalCalendar; calendarId: string }, action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await this.external(target, action, call);
    } finally {
      this.busyCache.forget(target.calendarId);
    }
  }

  /**
   * Logs every failure of the real calendar with its calendar and reason (an operator reads why a
   * resource offers nothing or a booking could not be written), and hands on a ProviderFailure.
   */
  private async external<T>(target: { calendar: ExternalCalendar; calendarId: string }, action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const failure = isProviderFailure(error)
        ? error
        : new ProviderFailure(ProviderFailureKind.TRANSIENT, error instanceof Error ? error.message : String(error), { provider: target.calendar.name, cause: error });
      if (!(action === 'move' && failure.kind === ProviderFailureKind.NOT_FOUND)) {
        this.options.logger.warn('calendar call failed', {
          provider: failure.provider,
          action,
          calendarId: target.calendarId,
          kind: failure.kind,
          code: failure.code,
          reason: failure.message,
        });
      }
      throw failure;
    }
  }
}
