/**
 * The first schema. Frozen in time: later changes go in new migrations, so this file uses
 * `Kysely<any>` and never the app's `Database` type.
 */
import { type Kysely, sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // The exclusion constraint on slot_holds mixes `=` on text with `&&` on ranges in one GiST index.
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn('price_cents', 'integer', (c) => c.notNull().check(sql`price_cents >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('deposit_cents', 'integer', (c) => c.notNull().defaultTo(0).check(sql`deposit_cents >= 0`))
    .addColumn('buffer_before_minutes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`buffer_before_minutes >= 0`))
    .addColumn('buffer_after_minutes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`buffer_after_minutes >= 0`))
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`min_notice_minutes >= 0`))
    .addColumn('max_advance_days', 'integer', (c) => c.notNull().defaultTo(60).check(sql`max_advance_days > 0`))
    .addColumn('slot_step_minutes', 'integer', (c) => c.notNull().check(sql`slot_step_minutes > 0`))
    .addColumn('payment_window_minutes', 'integer', (c) => c.notNull().check(sql`payment_window_minutes > 0`))
    .addColumn('refund_window_hours', 'integer', (c) => c.notNull().defaultTo(0).check(sql`refund_window_hours >= 0`))
    .addColumn('reminder_offsets_minutes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('services_deposit_within_price', sql`deposit_cents <= price_cents`)
    .execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('weekly_hours', 'jsonb', (c) => c.notNull())
    .addColumn('date_overrides', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('calendar_id', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('resource_services')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('resource_services_pk', ['resource_id', 'service_id'])
    .execute();
  await db.schema.createIndex('resource_services_service_idx').on('resource_services').column('service_id').execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('booking_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`booking_count >= 0`))
    .addColumn('no_show_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`no_show_count >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The read model keeps no FKs to services/resources: it is a projection of workflow state and must
  // accept whatever the workflow recorded, even for a service edited or removed later.
  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_email', 'text', (c) => c.notNull())
    .addColumn('customer_phone', 'text')
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('payment_status', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`char_length(currency) = 3`))
    .addColumn('refunded_cents', 'integer', (c) => c.notNull().defaultTo(0).check(sql`refunded_cents >= 0`))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('history', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('cancellation_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('bookings_end_after_start', sql`end_at > start_at`)
    .execute();
  await db.schema.createIndex('bookings_status_idx').on('bookings').column('status').execute();
  await db.schema.createIndex('bookings_resource_start_idx').on('bookings').columns(['resource_id', 'start_at']).execute();
  await db.schema.createIndex('bookings_start_idx').on('bookings').column('start_at').execute();
  await db.schema.createIndex('bookings_customer_email_idx').on('bookings').column('customer_email').execute();

  await db.schema
    .createTable('slot_holds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('hold_key', 'text', (c) => c.notNull().unique())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('during', sql`tstzrange`, (c) => c.notNull().check(sql`NOT isempty(during)`))
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('held').check(sql`status IN ('held', 'booked')`))
    .addColumn('released_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('slot_holds_end_after_start', sql`end_at > start_at`)
    .execute();
  // The double-booking guard. Holds of one booking may overlap each other (a reschedule holds the new
  // slot before it releases the old one, and the two can overlap); two bookings' holds never.
  await sql`
    ALTER TABLE slot_holds ADD CONSTRAINT slot_holds_no_overlap
    EXCLUDE USING gist (resource_id WITH =, booking_id WITH <>, during WITH &&)
    WHERE (released_at IS NULL)
  `.execute(db);
  await db.schema.createIndex('slot_holds_booking_idx').on('slot_holds').column('booking_id').execute();

  await db.schema
    .createTable('booking_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('booking_events_booking_seq_unique', ['booking_id', 'seq'])
    .execute();

  await db.schema
    .createTable('webhook_events')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('webhook_events_pk', ['provider', 'event_id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('email', 'sms')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'sent', 'failed')`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('notifications_booking_kind_channel_unique', ['booking_id', 'kind', 'channel'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('local_payment_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`char_length(currency) = 3`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('customer_email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('open', 'paid', 'expired')`))
    .addColumn('payment_id', 'text', (c) => c.unique())
    .addColumn('declined_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('local_payment_sessions_booking_idx').on('local_payment_sessions').column('booking_id').execute();

  await db.schema
    .createTable('local_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`char_length(currency) = 3`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('local_refunds_payment_idx').on('local_refunds').column('payment_id').execute();

  await db.schema
    .createTable('local_calendar_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('attendee_email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('confirmed', 'cancelled')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('local_calendar_events_resource_start_idx')
    .on('local_calendar_events')
    .columns(['resource_id', 'start_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'local_calendar_events',
    'local_refunds',
    'local_payment_sessions',
    'idempotency_keys',
    'notifications',
    'webhook_events',
    'booking_events',
    'slot_holds',
    'bookings',
    'customers',
    'resource_services',
    'resources',
    'services',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
