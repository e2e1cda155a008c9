/**
 * Saga core v2: a cap on reschedules per service, and the read model learns what an operator and a
 * repeated create request need (the checkout link, failing undos, attention flags). Frozen in time.
 */
import { type Kysely, sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('services')
    .addColumn('max_reschedules', 'integer', (c) => c.notNull().defaultTo(3).check(sql`max_reschedules >= 0`))
    .execute();
  await db.schema
    .alterTable('bookings')
    .addColumn('checkout_url', 'text')
    // The payment the booking kept: a late webhook announcing it again must not be refunded as a stray one.
    .addColumn('payment_id', 'text')
    .addColumn('pending_undos', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('attention', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  // Operators list the bookings that need them; most rows have nothing, so the index stays small.
  await sql`CREATE INDEX bookings_attention_idx ON bookings ((attention <> '[]'::jsonb)) WHERE attention <> '[]'::jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS bookings_attention_idx`.execute(db);
  await db.schema.alterTable('bookings').dropColumn('checkout_url').dropColumn('payment_id').dropColumn('pending_undos').dropColumn('attention').execute();
  await db.schema.alterTable('services').dropColumn('max_reschedules').execute();
}
