import type { Kysely, Selectable } from 'kysely';
import type { CalendlyInviteesTable, Database } from '../db/schema';

type Db = Kysely<Database>;
export type CalendlyInviteeStatus = CalendlyInviteesTable['status'];
export type CalendlyInviteeRow = Selectable<CalendlyInviteesTable>;

export async function findCalendlyInvitee(db: Db, inviteeUri: string): Promise<CalendlyInviteeRow | null> {
  return (await db.selectFrom('calendly_invitees').selectAll().where('invitee_uri', '=', inviteeUri).executeTakeFirst()) ?? null;
}

/** Records what an invitee became; a second record of the same invitee keeps the first. */
export async function recordCalendlyInvitee(
  db: Db,
  row: { inviteeUri: string; bookingId: string | null; scheduledEventUri: string; status: CalendlyInviteeStatus; detail?: string | null },
): Promise<void> {
  await db
    .insertInto('calendly_invitees')
    .values({ invitee_uri: row.inviteeUri, booking_id: row.bookingId, scheduled_event_uri: row.scheduledEventUri, status: row.status, detail: row.detail ?? null })
    .onConflict((oc) => oc.column('invitee_uri').doNothing())
    .execute();
}

/**
 * Moves an invitee from one of `from` to `to` in one statement, so two deliveries racing for it (the
 * new invitee and the end of the wait) cannot both win. Returns the row as it was claimed, or null.
 */
export async function claimCalendlyInvitee(
  db: Db,
  inviteeUri: string,
  from: readonly CalendlyInviteeStatus[],
  to: CalendlyInviteeStatus,
  partnerInviteeUri?: string | null,
): Promise<CalendlyInviteeRow | null> {
  const row = await db
    .updateTable('calendly_invitees')
    .set({ status: to, updated_at: new Date(), ...(partnerInviteeUri !== undefined ? { partner_invitee_uri: partnerInviteeUri } : {}) })
    .where('invitee_uri', '=', inviteeUri)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}
