/**
 * Issue 6: real payment providers. Services get price tiers (prices by duration); the bookings read
 * model learns who takes the payment and what the booking costs beside what is charged when booking
 * (a deposit), so it can show the balance due; and Payrexx, which has no idempotency keys of its own,
 * gets two small tables that make a retried gateway creation or refund find what the first attempt
 * did. Frozen in time.
 */
import { type Kysely, sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('services')
    .addColumn('price_tiers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await db.schema
    .alterTable('bookings')
    .addColumn('payment_provider', 'text')
    // Null for rows written before this migration: their price is what they charged.
    .addColumn('price_cents', 'integer')
    .addColumn('deposit_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Webhooks that name only a payment (refunds, disputes) find their booking by it.
  await sql`CREATE INDEX bookings_payment_id_idx ON bookings (payment_id) WHERE payment_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('payrexx_gateways')
    // One gateway per booking attempt: the payment session's idempotency key.
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    // Null while the create call is in flight (or crashed in it): a retry creates the gateway.
    .addColumn('gateway_id', 'text')
    .addColumn('link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('payrexx_gateways_gateway_idx').on('payrexx_gateways').column('gateway_id').execute();

  await db.schema
    .createTable('payrexx_refunds')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    // What the gateway had refunded before this refund was asked for: a retry after an unknown outcome
    // compares against it to tell whether the first attempt went through.
    .addColumn('refunded_before_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'done')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payrexx_refunds').ifExists().execute();
  await db.schema.dropTable('payrexx_gateways').ifExists().execute();
  await sql`DROP INDEX IF EXISTS bookings_payment_id_idx`.execute(db);
  await db.schema.alterTable('bookings').dropColumn('deposit_cents').dropColumn('price_cents').dropColumn('payment_provider').execute();
  await db.schema.alterTable('services').dropColumn('price_tiers').execute();
}
