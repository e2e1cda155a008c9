/**
 * The booking activities over in-memory tables, typed against the real interface (the factory in
 * activities/booking.activities.ts returns the same `BookingActivities`). Records every call with the
 * booking it belongs to and the (possibly time-skipped) server time it was scheduled at.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { type BookingActivities, type SendNotificationInput, type BookingState, type HistoryEntry, FailureType } from '../../workflows/contract';

export interface RecordedCall {
  name: keyof BookingActivities;
  bookingId: string;
  input: unknown;
  /** Server time the activity was scheduled (epoch ms): the skipped clock on the time-skipping server. */
  at: number;
}

interface Hold {
  bookingId: string;
  holdKey: string;
  resourceId: string;
  from: number;
  to: number;
  state: 'held' | 'booked' | 'released';
}

export interface InMemoryWorld {
  activities: BookingActivities;
  calls: RecordedCall[];
  holds: Map<string, Hold>;
  notifications: Map<string, SendNotificationInput & { at: number }>;
  transitions: Array<{ booking: BookingState; entry: HistoryEntry; seq: number }>;
  /** The names of the calls made for one booking, in order. */
  callNames(bookingId: string): string[];
  callsOf(bookingId: string, name: keyof BookingActivities): RecordedCall[];
  activeHolds(bookingId: string): Hold[];
}

export interface InMemoryOptions {
  /** Makes createCalendarEvent fail for good (to exercise the confirmation compensation). */
  failCalendarFor?: (bookingId: string) => boolean;
}

function scheduledAt(): number {
  try {
    return Context.current().info.currentAttemptScheduledTimestampMs;
  } catch {
    return Date.now();
  }
}

export function createInMemoryWorld(options: InMemoryOptions = {}): InMemoryWorld {
  const calls: RecordedCall[] = [];
  const holds = new Map<string, Hold>();
  const notifications = new Map<string, SendNotificationInput & { at: number }>();
  const transitions: InMemoryWorld['transitions'] = [];
  const refunds = new Map<string, { refundId: string; amountCents: number }>();
  const record = (name: keyof BookingActivities, bookingId: string, input: unknown): void => {
    calls.push({ name, bookingId, input, at: scheduledAt() });
  };
  // Session and calendar event ids carry the booking id, so calls that only get those can be attributed.
  const bookingOf = (id: string): string => id.replace(/^(cs|evt)_/, '');

  const activities = {
    async holdSlot(input) {
      record('holdSlot', input.bookingId, input);
      const existing = holds.get(input.holdKey);
      if (existing && existing.state !== 'released') return { holdId: input.holdKey };
      const from = Date.parse(input.start) - input.bufferBeforeMinutes * 60_000;
      const to = Date.parse(input.end) + input.bufferAfterMinutes * 60_000;
      const clash = [...holds.values()].find(
        (hold) =>
          hold.state !== 'released' &&
          hold.resourceId === input.resourceId &&
          hold.bookingId !== input.bookingId &&
          hold.from < to &&
          from < hold.to,
      );
      if (clash) throw ApplicationFailure.nonRetryable('The slot is held by another booking', FailureType.SLOT_UNAVAILABLE);
      holds.set(input.holdKey, { bookingId: input.bookingId, holdKey: input.holdKey, resourceId: input.resourceId, from, to, state: 'held' });
      return { holdId: input.holdKey };
    },
    async releaseHold(input) {
      record('releaseHold', input.bookingId, input);
      const hold = holds.get(input.holdKey);
      if (hold) hold.state = 'released';
    },
    async confirmHold(input) {
      record('confirmHold', input.bookingId, input);
      const hold = holds.get(input.holdKey);
      if (!hold || hold.state === 'released') throw new Error(`No hold ${input.holdKey} to confirm`);
      hold.state = 'booked';
    },
    async createPaymentSession(input) {
      record('createPaymentSession', input.bookingId, input);
      return { provider: 'local', sessionId: `cs_${input.bookingId}`, checkoutUrl: `http://checkout.test/cs_${input.bookingId}` };
    },
    async expirePaymentSession(input) {
      record('expirePaymentSession', bookingOf(input.sessionId), input);
    },
    async refundPayment(input) {
      record('refundPayment', input.bookingId, input);
      const previous = refunds.get(input.idempotencyKey);
      if (previous) return previous;
      const refund = { refundId: `re_${refunds.size + 1}`, amountCents: input.amountCents };
      refunds.set(input.idempotencyKey, refund);
      return refund;
    },
    async createCalendarEvent(input) {
      record('createCalendarEvent', input.bookingId, input);
      if (options.failCalendarFor?.(input.bookingId)) {
        throw ApplicationFailure.nonRetryable('Calendar refused the event', 'CALENDAR_REJECTED');
      }
      return { eventId: `evt_${input.bookingId}`, resourceId: input.resourceId };
    },
    async moveCalendarEvent(input) {
      record('moveCalendarEvent', bookingOf(input.eventId), input);
    },
    async deleteCalendarEvent(input) {
      record('deleteCalendarEvent', bookingOf(input.eventId), input);
    },
    async sendNotification(input) {
      record('sendNotification', input.bookingId, input);
      const id = `${input.bookingId}:${input.key}`;
      if (notifications.has(id)) return { sent: [] };
      notifications.set(id, { ...input, at: scheduledAt() });
      return { sent: ['email'] };
    },
    async recordTransition(input) {
      record('recordTransition', input.booking.id, input);
      if (!transitions.some((t) => t.booking.id === input.booking.id && t.seq === input.seq)) transitions.push(input);
    },
  } satisfies BookingActivities;

  return {
    activities,
    calls,
    holds,
    notifications,
    transitions,
    callNames: (bookingId) => calls.filter((call) => call.bookingId === bookingId).map((call) => call.name),
    callsOf: (bookingId, name) => calls.filter((call) => call.bookingId === bookingId && call.name === name),
    activeHolds: (bookingId) => [...holds.values()].filter((hold) => hold.bookingId === bookingId && hold.state !== 'released'),
  };
}
