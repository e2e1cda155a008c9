import { type DAVResponse, calendarMultiGet, calendarQuery, createCalendarObject, deleteCalendarObject, getBasicAuthHeaders, updateCalendarObject } from 'tsdav';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import type { CalendarEventRef, CalendarEventSpec, Interval } from '../calendar-provider';
import { type EventLinks, eventDescription } from '../event-text';
import type { ExternalCalendar } from '../external-calendar';
import { RequestSlots } from '../request-slots';
import { type CalendarObject, busyIn, calendarData, needsExpansion } from './caldav-busy';
import { buildCalDavEvent, calDavFileName, retimeCalDavEvent } from './caldav-event';

const PROVIDER = 'caldav';
const TIMEOUT_MS = 15_000;
/**
 * Requests in flight to the server at once. Availability asks every resource's calendar together; 50
 * parallel connections overrun servers that serve a few connections at a time (Radicale: 8, each held
 * by an idle keep-alive connection until the client drops it), and a few connections, reused, are as
 * fast as the server's own pace allows.
 */
const MAX_CONCURRENT_REQUESTS = 4;

export interface CalDavOptions extends EventLinks {
  /** The server (CALDAV_URL): a calendar id that is a path is resolved against it. */
  serverUrl: string;
  username: string;
  password: string;
  /** Longest one call (a busy read, an event write) may take, its wait for a request slot included (default 15 s). */
  timeoutMs?: number;
  /** Requests in flight to the server at once, across every calendar (default 4). */
  maxConcurrentRequests?: number;
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

function networkFailure(action: string, url: string, error: unknown, signal: AbortSignal): ProviderFailure {
  if (signal.aborted) return new ProviderFailure(ProviderFailureKind.TRANSIENT, `CalDAV ${action} ${url} did not answer in time`, { provider: PROVIDER, cause: error });
  return new ProviderFailure(ProviderFailureKind.TRANSIENT, `CalDAV ${action} ${url} failed: ${error instanceof Error ? error.message : String(error)}`, { provider: PROVIDER, cause: error });
}

/**
 * Any CalDAV server (RFC 4791: Nextcloud, iCloud, Fastmail, Radicale...), through `tsdav`. An event is
 * the object `<calendar>/<key>.ics` with a UID from the booking's key: a retried PUT meets its own
 * object (412 with If-None-Match) instead of making a second. Busy time is a calendar-query REPORT over
 * the range, recurrences expanded by the server. Each calendar is addressed by its URL directly (no
 * discovery), and one instance serves every calendar of the account over a few reused connections.
 */
export class CalDavCalendar implements ExternalCalendar {
  readonly name = PROVIDER;
  private readonly headers: Record<string, string>;
  private readonly now: () => Date;
  private readonly slots: RequestSlots;
  private readonly timeoutMs: number;

  constructor(private readonly options: CalDavOptions) {
    this.headers = getBasicAuthHeaders({ username: options.username, password: options.password });
    this.now = options.now ?? (() => new Date());
    this.slots = new RequestSlots(options.maxConcurrentRequests ?? MAX_CONCURRENT_REQUESTS);
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  }

  async createEvent(calendarId: string, spec: CalendarEventSpec): Promise<{ eventId: string }> {
    const calendarUrl = this.calendarUrl(calendarId);
    const filename = calDavFileName(spec.idempotencyKey);
    const url = new URL(filename, calendarUrl).href;
    const body = buildCalDavEvent(spec, eventDescription(spec, this.options), this.now());
    const signal = this.deadline();
    const response = await this.call('PUT', url, signal, () =>
      createCalendarObject({ calendar: { url: calendarUrl }, filename, iCalString: body, headers: this.headers, fetchOptions: { signal } }),
    );
    // 412: an earlier attempt already wrote this booking's event.
    if (!response.ok && response.status !== 412) throw httpFailure('PUT', url, response.status, response.headers.get('retry-after'));
    return { eventId: url };
  }

  async moveEvent(calendarId: string, ref: CalendarEventRef & { start: Date; end: Date }): Promise<void> {
    const url = this.eventUrl(calendarId, ref);
    const signal = this.deadline();
    const current = await this.call('GET', url, signal, async () => {
      const res = await fetch(url, { headers: this.headers, signal });
      return { status: res.status, ok: res.ok, headers: res.headers, text: await res.text() };
    });
    if (current.status === 404 || current.status === 410) {
      throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, `CalDAV event ${url} does not exist`, { provider: PROVIDER, code: current.status });
    }
    if (!current.ok) throw httpFailure('GET', url, current.status, current.headers.get('retry-after'));
    const etag = current.headers.get('etag') ?? undefined;
    const data = retimeCalDavEvent(current.text, ref.start, ref.end, this.now());
    const response = await this.call('PUT', url, signal, () =>
      updateCalendarObject({ calendarObject: { url, data, ...(etag ? { etag } : {}) }, headers: this.headers, fetchOptions: { signal } }),
    );
    // 412: changed in the calendar between our GET and PUT; the retry reads it again.
    if (!response.ok) throw httpFailure('PUT', url, response.status, response.headers.get('retry-after'));
  }

  async deleteEvent(calendarId: string, ref: CalendarEventRef): Promise<void> {
    if (!ref.eventId && !ref.idempotencyKey) return;
    const url = this.eventUrl(calendarId, ref);
    const signal = this.deadline();
    const response = await this.call('DELETE', url, signal, () => deleteCalendarObject({ calendarObject: { url }, headers: this.headers, fetchOptions: { signal } }));
    if (response.ok || response.status === 404 || response.status === 410) return;
    throw httpFailure('DELETE', url, response.status, response.headers.get('retry-after'));
  }

  /**
   * Two REPORTs at most, within one deadline. First a calendar-query for the objects with time in the
   * range, as stored: the server answers that from its index. Only the objects whose time needs the
   * server's reading (repeating meetings, dates, floating times, non-IANA zones) are then fetched again in
   * one calendar-multiget with `expand`. Asking the calendar-query itself to expand makes some servers
   * expand every object the calendar holds, whatever the range (Radicale 3.9: ~1 ms per object, so a
   * calendar with years of meetings costs seconds per read).
   */
  async busy(calendarId: string, from: Date, to: Date): Promise<Interval[]> {
    const url = this.calendarUrl(calendarId);
    const range = { start: compact(from), end: compact(to) };
    const signal = this.deadline();
    const stored = await this.report(url, signal, () =>
      calendarQuery({
        url,
        depth: '1',
        headers: this.headers,
        fetchOptions: { signal },
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' }, 'comp-filter': { _attributes: { name: 'VEVENT' }, 'c:time-range': { _attributes: range } } } },
      }),
    );
    const plain: CalendarObject[] = [];
    const repeating: CalendarObject[] = [];
    for (const object of stored) (needsExpansion(object.data) ? repeating : plain).push(object);
    const expanded =
      repeating.length === 0
        ? []
        : await this.report(url, signal, () =>
            calendarMultiGet({
              url,
              depth: '1',
              headers: this.headers,
              fetchOptions: { signal },
              objectUrls: repeating.map((object) => object.href),
              props: { 'd:getetag': {}, 'c:calendar-data': { 'c:expand': { _attributes: range } } },
            }),
          ).catch((error: unknown) => {
            // An object deleted between the two REPORTs: the calendar changed while read, worth a retry.
            if (error instanceof ProviderFailure && error.code === 404) throw new ProviderFailure(ProviderFailureKind.TRANSIENT, error.message, { provider: PROVIDER, code: 404 });
            throw error;
          });
    return busyIn([...plain, ...expanded].map((object) => object.data), from, to);
  }

  /** A REPORT's calendar objects; a refused REPORT as a ProviderFailure. */
  private async report(url: string, signal: AbortSignal, request: () => Promise<DAVResponse[]>): Promise<CalendarObject[]> {
    const responses = await this.call('REPORT', url, signal, request);
    const objects: CalendarObject[] = [];
    for (const response of responses) {
      // tsdav reports a refused REPORT as one response carrying the HTTP status instead of throwing.
      if (!response.ok && response.status !== 207) throw httpFailure('REPORT', url, response.status ?? 0, null);
      const data = calendarData(response.props?.calendarData);
      if (data && response.href) objects.push({ href: String(response.href), data });
    }
    return objects;
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

  /** One deadline per call, from when it is asked: waiting for a request slot counts, so a queue never outlives it. */
  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.timeoutMs);
  }

  /** One request to the server, in its turn among the account's requests, as a ProviderFailure when it fails. */
  private async call<T>(action: string, url: string, signal: AbortSignal, request: () => Promise<T>): Promise<T> {
    try {
      return await this.slots.run(signal, request);
    } catch (error) {
      // tsdav throws on some refusals with the status only in its message ("... failed: 401 Unauthorized").
      const status = /\b([45]\d\d)\b/.exec(error instanceof Error ? error.message : '')?.[1];
      if (status) throw httpFailure(action, url, Number(status), null);
      throw networkFailure(action, url, error, signal);
    }
  }
}

/** `20261207T080000Z`, as CalDAV time ranges want it. */
function compact(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
