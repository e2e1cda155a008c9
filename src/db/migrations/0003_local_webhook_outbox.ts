/**
 * The local payment provider's outbox: a paid or declined checkout queues its webhook in the same
 * transaction that changes the session, and a dispatcher delivers it until the API acknowledges it.
 * A payment is never left with no event on its way to its booking. Frozen in time.
 */
import { type Kysely, sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('local_webhook_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    // Where the event goes: the webhook URL of the API that took the payment. Replicas of one API
    // share it; an API whose address differs (another deployment, a test harness) leaves it alone.
    .addColumn('endpoint_url', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    // No `dead` state: a paid event that is never delivered strands the customer's money, so a
    // failing event stays pending (retried at the longest backoff) until someone fixes the cause.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status IN ('pending', 'delivered')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  // The dispatchers' poll reads only what is still to deliver; delivered rows stay out of the index.
  await sql`CREATE INDEX local_webhook_outbox_due_idx ON local_webhook_outbox (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await db.schema.createIndex('local_webhook_outbox_booking_idx').on('local_webhook_outbox').column('booking_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('local_webhook_outbox').ifExists().execute();
}
