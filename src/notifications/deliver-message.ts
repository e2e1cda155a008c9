import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { CalendarInvite, MessageSender } from '../providers/messages/message-sender';
import { isMessageOutcomeUnknown } from '../providers/messages/message-outcome-unknown';
import { ProviderFailure, ProviderFailureKind, isProviderFailure } from '../providers/provider-failure';
import {
  FINAL_FAILURES,
  claimNotification,
  markAttemptAbandoned,
  markNotificationFailed,
  markNotificationSent,
  startSending,
  type NotificationRecord,
} from './notifications.repository';
import type { RenderedMessage } from './render-message';

export interface DeliverDeps {
  db: Kysely<Database>;
  logger: Logger;
}

export interface MessageToDeliver {
  bookingId: string;
  /** The step key: with the channel, the message's identity. */
  kind: string;
  sender: MessageSender;
  to: string;
  toName?: string;
  rendered: RenderedMessage;
  calendar?: CalendarInvite;
  idempotencyKey: string;
  fallbackFor?: string;
}

export type DeliveryResult =
  | { outcome: 'sent'; notification: NotificationRecord }
  /** Sent by an earlier attempt: nothing to do. */
  | { outcome: 'already-sent'; notification: NotificationRecord }
  /** Closed for good: refused (the provider will never take it) or its outcome unknown (it may be out). */
  | { outcome: 'final-failure'; notification: NotificationRecord; failureKind: string; error: string };

/**
 * How long an attempt may stay `sending` before a later one concludes it died (worker killed, attempt
 * timed out and abandoned). Well above the senders' own timeouts (about 15 s per step).
 */
export const ABANDONED_AFTER_MS = 60_000;

/** The provider is still working on an earlier attempt: try again later (retryable). */
function stillSending(provider: string): ProviderFailure {
  return new ProviderFailure(ProviderFailureKind.TRANSIENT, 'an earlier attempt of this message is still sending', { provider });
}

/**
 * Sends one message at most once, whatever retries or crashes happen. The `notifications` row is
 * the guard: claimed (pending) before anything else, marked `sending` before the provider is called,
 * then `sent` or `failed`. A retry that finds it `sent` does nothing; one that finds an attempt that
 * died mid-send closes it as `outcome_unknown` instead of sending a possible second copy.
 *
 * Throws what a retry can fix (rate limits, outages, our credentials: ProviderFailure); returns a
 * final failure (refused, outcome unknown) recorded on the row.
 */
export async function deliverMessage(deps: DeliverDeps, message: MessageToDeliver, now: Date = new Date()): Promise<DeliveryResult> {
  const { db } = deps;
  const { sender } = message;
  const row = await claimNotification(db, {
    bookingId: message.bookingId,
    kind: message.kind,
    channel: sender.channel,
    recipient: message.to,
    provider: sender.provider,
    subject: message.rendered.subject,
    body: message.rendered.body,
    fallbackFor: message.fallbackFor ?? null,
  });
  if (row.status === 'sent') return { outcome: 'already-sent', notification: row };
  if (row.status === 'failed' && row.failureKind && FINAL_FAILURES.includes(row.failureKind)) {
    return { outcome: 'final-failure', notification: row, failureKind: row.failureKind, error: row.error ?? row.failureKind };
  }
  if (row.status === 'sending') {
    const since = row.sendingSince ?? row.createdAt;
    if (now.getTime() - Date.parse(since) < ABANDONED_AFTER_MS) throw stillSending(sender.provider);
    const error = `an attempt started at ${since} never finished; the message may have gone out, so it is not sent again`;
    if (await markAttemptAbandoned(db, row.id, since, error)) {
      deps.logger.warn('message attempt abandoned', { notificationId: row.id, bookingId: row.bookingId, kind: row.kind, channel: row.channel });
      return { outcome: 'final-failure', notification: { ...row, status: 'failed', failureKind: 'outcome_unknown', error }, failureKind: 'outcome_unknown', error };
    }
    throw stillSending(sender.provider);
  }
  if (!(await startSending(db, row.id))) throw stillSending(sender.provider);

  try {
    const receipt = await sender.send({
      to: message.to,
      ...(message.toName ? { toName: message.toName } : {}),
      subject: message.rendered.subject,
      body: message.rendered.body,
      ...(message.rendered.html !== undefined ? { html: message.rendered.html } : {}),
      attachments: [],
      ...(message.calendar ? { calendar: message.calendar } : {}),
      idempotencyKey: message.idempotencyKey,
    });
    await markNotificationSent(db, row.id, receipt);
    return { outcome: 'sent', notification: { ...row, status: 'sent', providerMessageId: receipt.providerMessageId } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isMessageOutcomeUnknown(error)) {
      await markNotificationFailed(db, row.id, { kind: 'outcome_unknown', error: reason, code: 'OUTCOME_UNKNOWN' });
      return { outcome: 'final-failure', notification: { ...row, status: 'failed', failureKind: 'outcome_unknown', error: reason }, failureKind: 'outcome_unknown', error: reason };
    }
    const kind = isProviderFailure(error) ? error.kind : ProviderFailureKind.TRANSIENT;
    const code = isProviderFailure(error) && error.code !== undefined ? String(error.code) : null;
    const refused = kind === ProviderFailureKind.REFUSED;
    // An SMTP server refusing the recipient or message is itself the delivery outcome: `rejected`.
    await markNotificationFailed(db, row.id, { kind, error: reason, code, ...(refused && sender.channel === 'email' ? { deliveryStatus: 'rejected' } : {}) });
    if (refused) return { outcome: 'final-failure', notification: { ...row, status: 'failed', failureKind: kind, error: reason, errorCode: code }, failureKind: kind, error: reason };
    throw error;
  }
}
