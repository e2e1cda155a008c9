import { ActivityFailure, condition, isCancellation } from '@temporalio/workflow';
import { BookingEvent, BookingStatus } from './booking-status';
import { bookingActivities, quickActivities } from './booking-activities';
import { compensateAndCancel } from './booking-cancel';
import { pushDeleteCalendarEvent } from './booking-compensations';
import { errorMessage } from './booking-failures';
import { notify } from './booking-notify';
import { type BookingRun, currentHoldKey } from './booking-run';
import { transition } from './booking-transition';
import { type Reminder, pendingReminders } from './reminder-schedule';

const untilMs = (instant: number): number => Math.max(1, instant - Date.now());

/** CONFIRMED: book the hold, put it in the calendar, then remind and complete on durable timers. */
export async function runConfirmedPhase(run: BookingRun): Promise<void> {
  const confirmed = await run.mutex.runExclusive(() => confirmBooking(run));
  if (!confirmed) return;
  await remindUntilOver(run);
  if (run.state.status === BookingStatus.COMPLETED) {
    // An admin may still mark a completed booking as a no-show for a while.
    const graceEnds = Date.parse(run.state.end) + run.noShowGraceMinutes * 60_000;
    await condition(() => run.state.status !== BookingStatus.COMPLETED, untilMs(graceEnds));
  }
}

async function confirmBooking(run: BookingRun): Promise<boolean> {
  // Cancelled (or moved on) while waiting for the lock.
  if (run.state.status !== BookingStatus.CONFIRMED) return false;
  const { state, input } = run;
  try {
    // The hold becomes the booking; its release undo stays, a cancellation frees the slot.
    await quickActivities.confirmHold({ bookingId: state.id, holdKey: currentHoldKey(run) });
    pushDeleteCalendarEvent(run);
    const event = await bookingActivities.createCalendarEvent({
      bookingId: state.id,
      idempotencyKey: `${state.id}:calendar`,
      resourceId: state.resourceId,
      start: state.start,
      end: state.end,
      summary: `${input.service.name}: ${state.customer.name}`,
      description: state.notes ?? '',
      attendeeEmail: state.customer.email,
    });
    run.state = { ...run.state, calendarEventId: event.eventId };
  } catch (error) {
    if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
    await compensateAndCancel(run, {
      reason: 'the booking could not be confirmed',
      actor: 'system',
      refund: 'full',
      event: BookingEvent.CONFIRMATION_FAILED,
      detail: errorMessage(error),
    });
    return false;
  }
  await notify(run, 'confirmation', 'confirmation', { amountCents: run.state.payment.amountCents });
  return true;
}

/** Sleeps until each reminder and then the end; a reschedule re-arms, a cancel or no-show ends it. */
async function remindUntilOver(run: BookingRun): Promise<void> {
  while (run.state.status === BookingStatus.CONFIRMED) {
    const revision = run.state.revision;
    const moved = (): boolean => run.state.status !== BookingStatus.CONFIRMED || run.state.revision !== revision;
    const reminders = pendingReminders({
      start: run.state.start,
      offsetsMinutes: run.input.service.reminderOffsetsMinutes,
      since: Date.now(),
      revision,
      sentKeys: run.sentReminderKeys,
    });
    if (!(await sendReminders(run, reminders, moved))) continue;
    if (await condition(moved, untilMs(Date.parse(run.state.end)))) continue;
    await run.mutex.runExclusive(async () => {
      if (moved()) return;
      await transition(run, BookingEvent.APPOINTMENT_OVER, 'system');
    });
  }
}

/** Returns false when the booking moved (rescheduled, cancelled) before every reminder went out. */
async function sendReminders(run: BookingRun, reminders: Reminder[], moved: () => boolean): Promise<boolean> {
  for (const reminder of reminders) {
    if (await condition(moved, untilMs(reminder.dueAt))) return false;
    const sent = await run.mutex.runExclusive(async () => {
      if (moved()) return false;
      await notify(run, 'reminder', reminder.key);
      run.sentReminderKeys.add(reminder.key);
      return true;
    });
    if (!sent) return false;
  }
  return true;
}
