import type { BookingActivities } from '../workflows/contract';
import { providerCall } from './activity-failure';
import type { ActivityDeps } from './activity-deps';

type CalendarActivities = Pick<BookingActivities, 'createCalendarEvent' | 'moveCalendarEvent' | 'deleteCalendarEvent'>;

export function createCalendarActivities({ providers }: ActivityDeps): CalendarActivities {
  const { calendar } = providers;
  const key = (input: { idempotencyKey?: string }) => (input.idempotencyKey !== undefined ? { idempotencyKey: input.idempotencyKey } : {});
  return {
    async createCalendarEvent(input) {
      const { eventId } = await providerCall(() =>
        calendar.createEvent({
          bookingId: input.bookingId,
          idempotencyKey: input.idempotencyKey,
          resourceId: input.resourceId,
          start: new Date(input.start),
          end: new Date(input.end),
          summary: input.summary,
          description: input.description,
          attendeeEmail: input.attendeeEmail,
          ...(input.attendeeName !== undefined ? { attendeeName: input.attendeeName } : {}),
          ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        }),
      );
      return { eventId, resourceId: input.resourceId };
    },

    async moveCalendarEvent(input) {
      // A vanished event surfaces as NOT_FOUND, non-retryable: the workflow decides what to do instead.
      await providerCall(() =>
        calendar.moveEvent({ eventId: input.eventId, ...key(input), resourceId: input.resourceId, start: new Date(input.start), end: new Date(input.end) }),
      );
    },

    async deleteCalendarEvent(input) {
      await providerCall(() => calendar.deleteEvent({ eventId: input.eventId, ...key(input), resourceId: input.resourceId }));
    },
  };
}
