import { ApplicationFailure } from '@temporalio/common';
import { getBooking } from '../src/bookings/bookings.repository';
import { type DeliveryResult, deliverMessage } from '../src/notifications/deliver-message';
import { buildInvite } from '../src/notifications/ics';
import { manageUrl } from '../src/notifications/manage-link';
import { formatAppointmentTime } from '../src/notifications/message-facts';
import { messageSuperseded } from '../src/notifications/message-superseded';
import { findNotification } from '../src/notifications/notifications.repository';
import { renderMessage } from '../src/notifications/render-message';
import { sendSmsFallback } from '../src/notifications/sms-fallback';
import type { CalendarInvite, MessageSender } from '../src/providers/messages/message-sender';
import { isProviderFailure } from '../src/providers/provider-failure';
import {
  type BookingActivities,
  type MessageDeliveryActivities,
  NotificationKind,
  messageKey,
  type SendNotificationInput,
} from '../workflows/contract';
import { type ActivityDeps, activityLogger } from './activity-deps';
import { asActivityFailure } from './activity-failure';

/** A message that may have gone out or that the provider refused for good: never retried (see deliverMessage). */
const MESSAGE_NOT_SENT = 'MESSAGE_NOT_SENT';

/**
 * The booking's revision, which the invite's SEQUENCE follows. Bookings started before the workflow
 * passed it (workflows/v1) only had it in some step keys (`rescheduled-r2`), so that stays the fallback.
 */
function revisionOf(input: SendNotificationInput): number {
  if (input.revision !== undefined) return input.revision;
  const match = /-r(\d+)$/.exec(input.key);
  return match ? Number(match[1]) : 0;
}

function recipientFor(sender: MessageSender, input: SendNotificationInput): string | null {
  return sender.channel === 'email' ? input.customer.email : input.customer.phone;
}

/** The iTIP message riding along with the emails that add, move or remove the appointment. */
function calendarInvite(input: SendNotificationInput, sender: MessageSender, now: Date): CalendarInvite | undefined {
  const invite = input.kind === NotificationKind.CONFIRMATION || input.kind === NotificationKind.RESCHEDULED;
  // A booking cancelled before it was confirmed never sent an invite, so there is nothing to withdraw.
  const cancel = input.kind === NotificationKind.CANCELLATION && input.confirmed !== false;
  if (!invite && !cancel) return undefined;
  const revision = revisionOf(input);
  const method = cancel ? 'CANCEL' : 'REQUEST';
  const content = buildInvite({
    bookingId: input.bookingId,
    method,
    // Invites carry the revision (0, 1, 2...); a cancellation must outrank the last of them.
    sequence: cancel ? revision + 1 : revision,
    start: new Date(input.start),
    end: new Date(input.end),
    timeZone: input.timeZone,
    summary: `${input.serviceName} with ${input.resourceName}`,
    description: `${formatAppointmentTime(input.start, input.timeZone)}\nBooking ${input.bookingId}. To view, reschedule or cancel, use the link in our email.`,
    organizer: sender.from ? { email: sender.from.address, ...(sender.from.name ? { name: sender.from.name } : {}) } : { email: 'bookings@localhost' },
    attendee: { email: input.customer.email, name: input.customer.name },
    now,
  });
  return { method, content, filename: 'appointment.ics' };
}

/** The failure the workflow sees for a message that will not be retried: its provider, kind and code in the details. */
function notSent(result: Extract<DeliveryResult, { outcome: 'final-failure' }>): ApplicationFailure {
  const row = result.notification;
  return ApplicationFailure.create({
    type: MESSAGE_NOT_SENT,
    message: `${row.channel} ${row.kind} not sent (${result.failureKind}): ${result.error}`,
    nonRetryable: true,
    details: [{ channel: row.channel, provider: row.provider, failureKind: result.failureKind, code: row.errorCode }],
  });
}

/** A retryable failure first, so Temporal tries again (channels already sent are skipped then); else the first. */
function worstOf(failures: unknown[]): unknown {
  return failures.find((failure) => isProviderFailure(failure) && failure.retryable) ?? failures[0];
}

export function createNotificationActivities(deps: ActivityDeps): Pick<BookingActivities, 'sendNotification'> & MessageDeliveryActivities {
  const { db, providers, bookingTokenSecret } = deps;
  const linkFor = (publicBaseUrl: string | undefined, bookingId: string): string | null =>
    bookingTokenSecret && publicBaseUrl ? manageUrl(publicBaseUrl, bookingTokenSecret, bookingId) : null;

  return {
    async sendNotification(input) {
      const log = activityLogger(deps.logger);
      if (input.skipIfSuperseded) {
        // The read model is written before the booking hands over the message that overtakes this one.
        const booking = await getBooking(db, input.bookingId);
        const superseded = booking ? messageSuperseded(input, booking) : null;
        if (superseded) {
          log.info('notification superseded, not sent', { bookingId: input.bookingId, key: input.key, superseded });
          return { sent: [], superseded };
        }
      }
      const manage = linkFor(input.publicBaseUrl, input.bookingId);
      if (!manage) log.warn('message without a manage link: the worker has no BOOKING_TOKEN_SECRET or the workflow no public URL', { bookingId: input.bookingId });
      const facts = { ...input, manageUrl: manage };
      const now = new Date();
      const sent: string[] = [];
      const failures: unknown[] = [];
      // Every channel is tried even when one fails: each row guards its own channel, so a retry redoes only what is missing.
      for (const sender of providers.messages) {
        const to = recipientFor(sender, input);
        if (!to) continue;
        try {
          const calendar = sender.channel === 'email' ? calendarInvite(input, sender, now) : undefined;
          const result = await deliverMessage(
            { db, logger: log },
            {
              bookingId: input.bookingId,
              kind: input.key,
              sender,
              to,
              toName: input.customer.name,
              rendered: renderMessage(input.kind, sender.channel, facts),
              ...(calendar ? { calendar } : {}),
              idempotencyKey: messageKey(input.bookingId, input.key, sender.channel),
            },
            now,
          );
          if (result.outcome === 'sent') sent.push(sender.channel);
          if (result.outcome !== 'final-failure') continue;
          // A text the provider refused (invalid number, unsubscribed) goes to the customer by email instead, once.
          if (sender.channel === 'sms' && result.failureKind === 'refused') {
            await sendSmsFallback({ db, logger: log, senders: providers.messages }, { sms: result.notification, customer: input.customer, manageUrl: manage });
          }
          failures.push(notSent(result));
        } catch (error) {
          log.warn('notification failed', { bookingId: input.bookingId, key: input.key, channel: sender.channel, err: error });
          failures.push(error);
        }
      }
      log.info('notification processed', { bookingId: input.bookingId, key: input.key, sent, failed: failures.length });
      if (failures.length > 0) throw asActivityFailure(worstOf(failures));
      return { sent };
    },

    async sendSmsFallback(input) {
      const log = activityLogger(deps.logger);
      const sms = await findNotification(db, input.notificationId);
      if (!sms || sms.channel !== 'sms') return { outcome: 'no-sms-notification' };
      const booking = await getBooking(db, sms.bookingId);
      if (!booking) return { outcome: 'no-booking' };
      const result = await sendSmsFallback(
        { db, logger: log, senders: providers.messages },
        { sms, customer: { name: booking.customer.name, email: booking.customer.email }, manageUrl: linkFor(input.publicBaseUrl, sms.bookingId) },
      );
      if (!result) return { outcome: 'no-email-channel' };
      log.info('sms fallback processed', { bookingId: sms.bookingId, smsKind: sms.kind, outcome: result.outcome });
      return { outcome: result.outcome };
    },
  };
}
