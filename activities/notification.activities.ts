import { buildIcs } from '../src/notifications/ics';
import { claimNotification, markNotificationFailed, markNotificationSent } from '../src/notifications/notifications.repository';
import { renderMessage } from '../src/notifications/render-message';
import type { Attachment, MessageSender } from '../src/providers/messages/message-sender';
import { type BookingActivities, NotificationKind, messageKey, type SendNotificationInput } from '../workflows/contract';
import { type ActivityDeps, activityLogger } from './activity-deps';
import { asActivityFailure } from './activity-failure';

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

/** Calendar invitations ride along with the emails that add, move or remove the appointment. */
function calendarAttachment(input: SendNotificationInput, now: Date): Attachment[] {
  const invite = input.kind === NotificationKind.CONFIRMATION || input.kind === NotificationKind.RESCHEDULED;
  const cancel = input.kind === NotificationKind.CANCELLATION;
  if (!invite && !cancel) return [];
  const revision = revisionOf(input);
  const method = cancel ? 'CANCEL' : 'REQUEST';
  const content = buildIcs({
    bookingId: input.bookingId,
    method,
    // A cancellation must outrank the last invitation the customer received.
    sequence: cancel ? revision + 1 : revision,
    start: new Date(input.start),
    end: new Date(input.end),
    summary: `${input.serviceName} with ${input.resourceName}`,
    description: `Booking ${input.bookingId}`,
    attendeeEmail: input.customer.email,
    attendeeName: input.customer.name,
    now,
  });
  return [{ filename: 'appointment.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content }];
}

export function createNotificationActivities({ db, providers, logger }: ActivityDeps): Pick<BookingActivities, 'sendNotification'> {
  return {
    async sendNotification(input) {
      const log = activityLogger(logger);
      const sent: string[] = [];
      for (const sender of providers.messages) {
        const to = recipientFor(sender, input);
        if (!to) continue;
        const message = renderMessage(input.kind, sender.channel, input);
        // The row is claimed before sending: a retry after a crash finds it and never sends a second copy once marked sent.
        const row = await claimNotification(db, {
          bookingId: input.bookingId,
          kind: input.key,
          channel: sender.channel,
          recipient: to,
          provider: sender.provider,
          subject: message.subject,
          body: message.body,
        });
        if (row.status === 'sent') continue;
        try {
          const result = await sender.send({
            to,
            subject: message.subject,
            body: message.body,
            attachments: sender.channel === 'email' ? calendarAttachment(input, new Date()) : [],
            idempotencyKey: messageKey(input.bookingId, input.key, sender.channel),
          });
          await markNotificationSent(db, row.id, result.providerMessageId);
          sent.push(sender.channel);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          await markNotificationFailed(db, row.id, reason);
          log.warn('notification failed', { bookingId: input.bookingId, key: input.key, channel: sender.channel, err });
          throw asActivityFailure(err);
        }
      }
      log.info('notification processed', { bookingId: input.bookingId, key: input.key, sent });
      return { sent };
    },
  };
}
