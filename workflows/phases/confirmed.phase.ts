import { BookingEvent, BookingStatus } from '../contract/statuses';
import { MessageStep } from '../contract/idempotency-keys';
import type { BookingRun } from '../runtime/booking-run';
import { waitOrContinueAsNew } from '../runtime/continue-as-new';
import { errorMessage, isStepFailure } from '../runtime/failures';
import { transition } from '../runtime/record';
import { pendingReminders, type Reminder } from '../state/reminder-schedule';
import { createCalendarEvent } from '../steps/calendar-event.step';
import { confirmHold } from '../steps/hold-slot.step';
import { notify } from '../steps/notify.step';
import { compensateAndCancel } from './cancel.phase';

const untilMs = (instant: number): number => Math.max(1, instant - Date.now());

/** CONFIRMED: book the hold, put it in the calendar, then remind and complete on durable timers. */
export async function runConfirmedPhase(run: BookingRun): Promise<void> {
  if (!run.confirmed) {
    const confirmed = await run.mutex.runExclusive(() => confirmBooking(run));
    if (!confirmed) return;
  }
  await remindUntilOver(run);
  if (run.state.status === BookingStatus.COMPLETED) {
    // An admin may still mark a completed booking as a no-show for a while.
    const graceEnds = Date.parse(run.state.end) + run.noShowGraceMinutes * 60_000;
    await waitOrContinueAsNew(run, () => run.state.status !== BookingStatus.COMPLETED, untilMs(graceEnds));
  }
}

async function confirmBooking(run: BookingRun): Promise<boolean> {
  // Cancelled (or moved on) while waiting for the lock.
  if (run.state.status !== BookingStatus.CONFIRMED) return false;
  try {
    // The hold becomes the booking; its release undo stays, a cancellation frees the slot.
    await confirmHold(run, run.state.holdKey ?? '', { untilDone: true });
    await createCalendarEvent(run);
  } catch (error) {
    if (!isStepFailure(error)) throw error;
    await compensateAndCancel(run, {
      reason: 'the booking could not be confirmed',
      actor: 'system',
      refund: 'full',
      event: BookingEvent.CONFIRMATION_FAILED,
      detail: errorMessage(error),
    });
    return false;
  }
  run.confirmed = true;
  await notify(run, 'confirmation', MessageStep.confirmation(), { amountCents: run.state.payment.amountCents });
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
    if (await waitOrContinueAsNew(run, moved, untilMs(Date.parse(run.state.end)))) continue;
    await run.mutex.runExclusive(async () => {
      if (moved()) return;
      await transition(run, BookingEvent.APPOINTMENT_OVER, 'system');
    });
  }
}

/** Returns false when the booking moved (rescheduled, cancelled) before every reminder went out. */
async function sendReminders(run: BookingRun, reminders: Reminder[], moved: () => boolean): Promise<boolean> {
  for (const reminder of reminders) {
    if (await waitOrContinueAsNew(run, moved, untilMs(reminder.dueAt))) return false;
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
