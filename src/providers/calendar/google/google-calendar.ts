import { calendar, type calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import type { CalendarEventRef, CalendarEventSpec, Interval } from '../calendar-provider';
import { type EventLinks, eventDescription } from '../event-text';
import type { ExternalCalendar } from '../external-calendar';
import { googleEventId } from './google-event-id';
import { googleFailure, googleStatus } from './google-failure';
import type { GoogleAuthClient } from './google-token-source';

const PROVIDER = 'google';

export interface GoogleCalendarOptions extends EventLinks {
  auth: GoogleAuthClient;
  /** The API root (GOOGLE_API_URL); Google's own when unset. */
  rootUrl?: string | undefined;
  /** Only a service account acting as a user (domain-wide delegation) may add attendees. */
  impersonating: boolean;
}

/**
 * Google Calendar (API v3, through `googleapis`). Events get an id derived from the booking's key, so
 * every call finds "its" event: an insert retried after a lost answer meets a 409 and patches what the
 * first attempt made. Google sends no invitations (`sendUpdates: none`): the customer gets the
 * product's own confirmation with its invite. Busy time comes from `freebusy.query`.
 */
export class GoogleCalendar implements ExternalCalendar {
  readonly name = PROVIDER;
  private readonly api: calendar_v3.Calendar;

  constructor(private readonly options: GoogleCalendarOptions) {
    // Temporal retries the activities, with their backoff; a second retry loop inside would only hide time.
    this.api = calendar({
      version: 'v3',
      auth: options.auth,
      retry: false,
      timeout: 15_000,
      ...(options.rootUrl ? { rootUrl: `${options.rootUrl.replace(/\/+$/, '')}/` } : {}),
    });
  }

  async createEvent(calendarId: string, spec: CalendarEventSpec): Promise<{ eventId: string }> {
    const id = googleEventId(spec.idempotencyKey);
    const body = this.eventBody(spec);
    try {
      await this.api.events.insert({ calendarId, sendUpdates: 'none', requestBody: { id, ...body } });
    } catch (error) {
      if (googleStatus(error) !== 409) throw googleFailure(error, 'insert');
      // Made by an earlier attempt (or deleted since, which Google keeps as cancelled): bring it to this booking's event.
      try {
        await this.api.events.patch({ calendarId, eventId: id, sendUpdates: 'none', requestBody: { ...body, status: 'confirmed' } });
      } catch (patchError) {
        throw googleFailure(patchError, 'patch');
      }
    }
    return { eventId: id };
  }

  async moveEvent(calendarId: string, ref: CalendarEventRef & { start: Date; end: Date }): Promise<void> {
    const eventId = this.eventIdOf(ref);
    let moved: calendar_v3.Schema$Event;
    try {
      const response = await this.api.events.patch({
        calendarId,
        eventId,
        sendUpdates: 'none',
        requestBody: { start: { dateTime: ref.start.toISOString() }, end: { dateTime: ref.end.toISOString() } },
      });
      moved = response.data;
    } catch (error) {
      throw googleFailure(error, 'patch');
    }
    // Google keeps a deleted event as `cancelled` and lets it be patched: for us it is gone.
    if (moved.status === 'cancelled') {
      throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, `Google Calendar event ${eventId} was deleted`, { provider: PROVIDER, code: 'cancelled' });
    }
  }

  async deleteEvent(calendarId: string, ref: CalendarEventRef): Promise<void> {
    if (!ref.eventId && !ref.idempotencyKey) return;
    try {
      await this.api.events.delete({ calendarId, eventId: this.eventIdOf(ref), sendUpdates: 'none' });
    } catch (error) {
      const status = googleStatus(error);
      // Already gone (404), or deleted before (410): what the undo wanted.
      if (status === 404 || status === 410) return;
      throw googleFailure(error, 'delete');
    }
  }

  async busy(calendarId: string, from: Date, to: Date): Promise<Interval[]> {
    let answer: calendar_v3.Schema$FreeBusyResponse;
    try {
      const response = await this.api.freebusy.query({ requestBody: { timeMin: from.toISOString(), timeMax: to.toISOString(), items: [{ id: calendarId }] } });
      answer = response.data;
    } catch (error) {
      throw googleFailure(error, 'freebusy');
    }
    const entry = answer.calendars?.[calendarId];
    const problem = entry?.errors?.[0]?.reason;
    if (!entry || problem) {
      // `notFound`: the calendar does not exist or is not shared with the service account: an operator must share it.
      const reason = problem ?? 'calendar missing from the answer';
      const kind = problem === 'notFound' || problem === 'forbidden' ? ProviderFailureKind.AUTH : ProviderFailureKind.TRANSIENT;
      throw new ProviderFailure(kind, `Google Calendar cannot read the busy times of ${calendarId} (${reason})`, { provider: PROVIDER, code: reason });
    }
    return (entry.busy ?? []).flatMap((b) => (b.start && b.end ? [{ start: new Date(b.start), end: new Date(b.end) }] : []));
  }

  private eventIdOf(ref: CalendarEventRef): string {
    if (ref.eventId) return ref.eventId;
    if (ref.idempotencyKey) return googleEventId(ref.idempotencyKey);
    throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, 'no event id or key to find the Google Calendar event by', { provider: PROVIDER });
  }

  private eventBody(spec: CalendarEventSpec): calendar_v3.Schema$Event {
    const zone = spec.timeZone ? { timeZone: spec.timeZone } : {};
    return {
      summary: spec.summary,
      description: eventDescription(spec, this.options),
      start: { dateTime: spec.start.toISOString(), ...zone },
      end: { dateTime: spec.end.toISOString(), ...zone },
      // A plain service account may not invite attendees (403 forbiddenForServiceAccounts): the
      // customer is named in the description then, and invited only when acting as a user.
      ...(this.options.impersonating ? { attendees: [{ email: spec.attendeeEmail, ...(spec.attendeeName ? { displayName: spec.attendeeName } : {}) }] } : {}),
      extendedProperties: { private: { bookingId: spec.bookingId } },
    };
  }
}
