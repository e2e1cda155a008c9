import { calendarQuery, createCalendarObject, deleteCalendarObject, getBasicAuthHeaders, updateCalendarObject } from 'tsdav';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import type { CalendarEventRef, CalendarEventSpec, Interval } from '../calendar-provider';
import { type EventLinks, eventDescription } from '../event-text';
import type { ExternalCalendar } from '../external-calendar';
import { OWN_UID_SUFFIX, buildCalDavEvent, calDavFileName, retimeCalDavEvent } from './caldav-event';
import { vevents } from './ical-lines';
import { busyIntervalOf } from './ical-times';

const PROVIDER = 'caldav';
const TIMEOUT_MS = 15_000;

export interface CalDavOptions extends EventLinks {
  /** The server (CALDAV_URL): a calendar id that is a path is resolved against it. */
  serverUrl: string;
  username: string;
  password: string;
  now?: () => Date;
}

/** An HTTP answer as a ProviderFailure: credentials (401/403), a missing calendar (404/409), limits (429), or transient. */
function httpFailure(action: string, url: string, status: number, retryAfter: string | null): ProviderFailure {
  const message = `CalDAV ${action} ${url} answered ${status}`;
  if (status === 401 || status === 403) return new ProviderFailure(ProviderFailureKind.AUTH, `${message}: check CALDAV_USERNAME/CALDAV_PASSWORD and the calendar's sharing`, { provider: PROVIDER, code: status });
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new ProviderFailure(ProviderFailureKind.RATE_LIMITED, message, { provider: PROVIDER, code: status, ...(Number.isFinite(seconds) && retryAfter !== null ? { retryAfterMs: seconds * 1000 } : {}) });
  }
  if (status >= 500 || status === 408 || status === 412) return new ProviderFailure(ProviderFailureKind.TRANSIENT, message, { provider: PROVIDER, code: status });
  return new ProviderFailure(ProviderFailureKind.REFUSED, `${message}: is the resource's calendarId a calendar on this server?`, { provider: PROVIDER, code: status });
}

function networkFailure(action: string, url: string, error: unknown): ProviderFailure {
  return new ProviderFailure(ProviderFailureKind.TRANSIENT, `CalDAV ${action} ${url} failed: ${error instanceof Error ? error.message : String(error)}`, { provider: PROVIDER, cause: error });
}

/**
 * Any CalDAV server (RFC 4791: Nextcloud, iCloud, Fastmail, Radicale...), through `tsdav`. An event is
 * the object `<calendar>/<key>.ics` with a UID from the booking's key: a retried PUT meets its own
 * object (412 with If-None-Match) instead of making a second. Busy time is a calendar-query REPORT over
 * the range, recurrences expanded by the server.
 */
export class CalDavCalendar implements ExternalCalendar {
  readonly name = PROVIDER;
  private readonly headers: Record<string, string>;
  private readonly now: () => Date;

  constructor(private readonly options: CalDavOptions) {
    this.headers = getBasicAuthHeaders({ username: options.username, password: options.password });
    this.now = options.now ?? (() => new Date());
  }

  async createEvent(calendarId: string, spec: CalendarEventSpec): Promise<{ eventId: string }> {
    const calendarUrl = this.calendarUrl(calendarId);
    const filename = calDavFileName(spec.idempotencyKey);
    const url = new URL(filename, calendarUrl).href;
    const body = buildCalDavEvent(spec, eventDescription(spec, this.options), this.now());
    const response = await this.call('PUT', url, () =>
      createCalendarObject({ calendar: { url: calendarUrl }, filename, iCalString: body, headers: this.headers, fetchOptions: this.fetchOptions() }),
    );
    // 412: an earlier attempt already wrote this booking's event.
    if (!response.ok && response.status !== 412) throw httpFailure('PUT', url, response.status, response.headers.get('retry-after'));
    return { eventId: url };
  }

  async moveEvent(calendarId: string, ref: CalendarEventRef & { start: Date; end: Date }): Promise<void> {
    const url = this.eventUrl(calendarId, ref);
    const current = await this.call('GET', url, () => fetch(url, { headers: this.headers, ...this.fetchOptions() }));
    if (current.status === 404 || current.status === 410) {
      throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, `CalDAV event ${url} does not exist`, { provider: PROVIDER, code: current.status });
    }
    if (!current.ok) throw httpFailure('GET', url, current.status, current.headers.get('retry-after'));
    const etag = current.headers.get('etag') ?? undefined;
    const data = retimeCalDavEvent(await current.text(), ref.start, ref.end, this.now());
    const response = await this.call('PUT', url, () =>
      updateCalendarObject({ calendarObject: { url, data, ...(etag ? { etag } : {}) }, headers: this.headers, fetchOptions: this.fetchOptions() }),
    );
    // 412: changed in the calendar between our GET and PUT; the retry reads it again.
    if (!response.ok) throw httpFailure('PUT', url, response.status, response.headers.get('retry-after'));
  }

  async deleteEvent(calendarId: string, ref: CalendarEventRef): Promise<void> {
    if (!ref.eventId && !ref.idempotencyKey) return;
    const url = this.eventUrl(calendarId, ref);
    const response = await this.call('DELETE', url, () => deleteCalendarObject({ calendarObject: { url }, headers: this.headers, fetchOptions: this.fetchOptions() }));
    if (response.ok || response.status === 404 || response.status === 410) return;
    throw httpFailure('DELETE', url, response.status, response.headers.get('retry-after'));
  }

  async busy(calendarId: string, from: Date, to: Date): Promise<Interval[]> {
    const url = this.calendarUrl(calendarId);
    const range = { start: compact(from), end: compact(to) };
    const responses = await this.call('REPORT', url, () =>
      calendarQuery({
        url,
        depth: '1',
        headers: this.headers,
        fetchOptions: this.fetchOptions(),
        props: { 'd:getetag': {}, 'c:calendar-data': { 'c:expand': { _attributes: range } } },
        filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' }, 'comp-filter': { _attributes: { name: 'VEVENT' }, 'c:time-range': { _attributes: range } } } },
      }),
    );
    const intervals: Interval[] = [];
    for (const response of responses) {
      // tsdav reports a refused REPORT as one response carrying the HTTP status instead of throwing.
      if (!response.ok && response.status !== 207) throw httpFailure('REPORT', url, response.status, null);
      const data = calendarData(response.props?.calendarData);
      if (!data) continue;
      for (const event of vevents(data)) {
        // Our own bookings' events: their time is already taken in slot_holds.
        if (event.find((line) => line.name === 'UID')?.value.endsWith(OWN_UID_SUFFIX)) continue;
        const interval = busyIntervalOf(event);
        if (interval && interval.start < to && from < interval.end) intervals.push(interval);
      }
    }
    return intervals.sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  private calendarUrl(calendarId: string): string {
    const url = new URL(calendarId, this.options.serverUrl.endsWith('/') ? this.options.serverUrl : `${this.options.serverUrl}/`).href;
    return url.endsWith('/') ? url : `${url}/`;
  }

  private eventUrl(calendarId: string, ref: CalendarEventRef): string {
    if (ref.eventId) return ref.eventId;
    if (ref.idempotencyKey) return new URL(calDavFileName(ref.idempotencyKey), this.calendarUrl(calendarId)).href;
    throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, 'no event URL or key to find the CalDAV event by', { provider: PROVIDER });
  }

  private fetchOptions(): RequestInit {
    return { signal: AbortSignal.timeout(TIMEOUT_MS) };
  }

  private async call<T>(action: string, url: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      // tsdav throws on some refusals with the status only in its message ("... failed: 401 Unauthorized").
      const status = /\b([45]\d\d)\b/.exec(error instanceof Error ? error.message : '')?.[1];
      if (status) throw httpFailure(action, url, Number(status), null);
      throw networkFailure(action, url, error);
    }
  }
}

/** `20261207T080000Z`, as CalDAV time ranges want it. */
function compact(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** tsdav hands calendar-data as text, or as `{ _cdata }` / `{ _text }` depending on the server's XML. */
function calendarData(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as { _cdata?: unknown; _text?: unknown };
    if (typeof v._cdata === 'string') return v._cdata;
    if (typeof v._text === 'string') return v._text;
  }
  return null;
}
