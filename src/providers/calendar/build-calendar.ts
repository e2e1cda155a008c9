import type { Kysely } from 'kysely';
import { resourceCalendarId } from '../../catalog/calendar-bindings.repository';
import type { Config } from '../../config/config.schema';
import type { Database } from '../../db/schema';
import type { Logger } from '../../logging/logger';
import { CalDavCalendar } from './caldav/caldav-calendar';
import type { ExternalCalendar } from './external-calendar';
import { GoogleCalendar } from './google/google-calendar';
import { readServiceAccountKey } from './google/google-service-account';
import { GOOGLE_TOKEN_URL, serviceAccountAuth } from './google/google-token-source';
import { LocalCalendar } from './local-calendar';
import { ResourceCalendarRouter } from './resource-calendar-router';

type CalendarConfig = Pick<
  Config,
  | 'CALENDAR_PROVIDER'
  | 'GOOGLE_SERVICE_ACCOUNT_KEY_FILE'
  | 'GOOGLE_IMPERSONATE_USER'
  | 'GOOGLE_API_URL'
  | 'CALDAV_URL'
  | 'CALDAV_USERNAME'
  | 'CALDAV_PASSWORD'
  | 'CALENDAR_BUSY_CACHE_SECONDS'
  | 'PUBLIC_BASE_URL'
  | 'BOOKING_TOKEN_SECRET'
>;

/** The real calendar service CALENDAR_PROVIDER names, or null for `local`. Exhaustive: a new provider is a compile error until wired here. */
export function buildExternalCalendar(config: CalendarConfig): ExternalCalendar | null {
  switch (config.CALENDAR_PROVIDER) {
    case 'local':
      return null;
    case 'google': {
      const key = readServiceAccountKey(config.GOOGLE_SERVICE_ACCOUNT_KEY_FILE as string);
      // GOOGLE_API_URL redirects every call, the token exchange too; else the key's own token endpoint.
      const tokenUrl = config.GOOGLE_API_URL ? `${config.GOOGLE_API_URL.replace(/\/+$/, '')}/token` : (key.token_uri ?? GOOGLE_TOKEN_URL);
      return new GoogleCalendar({
        auth: serviceAccountAuth({ key, tokenUrl, subject: config.GOOGLE_IMPERSONATE_USER }),
        rootUrl: config.GOOGLE_API_URL,
        impersonating: config.GOOGLE_IMPERSONATE_USER !== undefined,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        bookingTokenSecret: config.BOOKING_TOKEN_SECRET,
      });
    }
    case 'caldav':
      return new CalDavCalendar({
        serverUrl: config.CALDAV_URL as string,
        username: config.CALDAV_USERNAME as string,
        password: config.CALDAV_PASSWORD as string,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        bookingTokenSecret: config.BOOKING_TOKEN_SECRET,
      });
  }
}

/** The product's calendar: each resource's own calendar through the configured provider, the local one for the rest. */
export function buildCalendar(config: CalendarConfig, db: Kysely<Database>, logger: Logger): ResourceCalendarRouter {
  return new ResourceCalendarRouter({
    local: new LocalCalendar(db),
    external: buildExternalCalendar(config),
    calendarIdOf: (resourceId) => resourceCalendarId(db, resourceId),
    logger: logger.child({ component: 'calendar' }),
    busyTtlMs: config.CALENDAR_BUSY_CACHE_SECONDS * 1000,
  });
}
