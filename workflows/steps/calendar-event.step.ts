/** Step: put the appointment in the resource's calendar. Undo: delete it. Plus moving it on reschedule. */
import { calendarEventKey } from '../contract/idempotency-keys';
import type { Instant } from '../contract/booking-types';
import { confirmActivities, stepActivities, undoActivities } from '../runtime/activities';
import type { BookingRun } from '../runtime/booking-run';

export async function createCalendarEvent(run: BookingRun): Promise<void> {
  const { state, input } = run;
  const eventKey = calendarEventKey(state.id);
  run.compensations.push({ step: 'calendar-event', eventKey });
  const event = await confirmActivities.createCalendarEvent({
    bookingId: state.id,
    idempotencyKey: eventKey,
    resourceId: state.resourceId,
    start: state.start,
    end: state.end,
    summary: `${input.service.name}: ${state.customer.name}`,
    description: state.notes ?? '',
    attendeeEmail: state.customer.email,
    attendeeName: state.customer.name,
    timeZone: input.resource.timeZone,
  });
  run.state = { ...run.state, calendarEventId: event.eventId };
}

/** Moves the event by its id, or by its key when the create call made it but never answered. */
export async function moveCalendarEvent(run: BookingRun, slot: { start: Instant; end: Instant }): Promise<void> {
  if (!run.confirmed) return;
  await stepActivities.moveCalendarEvent({
    eventId: run.state.calendarEventId,
    idempotencyKey: calendarEventKey(run.state.id),
    bookingId: run.state.id,
    resourceId: run.state.resourceId,
    start: slot.start,
    end: slot.end,
  });
}

/** Undo: deletes the event, found by id or key; safe when it is gone or was never made. */
export async function deleteCalendarEvent(run: BookingRun, eventKey: string): Promise<void> {
  await undoActivities.deleteCalendarEvent({
    eventId: run.state.calendarEventId,
    idempotencyKey: eventKey,
    bookingId: run.state.id,
    resourceId: run.state.resourceId,
  });
  run.state = { ...run.state, calendarEventId: null };
}
