import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../workflows/failure-types';
import { CalendarEventNotFoundError } from '../src/providers/calendar/local-calendar';
import type { BookingActivities } from './booking-activities.types';
import type { ActivityDeps } from './activity-deps';

type CalendarActivities = Pick<BookingActivities, 'createCalendarEvent' | 'moveCalendarEvent' | 'deleteCalendarEvent'>;

export function createCalendarActivities({ providers }: ActivityDeps): CalendarActivities {
  const { calendar } = providers;
  return {
    async createCalendarEvent(input) {
      const { eventId } = await calendar.createEvent({
        bookingId: input.bookingId,
        idempotencyKey: input.idempotencyKey,
        resourceId: input.resourceId,
        start: new Date(input.start),
        end: new Date(input.end),
        summary: input.summary,
        description: input.description,
        attendeeEmail: input.attendeeEmail,
      });
      return { eventId, resourceId: input.resourceId };
    },

    async moveCalendarEvent(input) {
      try {
        await calendar.moveEvent({ eventId: input.eventId, resourceId: input.resourceId, start: new Date(input.start), end: new Date(input.end) });
      } catch (err) {
        // Retrying cannot bring back an event that is gone; the workflow decides what to do instead.
        if (err instanceof CalendarEventNotFoundError) throw ApplicationFailure.nonRetryable(err.message, FailureType.NOT_FOUND);
        throw err;
      }
    },

    async deleteCalendarEvent(input) {
      await calendar.deleteEvent({ eventId: input.eventId, resourceId: input.resourceId });
    },
  };
}
