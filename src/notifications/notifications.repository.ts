import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Channel } from '../providers/messages/message-sender';

type Db = Kysely<Database>;

export type NotificationStatus = 'pending' | 'sent' | 'failed';

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
  createdAt: string;
  sentAt: string | null;
}

export interface NotificationClaim {
  bookingId: string;
  /** The step's key (e.g. `confirmation-r0`, `reminder-1440m-r0`): unique per booking and channel. */
  kind: string;
  channel: Channel;
  recipient: string;
  provider: string;
  subject: string | null;
  body: string;
}

/**
 * Takes the (booking, kind, channel) row, inserting it as pending when new, and returns the stored
 * row: the caller sends only when it is not already `sent`, so a retry never messages twice.
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

export async function markNotificationSent(db: Db, id: string, providerMessageId: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ status: 'sent', provider_message_id: providerMessageId, error: null, sent_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Records the failure; the row stays claimable, so the activity's retry sends again. */
export async function markNotificationFailed(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('notifications').set({ status: 'failed', error }).where('id', '=', id).where('status', '<>', 'sent').execute();
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

function notificationFromRow(row: {
  id: string;
  booking_id: string;
  kind: string;
  channel: Channel;
  recipient: string;
  status: NotificationStatus;
  provider: string;
  provider_message_id: string | null;
  subject: string | null;
  body: string;
  error: string | null;
  created_at: Date;
  sent_at: Date | null;
}): NotificationRecord {
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
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
  };
}
