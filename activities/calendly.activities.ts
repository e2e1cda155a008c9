import { Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { BookingClient } from '../src/bookings/booking-client';
import { CalendlyApi } from '../src/calendly/calendly-api';
import { settleCalendlyInvitee } from '../src/calendly/calendly-settle';
import type { Config } from '../src/config/config.schema';
import type { Database } from '../src/db/schema';
import type { Logger } from '../src/logging/logger';
import type { CalendlyActivities } from '../workflows/contract';
import { activityLogger } from './activity-deps';
import { providerCall } from './activity-failure';

export interface CalendlyActivityDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'CALENDLY_API_URL' | 'CALENDLY_API_TOKEN' | 'TEMPORAL_TASK_QUEUE'>;
  logger: Logger;
  fetch?: typeof fetch;
}

/** Issue 7: what the Calendly workflows ask of the outside world (workflows/calendly). */
export function createCalendlyActivities(deps: CalendlyActivityDeps): CalendlyActivities {
  const api = new CalendlyApi({ baseUrl: deps.config.CALENDLY_API_URL, token: deps.config.CALENDLY_API_TOKEN, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  return {
    async cancelCalendlyEvent(input) {
      await providerCall(() => api.cancelEvent(input.scheduledEventUri, input.reason));
      activityLogger(deps.logger).info('calendly: event cancelled', { scheduledEventUri: input.scheduledEventUri });
    },

    async settleCalendlyInvitee(input) {
      // The booking is cancelled through its workflow, with the worker's own client.
      const bookings = new BookingClient({ temporal: Context.current().client, db: deps.db, config: deps.config, logger: deps.logger });
      return settleCalendlyInvitee({ db: deps.db, bookings, logger: activityLogger(deps.logger) }, input.inviteeUri);
    },
  };
}
