import type { Kysely, Selectable } from 'kysely';
import type { Database, NotificationsTable } from '../db/schema';
import type { Channel } from '../providers/messages/message-sender';
import { supersedes } from './delivery-status';

type Db = Kysely<Database>;

/** `sending`: an attempt is in flight (or died in flight: see `sendingSince`). */
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** Why an attempt failed: a ProviderFailure kind, or `outcome_unknown` (it may have gone out). */
export type FailureKind = 'refused' | 'auth' | 'rate_limited' | 'transient' | 'not_found' | 'exceeds_payment' | 'outcome_unknown';

/** Failures after which the message is never sent again: refused for good, or possibly already out. */
export const FINAL_FAILURES: readonly string[] = ['refused', 'outcome_unknown'];

export interface DeliveryReport {
  status: string | null;
  errorCode: string | null;
  detail: string | null;
  updatedAt: string | null;
}

export interface NotificationRecord {
  id: string;
  bookingId: string;
  kind: string;
  channel: Channel;
  recipient: string;
  status: NotificationStatus;
  provider: string;
  providerMessageId: string | null;
  subject: string | null;
  body: string;
  error: string | null;
  errorCode: string | null;
  failureKind: string | null;
  attempts: number;
  sendingSince: string | null;
  delivery: DeliveryReport;
  /** The SMS notification this email stands in for. */
  fallbackFor: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface NotificationClaim {
  bookingId: string;
  /** The step's key (e.g. `confirmation`, `reminder-1440m-r0`): unique per booking and channel. */
  kind: string;
  channel: Channel;
  recipient: string;
  provider: string;
  subject: string | null;
  body: string;
  fallbackFor?: string | null;
}

/**
 * Takes the (booking, kind, channel) row, inserting it as pending when new, and returns the stored
 * row: the caller sends only through `startSending`, so a retry never messages twice.
 */
export async function claimNotification(db: Db, claim: NotificationClaim): Promise<NotificationRecord> {
  await db
    .insertInto('notifications')
    .values({
      booking_id: claim.bookingId,
      kind: claim.kind,
      channel: claim.channel,
      recipient: claim.recipient,
      status: 'pending',
      provider: claim.provider,
      subject: claim.subject,
      body: claim.body,
      fallback_for: claim.fallbackFor ?? null,
    })
    .onConflict((oc) => oc.columns(['booking_id', 'kind', 'channel']).doNothing())
    .execute();
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('booking_id', '=', claim.bookingId)
    .where('kind', '=', claim.kind)
    .where('channel', '=', claim.channel)
    .executeTakeFirstOrThrow();
  return notificationFromRow(row);
}

/**
 * Marks the row `sending` if nobody sent it and no final failure closed it. Exactly one caller wins;
 * the others see false. Recording this before talking to the provider is what lets a later attempt
 * tell "never tried" from "may have gone out".
 */
export async function startSending(db: Db, id: string): Promise<boolean> {
  const row = await db
    .updateTable('notifications')
    .set((eb) => ({ status: 'sending', sending_since: new Date(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb.or([eb('failure_kind', 'is', null), eb('failure_kind', 'not in', FINAL_FAILURES)])])]),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface SentUpdate {
  providerMessageId: string;
  deliveryStatus?: string;
  detail?: string;
}

export async function markNotificationSent(db: Db, id: string, sent: SentUpdate): Promise<void> {
  await db
    .updateTable('notifications')
    .set({
      status: 'sent',
      provider_message_id: sent.providerMessageId,
      sent_at: new Date(),
      sending_since: null,
      failure_kind: null,
      error: null,
      error_code: null,
      delivery_status: sent.deliveryStatus ?? null,
      delivery_detail: sent.detail ?? null,
      delivery_updated_at: sent.deliveryStatus ? new Date() : null,
    })
    .where('id', '=', id)
    .execute();
}

export interface FailedUpdate {
  kind: FailureKind;
  error: string;
  code?: string | null;
  /** When the provider's answer is itself the delivery outcome (an SMTP server rejecting the recipient). */
  deliveryStatus?: string;
}

/** Records the failed attempt; unless the failure is final, the row stays claimable and a retry sends it. */
export async function markNotificationFailed(db: Db, id: string, failed: FailedUpdate): Promise<void> {
  await db
    .updateTable('notifications')
    .set({
      status: 'failed',
      sending_since: null,
      failure_kind: failed.kind,
      error: failed.error,
      error_code: failed.code ?? null,
      ...(failed.deliveryStatus
        ? { delivery_status: failed.deliveryStatus, delivery_error_code: failed.code ?? null, delivery_detail: failed.error, delivery_updated_at: new Date() }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '<>', 'sent')
    .execute();
}

/**
 * An attempt found `sending` since `since` that never finished (its worker died, or it timed out):
 * the message may have gone out, so it becomes a final failure instead of being sent again. Only the
 * caller that sees that very attempt wins.
 */
export async function markAttemptAbandoned(db: Db, id: string, since: string, error: string): Promise<boolean> {
  const row = await db
    .updateTable('notifications')
    .set({ status: 'failed', sending_since: null, failure_kind: 'outcome_unknown', error, error_code: 'OUTCOME_UNKNOWN' })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('sending_since', '=', new Date(since))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findNotification(db: Db, id: string): Promise<NotificationRecord | null> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? notificationFromRow(row) : null;
}

export interface DeliveryUpdate {
  provider: string;
  providerMessageId: string;
  status: string;
  errorCode: string | null;
  detail: string | null;
}

/**
 * Applies a provider's delivery report to the message it names, unless the row already records a
 * later stage (reports arrive out of order and more than once). Returns the row after the report, and
 * whether this report changed it; null when no message of ours has that id.
 */
export async function recordDeliveryReport(db: Db, report: DeliveryUpdate): Promise<{ notification: NotificationRecord; changed: boolean } | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db
      .selectFrom('notifications')
      .selectAll()
      .where('provider', '=', report.provider)
      .where('provider_message_id', '=', report.providerMessageId)
      .executeTakeFirst();
    if (!row) return null;
    if (!supersedes(row.delivery_status, report.status)) return { notification: notificationFromRow(row), changed: false };
    // Compare-and-set on the status read, so two reports racing each other cannot step backwards.
    const updated = await db
      .updateTable('notifications')
      .set({ delivery_status: report.status, delivery_error_code: report.errorCode, delivery_detail: report.detail, delivery_updated_at: new Date() })
      .where('id', '=', row.id)
      .where((eb) => (row.delivery_status === null ? eb('delivery_status', 'is', null) : eb('delivery_status', '=', row.delivery_status)))
      .returningAll()
      .executeTakeFirst();
    if (updated) return { notification: notificationFromRow(updated), changed: true };
  }
  throw new Error(`delivery report for ${report.providerMessageId} kept racing other reports`);
}

export async function listNotifications(db: Db, bookingId: string): Promise<NotificationRecord[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .orderBy('created_at')
    .orderBy('channel')
    .execute();
  return rows.map(notificationFromRow);
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

function notificationFromRow(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: row.id,
    bookingId: row.booking_id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    status: row.status,
    provider: row.provider,
    providerMessageId: row.provider_message_id,
    subject: row.subject,
    body: row.body,
    error: row.error,
    errorCode: row.error_code,
    failureKind: row.failure_kind,
    attempts: row.attempts,
    sendingSince: iso(row.sending_since),
    delivery: { status: row.delivery_status, errorCode: row.delivery_error_code, detail: row.delivery_detail, updatedAt: iso(row.delivery_updated_at) },
    fallbackFor: row.fallback_for,
    createdAt: row.created_at.toISOString(),
    sentAt: iso(row.sent_at),
  };
}
