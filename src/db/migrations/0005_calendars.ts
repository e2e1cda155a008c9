/**
 * Issue 7: real calendars and Calendly. A resource already names its calendar (`calendar_id`, 0001);
 * this adds the Calendly bindings (a service is a Calendly event type, a resource a Calendly user) and
 * the table that ties each Calendly invitee to the booking it made, so a reschedule (a cancel and a
 * create, in either order) moves one booking instead of cancelling it and making another. Frozen in time.
 */
import { type Kysely, sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('services').addColumn('calendly_event_type_uri', 'text').execute();
  await db.schema.alterTable('resources').addColumn('calendly_user_uri', 'text').execute();
  // One service per event type and one resource per Calendly user, or an invitee could map to two.
  await sql`CREATE UNIQUE INDEX services_calendly_event_type_uri_key ON services (calendly_event_type_uri) WHERE calendly_event_type_uri IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX resources_calendly_user_uri_key ON resources (calendly_user_uri) WHERE calendly_user_uri IS NOT NULL`.execute(db);

  await db.schema
    .createTable('calendly_invitees')
    .addColumn('invitee_uri', 'text', (c) => c.primaryKey())
    // Null while nothing was booked for it (refused before a booking started).
    .addColumn('booking_id', 'text')
    .addColumn('scheduled_event_uri', 'text', (c) => c.notNull())
    // booked: holds its booking; rejected: refused here and cancelled in Calendly; canceled: its booking
    // was cancelled; awaiting_partner: cancelled in Calendly as rescheduled, the new invitee not seen yet;
    // rescheduled: its booking moved on to the new invitee.
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('booked', 'rejected', 'canceled', 'awaiting_partner', 'rescheduled')`),
    )
    .addColumn('partner_invitee_uri', 'text')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('calendly_invitees_booking_idx').on('calendly_invitees').column('booking_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendly_invitees').ifExists().execute();
  await sql`DROP INDEX IF EXISTS resources_calendly_user_uri_key`.execute(db);
  await sql`DROP INDEX IF EXISTS services_calendly_event_type_uri_key`.execute(db);
  await db.schema.alterTable('resources').dropColumn('calendly_user_uri').execute();
  await db.schema.alterTable('services').dropColumn('calendly_event_type_uri').execute();
}
